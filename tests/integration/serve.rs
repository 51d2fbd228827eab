//! `keten serve`: edits show up, errors show in the browser while the last good site is
//! still served, only files of the site are served, and an incremental rebuild is exactly a
//! full one.

use keten::serve::live::{LiveSettings, LiveSite};

use super::harness::{Response, TestSite};

fn contains(text: &'static str) -> impl Fn(&Response) -> bool {
    move |r| r.status == 200 && r.body.contains(text)
}

fn has_overlay(r: &Response) -> bool {
    r.body.contains("class=\"keten-fout\"")
}

#[test]
fn an_edit_shows_up_in_the_served_page() {
    let site = TestSite::fixture("basic");
    let server = site.serve(&[]);
    assert!(server.get("/over/").body.contains("Eén regeling"));
    let text = std::fs::read_to_string(site.path("content/over.md")).unwrap();
    site.write(
        "content/over.md",
        format!("{text}\nEen nieuwe alinea over de keten.\n"),
    );
    server.wait_for("/over/", contains("Een nieuwe alinea over de keten."));
    server.wait_printed("Rebuilt in");
}

#[test]
fn added_renamed_and_deleted_pages_and_sections_follow() {
    let site = TestSite::fixture("basic");
    let server = site.serve(&[]);
    site.write(
        "content/nieuws/vierde.md",
        "---\ntitle: Vierde bericht\ndate: 2024-04-01\n---\n\nNieuw.\n",
    );
    server.wait_for("/nieuws/vierde/", contains("Vierde bericht"));
    server.wait_for("/nieuws/", contains("Vierde bericht"));
    std::fs::rename(
        site.path("content/nieuws/vierde.md"),
        site.path("content/nieuws/hernoemd.md"),
    )
    .unwrap();
    server.wait_for("/nieuws/hernoemd/", contains("Vierde bericht"));
    server.wait_for("/nieuws/vierde/", |r| r.status == 404);
    site.remove("content/nieuws/hernoemd.md");
    server.wait_for("/nieuws/hernoemd/", |r| r.status == 404);
    site.write(
        "content/projecten/_index.md",
        "---\ntitle: Projecten\n---\n",
    );
    site.write(
        "content/projecten/eerste.md",
        "---\ntitle: Eerste project\n---\n",
    );
    server.wait_for("/projecten/", contains("Eerste project"));
    server.wait_for("/projecten/eerste/", contains("Eerste project"));
}

#[test]
fn a_broken_file_shows_the_overlay_and_keeps_the_last_good_page() {
    let site = TestSite::fixture("basic");
    let server = site.serve(&[]);
    site.write("content/over.md", "---\ntitel: Over\n---\n");
    let page = server.wait_for("/over/", has_overlay);
    assert!(page.body.contains("content/over.md:2:1"), "{}", page.body);
    assert!(
        page.body.contains("Eén regeling"),
        "the last good page is still served"
    );
    assert!(
        has_overlay(&server.get("/nieuws/")),
        "the overlay is on every page"
    );
    site.write(
        "content/over.md",
        "---\ntitle: Over ons, hersteld\n---\n\nWeer goed.\n",
    );
    let fixed = server.wait_for("/over/", contains("Weer goed."));
    assert!(!has_overlay(&fixed), "{}", fixed.body);
    let printed = server.wait_printed("Fixed: rebuilt");
    assert_eq!(
        printed.matches("unknown field `titel`").count(),
        1,
        "printed once: {printed}"
    );
}

#[test]
fn a_template_error_shows_and_the_server_keeps_running() {
    let site = TestSite::fixture("basic");
    let server = site.serve(&[]);
    site.write("themes/eenvoud/templates/page.html", "{% extends \"base.html\" %}{% block content %}{{ page.bestaat_niet }}{% endblock content %}");
    let page = server.wait_for("/over/", has_overlay);
    assert!(
        page.body.contains("themes/eenvoud/templates/page.html:1:"),
        "{}",
        page.body
    );
    site.write("themes/eenvoud/templates/page.html", "{% extends \"base.html\" %}{% block content %}<h1>Nieuw sjabloon {{ page.title }}</h1>{% endblock content %}");
    server.wait_for("/over/", contains("Nieuw sjabloon Over ons"));
}

#[test]
fn a_site_broken_at_start_is_served_once_fixed() {
    let site = TestSite::fixture("basic");
    site.write("content/over.md", "---\ntitle: Over\ndate: gisteren\n---\n");
    let server = site.serve(&[]);
    let page = server.get("/over/");
    assert!(has_overlay(&page), "{}", page.body);
    assert!(page.body.contains("`date` is not a date"), "{}", page.body);
    site.write(
        "content/over.md",
        "---\ntitle: Over\ndate: 2024-01-01\n---\n\nHersteld.\n",
    );
    server.wait_for("/over/", contains("Hersteld."));
}

#[test]
fn a_changed_config_is_picked_up() {
    let site = TestSite::fixture("basic");
    let server = site.serve(&[]);
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write(
        "config.yaml",
        config.replace("Gemeente Proef", "Gemeente Nieuwdorp"),
    );
    server.wait_for("/over/", contains("Gemeente Nieuwdorp"));
}

#[test]
fn only_files_of_the_site_are_served() {
    let site = TestSite::fixture("basic");
    let server = site.serve(&[]);
    for path in [
        "/../config.yaml",
        "/%2e%2e/config.yaml",
        "/css/..%2f..%2fconfig.yaml",
        "/content/over.md",
        "/config.yaml",
    ] {
        assert_eq!(server.get(path).status, 404, "{path}");
    }
    let missing = server.get("/bestaat/niet/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<html"),
        "404.html is served: {}",
        missing.body
    );
    let css = server.get("/css/site.css");
    assert!(
        css.headers
            .to_lowercase()
            .contains("content-type: text/css"),
        "{}",
        css.headers
    );
    let csv = server.get("/docs/bundel/tabel.csv");
    assert!(
        csv.headers
            .to_lowercase()
            .contains("content-type: text/csv"),
        "{}",
        csv.headers
    );
    assert_eq!(server.get("/over").status, 301);
}

#[test]
fn served_pages_reload_but_nothing_is_written_to_public() {
    let site = TestSite::fixture("basic");
    let server = site.serve(&[]);
    let page = server.get("/over/");
    assert!(
        page.body
            .contains("<script src=\"/__keten/live.js\" data-generation=\""),
        "{}",
        page.body
    );
    assert!(server.get("/__keten/live.js").body.contains("EventSource"));
    site.write("content/over.md", "---\ntitle: Over\n---\n\nBewerkt.\n");
    server.wait_for("/over/", contains("Bewerkt."));
    assert!(!site.path("public").exists(), "serve wrote public/");
}

fn settings() -> LiveSettings {
    LiveSettings {
        address: "127.0.0.1:1111".to_owned(),
        drafts: false,
        future: false,
    }
}

/// Applies one change to a live site, then checks it against a fresh full build.
fn assert_same_as_full_build(site: &TestSite, live: &mut LiveSite, changed: &[&str]) {
    let paths: Vec<std::path::PathBuf> = changed.iter().map(|p| site.path(p)).collect();
    live.apply(&paths)
        .unwrap_or_else(|e| panic!("update failed after {changed:?}: {e}"));
    live.finish()
        .unwrap_or_else(|e| panic!("finishing failed after {changed:?}: {e}"));
    let mut fresh = LiveSite::new(site.root(), settings());
    fresh.rebuild().unwrap();
    assert_eq!(live.paths(), fresh.paths(), "after {changed:?}");
    for path in fresh.paths() {
        assert!(
            live.file(path) == fresh.file(path),
            "{path} differs after {changed:?}"
        );
    }
}

#[test]
fn incremental_updates_equal_a_full_build() {
    let site = TestSite::fixture("basic");
    let mut live = LiveSite::new(site.root(), settings());
    live.rebuild().unwrap();

    site.write("content/nieuws/derde.md", "---\ntitle: Derde bericht\ndate: 2024-02-10\n---\n\nAndere tekst, [link](@/over.md#doel).\n");
    assert_same_as_full_build(&site, &mut live, &["content/nieuws/derde.md"]);

    site.write("content/nieuws/2024-01-15-eerste.md", "---\ntitle: Eerste bericht, nieuwe titel\ntaxonomies:\n  themas: [\"Werken en ondernemen\"]\n---\n\nKort.\n");
    assert_same_as_full_build(&site, &mut live, &["content/nieuws/2024-01-15-eerste.md"]);

    site.write(
        "content/nieuws/derde.md",
        "---\ntitle: Derde bericht\ndate: 2023-12-31\n---\n\nVerplaatst in de tijd.\n",
    );
    assert_same_as_full_build(&site, &mut live, &["content/nieuws/derde.md"]);

    site.write("content/docs/c.md", "---\ntitle: C\nweight: 0\n---\nC.\n");
    assert_same_as_full_build(&site, &mut live, &["content/docs/c.md"]);

    site.remove("content/docs/b.md");
    assert_same_as_full_build(&site, &mut live, &["content/docs/b.md"]);

    site.write("themes/eenvoud/templates/speciaal.html", "{% extends \"page.html\" %}{% block content %}Speciaal: {{ page.title }}{% endblock content %}");
    assert_same_as_full_build(
        &site,
        &mut live,
        &["themes/eenvoud/templates/speciaal.html"],
    );

    site.write(
        "templates/components.html",
        "{% component voet(naam) %}<small>{{ naam }}</small>{% endcomponent voet %}",
    );
    let base = std::fs::read_to_string(site.path("templates/base.html")).unwrap();
    site.write(
        "templates/base.html",
        base.replace(
            "<footer>{{ config.extra.organisatie }}</footer>",
            "<footer>{{ <voet naam={config.extra.organisatie} /> }}</footer>",
        ),
    );
    assert_same_as_full_build(
        &site,
        &mut live,
        &["templates/components.html", "templates/base.html"],
    );
    site.write(
        "templates/components.html",
        "{% component voet(naam) %}<p>{{ naam }}, bewerkt</p>{% endcomponent voet %}",
    );
    assert_same_as_full_build(&site, &mut live, &["templates/components.html"]);

    let theme_kader = "themes/eenvoud/templates/shortcodes/kader.html";
    site.write(
        theme_kader,
        "{% component kader(soort: string = \"info\") %}<div class=\"kader\">{{ body }}</div>{% endcomponent kader %}",
    );
    assert_same_as_full_build(&site, &mut live, &[theme_kader]);
    site.write(
        "content/docs/kader.md",
        "---\ntitle: Kader\n---\n\n{% kader() %}\n## Binnen\n\nTekst.\n{% end %}\n",
    );
    assert_same_as_full_build(&site, &mut live, &["content/docs/kader.md"]);
    site.write(
        theme_kader,
        "{% component kader(soort: string = \"info\") %}<aside class=\"kader\"><h2 id=\"extra\">Let op</h2>{{ body }}</aside>{% endcomponent kader %}",
    );
    assert_same_as_full_build(&site, &mut live, &[theme_kader]);
    site.write(
        "templates/shortcodes/kader.html",
        "{% component kader(soort: string = \"info\") %}<section class=\"eigen\">{{ body }}</section>{% endcomponent kader %}",
    );
    assert_same_as_full_build(&site, &mut live, &["templates/shortcodes/kader.html"]);

    site.write(
        "templates/shortcodes/cijfers.html",
        "{% component cijfers(bestand: string, @page) %}{% set data = load_data(path=bestand) %}<p>{{ data.rows | length }} rijen</p>{% endcomponent cijfers %}",
    );
    site.write(
        "content/docs/bundel/index.md",
        "---\ntitle: \"Bundel\"\nweight: 3\n---\n[De tabel](tabel.csv).\n\n{{ cijfers(bestand=\"tabel.csv\") }}\n",
    );
    assert_same_as_full_build(
        &site,
        &mut live,
        &[
            "templates/shortcodes/cijfers.html",
            "content/docs/bundel/index.md",
        ],
    );
    site.write("content/docs/bundel/tabel.csv", "a;b\n1;2\n3;4\n5;6\n");
    assert_same_as_full_build(&site, &mut live, &["content/docs/bundel/tabel.csv"]);
    let Some(keten::serve::live::Output::Bytes(page)) = live.file("docs/bundel/index.html") else {
        panic!("the bundle page is rendered");
    };
    assert!(
        String::from_utf8_lossy(page).contains("<p>3 rijen</p>"),
        "the data file is read again"
    );

    site.write("static/css/site.css", "body { color: #222; }");
    assert_same_as_full_build(&site, &mut live, &["static/css/site.css"]);

    site.write("static/js/nieuw.js", "console.log(1);");
    assert_same_as_full_build(&site, &mut live, &["static/js/nieuw.js"]);
}

#[test]
fn a_page_edit_rebuilds_only_what_shows_it() {
    let site = TestSite::fixture("basic");
    let mut live = LiveSite::new(site.root(), settings());
    live.rebuild().unwrap();
    site.write(
        "content/docs/a.md",
        "---\ntitle: A\nweight: 2\ntemplate: speciaal.html\n---\nA, bewerkt.\n",
    );
    let update = live.apply(&[site.path("content/docs/a.md")]).unwrap();
    assert_eq!(update.changed, ["docs/a/index.html"], "the page first");
    assert!(live.has_deferred(), "then what shows it");
    let rest = live.finish().unwrap();
    assert!(
        rest.changed.is_empty(),
        "the lists show only titles: {:?}",
        rest.changed
    );
    assert!(!live.has_deferred());
}

#[test]
fn a_shortcode_edit_renders_again_only_the_pages_that_call_it() {
    let site = TestSite::fixture("basic");
    let kader = "themes/eenvoud/templates/shortcodes/kader.html";
    site.write(
        kader,
        "{% component kader() %}<div class=\"kader\">{{ body }}</div>{% endcomponent kader %}",
    );
    site.write(
        "content/docs/b.md",
        "---\ntitle: B\nweight: 1\n---\n\n{% kader() %}\nIn een kader.\n{% end %}\n",
    );
    let mut live = LiveSite::new(site.root(), settings());
    live.rebuild().unwrap();
    site.write(
        kader,
        "{% component kader() %}<aside class=\"kader\">{{ body }}</aside>{% endcomponent kader %}",
    );
    let update = live.apply(&[site.path(kader)]).unwrap();
    assert_eq!(
        update.changed,
        ["docs/b/index.html"],
        "the page that calls it, first"
    );
    let page = live.file("docs/b/index.html").unwrap();
    let keten::serve::live::Output::Bytes(bytes) = page else {
        panic!("a rendered page")
    };
    assert!(String::from_utf8_lossy(bytes).contains("<aside class=\"kader\">"));
    live.finish().unwrap();
    assert!(!live.has_deferred());
}

#[test]
fn a_site_with_a_sub_path_is_served_under_it() {
    let site = TestSite::fixture("basic");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write(
        "config.yaml",
        config.replace("https://voorbeeld.nl/", "https://voorbeeld.nl/g40/"),
    );
    let server = site.serve(&[]);
    let page = server.get("/g40/over/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("href=\"/g40/nieuws/\""), "{}", page.body);
    assert_eq!(server.get("/over/").status, 404);
    assert_eq!(server.get("/g40").status, 200);
}

#[test]
fn symbolic_links_out_of_the_site_are_neither_built_nor_served() {
    let site = TestSite::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("geheim.txt"), "geheim").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("geheim.txt"),
        site.path("static/geheim.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("geheim.txt"),
        site.path("content/geheim.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("static/buiten")).unwrap();
    site.build(&[]).ok();
    assert!(!site.has_output("geheim.txt"));
    assert!(!site.has_output("buiten/geheim.txt"));
    let server = site.serve(&[]);
    for path in ["/geheim.txt", "/buiten/geheim.txt"] {
        let response = server.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(
            !response.body.contains("geheim\n") && response.body != "geheim",
            "{path}"
        );
    }
}

#[test]
fn ctrl_c_stops_the_server_and_deletes_nothing() {
    let site = TestSite::fixture("basic");
    site.build(&[]).ok();
    let before = site.output_files();
    let mut server = site.serve(&[]);
    assert_eq!(server.get("/over/").status, 200);
    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(
        server.printed().contains("Stopped."),
        "{}",
        server.printed()
    );
    assert_eq!(site.output_files(), before, "public/ is untouched");
    assert!(site.path("content/over.md").exists());
}
