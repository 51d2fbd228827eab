//! The half-yearly refresh in git and publishing: git dates on pages, and sites that work
//! under a sub-path.

use std::process::Command;

use super::harness::TestSite;

/// Runs git in the site folder with a fixed author and date.
fn git(site: &TestSite, args: &[&str], date: &str) {
    let status = Command::new("git")
        .args(args)
        .current_dir(site.root())
        .env("GIT_AUTHOR_NAME", "Redactie")
        .env("GIT_AUTHOR_EMAIL", "redactie@example.nl")
        .env("GIT_COMMITTER_NAME", "Redactie")
        .env("GIT_COMMITTER_EMAIL", "redactie@example.nl")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn commit(site: &TestSite, message: &str, date: &str) {
    git(site, &["add", "-A"], date);
    git(site, &["commit", "-q", "-m", message], date);
}

fn lastmod(sitemap: &str, url: &str) -> String {
    let entry = sitemap
        .split("<url>")
        .find(|e| e.contains(&format!("<loc>{url}</loc>")))
        .expect(url);
    entry
        .split("<lastmod>")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .unwrap_or("")
        .to_owned()
}

#[test]
fn pages_know_their_last_change_and_history_from_git() {
    let site = TestSite::fixture("basic");
    git(
        &site,
        &["init", "-q", "-b", "main"],
        "2025-01-01T10:00:00+01:00",
    );
    commit(
        &site,
        "Eerste versie van de site",
        "2025-01-10T10:00:00+01:00",
    );
    site.write(
        "content/over.md",
        std::fs::read_to_string(site.path("content/over.md")).unwrap() + "\nNieuwe alinea.\n",
    );
    commit(&site, "Over ons bijgewerkt", "2025-03-03T10:00:00+01:00");
    std::fs::rename(
        site.path("content/docs/b.md"),
        site.path("content/docs/bee.md"),
    )
    .unwrap();
    commit(&site, "B hernoemd", "2025-04-01T10:00:00+01:00");
    site.build(&[]).ok();

    let page = site.output("over/index.html");
    assert!(page.contains("<li>3 maart 2025: Over ons bijgewerkt</li><li>10 januari 2025: Eerste versie van de site</li>"), "{page}");
    let renamed = site.output("docs/bee/index.html");
    assert!(
        renamed.contains(
            "<li>1 april 2025: B hernoemd</li><li>10 januari 2025: Eerste versie van de site</li>"
        ),
        "{renamed}"
    );
    let sitemap = site.output("sitemap.xml");
    assert_eq!(
        lastmod(&sitemap, "https://voorbeeld.nl/over/"),
        "2025-03-03"
    );
    assert_eq!(
        lastmod(&sitemap, "https://voorbeeld.nl/docs/a/"),
        "2025-01-10"
    );
}

#[test]
fn uncommitted_edits_count_as_changed_now() {
    let site = TestSite::fixture("basic");
    git(
        &site,
        &["init", "-q", "-b", "main"],
        "2025-01-01T10:00:00+01:00",
    );
    commit(&site, "Eerste versie", "2025-01-10T10:00:00+01:00");
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\nNog niet vastgelegd.\n",
    );
    site.build(&[]).ok();
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let yesterday = (chrono::Local::now() - chrono::Duration::days(1))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let over = lastmod(&site.output("sitemap.xml"), "https://voorbeeld.nl/over/");
    assert!(over == today || over == yesterday, "{over}");
    assert_eq!(
        lastmod(&site.output("sitemap.xml"), "https://voorbeeld.nl/docs/a/"),
        "2025-01-10"
    );
}

#[test]
fn without_git_the_front_matter_and_file_time_are_used_quietly() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/over.md",
        "---\ntitle: Over\nupdated: 2024-06-01\n---\n\nTekst.\n",
    );
    let run = site.build(&[]).ok();
    assert!(!run.stderr.contains("git"), "{}", run.stderr);
    assert_eq!(
        lastmod(&site.output("sitemap.xml"), "https://voorbeeld.nl/over/"),
        "2024-06-01"
    );
    assert!(!lastmod(&site.output("sitemap.xml"), "https://voorbeeld.nl/docs/a/").is_empty());
}

#[test]
fn a_sub_path_build_has_only_links_that_resolve() {
    let site = TestSite::repository();
    site.build(&["--base-url", "https://www.example.nl/g40/"])
        .ok();
    let files = site.output_files();
    for file in files.iter().filter(|f| f.ends_with(".html")) {
        let html = site.output(file);
        let links = html.split(" href=\"").chain(html.split(" src=\"")).skip(1);
        let links = links.filter_map(|rest| rest.split('"').next());
        for url in links.filter(|s| s.starts_with('/') && !s.starts_with("//")) {
            assert!(
                url.starts_with("/g40/"),
                "{file} links to {url} outside the sub-path"
            );
            let path = url
                .trim_start_matches("/g40/")
                .split(['#', '?'])
                .next()
                .unwrap();
            let exists = path.is_empty() && files.contains(&"index.html".to_owned())
                || files.contains(&path.to_owned())
                || files.contains(&format!("{}index.html", path))
                || files.contains(&format!("{path}/index.html"));
            assert!(
                exists,
                "{file} links to {url}, which the build does not have"
            );
        }
    }
}

/// A site with two editions of an agenda: 2024 and 2025.
fn editions_site() -> TestSite {
    let site = TestSite::empty();
    site.write("config.yaml", "base_url: https://example.nl/\ntitle: Agenda\neditions:\n  section: agenda\n  current: \"2025\"\n");
    site.write("content/_index.md", "---\ntitle: Home\n---\n");
    site.write("content/agenda/_index.md", "---\ntitle: Agenda\n---\n");
    site.write(
        "content/agenda/2024/_index.md",
        "---\ntitle: Agenda 2024\n---\n",
    );
    site.write(
        "content/agenda/2024/a.md",
        "---\ntitle: Werk\n---\n\nWe willen meer banen voor iedereen in de regio.\n",
    );
    site.write(
        "content/agenda/2024/b.md",
        "---\ntitle: Leren\n---\n\nLeren is belangrijk.\n",
    );
    site.write(
        "content/agenda/2024/c.md",
        "---\ntitle: Oud\n---\n\nDit vervalt.\n",
    );
    site.write(
        "content/agenda/2025/_index.md",
        "---\ntitle: Agenda 2025\n---\n",
    );
    site.write(
        "content/agenda/2025/a.md",
        "---\ntitle: Werk\n---\n\nWe willen betere banen voor iedereen in de regio.\n",
    );
    site.write(
        "content/agenda/2025/b.md",
        "---\ntitle: Leren en ontwikkelen\n---\n\nLeren is belangrijk.\n",
    );
    site.write(
        "content/agenda/2025/d.md",
        "---\ntitle: Nieuw punt\n---\n\nNieuw.\n",
    );
    site
}

#[test]
fn each_edition_says_what_changed_since_the_one_before() {
    let site = editions_site();
    site.build(&[]).ok();
    let page = site.output("agenda/2025/wat-is-er-veranderd/index.html");
    let section = |title: &str| {
        page.split(&format!("<h2>{title}</h2>"))
            .nth(1)
            .unwrap_or("")
            .split("<h2>")
            .next()
            .unwrap()
            .to_owned()
    };
    assert!(
        section("Nieuw").contains("<a href=\"/agenda/2025/d/\">Nieuw punt</a>"),
        "{page}"
    );
    assert!(
        section("Vervallen").contains("<a href=\"/agenda/2024/c/\">Oud</a>"),
        "{page}"
    );
    assert!(
        section("Nieuwe titel").contains("Leren en ontwikkelen</a> (was: Leren)"),
        "{page}"
    );
    assert!(
        section("Gewijzigde tekst").contains("We willen <del>meer</del><ins>betere</ins> banen"),
        "{page}"
    );
    assert!(
        !section("Gewijzigde tekst").contains("/agenda/2025/b/"),
        "b's text did not change: {page}"
    );
    assert!(
        !site.has_output("agenda/2024/wat-is-er-veranderd/index.html"),
        "the first edition has nothing to compare with"
    );
}

#[test]
fn agenda_new_copies_the_current_edition_as_a_draft_and_publish_makes_it_current() {
    let site = editions_site();
    site.write(
        "content/agenda/2025/a.md",
        "---\ntitle: Werk\naliases: [\"/werk/\"]\n---\n\nZie [leren](@/agenda/2025/b.md).\n",
    );
    let run = site.keten(&["agenda", "new", "2026"]).ok();
    assert!(
        run.stdout
            .contains("created content/agenda/2026/ as a draft (4 files, copied from 2025)"),
        "{}",
        run.stdout
    );
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    assert!(config.contains("  current: \"2025\""), "{config}");
    let copied = std::fs::read_to_string(site.path("content/agenda/2026/a.md")).unwrap();
    assert_eq!(
        copied,
        "---\ntitle: Werk\n---\n\nZie [leren](@/agenda/2026/b.md).\n"
    );
    site.keten(&["agenda", "publish", "2026"]).ok();
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    assert!(config.contains("  current: \"2026\""), "{config}");
    site.build(&[]).ok();
    assert!(site.has_output("agenda/2026/wat-is-er-veranderd/index.html"));
    assert!(
        site.has_output("agenda/2025/a/index.html"),
        "earlier editions keep their addresses"
    );

    site.write("content/agenda/2026/a.md", "mijn werk");
    let error = site.keten(&["agenda", "new", "2026"]).failed();
    assert!(error.contains("already exists"), "{error}");
    assert_eq!(
        std::fs::read_to_string(site.path("content/agenda/2026/a.md")).unwrap(),
        "mijn werk"
    );
}

#[test]
fn a_current_edition_that_does_not_exist_is_an_error() {
    let site = editions_site();
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write(
        "config.yaml",
        config.replace("current: \"2025\"", "current: \"2027\""),
    );
    let error = site.build(&[]).failed();
    assert!(
        error.contains("the current edition `2027` is not a section in `content/agenda/`"),
        "{error}"
    );
    assert!(error.contains("editions there: 2024, 2025"), "{error}");
}

#[test]
fn security_txt_is_written_from_the_config() {
    let site = TestSite::fixture("basic");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write(
        "config.yaml",
        format!("{config}security_txt:\n  contact: [\"mailto:security@voorbeeld.nl\"]\n  expires: \"2027-06-30T00:00:00Z\"\n  preferred_languages: \"nl, en\"\n"),
    );
    site.build(&[]).ok();
    assert_eq!(
        site.output(".well-known/security.txt"),
        "Contact: mailto:security@voorbeeld.nl\nExpires: 2027-06-30T00:00:00Z\nPreferred-Languages: nl, en\nCanonical: https://voorbeeld.nl/.well-known/security.txt\n"
    );
    site.write("config.yaml", format!("{config}security_txt:\n  contact: [\"security@voorbeeld.nl\"]\n  expires: \"volgend jaar\"\n"));
    let error = site.build(&[]).failed();
    assert!(error.contains("config.yaml:"), "{error}");
    assert!(
        error.contains("`security_txt.contact` needs `mailto:` or `https://` addresses"),
        "{error}"
    );
}

/// The Content-Security-Policy the site checks load every page with (`.ci/site-checks/lib.mjs`).
fn checked_policy() -> String {
    let lib = std::fs::read_to_string(super::harness::repository_file(".ci/site-checks/lib.mjs"))
        .unwrap();
    let list = lib
        .split("export const CSP = [")
        .nth(1)
        .unwrap()
        .split(']')
        .next()
        .unwrap();
    let parts: Vec<&str> = list.split('"').skip(1).step_by(2).collect();
    parts.join("; ")
}

#[test]
fn header_examples_carry_the_policy_the_theme_is_checked_against() {
    let policy = checked_policy();
    assert!(
        policy.starts_with("default-src 'self'; script-src 'self'; style-src 'self'"),
        "{policy}"
    );
    let headers =
        std::fs::read_to_string(super::harness::repository_file("examples/publish/_headers"))
            .unwrap();
    assert!(
        headers.contains(&format!("  Content-Security-Policy: {policy}\n")),
        "{headers}"
    );
    let htaccess = std::fs::read_to_string(super::harness::repository_file(
        "examples/publish/.htaccess",
    ))
    .unwrap();
    assert!(
        htaccess.contains(&format!(
            "Header always set Content-Security-Policy \"{policy}\""
        )),
        "{htaccess}"
    );
}

#[test]
fn the_ci_workflow_example_checks_builds_and_uploads() {
    let text = std::fs::read_to_string(super::harness::repository_file(
        "examples/publish/github-actions.yml",
    ))
    .unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    let steps = workflow["jobs"]["publish"]["steps"]
        .as_sequence()
        .expect("steps");
    let commands: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let all = commands.join("\n");
    for command in ["keten check", "keten build", "rsync", "public/"] {
        assert!(all.contains(command), "{command} in {all}");
    }
    assert_eq!(
        steps[0]["with"]["fetch-depth"].as_i64(),
        Some(0),
        "the whole history, for git dates"
    );
    let checkout = steps[0]["uses"].as_str().unwrap_or("");
    let major = checkout
        .strip_prefix("actions/checkout@v")
        .map(str::parse::<u32>);
    assert!(
        matches!(major, Some(Ok(5..))),
        "{checkout}: v4 and older run on Node 20, which GitHub's runners no longer have"
    );
    assert!(
        all.contains("sha256sum --check") && !all.contains("cargo install"),
        "a released keten is downloaded and checked, not compiled: {all}"
    );
    let cron = workflow["on"]["schedule"][0]["cron"]
        .as_str()
        .expect("a nightly schedule, so future-dated news appears on its day");
    assert_eq!(cron.split_whitespace().count(), 5, "{cron}");
    assert!(
        cron.ends_with(" * * *"),
        "{cron}: every day, not only some days"
    );
}

#[test]
fn the_publish_script_uploads_the_built_site() {
    let site = TestSite::fixture("basic");
    let target = tempfile::tempdir().unwrap();
    std::fs::write(target.path().join("oud.html"), "weg").unwrap();
    let status = Command::new("bash")
        .arg(super::harness::repository_file(
            "examples/publish/publish.sh",
        ))
        .arg(format!("{}/", target.path().display()))
        .arg(site.root())
        .env("KETEN", env!("CARGO_BIN_EXE_keten"))
        .output()
        .expect("bash runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(target.path().join("over/index.html").exists());
    assert!(target.path().join("sitemap.xml").exists());
    assert!(
        !target.path().join("oud.html").exists(),
        "files the site no longer has are removed"
    );
}
