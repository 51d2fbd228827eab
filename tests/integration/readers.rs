//! What readers, feed readers and search engines get: typography in every title, no
//! markers left in the text, every page in the sitemap, editions in their order.

use super::harness::TestSite;

#[test]
fn titles_get_the_typography_of_the_body_in_pages_feeds_and_search() {
    let site = TestSite::fixture("basic");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write("config.yaml", format!("{config}search: true\n"));
    site.write(
        "content/nieuws/2024-02-01-agenda.md",
        "---\ntitle: \"Agenda '24-'25: \\\"samen\\\" -- *sterk*\"\ndescription: \"De agenda '24-'25\"\n---\n\nDe agenda '24-'25.\n",
    );
    site.build(&[]).ok();
    let page = site.output("nieuws/agenda/index.html");
    assert!(
        page.contains("<h1>Agenda ’24-’25: “samen” – *sterk*</h1>"),
        "{page}"
    );
    assert!(page.contains("De agenda ’24-’25."), "{page}");
    let feed = site.output("atom.xml");
    assert!(
        feed.contains("<title>Agenda ’24-’25: “samen” – *sterk*</title>"),
        "{feed}"
    );
    assert!(feed.contains("De agenda ’24-’25</summary>"), "{feed}");
    let index: String = site
        .output_files()
        .into_iter()
        .filter(|f| f.starts_with("search-index/d/"))
        .map(|f| site.output(&f))
        .collect();
    assert!(
        index.contains("Agenda ’24-’25"),
        "the search shows the title as the page does"
    );
}

#[test]
fn smart_punctuation_can_be_switched_off() {
    let site = TestSite::fixture("basic");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write("config.yaml", format!("{config}smart_punctuation: false\n"));
    site.write(
        "content/over.md",
        "---\ntitle: \"Over '24\"\n---\n\nZet `x` op section=\"methods\" en --ignoreVendorPaths.\n",
    );
    site.build(&[]).ok();
    let page = site.output("over/index.html");
    assert!(page.contains("<h1>Over &#39;24</h1>"), "{page}");
    assert!(
        page.contains("section=\"methods\" en --ignoreVendorPaths"),
        "{page}"
    );
}

#[test]
fn the_more_marker_shows_up_nowhere() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/nieuws/2024-02-01-kort.md",
        "---\ntitle: Kort\n---\n\nEerst dit.\n\n<!-- more -->\n\nDan de rest.\n",
    );
    site.build(&[]).ok();
    assert!(!site.output("atom.xml").contains("more"), "feed");
    assert!(
        !site.output("nieuws/atom.xml").contains("more"),
        "section feed"
    );
    let page = site.output("nieuws/kort/index.html");
    assert!(!page.contains("<!--"), "{page}");
    assert!(page.contains("Dan de rest."), "{page}");
}

#[test]
fn the_changes_page_is_in_the_sitemap_and_the_search() {
    let site = TestSite::repository();
    site.build(&[]).ok();
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("/agenda/2024-2025/wat-is-er-veranderd/</loc>"),
        "{sitemap}"
    );
    let in_search = site
        .output_files()
        .into_iter()
        .filter(|f| f.starts_with("search-index/d/"))
        .any(|f| site.output(&f).contains("wat-is-er-veranderd"));
    assert!(in_search);
}

#[test]
fn editions_follow_their_periods_not_their_names() {
    let site = TestSite::repository();
    let from = site.path("content/agenda/2024-2025");
    for period in ["2025-najaar", "2025-voorjaar"] {
        let to = site.path(&format!("content/agenda/{period}"));
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(&from).unwrap() {
            let entry = entry.unwrap();
            let text = std::fs::read_to_string(entry.path())
                .unwrap()
                .replace("@/agenda/2024-2025/", &format!("@/agenda/{period}/"))
                .replace("aliases:", "oude_adressen:");
            std::fs::write(to.join(entry.file_name()), text).unwrap();
        }
    }
    site.build(&[]).ok();
    let voorjaar = site.output("agenda/2025-voorjaar/wat-is-er-veranderd/index.html");
    let najaar = site.output("agenda/2025-najaar/wat-is-er-veranderd/index.html");
    assert!(
        voorjaar.contains("/agenda/2024-2025/"),
        "voorjaar follows 2024-2025"
    );
    assert!(
        najaar.contains("/agenda/2025-voorjaar/"),
        "najaar follows voorjaar"
    );
    assert!(!najaar.contains("href=\"/agenda/2024-2025/\""), "{najaar}");
}

#[test]
fn check_warns_about_an_ended_period_and_lists_scheduled_pages() {
    let site = TestSite::repository();
    site.write(
        "content/nieuws/2999-01-01-later.md",
        "---\ntitle: Later\ndescription: Een bericht voor later.\n---\nLater.\n",
    );
    let run = site.keten(&["check"]).ok();
    assert!(
        run.stderr.contains(
            "the current edition `2024-2025` covers 2024-2025, which ended on 2025-12-31"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("keten agenda new 2026-2027"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("scheduled: content/nieuws/2999-01-01-later.md appears on 2999-01-01"),
        "{}",
        run.stdout
    );
}

#[test]
fn every_page_names_its_own_address_as_canonical_also_under_a_sub_path() {
    let site = TestSite::repository();
    site.build(&["--base-url", "https://www.example.nl/g40/"])
        .ok();
    let canonical = |path: &str| {
        let html = site.output(path);
        html.split("<link rel=\"canonical\" href=\"")
            .nth(1)
            .map(|rest| rest.split('"').next().unwrap().to_owned())
    };
    for (path, url) in [
        ("index.html", "https://www.example.nl/g40/"),
        ("themas/index.html", "https://www.example.nl/g40/themas/"),
        (
            "themas/leren/index.html",
            "https://www.example.nl/g40/themas/leren/",
        ),
        (
            "agenda/2024-2025/wat-is-er-veranderd/index.html",
            "https://www.example.nl/g40/agenda/2024-2025/wat-is-er-veranderd/",
        ),
        (
            "agenda/2024-2025/borstlap/index.html",
            "https://www.example.nl/g40/agenda/2024-2025/borstlap/",
        ),
    ] {
        assert_eq!(canonical(path).as_deref(), Some(url), "{path}");
    }
    assert_eq!(
        canonical("404.html"),
        None,
        "a 404 page names no canonical address"
    );
    assert!(
        site.output("index.html").contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/g40/atom.xml\""
        )
    );
}

#[test]
fn pages_of_an_edition_whose_period_is_over_say_so() {
    let site = TestSite::repository();
    site.build(&[]).ok();
    for path in [
        "agenda/2024-2025/index.html",
        "agenda/2024-2025/borstlap/index.html",
    ] {
        let html = site.output(path);
        assert!(html.contains("Periode voorbij"), "{path}");
        assert!(html.contains("tot en met 31 december 2025"), "{path}");
    }
}

#[test]
fn draft_pages_show_a_concept_banner_only_when_drafts_are_built() {
    let site = TestSite::repository();
    site.keten(&["agenda", "new", "2026-2027"]).ok();
    site.build(&["--drafts"]).ok();
    for path in [
        "agenda/2026-2027/index.html",
        "agenda/2026-2027/borstlap/index.html",
    ] {
        assert!(site.output(path).contains("melding--concept"), "{path}");
    }
    assert!(
        !site
            .output("agenda/2024-2025/index.html")
            .contains("melding--concept")
    );
}

#[test]
fn editions_built_differently_are_shown_side_by_side() {
    let site = TestSite::repository();
    site.build(&[]).ok();
    let changes = site.output("agenda/2024-2025/wat-is-er-veranderd/index.html");
    assert!(changes.contains("anders opgebouwd"), "{changes}");
    assert!(
        !changes.contains("Vervallen"),
        "no \"vervallen\" without counterparts"
    );
    assert!(
        !changes.contains(">Nieuw<"),
        "no \"nieuw\" without counterparts"
    );
    assert!(changes.contains("href=\"/agenda/2022-2024/leren/\""));
    assert!(changes.contains("href=\"/agenda/2024-2025/borstlap/\""));
}
