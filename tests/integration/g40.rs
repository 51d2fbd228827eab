//! The repository's own site, the G40 agenda, built from `content/` with `themes/g40/`.
//!
//! These tests check the structure of the built site, not its wording: an editor who
//! rewrites a sentence, renames a contact person or adds a news item must not break
//! `cargo test`. Facts the tests need (the current edition, the contact persons, the
//! indicator figures) are read from the configuration, the content or the build.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use super::harness::TestSite;

/// One build shared by these tests: they only read the output.
fn site() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::repository();
        site.build(&[]).ok();
        site
    })
}

/// A file of the repository's own site, as an editor wrote it.
fn content(path: &str) -> String {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The value of `key: value` lines in a text, unquoted, in order.
fn values<'a>(text: &'a str, key: &str) -> Vec<&'a str> {
    text.lines()
        .filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix(key))
        .filter_map(|rest| rest.strip_prefix(':'))
        .map(|v| v.trim().trim_matches('"'))
        .collect()
}

/// The folder of the current edition, from `config.yaml`: `2024-2025`.
fn current_edition() -> String {
    let config = content("config.yaml");
    let editions = config
        .split("editions:")
        .nth(1)
        .expect("editions in config");
    values(editions, "current")[0].to_owned()
}

/// The edition folders under `content/agenda/`.
fn editions() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/agenda");
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("_index.md").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    found
}

/// Every HTML page of the build a reader can open (not the redirect pages).
fn html_pages() -> Vec<String> {
    site()
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .filter(|f| !site().output(f).contains("http-equiv=\"refresh\""))
        .collect()
}

/// The speerpunt numbers in the order a page lists them (`Speerpunt N: ` before each title).
fn listed_numbers(html: &str) -> Vec<u32> {
    html.split("<span class=\"visually-hidden\">Speerpunt ")
        .skip(1)
        .filter_map(|rest| rest.split(':').next()?.parse().ok())
        .collect()
}

/// The values of an attribute (`href`, `src`) in a page, as written.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    html.split(&format!(" {name}=\""))
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// Text with the entities Tera writes decoded and typographic apostrophes made plain.
fn plain(html: &str) -> String {
    html.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace('’', "'")
}

#[test]
fn seven_speerpunten_numbered_and_in_order() {
    let edition = current_edition();
    let agenda = site().output(&format!("agenda/{edition}/index.html"));
    assert_eq!(listed_numbers(&agenda), [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(
        listed_numbers(&site().output("index.html")),
        [1, 2, 3, 4, 5, 6, 7],
        "home lists the current agenda"
    );
    // Each speerpunt's page says its own number above its title.
    let pages: BTreeSet<&str> = attributes(&agenda, "href")
        .into_iter()
        .filter(|u| u.starts_with(&format!("/agenda/{edition}/")) && u.matches('/').count() == 4)
        .filter(|u| !u.ends_with("/wat-is-er-veranderd/"))
        .collect();
    assert_eq!(pages.len(), 7, "{pages:?}");
    let mut numbers = Vec::new();
    for url in pages {
        let html = site().output(&format!("{}index.html", &url[1..]));
        let heading = html
            .split("<h1 class=\"speerpunt-titel\">")
            .nth(1)
            .expect(url);
        let number: u32 = heading
            .split("Speerpunt ")
            .nth(1)
            .and_then(|n| n.split('<').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{url} shows no number"));
        numbers.push(number);
    }
    numbers.sort();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn every_agenda_page_names_its_source_document() {
    for page in html_pages().iter().filter(|f| f.starts_with("agenda/")) {
        let html = plain(&site().output(page));
        assert!(
            html.contains("Bron: <cite>") || html.contains("class=\"artikel__bronnen\""),
            "{page} names no source"
        );
        // A page of an edition names that edition's document with its period ('24-'25).
        let edition = page.split('/').nth(1).filter(|e| e.contains('-'));
        if let Some((from, to)) = edition.and_then(|e| e.split_once('-')) {
            let period = format!("'{}-'{}", &from[2..], &to[2..]);
            let cite = html.split("<cite>").nth(1).unwrap_or("");
            assert!(
                cite.split("</cite>").next().unwrap().contains(&period),
                "{page}: the source it names has no {period}"
            );
        }
    }
}

#[test]
fn themes_only_on_pages_of_an_edition_that_has_themes() {
    let current = current_edition();
    for page in html_pages()
        .iter()
        .filter(|f| f.starts_with(&format!("agenda/{current}/")))
    {
        assert!(
            !site().output(page).contains("class=\"termen\""),
            "{page} shows themes"
        );
    }
    let list = site().output("themas/index.html");
    let terms: Vec<&str> = attributes(&list, "href")
        .into_iter()
        .filter(|u| u.starts_with("/themas/") && u.len() > "/themas/".len())
        .collect();
    assert!(!terms.is_empty(), "no themes listed");
    for term in terms {
        let html = site().output(&format!("{}index.html", &term[1..]));
        let pages: Vec<&str> = attributes(&html, "href")
            .into_iter()
            .filter(|u| u.starts_with("/agenda/") && u.matches('/').count() == 4)
            .collect();
        assert!(!pages.is_empty(), "{term} lists no page");
        for page in pages {
            assert!(
                !page.starts_with(&format!("/agenda/{current}/")),
                "{term} lists {page} of the current edition, which has no themes"
            );
        }
    }
}

#[test]
fn contact_persons_have_working_mailto_links_on_every_page() {
    let about = content("content/themagroep.md");
    let mails = values(&about, "email");
    assert!(!mails.is_empty(), "themagroep.md names contact persons");
    let names = values(&about, "naam");
    let page = site().output("themagroep/index.html");
    for name in names {
        assert!(page.contains(name), "{name}");
    }
    for page in html_pages() {
        let html = site().output(&page);
        for mail in &mails {
            assert!(
                html.contains(&format!("href=\"mailto:{mail}\"")),
                "{page} has no link to {mail}"
            );
        }
    }
}

#[test]
fn indicator_table_has_every_figure_of_its_csv() {
    let folder = "papers/regionaal-arbeidsmarktbeleid-groningen";
    let csv = site().output(&format!("{folder}/indicatoren.csv"));
    let paper = site().output(&format!("{folder}/index.html"));
    let table = paper
        .split("<table")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("the paper has a table");
    let mut lines = csv.lines();
    for heading in lines.next().unwrap().split(';') {
        assert!(table.contains(&format!(">{heading}</th>")), "{heading}");
    }
    for row in lines {
        let mut cells = row.split(';');
        assert!(table.contains(cells.next().unwrap()), "{row}");
        for figure in cells {
            assert!(
                table.contains(&format!("<td class=\"align-right\">{figure}</td>")),
                "{figure}"
            );
        }
    }
    assert!(
        paper.contains("class=\"table-wrapper\""),
        "the table scrolls in its own region"
    );
}

#[test]
fn dated_pages_show_a_labelled_dutch_date() {
    let months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    for page in html_pages()
        .iter()
        .filter(|f| f.starts_with("nieuws/") || f.starts_with("papers/"))
    {
        let html = site().output(page);
        for time in html.split("<time datetime=\"").skip(1) {
            let (date, shown) = time.split_once("\">").unwrap();
            let shown = shown.split("</time>").next().unwrap();
            let month: usize = date[5..7].parse().unwrap();
            let day: u32 = date[8..10].parse().unwrap();
            assert!(
                shown.ends_with(&format!("{day} {} {}", months[month - 1], &date[..4])),
                "{page}: {date} shown as {shown}"
            );
        }
    }
    // A page whose date is not a publication date says what it is.
    for (page, folder) in [
        (
            "nieuws/2019-11-12-uitnodiging-commissie-werk-en-inkomen.md",
            "nieuws/uitnodiging-commissie-werk-en-inkomen",
        ),
        (
            "papers/regionaal-arbeidsmarktbeleid-groningen/index.md",
            "papers/regionaal-arbeidsmarktbeleid-groningen",
        ),
    ] {
        let label = values(&content(&format!("content/{page}")), "datum_label")[0].to_owned();
        let html = site().output(&format!("{folder}/index.html"));
        assert!(
            html.contains(&format!("{label}: <time")),
            "{folder}: {label}"
        );
        assert!(!html.contains("Gepubliceerd op"), "{folder}");
    }
}

#[test]
fn earlier_editions_are_marked_and_point_to_the_current_one() {
    let current = current_edition();
    let link = format!("<a href=\"/agenda/{current}/\">");
    for edition in editions() {
        for page in html_pages()
            .iter()
            .filter(|f| f.starts_with(&format!("agenda/{edition}/")))
        {
            let html = site().output(page);
            let marked = html.contains("melding--vorige-editie");
            if edition == current {
                assert!(!marked, "{page} is of the current edition");
            } else {
                assert!(marked && html.contains(&link), "{page}");
            }
        }
    }
}

#[test]
fn every_page_links_to_the_accessibility_and_privacy_statements() {
    for page in html_pages() {
        let html = site().output(&page);
        assert!(html.contains("href=\"/toegankelijkheid/\""), "{page}");
        assert!(html.contains("href=\"/privacy/\""), "{page}");
        assert!(html.contains("<html lang=\"nl\""), "{page}");
    }
}

#[test]
fn every_internal_link_resolves() {
    let files = site().output_files();
    for page in html_pages() {
        let html = site().output(&page);
        let links = attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"));
        for url in links.filter(|u| u.starts_with('/') && !u.starts_with("//")) {
            let path = url[1..].split(['#', '?']).next().unwrap();
            let exists = path.is_empty()
                || files.contains(&path.to_owned())
                || files.contains(&format!("{path}index.html"))
                || files.contains(&format!("{path}/index.html"));
            assert!(
                exists,
                "{page} links to {url}, which the build does not have"
            );
        }
        for anchor in attributes(&html, "href")
            .into_iter()
            .filter_map(|u| u.strip_prefix('#'))
        {
            assert!(
                html.contains(&format!("id=\"{anchor}\"")),
                "{page} links to #{anchor}, which it does not have"
            );
        }
    }
}

#[test]
fn no_page_loads_anything_from_another_host() {
    for file in site().output_files() {
        if !(file.ends_with(".html") || file.ends_with(".css")) {
            continue;
        }
        let text = site().output(&file);
        for (at, _) in text.match_indices("http") {
            let before = &text[at.saturating_sub(12)..at];
            let loads = ["src=\"", "url(", "@import \"", "srcset=\""]
                .iter()
                .any(|p| before.ends_with(p));
            let stylesheet = before.ends_with("href=\"")
                && text[..at].rsplit('<').next().is_some_and(|tag| {
                    tag.starts_with("link")
                        && !tag.contains("canonical")
                        && !tag.contains("alternate")
                });
            assert!(
                !loads && !stylesheet,
                "{file} loads {}",
                &text[at..(at + 60).min(text.len())]
            );
        }
        assert!(
            !text.contains("src=\"//") && !text.contains("url(//"),
            "{file}"
        );
    }
}

#[test]
fn search_page_has_an_index_and_lists_every_page_without_javascript() {
    for file in ["search-index/meta.json", "search-index/search.js"] {
        assert!(site().has_output(file), "{file}");
    }
    let page = site().output("zoeken/index.html");
    assert!(
        page.contains("action=\"/zoeken/\""),
        "the form submits here"
    );
    assert!(
        page.contains("<script src=\"/search-index/search.js\""),
        "{page}"
    );
    let listed: BTreeSet<&str> = attributes(&page, "href").into_iter().collect();
    for file in html_pages() {
        if file == "404.html" {
            continue;
        }
        let url = format!("/{}", file.trim_end_matches("index.html"));
        assert!(
            listed.contains(url.as_str()),
            "{url} is not in the list of all pages"
        );
    }
    for page in html_pages() {
        let html = site().output(&page);
        assert!(
            html.contains("action=\"/zoeken/\""),
            "{page}: a search form"
        );
    }
}

#[test]
fn no_inline_scripts_or_styles_for_a_strict_csp() {
    for file in html_pages() {
        let html = site().output(&file);
        assert!(!html.contains("<style"), "{file}");
        assert!(!html.contains(" style=\""), "{file}");
        for script in html.split("<script").skip(1) {
            assert!(
                script.split('>').next().unwrap().contains("src="),
                "inline script in {file}"
            );
        }
    }
}

#[test]
fn agenda_address_shows_the_current_edition() {
    let current = current_edition();
    let agenda = site().output("agenda/index.html");
    assert!(agenda.contains(&format!("href=\"/agenda/{current}/\"")));
    assert_eq!(listed_numbers(&agenda), [1, 2, 3, 4, 5, 6, 7]);
    for edition in editions() {
        assert!(
            agenda.contains(&format!("href=\"/agenda/{edition}/\"")),
            "{edition}"
        );
    }
    let changes = format!("/agenda/{current}/wat-is-er-veranderd/");
    assert!(agenda.contains(&format!("href=\"{changes}\"")), "{agenda}");
    assert!(site().has_output(&format!("{}index.html", &changes[1..])));
}

#[test]
fn speerpunten_follow_their_schema() {
    let site = TestSite::repository();
    let edition = current_edition();
    let folder = format!("content/agenda/{edition}");
    let files: Vec<String> = std::fs::read_dir(site.path(&folder))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "_index.md")
        .collect();
    let numbered = |n: u32| {
        files
            .iter()
            .find(|f| {
                let text = std::fs::read_to_string(site.path(&format!("{folder}/{f}"))).unwrap();
                text.contains(&format!("nummer: {n}\n"))
            })
            .map(|f| format!("{folder}/{f}"))
            .unwrap()
    };
    let (second, sixth) = (numbered(2), numbered(6));
    let text = std::fs::read_to_string(site.path(&sixth)).unwrap();
    site.write(&sixth, text.replace("nummer: 6", "nummer: 2"));
    let error = site.build(&[]).failed();
    assert!(error.contains(&second), "{error}");
    assert!(
        error.contains("`extra.nummer` is `2`, the same as in"),
        "{error}"
    );
    let without_description: String = text
        .lines()
        .filter(|l| !l.starts_with("description:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write(&sixth, without_description);
    let error = site.build(&[]).failed();
    assert!(error.contains(&sixth), "{error}");
    assert!(error.contains("description"), "{error}");
}

/// The `content` of the page's `<meta name="description">`.
fn meta_description(html: &str) -> &str {
    html.split("<meta name=\"description\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a meta description")
}

#[test]
fn a_page_without_description_describes_itself_by_its_first_paragraph() {
    let site = TestSite::repository();
    let privacy = std::fs::read_to_string(site.path("content/privacy.md")).unwrap();
    let without: String = privacy
        .lines()
        .filter(|l| !l.starts_with("description:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("content/privacy.md", &without);
    site.build(&[]).ok();
    // The first paragraph as the editor wrote it: after the front matter, not a heading.
    let body = without.splitn(3, "---\n").nth(2).unwrap();
    let first = body
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))
        .unwrap()
        .replace('\n', " ");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    let page = meta_description(&site.output("privacy/index.html")).to_owned();
    assert_ne!(page, values(&config, "description")[0]);
    assert!(page.chars().count() <= 160, "{page}");
    assert!(
        first.starts_with(page.trim_end_matches('…')),
        "{page} is not the start of {first}"
    );
}
