//! One test per editor mistake: the build fails with one clear message that names the file
//! (and line:column where there is one), and the previous `public/` survives unchanged.

use super::harness::TestSite;

/// Builds the fixture, applies `break_it`, builds again; returns the error text after
/// checking that the earlier output is exactly as it was.
fn fails_and_keeps_public(break_it: impl FnOnce(&TestSite)) -> String {
    let site = TestSite::fixture("basic");
    site.build(&[]).ok();
    let before: Vec<(String, String)> = site
        .output_files()
        .into_iter()
        .map(|f| (f.clone(), site.output(&f)))
        .collect();
    break_it(&site);
    let stderr = site.build(&[]).failed();
    let after: Vec<(String, String)> = site
        .output_files()
        .into_iter()
        .map(|f| (f.clone(), site.output(&f)))
        .collect();
    assert_eq!(before, after, "public/ changed after a failed build");
    stderr
}

fn page(title_line: &str, rest: &str) -> String {
    format!("---\n{title_line}\n{rest}---\n\nTekst.\n")
}

#[test]
fn malformed_yaml() {
    let error = fails_and_keeps_public(|site| {
        site.write("content/over.md", "---\ntitle: Agenda: speerpunten\n---\n");
    });
    assert!(error.contains("content/over.md:2:14"), "{error}");
    assert!(error.contains("put the value in quotes"), "{error}");
    insta::assert_snapshot!(error);
}

#[test]
fn front_matter_not_closed() {
    let error = fails_and_keeps_public(|site| {
        site.write(
            "content/over.md",
            "---\ntitle: Over\n\nTekst zonder einde.\n",
        );
    });
    assert!(error.contains("content/over.md:1:1"), "{error}");
    assert!(
        error.contains("the fields at the top of the file are not closed"),
        "{error}"
    );
}

#[test]
fn required_field_missing() {
    let error = fails_and_keeps_public(|site| {
        site.write("content/over.md", "---\ndescription: Geen titel\n---\n");
    });
    assert!(error.contains("content/over.md:2:1"), "{error}");
    assert!(error.contains("the field `title` is missing"), "{error}");
}

#[test]
fn field_of_the_wrong_type() {
    let error = fails_and_keeps_public(|site| {
        site.write("content/over.md", page("title: Over", "weight: zwaar\n"));
    });
    assert!(error.contains("content/over.md:3:9"), "{error}");
    assert!(
        error.contains("`weight` must be a whole number, not `zwaar`"),
        "{error}"
    );
}

#[test]
fn unknown_field_with_did_you_mean() {
    let error = fails_and_keeps_public(|site| {
        site.write("content/over.md", page("titel: Over", ""));
    });
    assert!(error.contains("content/over.md:2:1"), "{error}");
    assert!(error.contains("unknown field `titel`"), "{error}");
    assert!(error.contains("did you mean `title`?"), "{error}");
    insta::assert_snapshot!(error);
}

#[test]
fn unknown_config_key_names_key_and_line() {
    let error = fails_and_keeps_public(|site| {
        let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
        site.write(
            "config.yaml",
            config.replace("description:", "descriptoin:"),
        );
    });
    assert!(error.contains("config.yaml:3:1"), "{error}");
    assert!(error.contains("did you mean `description`?"), "{error}");
}

#[test]
fn unparseable_date() {
    let error = fails_and_keeps_public(|site| {
        site.write("content/over.md", page("title: Over", "date: 31-02-2024\n"));
    });
    assert!(error.contains("content/over.md:3:7"), "{error}");
    assert!(
        error.contains("`date` is not a date: `31-02-2024`"),
        "{error}"
    );
}

#[test]
fn invalid_utf8() {
    let error = fails_and_keeps_public(|site| {
        site.write("content/over.md", b"---\ntitle: Caf\xe9\n---\n");
    });
    assert!(error.contains("content/over.md:2:11"), "{error}");
    assert!(error.contains("not valid UTF-8"), "{error}");
}

#[test]
fn a_file_saved_as_utf16_is_named_as_such() {
    let error = fails_and_keeps_public(|site| {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "---\ntitle: Over\n---\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        site.write("content/over.md", utf16);
    });
    assert!(error.contains("content/over.md:1:1"), "{error}");
    assert!(error.contains("saved as UTF-16"), "{error}");
}

#[test]
fn a_title_of_only_spaces_is_refused_at_its_line() {
    let error = fails_and_keeps_public(|site| {
        site.write("content/over.md", "---\ntitle: \"  \"\n---\nTekst.\n");
    });
    assert!(error.contains("content/over.md:2:8"), "{error}");
    assert!(error.contains("the `title` is empty"), "{error}");
}

#[test]
fn an_image_from_another_website_is_refused_at_its_line() {
    let error = fails_and_keeps_public(|site| {
        site.write(
            "content/over.md",
            "---\ntitle: Over\n---\n\n![Kaart](https://kaarten.example/nl.png)\n",
        );
    });
    assert!(error.contains("content/over.md:5:1"), "{error}");
    assert!(
        error.contains("`https://kaarten.example/nl.png` is loaded from another website"),
        "{error}"
    );
}

#[test]
fn an_embed_from_another_website_in_raw_html_is_refused() {
    let error = fails_and_keeps_public(|site| {
        site.write(
            "content/over.md",
            "---\ntitle: Over\n---\n\n<iframe title=\"v\" src=\"//www.youtube.com/embed/x\"></iframe>\n",
        );
    });
    assert!(error.contains("content/over.md:5:24"), "{error}");
    assert!(
        !error.contains("public/"),
        "at its line, not its output file: {error}"
    );
    assert!(error.contains("//www.youtube.com/embed/x"), "{error}");
    assert!(
        error.contains("link to it instead of embedding it"),
        "{error}"
    );
}

#[test]
fn a_file_name_that_is_not_utf8_is_an_error_not_a_missing_page() {
    use std::os::unix::ffi::OsStrExt;
    let error = fails_and_keeps_public(|site| {
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        std::fs::write(site.path("content").join(name), "---\ntitle: Caf\n---\n").unwrap();
    });
    assert!(error.contains("content/caf"), "{error}");
    assert!(error.contains("the file name is not UTF-8"), "{error}");
}

#[test]
fn a_broken_link_in_raw_html_points_at_its_line_in_the_page() {
    let error = fails_and_keeps_public(|site| {
        site.write(
            "content/over.md",
            "---\ntitle: Over\n---\n\n<p>Zie <a href=\"/bestaat-niet/\">dit</a>.</p>\n",
        );
    });
    assert!(error.contains("content/over.md:5:17"), "{error}");
    assert!(
        error.contains("`/bestaat-niet/`: the site has no such file"),
        "{error}"
    );
}

#[test]
fn two_pages_with_the_same_url_are_both_named() {
    let error = fails_and_keeps_public(|site| {
        site.write(
            "content/over-ons.md",
            page("title: Over ons", "slug: over\n"),
        );
    });
    assert!(error.contains("`content/over-ons.md`"), "{error}");
    assert!(error.contains("`content/over.md`"), "{error}");
    assert!(error.contains("both want the URL `/over/`"), "{error}");
}

#[test]
fn slug_that_leaves_the_output_folder() {
    let error = fails_and_keeps_public(|site| {
        site.write("content/over.md", page("title: Over", "slug: ../../etc\n"));
    });
    assert!(error.contains("content/over.md:3:7"), "{error}");
    assert!(error.contains("would leave the output folder"), "{error}");
}

#[test]
fn tera_syntax_error_names_template_and_line() {
    let error = fails_and_keeps_public(|site| {
        site.write(
            "templates/base.html",
            "<html>\n{% if config.title %}\n<p>geen endif</p>\n",
        );
    });
    assert!(error.contains("templates/base.html:"), "{error}");
    assert!(
        !error.to_lowercase().contains("failed to render"),
        "{error}"
    );
    insta::assert_snapshot!(error);
}

#[test]
fn tera_render_error_names_template_line_and_page() {
    let error = fails_and_keeps_public(|site| {
        site.write("themes/eenvoud/templates/speciaal.html", "{% extends \"page.html\" %}{% block content %}\n{{ page.extra.bestaat_niet }}\n{% endblock content %}");
    });
    assert!(
        error.contains("themes/eenvoud/templates/speciaal.html:2:"),
        "{error}"
    );
    assert!(
        error.contains("while rendering `content/docs/a.md`"),
        "{error}"
    );
    insta::assert_snapshot!(error);
}

#[test]
fn missing_page_template_is_named() {
    let error = fails_and_keeps_public(|site| {
        site.write(
            "content/over.md",
            page("title: Over", "template: bestaat-niet.html\n"),
        );
    });
    assert!(
        error.contains("content/over.md: template `bestaat-niet.html` does not exist"),
        "{error}"
    );
}

#[test]
fn theme_that_does_not_exist() {
    let error = fails_and_keeps_public(|site| {
        let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
        site.write(
            "config.yaml",
            config.replace("theme: eenvoud", "theme: eenvoudig"),
        );
    });
    assert!(
        error.contains("theme `eenvoudig` does not exist"),
        "{error}"
    );
    assert!(error.contains("themes available: eenvoud"), "{error}");
}

#[test]
fn broken_internal_link_points_at_the_link() {
    let error = fails_and_keeps_public(|site| {
        site.write(
            "content/over.md",
            "---\ntitle: Over\n---\n\nZie [dit](@/nieuws/bestaat-niet.md).\n",
        );
    });
    assert!(error.contains("content/over.md:5:5"), "{error}");
    assert!(
        error.contains("there is no `content/nieuws/bestaat-niet.md`"),
        "{error}"
    );
}

#[test]
fn missing_anchor_points_at_the_link() {
    let error = fails_and_keeps_public(|site| {
        site.write(
            "content/over.md",
            "---\ntitle: Over\n---\n\nZie [dit](@/nieuws/2024-03-01-tweede.md#kop-drie).\n",
        );
    });
    assert!(error.contains("content/over.md:5:5"), "{error}");
    assert!(
        error.contains("has no heading with id `kop-drie`") && error.contains("it has `#kop-twee`"),
        "{error}"
    );
}

#[test]
fn unknown_taxonomy_is_an_error() {
    let error = fails_and_keeps_public(|site| {
        site.write(
            "content/over.md",
            page("title: Over", "taxonomies:\n  thema: [Leren]\n"),
        );
    });
    assert!(error.contains("unknown taxonomy `thema`"), "{error}");
    assert!(error.contains("did you mean `themas`?"), "{error}");
}

#[test]
fn output_folder_that_holds_the_site_is_refused() {
    let site = TestSite::fixture("basic");
    let error = site.build(&["--output", "."]).failed();
    assert!(
        error.contains("refusing to write the output folder"),
        "{error}"
    );
    assert!(site.path("content/over.md").exists());
    let error = site.build(&["--output", "content"]).failed();
    assert!(
        error.contains("refusing to write the output folder"),
        "{error}"
    );
    assert!(site.path("content/over.md").exists());
}

#[test]
fn missing_config_says_what_to_do() {
    let site = TestSite::empty();
    let error = site.build(&[]).failed();
    assert!(error.contains("no `config.yaml`"), "{error}");
    assert!(error.contains("keten init"), "{error}");
}

#[test]
fn several_problems_are_reported_together() {
    let error = fails_and_keeps_public(|site| {
        site.write("content/over.md", page("titel: Over", ""));
        site.write("content/docs/b.md", page("title: B", "date: gisteren\n"));
    });
    assert!(error.contains("content/over.md:2:1"), "{error}");
    assert!(error.contains("content/docs/b.md:3:7"), "{error}");
    assert!(error.contains("2 problems found"), "{error}");
}
