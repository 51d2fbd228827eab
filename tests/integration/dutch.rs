//! What a Dutch editor reads: every class of mistake in Dutch, pinned in a snapshot, and
//! the other things keten tells editors (the summary line, `new`, `agenda`).

use super::harness::TestSite;
use super::shortcodes::{fails_in, site_with_shortcodes};

fn page(front: &str) -> String {
    format!("---\n{front}---\n\nTekst.\n")
}

/// Builds the fixture with one file changed and returns the Dutch error.
fn dutch_error(file: &str, text: impl AsRef<[u8]>) -> String {
    let site = TestSite::fixture("basic");
    site.write(file, text);
    site.keten_in("nl", &["build"]).failed()
}

#[test]
fn front_matter_mistakes_in_dutch() {
    let cases = [
        ("kop_met_dubbele_punt", page("title: Agenda: speerpunten\n")),
        (
            "kop_niet_afgesloten",
            "---\ntitle: Over\n\nTekst.\n".to_owned(),
        ),
        ("veld_ontbreekt", page("description: Geen titel\n")),
        (
            "verkeerd_soort_waarde",
            page("title: Over\nweight: zwaar\n"),
        ),
        ("onbekend_veld", page("titel: Over\n")),
        ("geen_datum", page("title: Over\ndate: gisteren\n")),
        (
            "tab_in_de_kop",
            page("title: Over\nextra:\n\tgemeente: Proef\n"),
        ),
        (
            "slug_buiten_de_site",
            page("title: Over\nslug: ../../etc\n"),
        ),
        (
            "onbekende_indeling",
            page("title: Over\ntaxonomies:\n  thema: [Leren]\n"),
        ),
        ("geen_kop", "Alleen tekst.\n".to_owned()),
    ];
    for (name, text) in cases {
        let error = dutch_error("content/over.md", text);
        assert!(error.starts_with("fout: "), "{name}: {error}");
        insta::assert_snapshot!(name, error);
    }
}

#[test]
fn file_mistakes_in_dutch() {
    let error = dutch_error("content/over.md", b"---\ntitle: caf\xe9\n---\n".as_slice());
    insta::assert_snapshot!("geen_utf8", error);
    let error = dutch_error("content/over.md", "---\ntitle: Over\n---\nTe\0kst\n");
    insta::assert_snapshot!("nul_teken", error);
}

#[test]
fn image_mistakes_in_dutch() {
    let error = dutch_error("content/kaart.png", "geen afbeelding");
    insta::assert_snapshot!("kapotte_afbeelding", error);
    let error = dutch_error("config.yaml", BASIC_CONFIG_WITH_QUALITY);
    insta::assert_snapshot!("afbeeldingskwaliteit", error);
}

/// The basic fixture's settings with an image quality out of range.
const BASIC_CONFIG_WITH_QUALITY: &str =
    "base_url: \"https://proef.example.nl/\"\ntitle: \"Proefsite\"\nimages:\n  quality: 0\n";

#[test]
fn link_mistakes_in_dutch() {
    let cases = [
        ("link_naar_niets", "[x](@/bestaat-niet.md)"),
        (
            "link_naar_kop_die_er_niet_is",
            "[x](@/nieuws/2024-03-01-tweede.md#kop-drie)",
        ),
        ("link_die_code_uitvoert", "[x](javascript:alert(1))"),
        ("link_naar_bestand_dat_er_niet_is", "[x](/nergens/)"),
    ];
    for (name, link) in cases {
        let text = format!("---\ntitle: Over\n---\n\n{link}\n");
        let error = dutch_error("content/over.md", text);
        insta::assert_snapshot!(name, error);
    }
}

#[test]
fn site_mistakes_in_dutch() {
    let site = TestSite::fixture("basic");
    site.write("content/over-2.md", page("title: Over\nslug: over\n"));
    insta::assert_snapshot!(
        "twee_paginas_een_adres",
        site.keten_in("nl", &["build"]).failed()
    );

    let site = TestSite::fixture("basic");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write(
        "config.yaml",
        config.replace("theme: eenvoud", "theme: eenvoudig"),
    );
    insta::assert_snapshot!(
        "thema_bestaat_niet",
        site.keten_in("nl", &["build"]).failed()
    );

    let site = TestSite::fixture("basic");
    site.write("config.yaml", format!("{config}theem: x\n"));
    insta::assert_snapshot!(
        "onbekende_instelling",
        site.keten_in("nl", &["build"]).failed()
    );

    let site = TestSite::fixture("basic");
    site.write("templates/base.html", "{% if %}");
    let error = site.keten_in("nl", &["build"]).failed();
    assert!(error.starts_with("fout: "), "{error}");
    assert!(error.contains("templates/base.html:1:"), "{error}");

    let site = TestSite::fixture("basic");
    site.write(
        "content/over.md",
        page("title: Over\ntemplate: bestaat-niet.html\n"),
    );
    insta::assert_snapshot!(
        "sjabloon_bestaat_niet",
        site.keten_in("nl", &["build"]).failed()
    );

    let site = TestSite::empty();
    let error = site.keten_in("nl", &["build"]).failed();
    assert!(error.starts_with("fout: geen `config.yaml` in"), "{error}");
}

#[test]
fn folder_mistakes_in_dutch() {
    let site = TestSite::fixture("basic");
    let error = site
        .keten_in("nl", &["build", "--output", "content/uit"])
        .failed();
    insta::assert_snapshot!("uitvoer_in_content", error);

    let site = TestSite::fixture("basic");
    site.build(&[]).ok();
    site.write("public/eigen.txt", "van mij");
    insta::assert_snapshot!(
        "uitvoer_met_vreemde_bestanden",
        site.keten_in("nl", &["build"]).failed()
    );

    let site = TestSite::fixture("basic");
    std::fs::remove_dir_all(site.path("content")).unwrap();
    insta::assert_snapshot!("geen_content", site.keten_in("nl", &["build"]).failed());
}

#[test]
fn shortcode_mistakes_in_dutch() {
    let cases = [
        (
            "onbekende_shortcode",
            "Tekst.\n\n{{ figur(src=\"a.png\", alt=\"Kaart\") }}\n",
        ),
        (
            "onbekend_argument",
            "{{ figuur(src=\"a.png\", alt=\"Kaart\", bijschrfit=\"x\") }}\n",
        ),
        (
            "argument_ontbreekt",
            "Een kaart: {{ figuur(src=\"a.png\") }}\n",
        ),
        (
            "argument_van_verkeerd_soort",
            "{{ figuur(src=\"a.png\", alt=\"Kaart\", breedte=\"480\") }}\n",
        ),
        (
            "waarde_niet_toegestaan",
            "{% kader(soort=\"rood\") %}\nTekst.\n{% end %}\n",
        ),
        (
            "shortcode_niet_afgesloten",
            "Tekst.\n\n{% kader(soort=\"info\") %}\nEen kader zonder einde.\n",
        ),
        ("end_zonder_shortcode", "Tekst.\n\n{% end %}\n"),
        (
            "shortcode_zoals_hugo",
            "Bekijk de video:\n\n{{< youtube abc123 >}}\n",
        ),
        (
            "onleesbare_aanroep",
            "{{ figuur(src=\"a.png\" alt=\"Kaart\") }}\n",
        ),
        (
            "gegevens_buiten_de_site",
            "{{ cijfers(bestand=\"../geheim.csv\") }}\n",
        ),
    ];
    for (name, body) in cases {
        let error = fails_in("nl", &site_with_shortcodes(), body);
        assert!(error.starts_with("fout: "), "{name}: {error}");
        insta::assert_snapshot!(name, error);
    }
}

#[test]
fn shortcode_template_and_data_file_mistakes_in_dutch() {
    let site = site_with_shortcodes();
    site.write(
        "templates/shortcodes/stuk.html",
        "{% component stuk(tekst: string) -%}\n<p>{{ tekst.niet_er }}</p>\n{%- endcomponent stuk %}\n",
    );
    let error = fails_in("nl", &site, "{{ stuk(tekst=\"x\") }}\n");
    insta::assert_snapshot!("sjabloonfout_in_shortcode", error);

    let site = site_with_shortcodes();
    site.write("content/cijfers.csv", "Jaar;Banen\n2019;3.424\n2020\n");
    let error = fails_in("nl", &site, "{{ cijfers(bestand=\"cijfers.csv\") }}\n");
    insta::assert_snapshot!("csv_rij_met_te_weinig_cellen", error);
}

#[test]
fn schema_and_term_mistakes_in_dutch() {
    let site = TestSite::repository();
    site.write(
        "content/agenda/2024-2025/borstlap.md",
        page("title: Borstlap\ndescription: x\nextra:\n  nummer: 100\n"),
    );
    insta::assert_snapshot!(
        "schema_buiten_bereik",
        site.keten_in("nl", &["build"]).failed()
    );

    let site = TestSite::repository();
    site.write(
        "content/nieuws/2024-05-01-bericht.md",
        page("title: Bericht\ntaxonomies:\n  themas: [Lerne]\n"),
    );
    insta::assert_snapshot!("term_niet_bekend", site.keten_in("nl", &["build"]).failed());
}

#[test]
fn what_keten_tells_an_editor_in_dutch() {
    let site = TestSite::repository();
    let built = site.keten_in("nl", &["build"]).ok();
    assert!(
        built
            .stdout
            .contains("pagina's, 6 secties en 11 bestanden gebouwd in"),
        "{}",
        built.stdout
    );
    let checked = site.keten_in("nl", &["check"]).ok();
    assert!(
        checked.stdout.contains("gecontroleerd: geen problemen"),
        "{}",
        checked.stdout
    );
    assert!(
        checked
            .stderr
            .contains("waarschuwing: de huidige editie `2024-2025`"),
        "{}",
        checked.stderr
    );
    let created = site
        .keten_in("nl", &["new", "nieuws/2026-12-01-bericht.md"])
        .ok();
    assert!(
        created
            .stdout
            .contains("gemaakt uit themes/g40/archetypes/nieuws.md (een concept"),
        "{}",
        created.stdout
    );
    let agenda = site.keten_in("nl", &["agenda", "new", "2026-2027"]).ok();
    assert!(
        agenda.stdout.contains("gemaakt als concept"),
        "{}",
        agenda.stdout
    );
    assert!(
        agenda.stdout.contains("blijft de huidige editie"),
        "{}",
        agenda.stdout
    );
    let english = site
        .keten_in("en", &["agenda", "publish", "2026-2027"])
        .ok();
    assert!(
        english.stdout.contains("published 2026-2027"),
        "{}",
        english.stdout
    );
}

#[test]
fn the_flag_wins_over_the_environment() {
    let site = TestSite::fixture("basic");
    let run = site.keten_in("nl", &["build", "--lang", "en"]).ok();
    assert!(run.stdout.starts_with("Built "), "{}", run.stdout);
}
