//! The half-yearly refresh as an editor does it: prepare a new edition out of sight,
//! preview it, publish it.

use super::harness::TestSite;

fn current_edition(site: &TestSite) -> String {
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    config
        .lines()
        .find_map(|l| l.trim().strip_prefix("current:"))
        .unwrap()
        .trim()
        .trim_matches('"')
        .to_owned()
}

#[test]
fn the_whole_refresh_from_draft_to_current() {
    let site = TestSite::repository();
    site.keten(&["agenda", "new", "2025-voorjaar"]).ok();
    site.keten(&["agenda", "publish", "2025-voorjaar"]).ok();
    assert_eq!(current_edition(&site), "2025-voorjaar");

    let run = site.keten(&["agenda", "new", "2025-najaar"]).ok();
    assert!(run.stdout.contains("as a draft"), "{}", run.stdout);
    assert!(
        run.stdout.contains("keten agenda publish 2025-najaar"),
        "{}",
        run.stdout
    );
    assert_eq!(
        current_edition(&site),
        "2025-voorjaar",
        "the current edition stays"
    );
    let index = std::fs::read_to_string(site.path("content/agenda/2025-najaar/_index.md")).unwrap();
    assert!(index.starts_with("---\ndraft: true\n"), "{index}");
    assert!(
        index.contains("title: \"Strategische agenda najaar '25\""),
        "{index}"
    );

    site.build(&[]).ok();
    assert!(
        !site.has_output("agenda/2025-najaar/index.html"),
        "a draft is not published"
    );
    let agenda = site.output("agenda/index.html");
    assert!(!agenda.contains("2025-najaar"), "nor listed: {agenda}");

    site.build(&["--drafts"]).ok();
    assert!(site.has_output("agenda/2025-najaar/index.html"));
    assert!(site.has_output("agenda/2025-najaar/borstlap/index.html"));

    site.keten(&["agenda", "publish", "2025-najaar"]).ok();
    assert_eq!(current_edition(&site), "2025-najaar");
    let index = std::fs::read_to_string(site.path("content/agenda/2025-najaar/_index.md")).unwrap();
    assert!(!index.contains("draft: true"), "{index}");

    site.build(&[]).ok();
    let najaar = site.output("agenda/2025-najaar/index.html");
    assert!(
        najaar.contains("Strategische agenda najaar ’25"),
        "the title follows the period"
    );
    let changes = site.output("agenda/2025-najaar/wat-is-er-veranderd/index.html");
    assert!(
        changes.contains("href=\"/agenda/2025-voorjaar/\""),
        "compared with the edition before it"
    );
    let voorjaar = site.output("agenda/2025-voorjaar/wat-is-er-veranderd/index.html");
    assert!(
        voorjaar.contains("href=\"/agenda/2024-2025/\""),
        "{voorjaar}"
    );
}

#[test]
fn a_period_keten_does_not_know_is_refused() {
    let site = TestSite::repository();
    let error = site.keten(&["agenda", "new", "volgend-jaar"]).failed();
    assert!(error.contains("is not a period keten knows"), "{error}");
    assert!(error.contains("2026-voorjaar"), "{error}");
    assert!(!site.path("content/agenda/volgend-jaar").exists());
}

#[test]
fn a_draft_section_keeps_everything_under_it_out() {
    let site = TestSite::fixture("basic");
    let index = std::fs::read_to_string(site.path("content/docs/_index.md")).unwrap();
    site.write(
        "content/docs/_index.md",
        index.replacen("---\n", "---\ndraft: true\n", 1),
    );
    site.build(&[]).ok();
    assert!(!site.has_output("docs/index.html"));
    assert!(!site.has_output("docs/a/index.html"));
    assert!(
        !site.output_files().iter().any(|f| f.starts_with("docs/")),
        "nothing of it, files beside its pages included"
    );
    site.build(&["--drafts"]).ok();
    assert!(site.has_output("docs/a/index.html"));
}

#[test]
fn a_new_file_in_every_section_builds_as_a_draft() {
    let site = TestSite::repository();
    let files = [
        (
            "agenda/2024-2025/nieuw-speerpunt.md",
            "content/agenda/2024-2025/nieuw-speerpunt.md",
        ),
        (
            "agenda/2022-2024/nog-een-thema.md",
            "content/agenda/2022-2024/nog-een-thema.md",
        ),
        (
            "nieuws/2026-12-01-nieuw-bericht.md",
            "content/nieuws/2026-12-01-nieuw-bericht.md",
        ),
        (
            "papers/nieuwe-paper/",
            "content/papers/nieuwe-paper/index.md",
        ),
        ("content/over-ons.md", "content/over-ons.md"),
    ];
    for (asked, made) in files {
        let run = site.keten(&["new", asked]).ok();
        assert!(
            run.stdout.contains(&format!("created {made}")),
            "{}",
            run.stdout
        );
    }
    let speerpunt =
        std::fs::read_to_string(site.path("content/agenda/2024-2025/nieuw-speerpunt.md")).unwrap();
    assert!(speerpunt.contains("draft: true"), "{speerpunt}");
    assert!(
        speerpunt.contains("extra:\n  nummer: 8\n"),
        "the next free number: {speerpunt}"
    );
    site.build(&["--drafts"]).ok();
    assert!(site.has_output("agenda/2024-2025/nieuw-speerpunt/index.html"));
    assert!(site.has_output("papers/nieuwe-paper/index.html"));
    site.build(&[]).ok();
    assert!(!site.has_output("agenda/2024-2025/nieuw-speerpunt/index.html"));
}

#[test]
fn a_term_the_config_does_not_declare_is_an_error_at_its_place() {
    let site = TestSite::repository();
    site.write(
        "content/nieuws/2024-05-01-bericht.md",
        "---\ntitle: Bericht\ndescription: Een bericht.\ntaxonomies:\n  themas:\n    - Leren\n    - Lerne\n---\nTekst.\n",
    );
    let error = site.build(&[]).failed();
    assert!(
        error.contains("content/nieuws/2024-05-01-bericht.md:7:7"),
        "{error}"
    );
    assert!(
        error.contains("`Lerne` is not a term of `themas`"),
        "{error}"
    );
    assert!(error.contains("did you mean `Leren`?"), "{error}");
}
