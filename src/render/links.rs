//! Links checked against the finished site: site paths and files beside a page written in
//! Markdown (with their line), and every `href`/`src` in rendered HTML, which covers links
//! written in templates.
//!
//! The HTML is read by [`crate::html::attributes`], one linear pass per page.

use std::collections::HashSet;

use crate::error::{Collector, Diagnostic};
use crate::markdown::{LinkTarget, Rendered};
use crate::messages::Msg;
use crate::model::{Content, Document};
use crate::msg;
use crate::url::{percent_decode, resolve_against};

/// Every file the build writes, to check links against.
pub struct OutputIndex {
    files: HashSet<String>,
    base_path: String,
}

impl OutputIndex {
    pub fn new<'p>(paths: impl Iterator<Item = &'p str>, base_path: &str) -> Self {
        let files = paths.map(str::to_owned).collect();
        OutputIndex {
            files,
            base_path: base_path.to_owned(),
        }
    }

    /// Whether a site URL (`/g40/papers/x/`, maybe with `?query` or `#anchor`) names a
    /// file of this build. URLs outside the base path are not ours to judge.
    pub fn has_url(&self, url: &str) -> bool {
        let path = url.split(['#', '?']).next().unwrap_or("");
        let Some(path) = path.strip_prefix(self.base_path.as_str()) else {
            return !path.starts_with('/') || path.starts_with("//");
        };
        let path = percent_decode(path);
        if path.is_empty() || path.ends_with('/') {
            return self.files.contains(&format!("{path}index.html"));
        }
        self.files.contains(&path) || self.files.contains(&format!("{path}/index.html"))
    }
}

/// Links written in Markdown to site paths and to files beside the page, with their line.
pub fn check_markdown_links(
    content: &Content,
    index: &OutputIndex,
    keep_all: bool,
) -> Vec<Diagnostic> {
    let mut problems = Collector::new(keep_all);
    for document in content.documents() {
        for link in &document.rendered.links {
            let target = match &link.target {
                LinkTarget::Site => link.href().to_owned(),
                LinkTarget::Relative => resolve_against(document.url, &link.written),
                _ => continue,
            };
            if !index.has_url(&target) {
                let path = target.split(['#', '?']).next().unwrap_or("");
                let message = msg!("site-link-missing", link = &link.written, path = path);
                problems.add(|| document.problem(link.position, message));
            }
        }
    }
    problems.finish("content", "more-site-links")
}

/// `ErrorDocument` lines of the `.htaccess` files the site publishes (Apache reads them)
/// that point at a page the site does not have: under a sub-path `base_url`, `/404.html`
/// is another site's page, or none.
pub fn check_htaccess<'a>(
    files: impl Iterator<Item = (&'a str, &'a std::path::Path)>,
    index: &OutputIndex,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (output, source) in files.filter(|(o, _)| o.rsplit('/').next() == Some(".htaccess")) {
        let Ok(text) = std::fs::read_to_string(source) else {
            continue;
        };
        let shown = std::path::Path::new("static").join(output);
        for (number, line) in text.lines().enumerate() {
            let mut words = line.split_whitespace();
            let (Some(directive), Some(_code), Some(target)) =
                (words.next(), words.next(), words.next())
            else {
                continue;
            };
            if !directive.eq_ignore_ascii_case("ErrorDocument") || !target.starts_with('/') {
                continue;
            }
            if !index.has_url(target) || !target.starts_with(index.base_path.as_str()) {
                let column = line.find(target).map_or(1, |c| c + 1);
                let position = crate::error::Position {
                    line: number + 1,
                    column,
                };
                let not_found = format!("{}404.html", index.base_path);
                problems.push(
                    Diagnostic::new(&shown, msg!("htaccess-404", target = target))
                        .at(&text, position)
                        .with_hint(msg!("htaccess-404-hint", path = not_found)),
                );
            }
        }
    }
    problems
}

/// The URLs and ids in a piece of rendered HTML.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct HtmlRefs<'a> {
    pub urls: Vec<&'a str>,
    pub ids: HashSet<&'a str>,
    /// Ids that occur more than once: invalid HTML, and anchors that go to the wrong place.
    pub duplicate_ids: Vec<&'a str>,
    /// `src` values that load from another host: an embed or a hot-linked image.
    pub foreign_sources: Vec<&'a str>,
}

/// Finds the values of `href`, `src` and `id` attributes (see [`crate::html`]).
pub fn scan(html: &str) -> HtmlRefs<'_> {
    let mut refs = HtmlRefs::default();
    for attribute in crate::html::attributes(html) {
        if attribute.kind == crate::html::Kind::Id {
            if !refs.ids.insert(attribute.value) {
                refs.duplicate_ids.push(attribute.value);
            }
        } else {
            if attribute.kind == crate::html::Kind::Src
                && crate::url::loads_from_another_host(attribute.value)
            {
                refs.foreign_sources.push(attribute.value);
            }
            refs.urls.push(attribute.value);
        }
    }
    refs
}

/// Problems in one rendered page: links to files the site does not have, and same-page
/// anchors without their id. `known` holds the hrefs its Markdown wrote, checked already.
pub fn check_rendered(
    html: &str,
    page_url: &str,
    index: &OutputIndex,
    known: &HashSet<&str>,
) -> Vec<PageProblem> {
    let refs = scan(html);
    let mut missing: Vec<PageProblem> = refs
        .duplicate_ids
        .iter()
        .map(|id| PageProblem::DuplicateId(id.to_string()))
        .collect();
    missing.extend(
        refs.foreign_sources
            .iter()
            .map(|url| url.replace("&amp;", "&"))
            .filter(|url| !known.contains(url.as_str()))
            .map(PageProblem::ForeignSource),
    );
    for raw in refs.urls {
        let url = raw.replace("&amp;", "&");
        if known.contains(url.as_str()) || is_elsewhere(&url) {
            continue;
        }
        if let Some(anchor) = url.strip_prefix('#') {
            if !anchor.is_empty() && anchor != "top" && !refs.ids.contains(anchor) {
                let anchor = anchor.to_owned();
                missing.push(PageProblem::NoAnchor { url, anchor });
            }
            continue;
        }
        if !index.has_url(&resolve_against(page_url, &url)) {
            missing.push(PageProblem::NoFile(url));
        }
    }
    missing.sort();
    missing.dedup();
    missing
}

/// A problem in a rendered page; one is reported once however many pages have it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageProblem {
    DuplicateId(String),
    NoAnchor {
        url: String,
        anchor: String,
    },
    NoFile(String),
    /// An image, embed or script loaded from another host.
    ForeignSource(String),
    /// One of the above, written as raw HTML in a page's own Markdown: reported at its
    /// line there, not as a file of `public/`.
    InContent {
        file: std::path::PathBuf,
        position: crate::error::Position,
        source_line: String,
        problem: Box<PageProblem>,
    },
}

impl PageProblem {
    pub fn message(&self) -> Msg {
        match self {
            PageProblem::DuplicateId(id) => msg!("page-duplicate-id", id = id),
            PageProblem::NoAnchor { url, anchor } => {
                msg!("page-no-anchor", url = url, anchor = anchor)
            }
            PageProblem::NoFile(url) => msg!("page-no-file", url = url),
            PageProblem::ForeignSource(url) => msg!("page-foreign-source", url = url),
            PageProblem::InContent { problem, .. } => problem.message(),
        }
    }

    /// Where to look, or what to do instead.
    pub fn hint(&self) -> Option<Msg> {
        match self {
            PageProblem::ForeignSource(_) => Some(msg!("foreign-source-hint")),
            PageProblem::InContent { problem, .. } => match **problem {
                PageProblem::ForeignSource(_) => problem.hint(),
                _ => None,
            },
            _ => Some(msg!("page-problem-hint")),
        }
    }

    /// The same problem placed in `document`'s Markdown, when its URL is written there as
    /// an attribute value (`src="…"`): raw HTML of the page itself, not of a template.
    pub fn placed_in(self, document: &Document) -> PageProblem {
        let url = match &self {
            PageProblem::NoFile(url)
            | PageProblem::ForeignSource(url)
            | PageProblem::NoAnchor { url, .. } => url,
            _ => return self,
        };
        let found = [format!("\"{url}\""), format!("'{url}'"), format!("={url}")]
            .iter()
            .find_map(|quoted| {
                let at = document.body.find(quoted.as_str())?;
                Some(at + quoted.find(url.as_str()).unwrap_or(0))
            });
        let Some(offset) = found else {
            return self;
        };
        let in_body = crate::error::Position::at_offset(document.body, offset);
        let source_line = document
            .body
            .lines()
            .nth(in_body.line - 1)
            .unwrap_or_default()
            .to_owned();
        PageProblem::InContent {
            file: document.file.to_owned(),
            position: crate::error::Position {
                line: in_body.line + document.body_line - 1,
                column: in_body.column,
            },
            source_line,
            problem: Box::new(self),
        }
    }
}

/// Other hosts and schemes (`mailto:`, `data:`) are not checked here.
fn is_elsewhere(url: &str) -> bool {
    url.starts_with("//")
        || url
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'))
}

/// The hrefs the Markdown of a page produced, so the HTML scan does not report them twice.
pub fn markdown_hrefs(rendered: &Rendered) -> HashSet<&str> {
    let broken = rendered.broken_links.iter().map(|b| b.written.as_str());
    let foreign = rendered.foreign_images.iter().map(|(_, w)| w.as_str());
    rendered
        .links
        .iter()
        .map(|l| l.href())
        .chain(broken)
        .chain(foreign)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(paths: &[&str], base: &str) -> OutputIndex {
        OutputIndex::new(paths.iter().copied(), base)
    }

    #[test]
    fn urls_match_files_folders_and_the_base_path() {
        let index = index(
            &["index.html", "papers/x/index.html", "papers/x/tabel 1.csv"],
            "/g40/",
        );
        assert!(index.has_url("/g40/"));
        assert!(index.has_url("/g40/papers/x/#kop"));
        assert!(index.has_url("/g40/papers/x"));
        assert!(index.has_url("/g40/papers/x/tabel%201.csv"));
        assert!(!index.has_url("/g40/papers/y/"));
        assert!(!index.has_url("/papers/x/"));
    }

    #[test]
    fn scan_finds_hrefs_srcs_and_ids() {
        let html = r#"<a href="/a/" class="x" data-href="/no/">A</a><img src="b.png" alt=""><h2 id="kop">"#;
        let refs = scan(html);
        assert_eq!(refs.urls, vec!["/a/", "b.png"]);
        assert!(refs.ids.contains("kop"));
    }

    #[test]
    fn rendered_pages_report_missing_targets_and_anchors() {
        let index = index(&["index.html", "a/index.html"], "/");
        let html = r##"<a href="/a/">a</a><a href="/b/">b</a><a href="#inhoud">skip</a><a href="mailto:x@y.nl">m</a>"##;
        let english = |found: Vec<PageProblem>| -> Vec<String> {
            found.iter().map(|p| p.message().english()).collect()
        };
        let problems = english(check_rendered(html, "/", &index, &HashSet::new()));
        let twice = english(check_rendered(
            "<h2 id=\"a\">A</h2><h2 id=\"a\">B</h2>",
            "/",
            &index,
            &HashSet::new(),
        ));
        assert_eq!(twice, vec!["the id `a` occurs more than once on the page"]);
        assert_eq!(
            problems,
            vec![
                "`#inhoud`: the page has no id `inhoud`",
                "`/b/`: the site has no such file"
            ]
        );
    }
}
