//! Shortcodes and data files: calls in Markdown rendered by `templates/shortcodes/`, their
//! output in the table of contents, the links and the text; one clear message per editor
//! mistake at the call's line and column; `load_data` only inside the site; and the G40
//! theme's shortcodes on the G40 site and on the demo site that uses every one of them.

use super::harness::{TestSite, copy_tree, repository_file};

const KADER: &str = "{% component kader(soort: string = \"info\", titel: string = \"\") {\"values\": {\"soort\": [\"info\", \"let-op\", \"waarschuwing\"]}} -%}\n<div class=\"kader kader--{{ soort }}\">{% if titel %}<p>{{ titel }}</p>{% endif %}{{ body }}</div>\n{%- endcomponent kader %}\n";
const FIGUUR: &str = "{% component figuur(src: string, alt: string, breedte: integer = 0, bijschrift: string = \"\") -%}\n<figure><img src=\"{{ src }}\" alt=\"{{ alt }}\"><figcaption>{{ bijschrift }}</figcaption></figure>\n{%- endcomponent figuur %}\n";
const CIJFERS: &str = "{% component cijfers(bestand: string, @page) -%}\n{%- set data = load_data(path=bestand) -%}\n<table>{% for rij in data.rows %}<tr>{% for cel in rij %}<td>{% if cel is numeric(decimal=data.decimal) %}{{ cel | format_number(decimal=data.decimal) }}{% else %}{{ cel }}{% endif %}</td>{% endfor %}</tr>{% endfor %}</table>\n{%- endcomponent cijfers %}\n";

/// The basic fixture with three shortcodes in its theme.
pub(super) fn site_with_shortcodes() -> TestSite {
    let site = TestSite::fixture("basic");
    site.write("themes/eenvoud/templates/shortcodes/kader.html", KADER)
        .write("themes/eenvoud/templates/shortcodes/figuur.html", FIGUUR)
        .write("templates/shortcodes/cijfers.html", CIJFERS);
    site
}

/// Builds `site` with `body` as the text of `content/over.md` and keten's messages in
/// `lang`; returns stderr of the failed build.
pub(super) fn fails_in(lang: &str, site: &TestSite, body: &str) -> String {
    site.write(
        "content/over.md",
        format!("---\ntitle: Over\n---\n\n{body}"),
    );
    site.keten_in(lang, &["build"]).failed()
}

/// The English error of `body` on the site with shortcodes.
fn fails_with(body: &str) -> String {
    fails_in("en", &site_with_shortcodes(), body)
}

#[test]
fn calls_are_expanded_and_their_output_takes_part_in_the_page() {
    let site = site_with_shortcodes();
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\n## Begin\n\n{{ figuur(src=\"/css/site.css\", alt=\"Kaart\", bijschrift=\"Een kaart\") }}\n\n{% kader(soort=\"let-op\") %}\n## In het kader\n\nZie [het begin](#begin).\n{% end %}\n",
    );
    site.build(&[]).ok();
    let html = site.output("over/index.html");
    assert!(
        html.contains("<figure><img src=\"/css/site.css\" alt=\"Kaart\"><figcaption>Een kaart</figcaption></figure>"),
        "a call alone on its line is a block, not in a <p>: {html}"
    );
    assert!(
        html.contains(
            "<div class=\"kader kader--let-op\">\n<h2 id=\"in-het-kader\">In het kader</h2>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#in-het-kader\">In het kader</a>"),
        "a heading in a body is in the table of contents: {html}"
    );
}

#[test]
fn a_broken_link_in_a_shortcodes_output_fails_the_build() {
    let site = site_with_shortcodes();
    site.write(
        "templates/shortcodes/verwijzing.html",
        "{% component verwijzing(naar: string) %}<a href=\"{{ naar }}\">Lees meer</a>{% endcomponent verwijzing %}",
    );
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\n{{ verwijzing(naar=\"/bestaat/niet/\") }}\n",
    );
    let error = site.build(&[]).failed();
    assert!(error.contains("/bestaat/niet/"), "{error}");
}

#[test]
fn calls_in_code_spans_and_code_blocks_stay_text() {
    let site = site_with_shortcodes();
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\nSchrijf `{{ figuur(src=\"a.png\", alt=\"x\") }}` in de tekst.\n\n```\n{% kader(soort=\"info\") %}\n{{ onbekend() }}\n{% end %}\n```\n\n    {{ ingesprongen() }}\n",
    );
    site.build(&[]).ok();
    let html = site.output("over/index.html");
    assert!(
        html.contains("<code>{{ figuur(src=\"a.png\", alt=\"x\") }}</code>"),
        "{html}"
    );
    assert!(
        html.contains("{% kader(soort=\"info\") %}\n{{ onbekend() }}\n{% end %}"),
        "{html}"
    );
    assert!(html.contains("{{ ingesprongen() }}"), "{html}");
    assert!(!html.contains("<figure>"), "{html}");
}

#[test]
fn a_broken_link_in_a_body_is_reported_at_its_own_line() {
    let error = fails_with("{% kader() %}\nTekst.\n\nZie [weg](@/bestaat-niet.md).\n{% end %}\n");
    assert!(error.contains("content/over.md:8:5"), "{error}");
    assert!(
        error.contains("there is no `content/bestaat-niet.md`"),
        "{error}"
    );
}

#[test]
fn unknown_shortcode_suggests_a_known_one() {
    let error = fails_with("Tekst.\n\n{{ figur(src=\"a.png\", alt=\"Kaart\") }}\n");
    assert!(error.contains("content/over.md:7:1"), "{error}");
    insta::assert_snapshot!(error);
}

#[test]
fn unknown_argument_suggests_a_known_one() {
    let error = fails_with("{{ figuur(src=\"a.png\", alt=\"Kaart\", bijschrfit=\"x\") }}\n");
    assert!(error.contains("content/over.md:5:37"), "{error}");
    insta::assert_snapshot!(error);
}

#[test]
fn missing_argument_is_named() {
    let error = fails_with("Een kaart: {{ figuur(src=\"a.png\") }}\n");
    assert!(error.contains("content/over.md:5:12"), "{error}");
    insta::assert_snapshot!(error);
}

#[test]
fn wrong_type_says_how_to_write_it() {
    let error = fails_with("{{ figuur(src=\"a.png\", alt=\"Kaart\", breedte=\"480\") }}\n");
    assert!(error.contains("content/over.md:5:37"), "{error}");
    insta::assert_snapshot!(error);
}

#[test]
fn a_value_outside_the_declared_ones_suggests_one() {
    let error = fails_with("{% kader(soort=\"letop\") %}\nTekst.\n{% end %}\n");
    insta::assert_snapshot!(error);
}

#[test]
fn unclosed_body_is_reported_at_its_start() {
    let error = fails_with("Tekst.\n\n{% kader(soort=\"info\") %}\nEen kader zonder einde.\n");
    assert!(error.contains("content/over.md:7:1"), "{error}");
    insta::assert_snapshot!(error);
}

#[test]
fn stray_end_is_reported() {
    let error = fails_with("Tekst.\n\n{% end %}\n");
    assert!(error.contains("content/over.md:7:1"), "{error}");
    insta::assert_snapshot!(error);
}

#[test]
fn a_call_that_cannot_be_read_says_why() {
    let error = fails_with("{{ figuur(src=\"a.png\" alt=\"Kaart\") }}\n");
    assert!(error.contains("content/over.md:5:23"), "{error}");
    insta::assert_snapshot!(error);
}

#[test]
fn a_hugo_shortcode_is_pointed_out() {
    let error = fails_with("Bekijk de video:\n\n{{< youtube abc123 >}}\n");
    assert!(error.contains("content/over.md:7:1"), "{error}");
    insta::assert_snapshot!(error);
}

#[test]
fn template_error_names_the_shortcode_template_and_the_page() {
    let site = site_with_shortcodes();
    site.write(
        "templates/shortcodes/stuk.html",
        "{% component stuk(tekst: string) -%}\n<p>{{ tekst }}</p>\n<p>{{ tekst | onbekend_filter }}</p>\n{%- endcomponent stuk %}\n",
    );
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\n{{ stuk(tekst=\"x\") }}\n",
    );
    let error = site.build(&[]).failed();
    assert!(
        error.contains("templates/shortcodes/stuk.html:3:"),
        "{error}"
    );
    let site = site_with_shortcodes();
    site.write(
        "templates/shortcodes/stuk.html",
        "{% component stuk(tekst: string) -%}\n<p>{{ tekst }}</p>\n<p>{{ tekst.niet_er }}</p>\n{%- endcomponent stuk %}\n",
    );
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\nTekst.\n\n{{ stuk(tekst=\"x\") }}\n",
    );
    let error = site.build(&[]).failed();
    assert!(
        error.contains("content/over.md:7:1"),
        "the calling page: {error}"
    );
    assert!(
        error.contains("templates/shortcodes/stuk.html:3:"),
        "the shortcode template and its line: {error}"
    );
    insta::assert_snapshot!(error);
}

#[test]
fn a_shortcode_template_without_its_component_is_an_error() {
    let site = site_with_shortcodes();
    site.write("templates/shortcodes/leeg.html", "<p>Geen component</p>\n");
    let error = site.build(&[]).failed();
    assert!(error.contains("templates/shortcodes/leeg.html"), "{error}");
    assert!(error.contains("defines no component `leeg`"), "{error}");
}

#[test]
fn the_site_overrides_a_theme_shortcode() {
    let site = site_with_shortcodes();
    site.write(
        "templates/shortcodes/kader.html",
        "{% component kader(soort: string = \"info\") %}<aside class=\"eigen\">{{ body }}</aside>{% endcomponent kader %}",
    );
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\n{% kader() %}\nTekst.\n{% end %}\n",
    );
    site.build(&[]).ok();
    assert!(
        site.output("over/index.html")
            .contains("<aside class=\"eigen\">")
    );
}

#[test]
fn numbers_from_a_dutch_csv_are_written_the_dutch_way() {
    let site = site_with_shortcodes();
    site.write(
        "content/docs/bundel/cijfers.csv",
        "Jaar;Banen;Duur\n2019;3.424;23,260\n2020;3001;1.234.567,5\n",
    );
    site.write(
        "content/docs/bundel/engels.csv",
        "Jaar,Banen,Duur\n2019,3424,23.260\n",
    );
    site.write(
        "content/docs/bundel/index.md",
        "---\ntitle: Bundel\n---\n\n{{ cijfers(bestand=\"cijfers.csv\") }}\n\n{{ cijfers(bestand=\"engels.csv\") }}\n",
    );
    site.build(&[]).ok();
    let html = site.output("docs/bundel/index.html");
    assert!(
        html.contains("<tr><td>2.019</td><td>3.424</td><td>23,260</td></tr><tr><td>2.020</td><td>3.001</td><td>1.234.567,5</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains("<tr><td>2.019</td><td>3.424</td><td>23,260</td></tr>"),
        "a file separated by commas has English numbers: {html}"
    );
}

#[test]
fn load_data_refuses_files_outside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("geheim.csv"), "a\n1\n").unwrap();
    for (path, expected) in [
        ("../geheim.csv", "climbs out of its folder"),
        (
            &outside.path().join("geheim.csv").display().to_string(),
            "is not a path inside the site",
        ),
        (".keten/geheim.csv", "hidden file"),
    ] {
        let error = fails_with(&format!("{{{{ cijfers(bestand=\"{path}\") }}}}\n"));
        assert!(error.contains(expected), "{path}: {error}");
        assert!(error.contains("content/over.md:5:1"), "{error}");
    }
    #[cfg(unix)]
    {
        let site = site_with_shortcodes();
        std::os::unix::fs::symlink(
            outside.path().join("geheim.csv"),
            site.path("content/geheim.csv"),
        )
        .unwrap();
        site.write(
            "content/over.md",
            "---\ntitle: Over\n---\n\n{{ cijfers(bestand=\"@/geheim.csv\") }}\n",
        );
        let error = site.build(&[]).failed();
        assert!(error.contains("outside the site folder"), "{error}");
    }
}

#[test]
fn a_data_file_with_a_mistake_names_its_line() {
    let site = site_with_shortcodes();
    site.write("content/docs/bundel/kapot.csv", "a;b\n1;2\n3\n");
    site.write(
        "content/docs/bundel/index.md",
        "---\ntitle: Bundel\n---\n\n{{ cijfers(bestand=\"kapot.csv\") }}\n",
    );
    let error = site.build(&[]).failed();
    assert!(
        error.contains("`content/docs/bundel/kapot.csv:3`: this row has 1 cell, the header (the first line) has 2"),
        "{error}"
    );
}

/// A copy of the demo site with the G40 theme from this repository.
fn demo_site() -> TestSite {
    let site = TestSite::fixture("shortcodes");
    copy_tree(&repository_file("themes/g40"), &site.path("themes/g40"));
    site
}

#[test]
fn the_demo_site_uses_every_g40_shortcode() {
    let site = demo_site();
    site.build(&[]).ok();
    let html = site.output("voorbeelden/shortcodes/index.html");
    for expected in [
        // The figure's image as the image pipeline published it, as for a Markdown image.
        "<figure class=\"figuur\"><picture><source type=\"image/webp\" srcset=\"/voorbeelden/shortcodes/kaart-480w.webp 480w\" sizes=\"100vw\">\n<img src=\"/voorbeelden/shortcodes/kaart-480w.png\" alt=\"Een lijn die",
        "width=\"480\" height=\"270\" srcset=\"/voorbeelden/shortcodes/kaart-480w.png 480w\"",
        "<div class=\"kader kader--waarschuwing\">",
        "<h3 id=\"wat-er-nog-kan-veranderen\">Wat er nog kan veranderen</h3>",
        "<span class=\"download__meta\">(PDF, 1 kB)</span>",
        "<caption id=\"tabel-1-bijschrift\">Plaatsingen en uitkeringen per jaar</caption>",
        "<td class=\"align-right\">23,260</td>",
        "<track kind=\"captions\" src=\"uitleg.vtt\" srclang=\"nl\" label=\"Nederlands\" default>",
        "<a class=\"video__link\" href=\"https://www.youtube.com/watch?v=voorbeeld\">",
        "role=\"img\" aria-labelledby=\"grafiek-1-titel grafiek-1-beschrijving\"",
        "class=\"chart__line chart__series-2\"",
    ] {
        assert!(html.contains(expected), "{expected}\n{html}");
    }
    assert!(
        !html.contains("style="),
        "no style attributes under the strict CSP"
    );
    assert!(
        !html.contains("<iframe"),
        "nothing embedded from another host"
    );
    let section = site.output("voorbeelden/index.html");
    assert!(
        section.contains("<code>{{ figuur(...) }}</code>"),
        "{section}"
    );
}

#[test]
fn a_video_without_captions_is_refused() {
    let site = demo_site();
    let page = site.path("content/voorbeelden/shortcodes/index.md");
    let text = std::fs::read_to_string(&page).unwrap();
    site.write(
        "content/voorbeelden/shortcodes/index.md",
        text.replace("ondertitels=\"uitleg.vtt\", ", ""),
    );
    let error = site.build(&[]).failed();
    assert!(error.contains("a video needs captions"), "{error}");
    assert!(
        error.contains("themes/g40/templates/shortcodes/video.html"),
        "{error}"
    );
}

#[test]
fn the_groningen_indicators_come_from_their_csv() {
    let site = TestSite::repository();
    site.build(&[]).ok();
    let html = site.output("papers/regionaal-arbeidsmarktbeleid-groningen/index.html");
    let csv = std::fs::read_to_string(repository_file(
        "content/papers/regionaal-arbeidsmarktbeleid-groningen/indicatoren.csv",
    ))
    .unwrap();
    let mut lines = csv.lines();
    let headers: Vec<&str> = lines.next().unwrap().split(';').collect();
    let mut figures = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(';').collect();
        assert!(
            html.contains(&format!("<th scope=\"row\">{}</th>", cells[0])),
            "{html}"
        );
        for figure in &cells[1..] {
            // In the table (twice: on the page and below the chart) and on the chart's bars.
            let cell = format!("<td class=\"align-right\">{figure}</td>");
            assert_eq!(html.matches(&cell).count(), 2, "{cell}");
            assert!(
                html.contains(&format!(">{figure}</text>")),
                "bar label {figure}"
            );
            figures += 1;
        }
    }
    assert_eq!(figures, 6);
    for header in &headers[1..] {
        assert!(html.contains(&format!(
            "<th scope=\"col\" class=\"align-right\">{header}</th>"
        )));
        assert!(
            html.contains(&format!("</svg> {header}</li>")),
            "legend {header}"
        );
    }
    for (kind, figures) in [
        ("Behaald 2019", ["842", "3.424"]),
        ("Beoogd 2020", ["600", "3.001"]),
        ("Beoogd 2021", ["650", "3.141"]),
    ] {
        let description = html.split("id=\"grafiek-1-beschrijving\">").nth(1).unwrap();
        for figure in figures {
            assert!(
                description.contains(&format!("{kind} {figure}")),
                "{description}"
            );
        }
    }
    assert!(
        !html.contains("| Prestatie-indicator |"),
        "the table is no longer typed by hand"
    );
    let index = std::fs::read_to_string(repository_file(
        "content/papers/regionaal-arbeidsmarktbeleid-groningen/index.md",
    ))
    .unwrap();
    for figure in ["842", "3.424", "3.001", "3.141"] {
        assert!(
            !index.contains(figure),
            "{figure} is typed in the Markdown too"
        );
    }
}
