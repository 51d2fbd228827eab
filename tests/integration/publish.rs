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
