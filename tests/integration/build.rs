//! `keten build` on the `basic` fixture: URLs, order, templates, assets, and the output.

use super::harness::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("basic");
    site.build(&[]).ok();
    site
}

#[test]
fn summary_line_counts_pages_sections_and_files() {
    let site = TestSite::fixture("basic");
    let run = site.build(&[]).ok();
    let line = run.stdout.trim();
    assert!(
        line.starts_with("Built 10 pages, 4 sections, 3 files in "),
        "{line}"
    );
    assert!(line.ends_with(" s"), "{line}");
}

#[test]
fn every_page_gets_its_folder_url() {
    let site = built();
    let files = site.output_files();
    for expected in [
        "index.html",
        "over/index.html",
        "nieuws/index.html",
        "nieuws/eerste/index.html",
        "nieuws/tweede/index.html",
        "docs/bundel/index.html",
        "docs/bundel/tabel.csv",
        "lijst/een/index.html",
        "404.html",
    ] {
        assert!(
            files.contains(&expected.to_owned()),
            "missing {expected} in {files:#?}"
        );
    }
}

#[test]
fn drafts_and_future_pages_are_left_out_unless_asked() {
    let site = built();
    assert!(!site.has_output("nieuws/concept/index.html"));
    assert!(!site.has_output("nieuws/toekomst/index.html"));
    site.build(&["--drafts", "--future"]).ok();
    assert!(site.has_output("nieuws/concept/index.html"));
    assert!(site.has_output("nieuws/toekomst/index.html"));
}

#[test]
fn sections_order_by_date_weight_and_title() {
    let site = built();
    let news = site.output("nieuws/index.html");
    assert!(
        news.contains("<li>Tweede bericht</li><li>Derde bericht</li>"),
        "{news}"
    );
    let docs = site.output("docs/index.html");
    assert!(
        docs.contains("<li>B</li><li>A</li><li>Bundel</li>"),
        "{docs}"
    );
    let list = site.output("lijst/index.html");
    assert!(
        list.contains("<li>Appel</li><li>Één</li><li>Zebra</li>"),
        "{list}"
    );
}

#[test]
fn pagination_splits_the_list_and_redirects_page_one() {
    let site = built();
    assert!(
        site.output("nieuws/index.html")
            .contains("1/2 prev= next=/nieuws/page/2/")
    );
    let second = site.output("nieuws/page/2/index.html");
    assert!(
        second.contains("<li>Eerste bericht[<p>Eerste alinea.</p>\n]</li>"),
        "{second}"
    );
    assert!(second.contains("2/2 prev=/nieuws/ next="), "{second}");
    let first = site.output("nieuws/page/1/index.html");
    assert!(
        first.contains("<meta http-equiv=\"refresh\" content=\"0; url=/nieuws/\">"),
        "{first}"
    );
}

#[test]
fn dates_are_printed_the_dutch_way() {
    let site = built();
    let page = site.output("nieuws/eerste/index.html");
    assert!(
        page.contains("15 januari 2024|maandag 15 januari 2024"),
        "{page}"
    );
}

#[test]
fn prev_and_next_follow_the_section_order() {
    let site = built();
    let page = site.output("nieuws/derde/index.html");
    assert!(
        page.contains("prev=Tweede bericht;next=Eerste bericht;"),
        "{page}"
    );
}

#[test]
fn site_templates_override_the_theme_and_the_theme_the_builtins() {
    let site = built();
    let page = site.output("docs/a/index.html");
    assert!(
        page.contains("<footer>Gemeente Proef</footer>"),
        "site base.html: {page}"
    );
    assert!(
        page.contains("class=\"theme-page\""),
        "theme page.html via template: {page}"
    );
    let home = site.output("index.html");
    assert!(
        home.contains("<h1>Welkom</h1>"),
        "theme section.html: {home}"
    );
    let taxonomy = site.output("themas/index.html");
    assert!(
        taxonomy.contains("Werken en ondernemen</a> (2)"),
        "builtin taxonomy_list.html: {taxonomy}"
    );
}

#[test]
fn static_files_of_the_site_override_the_theme() {
    let site = built();
    assert!(site.output("css/site.css").contains("/* site */"));
    assert!(site.output("css/extra.css").contains("color: blue"));
}

#[test]
fn bundle_assets_are_copied_and_listed() {
    let site = built();
    assert_eq!(site.output("docs/bundel/tabel.csv"), "a;b\n1;2\n");
    let page = site.output("docs/bundel/index.html");
    assert!(
        page.contains("tabel.csv=/docs/bundel/tabel.csv:8;"),
        "{page}"
    );
}

#[test]
fn taxonomy_terms_list_their_pages() {
    let site = built();
    let term = site.output("themas/werken-en-ondernemen/index.html");
    let second = term.find("Tweede bericht").expect("tweede");
    let first = term.find("Eerste bericht").expect("eerste");
    assert!(second < first, "newest first: {term}");
    let page = site.output("nieuws/tweede/index.html");
    assert!(
        page.contains("Leren=/themas/leren/;Werken en ondernemen=/themas/werken-en-ondernemen/;"),
        "{page}"
    );
}

#[test]
fn aliases_redirect_to_the_page() {
    let site = built();
    let alias = site.output("oud/over-ons/index.html");
    assert!(
        alias.contains("<link rel=\"canonical\" href=\"https://voorbeeld.nl/over/\">"),
        "{alias}"
    );
    assert!(alias.contains("url=/over/"), "{alias}");
}

#[test]
fn rendered_page_snapshot() {
    let site = built();
    insta::assert_snapshot!(site.output("over/index.html"));
}

#[test]
fn files_no_longer_produced_disappear_on_rebuild() {
    let site = built();
    assert!(site.has_output("docs/b/index.html"));
    site.remove("content/docs/b.md");
    site.build(&[]).ok();
    assert!(!site.has_output("docs/b/index.html"));
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("keten-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn base_url_with_a_path_prefixes_every_internal_url() {
    let site = TestSite::fixture("basic");
    site.build(&["--base-url", "https://example.org/g40/"]).ok();
    let page = site.output("over/index.html");
    assert!(page.contains("href=\"/g40/css/site.css\""), "{page}");
    assert!(
        page.contains("<a href=\"/g40/nieuws/\">Nieuws</a>"),
        "{page}"
    );
    assert!(
        page.contains("href=\"/g40/nieuws/tweede/#kop-twee\""),
        "{page}"
    );
}

#[test]
fn output_option_writes_elsewhere() {
    let site = TestSite::fixture("basic");
    site.build(&["--output", "elders"]).ok();
    assert!(site.path("elders/index.html").exists());
    assert!(!site.path("public").exists());
}

/// The commands a `--help` text lists under `Commands:`, `help` left out.
fn listed_commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_command_has_help() {
    let site = TestSite::empty();
    let top = site.keten(&["--help"]).ok().stdout;
    let commands = listed_commands(&top);
    for expected in ["build", "serve", "check", "new", "agenda", "init"] {
        assert!(
            commands.iter().any(|c| c == expected),
            "{expected} in {top}"
        );
    }
    let mut checked = 0;
    let mut todo: Vec<Vec<String>> = commands.into_iter().map(|c| vec![c]).collect();
    while let Some(command) = todo.pop() {
        let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
        args.push("--help");
        let run = site.keten(&args).ok();
        let usage = format!("Usage: keten {}", command.join(" "));
        assert!(run.stdout.contains(&usage), "{usage}: {}", run.stdout);
        assert!(
            run.stdout.lines().count() > 3,
            "{usage} explains itself: {}",
            run.stdout
        );
        checked += 1;
        for sub in listed_commands(&run.stdout) {
            let mut deeper = command.clone();
            deeper.push(sub);
            todo.push(deeper);
        }
    }
    assert!(checked >= 7, "agenda's own commands too: {checked}");
}

#[test]
fn two_builds_are_byte_identical() {
    let site = built();
    let first: Vec<(String, String)> = site
        .output_files()
        .into_iter()
        .map(|f| (f.clone(), site.output(&f)))
        .collect();
    site.build(&[]).ok();
    let second: Vec<(String, String)> = site
        .output_files()
        .into_iter()
        .map(|f| (f.clone(), site.output(&f)))
        .collect();
    assert_eq!(first, second);
}

#[test]
fn the_builtin_templates_title_the_home_once_and_describe_each_page() {
    let site = TestSite::empty();
    site.write(
        "config.yaml",
        "base_url: https://voorbeeld.nl/\ntitle: Mijn site\ndescription: De site.\n",
    );
    site.write("content/_index.md", "---\ntitle: Mijn site\n---\nWelkom.\n");
    site.write("content/over.md", "---\ntitle: Over\n---\nEigen woorden.\n");
    site.build(&[]).ok();
    let home = site.output("index.html");
    assert!(home.contains("<title>Mijn site</title>"), "{home}");
    assert!(home.contains("content=\"De site.\""), "{home}");
    let page = site.output("over/index.html");
    assert!(page.contains("content=\"Eigen woorden.\""), "{page}");
}
