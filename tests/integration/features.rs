//! What a real site needs beyond pages: feeds, sitemap, links that cannot break, section
//! schemas, `keten new` and `keten check`.

use std::str::FromStr;

use super::harness::{TestSite, fixture};

fn built() -> TestSite {
    let site = TestSite::fixture("basic");
    site.build(&[]).ok();
    site
}

#[test]
fn section_feed_is_valid_atom_with_absolute_urls() {
    let site = built();
    let feed =
        atom_syndication::Feed::from_str(&site.output("nieuws/atom.xml")).expect("valid Atom");
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(
        titles,
        ["Tweede bericht", "Derde bericht", "Eerste bericht"]
    );
    assert_eq!(feed.id(), "https://voorbeeld.nl/nieuws/");
    let self_link = feed.links().iter().find(|l| l.rel() == "self").unwrap();
    assert_eq!(self_link.href(), "https://voorbeeld.nl/nieuws/atom.xml");
    let first = &feed.entries()[0];
    assert_eq!(
        first.links()[0].href(),
        "https://voorbeeld.nl/nieuws/tweede/"
    );
    assert_eq!(first.updated().to_rfc3339(), "2024-03-01T10:00:00+01:00");
}

#[test]
fn site_feed_lists_dated_pages_newest_first() {
    let site = built();
    let feed = atom_syndication::Feed::from_str(&site.output("atom.xml")).expect("valid Atom");
    assert_eq!(feed.entries().len(), 3);
    assert_eq!(feed.lang(), Some("nl"));
    let content = site.output("atom.xml");
    assert!(
        !content.contains("href=&quot;/"),
        "relative URLs left in the feed: {content}"
    );
}

/// The `updated` of a feed as RFC 3339 text.
fn feed_updated(site: &TestSite, path: &str) -> String {
    let feed = atom_syndication::Feed::from_str(&site.output(path)).expect("valid Atom");
    feed.updated().to_rfc3339()
}

#[test]
fn an_empty_feed_has_the_newest_date_of_the_site() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/leeg/_index.md",
        "---\ntitle: Leeg\nfeed: true\n---\n",
    );
    site.build(&[]).ok();
    let feed = atom_syndication::Feed::from_str(&site.output("leeg/atom.xml")).unwrap();
    assert!(feed.entries().is_empty());
    // The newest `date` in the fixture, not 1970.
    assert_eq!(
        feed_updated(&site, "leeg/atom.xml"),
        feed_updated(&site, "atom.xml")
    );
    assert!(!site.output("leeg/atom.xml").contains("1970"));
}

#[test]
fn a_site_without_dates_dates_its_feed_today() {
    let site = TestSite::empty();
    site.write("config.yaml", "base_url: https://voorbeeld.nl/\ntitle: T\n");
    site.write("content/_index.md", "---\ntitle: T\n---\n");
    site.write("content/over.md", "---\ntitle: Over\n---\nTekst.\n");
    let before = chrono::Utc::now().date_naive();
    site.build(&[]).ok();
    let after = chrono::Utc::now().date_naive();
    let updated = feed_updated(&site, "atom.xml");
    let days = [before, after].map(|d| format!("{d}T00:00:00+00:00"));
    assert!(days.contains(&updated), "{updated}");
}

#[test]
fn sitemap_lists_every_published_page_with_its_date() {
    let site = built();
    let sitemap = site.output("sitemap.xml");
    let mut reader = quick_xml::Reader::from_str(&sitemap);
    let mut locs = Vec::new();
    let mut in_loc = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) => in_loc = e.name().as_ref() == b"loc",
            quick_xml::events::Event::Text(t) if in_loc => {
                locs.push(t.decode().unwrap().into_owned())
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(
        locs.contains(&"https://voorbeeld.nl/over/".to_owned()),
        "{locs:?}"
    );
    assert!(
        locs.contains(&"https://voorbeeld.nl/themas/leren/".to_owned()),
        "{locs:?}"
    );
    assert!(
        !locs.iter().any(|l| l.contains("concept")),
        "drafts stay out: {locs:?}"
    );
    let entry = sitemap
        .split("<url>")
        .find(|e| e.contains("/nieuws/eerste/</loc>"))
        .unwrap();
    let lastmod = entry
        .split("<lastmod>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert!(
        chrono::NaiveDate::parse_from_str(lastmod, "%Y-%m-%d").is_ok(),
        "{sitemap}"
    );
    assert_eq!(
        site.output("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://voorbeeld.nl/sitemap.xml\n"
    );
}

#[test]
fn alias_that_clashes_with_a_page_is_an_error() {
    let site = built();
    site.write(
        "content/docs/b.md",
        "---\ntitle: B\naliases: [\"/over/\"]\n---\n",
    );
    let error = site.build(&[]).failed();
    assert!(
        error.contains("`content/docs/b.md` and `content/over.md` both write `over/index.html`"),
        "{error}"
    );
}

#[test]
fn links_to_site_paths_and_files_beside_a_page_are_checked() {
    let site = built();
    site.write("content/over.md", "---\ntitle: Over\n---\n\n[ok](/nieuws/) [weg](/bestaat/niet/)\n\n[tabel](../docs/bundel/tabel.csv) [pdf](verslag.pdf)\n");
    let error = site.build(&[]).failed();
    assert!(error.contains("content/over.md:5:16"), "{error}");
    assert!(
        error.contains("`/bestaat/niet/`: the site has no `/bestaat/niet/`"),
        "{error}"
    );
    assert!(error.contains("content/over.md:7:35"), "{error}");
    assert!(
        error.contains("`verslag.pdf`: the site has no `/over/verslag.pdf`"),
        "{error}"
    );
    assert!(!error.contains("no `/docs/bundel/tabel.csv`"), "{error}");
    assert!(error.contains("2 problems found"), "{error}");
}

#[test]
fn links_to_a_page_that_became_a_folder_keep_working() {
    let site = TestSite::fixture("basic");
    let text = std::fs::read_to_string(site.path("content/over.md")).unwrap();
    std::fs::remove_file(site.path("content/over.md")).unwrap();
    site.write("content/over/index.md", text);
    site.write(
        "content/nieuws/link.md",
        "---\ntitle: Link\n---\n\n[over ons](@/over.md) en [de lijst](@/lijst/_index.md)\n",
    );
    site.build(&[]).ok();
    let page = site.output("nieuws/link/index.html");
    assert!(page.contains("/over/\">over ons</a>"), "{page}");
}

#[test]
fn links_in_templates_are_checked_once_per_link() {
    let site = built();
    let base = std::fs::read_to_string(site.path("templates/base.html")).unwrap();
    site.write(
        "templates/base.html",
        base.replace(
            "<main>",
            "<a href=\"#inhoud\">Naar inhoud</a><a href=\"/contact/\">Contact</a><main>",
        ),
    );
    let error = site.build(&[]).failed();
    assert!(
        error.contains("`/contact/`: the site has no such file (on "),
        "{error}"
    );
    assert!(
        error.contains("`#inhoud`: the page has no id `inhoud`"),
        "{error}"
    );
    assert_eq!(error.matches("`/contact/`").count(), 1, "{error}");
}

#[test]
fn broken_links_can_be_warnings_for_imported_content() {
    let site = built();
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write("config.yaml", format!("{config}broken_links: warn\n"));
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\n[weg](@/weg.md) [ook weg](/weg/)\n",
    );
    let run = site.build(&[]).ok();
    assert!(
        run.stderr
            .contains("warning: `@/weg.md`: there is no `content/weg.md`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2 warnings found"), "{}", run.stderr);
    assert!(site.output("over/index.html").contains("ook weg"));
}

fn with_schema(site: &TestSite) {
    site.write(
        "content/docs/_index.md",
        "---\ntitle: Documenten\nsort_by: weight\nschema:\n  extra.nummer: { type: integer, required: true, min: 1, max: 99, unique: true }\n  taxonomies.themas: { required: true, min_items: 1 }\n---\n",
    );
}

#[test]
fn schema_violations_name_the_file_and_line() {
    let site = built();
    with_schema(&site);
    site.write(
        "content/docs/a.md",
        "---\ntitle: A\nextra:\n  nummer: 100\ntaxonomies:\n  themas: [Leren]\n---\n",
    );
    site.write(
        "content/docs/b.md",
        "---\ntitle: B\nextra:\n  nummer: 7\ntaxonomies:\n  themas: [Leren]\n---\n",
    );
    site.write(
        "content/docs/bundel/index.md",
        "---\ntitle: Bundel\nextra:\n  nummer: 7\n---\n",
    );
    let error = site.build(&[]).failed();
    assert!(error.contains("content/docs/a.md:4:11"), "{error}");
    assert!(
        error.contains("`extra.nummer` is 100, outside 1–99"),
        "{error}"
    );
    assert!(
        error.contains("content/docs/bundel/index.md:4:11"),
        "{error}"
    );
    assert!(
        error.contains("`extra.nummer` is `7`, the same as in `content/docs/b.md`"),
        "{error}"
    );
    assert!(error.contains("`taxonomies.themas` is missing"), "{error}");
    assert!(
        error.contains("the schema in `content/docs/_index.md` requires it"),
        "{error}"
    );
}

#[test]
fn schema_accepts_pages_that_follow_it() {
    let site = built();
    with_schema(&site);
    for (file, n) in [("a.md", 1), ("b.md", 2), ("bundel/index.md", 3)] {
        site.write(
            &format!("content/docs/{file}"),
            format!(
                "---\ntitle: D{n}\nextra:\n  nummer: {n}\ntaxonomies:\n  themas: [Leren]\n---\n"
            ),
        );
    }
    site.build(&[]).ok();
}

#[test]
fn new_fills_title_date_and_draft_and_never_overwrites() {
    let site = built();
    let run = site
        .keten(&["new", "nieuws/2025-03-01-regionaal-symposium.md"])
        .ok();
    assert!(
        run.stdout
            .contains("created content/nieuws/2025-03-01-regionaal-symposium.md"),
        "{}",
        run.stdout
    );
    let text =
        std::fs::read_to_string(site.path("content/nieuws/2025-03-01-regionaal-symposium.md"))
            .unwrap();
    assert_eq!(
        text,
        "---\ntitle: \"Regionaal symposium\"\ndate: 2025-03-01\ndraft: true\n---\n\n"
    );
    site.write(
        "content/nieuws/2025-03-01-regionaal-symposium.md",
        "mijn tekst",
    );
    let error = site
        .keten(&["new", "nieuws/2025-03-01-regionaal-symposium.md"])
        .failed();
    assert!(error.contains("already exists"), "{error}");
    let kept =
        std::fs::read_to_string(site.path("content/nieuws/2025-03-01-regionaal-symposium.md"))
            .unwrap();
    assert_eq!(kept, "mijn tekst");
}

#[test]
fn new_uses_the_section_archetype_of_site_or_theme() {
    let site = built();
    site.write("themes/eenvoud/archetypes/nieuws.md", "---\ntitle: \"{{ title }}\"\ndate: {{ date }}\ndraft: true\ndescription: \"\"\n---\n\n## Aanleiding\n");
    let run = site.keten(&["new", "nieuws/bericht.md"]).ok();
    assert!(
        run.stdout
            .contains("from themes/eenvoud/archetypes/nieuws.md"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(site.path("content/nieuws/bericht.md")).unwrap();
    assert!(text.contains("## Aanleiding"), "{text}");
    site.build(&["--drafts"]).ok();
    assert!(site.has_output("nieuws/bericht/index.html"));
}

#[test]
fn check_requires_alt_text_and_writes_nothing() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\nTekst.\n\n![](/logo.png)\n",
    );
    let png = std::fs::read(fixture("images").join("kaart.png")).unwrap();
    site.write("content/logo.png", png);
    let error = site.keten(&["check"]).failed();
    assert!(error.contains("content/over.md:7:1"), "{error}");
    assert!(error.contains("image without alt text"), "{error}");
    assert!(!site.path("public").exists(), "check wrote output");
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\n![Logo van de proefsite](/logo.png)\n",
    );
    let run = site.keten(&["check"]).ok();
    assert!(run.stdout.contains("no problems"), "{}", run.stdout);
}

/// A tiny web server on 127.0.0.1: `/ok` answers 200, anything else 404. Returns its port.
fn tiny_web_server() -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            reader.read_line(&mut request).unwrap_or(0);
            let mut header = String::new();
            while reader.read_line(&mut header).unwrap_or(0) > 2 {
                header.clear();
            }
            let status = if request.contains(" /ok ") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    port
}

#[test]
fn check_external_asks_other_sites_and_remembers_the_answers() {
    let site = TestSite::fixture("basic");
    let port = tiny_web_server();
    site.write(
        "content/over.md",
        format!("---\ntitle: Over\n---\n\n[werkt](http://127.0.0.1:{port}/ok)\n\n[weg](http://127.0.0.1:{port}/weg)\n"),
    );
    let run = site.keten(&["check"]).ok();
    assert!(
        run.stdout.contains("no problems"),
        "without --external nothing is fetched"
    );
    let error = site.keten(&["check", "--external"]).failed();
    assert!(error.contains("content/over.md:7:1"), "{error}");
    assert!(
        error.contains(&format!(
            "`http://127.0.0.1:{port}/weg`: the site answers 404 Not Found"
        )),
        "{error}"
    );
    assert!(!error.contains("/ok`"), "{error}");
    let cache = std::fs::read_to_string(site.path(".keten/external-links.tsv")).unwrap();
    assert!(
        cache.starts_with(&format!("http://127.0.0.1:{port}/ok\t")),
        "{cache}"
    );
    assert!(
        !cache.contains("/weg"),
        "failures are asked again next time: {cache}"
    );
}

#[test]
fn an_id_used_twice_on_a_page_fails_the_build() {
    let site = built();
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\n## Inhoud\n\nTekst.\n",
    );
    let base = std::fs::read_to_string(site.path("templates/base.html")).unwrap();
    site.write(
        "templates/base.html",
        base.replace("<main>", "<main><p id=\"inhoud\">Kop</p>"),
    );
    let error = site.build(&[]).failed();
    assert!(
        error.contains("the id `inhoud` occurs more than once on the page"),
        "{error}"
    );
    assert!(error.contains("public/over/index.html"), "{error}");
}
