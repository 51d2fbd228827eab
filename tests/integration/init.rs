//! `keten init`: a new site that builds at once with its own theme, and `--theme` to start
//! from another theme's folder.

use std::path::Path;
use std::str::FromStr;

use super::harness::{TestSite, repository_file};

/// A new site, made by `keten init .` in an empty folder.
fn started(args: &[&str]) -> TestSite {
    let site = TestSite::empty();
    let mut all = vec!["init", "."];
    all.extend_from_slice(args);
    site.keten(&all).ok();
    site
}

/// `keten build`, which must succeed without a single warning.
fn build_clean(site: &TestSite, args: &[&str]) {
    let run = site.build(args).ok();
    assert!(run.stderr.is_empty(), "warnings: {}", run.stderr);
}

/// The `content` of a page's `<meta name="description">`.
fn meta_description(html: &str) -> &str {
    html.split("<meta name=\"description\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a meta description")
}

fn title(html: &str) -> &str {
    html.split("<title>")
        .nth(1)
        .and_then(|rest| rest.split("</title>").next())
        .expect("a title")
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap();
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_new_site_builds_at_once_in_dutch_with_its_own_descriptions() {
    let site = started(&[]);
    build_clean(&site, &[]);
    let home = site.output("index.html");
    assert!(home.contains("<html lang=\"nl\">"), "{home}");
    assert_eq!(title(&home), "Mijn site");
    assert!(home.contains("href=\"#inhoud\""), "skip link");
    assert!(home.contains("<main id=\"inhoud\""), "skip link target");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    let site_description = config
        .lines()
        .find_map(|l| l.strip_prefix("description: "))
        .unwrap()
        .trim_matches('"');
    let pages = [
        "index.html",
        "over/index.html",
        "toegankelijkheid/index.html",
        "nieuws/index.html",
        "nieuws/welkom/index.html",
    ];
    let mut seen = std::collections::BTreeSet::new();
    for page in pages {
        let html = site.output(page);
        let description = meta_description(&html).to_owned();
        assert!(!description.is_empty(), "{page}");
        assert_ne!(description, site_description, "{page}");
        assert!(seen.insert(description), "{page} repeats a description");
        assert!(
            title(&html) == "Mijn site" || title(&html).ends_with(" – Mijn site"),
            "{page}: {}",
            title(&html)
        );
    }
    assert!(site.has_output("css/basis.css"));
    assert!(site.has_output("404.html"));
    assert!(site.has_output("onderwerpen/deze-site/index.html"));
}

#[test]
fn the_feed_of_a_new_site_is_dated_by_its_first_news_item() {
    let site = started(&[]);
    build_clean(&site, &[]);
    let feed = atom_syndication::Feed::from_str(&site.output("atom.xml")).expect("valid Atom");
    assert_eq!(feed.entries().len(), 1);
    let today = chrono::Local::now().date_naive();
    let published = feed.entries()[0].published().unwrap().date_naive();
    // The news item is dated the day `keten init` ran (which may have been yesterday).
    assert!((today - published).num_days().abs() <= 1, "{published}");
    assert!(feed.updated().format("%Y").to_string() != "1970");
}

#[test]
fn a_new_site_passes_check_and_keeps_its_build_out_of_git() {
    let site = started(&[]);
    site.keten(&["check"]).ok();
    let ignore = std::fs::read_to_string(site.path(".gitignore")).unwrap();
    for line in ["/public/", "/.keten/"] {
        assert!(ignore.lines().any(|l| l == line), "{line} in {ignore}");
    }
}

#[test]
fn the_new_site_has_the_repositorys_theme_as_it_is() {
    let site = started(&[]);
    let copied = site.path("themes/basis");
    let original = repository_file("themes/basis");
    assert_eq!(files(&copied), files(&original));
    for file in files(&original) {
        assert_eq!(
            std::fs::read(copied.join(&file)).unwrap(),
            std::fs::read(original.join(&file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_writes_nothing() {
    let site = TestSite::empty();
    site.write("oud/notities.txt", "van mij");
    let error = site.keten(&["init", "oud"]).failed();
    assert!(error.contains("is not empty"), "{error}");
    assert_eq!(files(&site.path("oud")), ["notities.txt"]);
}

#[test]
fn init_with_the_g40_theme_builds_the_starter_with_it() {
    let site = TestSite::empty();
    let g40 = repository_file("themes/g40");
    let g40 = g40.to_str().unwrap();
    let run = site.keten(&["init", "nieuw", "--theme", g40]).ok();
    assert!(run.stdout.contains("the theme g40"), "{}", run.stdout);
    let config = std::fs::read_to_string(site.path("nieuw/config.yaml")).unwrap();
    assert!(config.lines().any(|l| l == "theme: g40"), "{config}");
    assert!(!site.path("nieuw/themes/basis").exists());
    assert_eq!(files(&site.path("nieuw/themes/g40")), files(Path::new(g40)));
    let build = site.keten(&["build", "--root", "nieuw"]).ok();
    assert!(build.stderr.is_empty(), "warnings: {}", build.stderr);
    let home = std::fs::read_to_string(site.path("nieuw/public/index.html")).unwrap();
    assert!(
        home.contains("/nieuws/welkom/"),
        "the news block of the G40 home"
    );
    site.keten(&["check", "--root", "nieuw"]).ok();
}

#[test]
fn init_refuses_a_theme_folder_without_templates_and_writes_nothing() {
    let site = TestSite::empty();
    site.write("geen-thema/static/x.css", "");
    let error = site
        .keten(&["init", "nieuw", "--theme", "geen-thema"])
        .failed();
    assert!(error.contains("has no `templates/` folder"), "{error}");
    let error = site
        .keten(&["init", "nieuw", "--theme", "bestaat-niet"])
        .failed();
    assert!(error.contains("no theme folder"), "{error}");
    assert!(!site.path("nieuw").exists());
}

#[cfg(unix)]
#[test]
fn init_copies_no_symbolic_link_of_a_theme() {
    let site = TestSite::empty();
    site.write("geheim.txt", "niet kopiëren");
    site.write("eigen/templates/page.html", "{{ page.content }}");
    std::os::unix::fs::symlink(
        site.path("geheim.txt"),
        site.path("eigen/templates/geheim.html"),
    )
    .unwrap();
    let run = site.keten(&["init", "nieuw", "--theme", "eigen"]).ok();
    assert!(run.stdout.contains("symbolic link"), "{}", run.stdout);
    assert_eq!(
        files(&site.path("nieuw/themes/eigen")),
        ["templates/page.html"]
    );
    site.keten(&["build", "--root", "nieuw"]).ok();
}

#[test]
fn keten_new_in_a_new_site_gives_a_draft_that_builds() {
    let site = started(&[]);
    let run = site.keten(&["new", "nieuws/2025-06-01-symposium.md"]).ok();
    assert!(
        run.stdout.contains("archetypes/nieuws.md"),
        "{}",
        run.stdout
    );
    site.keten(&["new", "contact.md"]).ok();
    build_clean(&site, &[]);
    assert!(!site.has_output("nieuws/symposium/index.html"));
    build_clean(&site, &["--drafts"]);
    let draft = site.output("nieuws/symposium/index.html");
    assert!(draft.contains("Concept"), "the draft notice");
    assert!(draft.contains("datetime=\"2025-06-01\""));
    assert!(site.has_output("contact/index.html"));
}

#[test]
fn the_search_of_a_new_site_works_as_its_theme_says() {
    let site = started(&[]);
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    let config = config
        .replace("\nsearch: false", "\nsearch: true")
        .replace("  # zoeken:", "  zoeken:");
    site.write("config.yaml", config);
    site.write(
        "content/zoeken.md",
        "---\ntitle: Zoeken\ndescription: Zoek op de site.\ntemplate: zoeken.html\n---\n",
    );
    build_clean(&site, &[]);
    let search = site.output("zoeken/index.html");
    assert!(search.contains("id=\"zoekresultaten\""), "{search}");
    assert!(search.contains("search-index/search.js"));
    assert!(search.contains("href=\"/over/\""), "the list of all pages");
    let home = site.output("index.html");
    assert!(
        home.contains("action=\"/zoeken/\""),
        "the form in the header"
    );
}
