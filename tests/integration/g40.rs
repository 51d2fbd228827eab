//! The repository's own site, the G40 agenda, built from `content/` with `themes/g40/`.

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

/// The speerpunt numbers in the order a page lists them (`Speerpunt N: ` before each title).
fn listed_numbers(html: &str) -> Vec<u32> {
    html.split("<span class=\"visually-hidden\">Speerpunt ")
        .skip(1)
        .filter_map(|rest| rest.split(':').next()?.parse().ok())
        .collect()
}

#[test]
fn seven_speerpunten_numbered_and_in_order() {
    let agenda = site().output("agenda/2024-2025/index.html");
    assert_eq!(listed_numbers(&agenda), [1, 2, 3, 4, 5, 6, 7]);
    let home = site().output("index.html");
    assert_eq!(
        listed_numbers(&home),
        [1, 2, 3, 4, 5, 6, 7],
        "home lists the current agenda"
    );
    let borstlap = site().output("agenda/2024-2025/borstlap/index.html");
    assert!(borstlap.contains("Speerpunt 1<span class=\"visually-hidden\">:</span></span> Op de agenda houden van het rapport van de commissie Borstlap</h1>"));
    let school = site().output("agenda/2024-2025/van-school-naar-werk/index.html");
    assert!(school.contains("Speerpunt 7<"), "number shown on the page");
}

/// The themes each speerpunt names in its front matter, read from the content files.
fn themes_in_content() -> Vec<(u32, Vec<String>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/agenda/2024-2025");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let Some(number) = text.lines().find_map(|l| l.trim().strip_prefix("nummer: ")) else {
            continue;
        };
        let themes: Vec<String> = text
            .split("themas:")
            .nth(1)
            .unwrap()
            .split("---")
            .next()
            .unwrap()
            .lines()
            .filter_map(|l| l.trim().strip_prefix("- "))
            .map(|t| t.trim_matches('"').to_owned())
            .collect();
        found.push((number.parse().unwrap(), themes));
    }
    found
}

#[test]
fn each_theme_lists_exactly_its_speerpunten() {
    let content = themes_in_content();
    assert_eq!(content.len(), 7);
    for (theme, slug) in [
        ("Bestaanszekerheid", "bestaanszekerheid"),
        ("Participeren", "participeren"),
        ("Leren", "leren"),
        ("Werken en ondernemen", "werken-en-ondernemen"),
    ] {
        let mut expected: Vec<u32> = content
            .iter()
            .filter(|(_, t)| t.iter().any(|t| t == theme))
            .map(|(n, _)| *n)
            .collect();
        expected.sort();
        let page = site().output(&format!("themas/{slug}/index.html"));
        assert_eq!(listed_numbers(&page), expected, "theme {theme}");
    }
    assert_eq!(
        listed_numbers(&site().output("themas/leren/index.html")),
        [4, 7]
    );
}

#[test]
fn leads_and_contact_persons_with_working_mailto_links() {
    let about = site().output("themagroep/index.html");
    for lead in ["Carine Bloemhoff", "Raymond Wanders"] {
        assert!(about.contains(lead), "{lead}");
    }
    for (name, mail) in [
        ("Leoni Ax", "leoni.ax@groningen.nl"),
        ("Alita Kuik", "a.kuik@emmen.nl"),
    ] {
        assert!(about.contains(name), "{name}");
        assert!(
            about.contains(&format!("<a href=\"mailto:{mail}\">{mail}</a>")),
            "{mail}"
        );
    }
    let home = site().output("index.html");
    assert!(
        home.contains("href=\"mailto:leoni.ax@groningen.nl\""),
        "footer of every page"
    );
    assert!(
        home.contains("href=\"mailto:a.kuik@emmen.nl\""),
        "footer of every page"
    );
}

#[test]
fn indicator_table_renders_with_its_figures() {
    let paper = site().output("papers/regionaal-arbeidsmarktbeleid-groningen/index.html");
    assert!(paper.contains("<table>"), "{paper}");
    for figure in ["842", "600", "650", "3.424", "3.001", "3.141"] {
        assert!(
            paper.contains(&format!("<td class=\"align-right\">{figure}</td>")),
            "{figure}"
        );
    }
    assert!(paper.contains("<th scope=\"col\" class=\"align-right\">Behaald 2019</th>"));
    assert!(site().has_output("papers/regionaal-arbeidsmarktbeleid-groningen/indicatoren.csv"));
}

#[test]
fn news_items_carry_dutch_dates() {
    let item = site().output("nieuws/uitnodiging-commissie-werk-en-inkomen/index.html");
    assert!(
        item.contains("<time datetime=\"2019-11-12\">dinsdag 12 november 2019</time>"),
        "{item}"
    );
    assert!(
        item.contains("woensdag 20 november 2019"),
        "the meeting date in the text"
    );
    let list = site().output("nieuws/index.html");
    assert!(list.contains("12 november 2019"), "{list}");
}

#[test]
fn previous_edition_is_marked_and_points_to_the_current_one() {
    for page in [
        "agenda/2022-2024/index.html",
        "agenda/2022-2024/leren/index.html",
    ] {
        let html = site().output(page);
        assert!(html.contains("Vorige editie"), "{page}");
        assert!(
            html.contains("<a href=\"/agenda/2024-2025/\">Strategische agenda &#39;24-&#39;25</a>"),
            "{page}"
        );
    }
    assert!(
        !site()
            .output("agenda/2024-2025/borstlap/index.html")
            .contains("Vorige editie")
    );
}

#[test]
fn every_page_links_to_the_accessibility_statement() {
    assert!(site().has_output("toegankelijkheid/index.html"));
    assert!(site().has_output("privacy/index.html"));
    for file in site()
        .output_files()
        .iter()
        .filter(|f| f.ends_with(".html"))
    {
        let html = site().output(file);
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        assert!(html.contains("href=\"/toegankelijkheid/\""), "{file}");
        assert!(html.contains("<html lang=\"nl\""), "{file}");
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
fn search_page_has_an_index_and_works_without_javascript() {
    for file in ["search-index/meta.json", "search-index/search.js"] {
        assert!(site().has_output(file), "{file}");
    }
    let page = site().output("zoeken/index.html");
    assert!(
        page.contains("<form role=\"search\" action=\"/zoeken/\" method=\"get\""),
        "{page}"
    );
    assert!(
        page.contains(
            "<script src=\"/search-index/search.js\" data-index=\"/search-index/\" defer></script>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/agenda/2024-2025/borstlap/\">"),
        "the list of pages for browsers without JavaScript"
    );
    let home = site().output("index.html");
    assert!(
        home.contains("action=\"/zoeken/\""),
        "every page has the search form"
    );
}

#[test]
fn no_inline_scripts_or_styles_for_a_strict_csp() {
    for file in site()
        .output_files()
        .iter()
        .filter(|f| f.ends_with(".html"))
    {
        let html = site().output(file);
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
    let agenda = site().output("agenda/index.html");
    assert!(
        agenda.contains("Huidige editie: Strategische agenda &#39;24-&#39;25"),
        "{agenda}"
    );
    assert_eq!(listed_numbers(&agenda), [1, 2, 3, 4, 5, 6, 7]);
    assert!(
        agenda.contains("href=\"/agenda/2024-2025/wat-is-er-veranderd/\""),
        "{agenda}"
    );
    let changes = site().output("agenda/2024-2025/wat-is-er-veranderd/index.html");
    assert!(
        changes.contains("Vergeleken met de <a href=\"/agenda/2022-2024/\">"),
        "{changes}"
    );
}

#[test]
fn speerpunten_follow_their_schema() {
    let site = TestSite::repository();
    let file = "content/agenda/2024-2025/arbeidsmigratie.md";
    let text = std::fs::read_to_string(site.path(file)).unwrap();
    site.write(file, text.replace("nummer: 6", "nummer: 2"));
    let error = site.build(&[]).failed();
    assert!(
        error.contains("content/agenda/2024-2025/participatiewet.md"),
        "{error}"
    );
    assert!(
        error.contains("`extra.nummer` is `2`, the same as in"),
        "{error}"
    );
    site.write(file, text.replace("\"Werken en ondernemen\"", "\"Wonen\""));
    let error = site.build(&[]).failed();
    assert!(error.contains(&format!("{file}:")), "{error}");
    assert!(
        error.contains("`taxonomies.themas` cannot be `Wonen`"),
        "{error}"
    );
}
