//! Internal links: `@/file.md#kop`, relative `.md` links and site paths, resolved to URLs
//! while the Markdown is rendered and checked once every page is.

use std::collections::HashMap;
use std::path::Path;

use super::pictures::Pictures;
use super::{Content, Document, parent_dir};
use crate::config::Severity;
use crate::error::{Collector, Diagnostic, Position};
use crate::markdown::{LinkError, LinkResolver, LinkTarget, LinkUse, Rendered};
use crate::messages::Msg;
use crate::msg;
use crate::url::resolve_relative;
use crate::yaml::closest;

/// Knows the URL of every published content file, and the processed images.
pub struct Resolver<'c> {
    urls: HashMap<&'c str, &'c str>,
    left_out: &'c std::collections::BTreeMap<String, &'static str>,
    base_path: &'c str,
    pictures: Option<&'c Pictures<'c>>,
}

impl<'c> Resolver<'c> {
    pub fn new(content: &'c Content, base_path: &'c str) -> Self {
        let pages = content
            .pages
            .iter()
            .map(|(k, p)| (k.as_str(), p.url.as_str()));
        let sections = content
            .sections
            .iter()
            .map(|(k, s)| (k.as_str(), s.url.as_str()));
        Resolver {
            urls: pages.chain(sections).collect(),
            left_out: &content.left_out,
            base_path,
            pictures: None,
        }
    }

    /// The same resolver, writing the processed images as `<picture>`s.
    pub fn with_pictures(mut self, pictures: &'c Pictures<'c>) -> Self {
        self.pictures = Some(pictures);
        self
    }

    /// A resolver for links written in the file `key`, so relative links start there.
    pub fn for_file<'r>(&'r self, key: &str) -> FileResolver<'r, 'c> {
        FileResolver {
            resolver: self,
            dir: parent_dir(key).to_owned(),
            url: String::new(),
        }
    }

    /// A resolver for the Markdown of the page or section `key` at `url`: relative links
    /// start in its folder, relative images beside its URL.
    pub fn for_document<'r>(&'r self, key: &str, url: &str) -> FileResolver<'r, 'c> {
        FileResolver {
            url: url.to_owned(),
            ..self.for_file(key)
        }
    }

    /// The URL of content file `key`, if it is published.
    pub fn url_of(&self, key: &str) -> Option<&'c str> {
        self.urls.get(key).copied()
    }

    /// `key` itself, or `a/b/index.md` for `a/b.md` when only that exists: a page that
    /// became a folder (when the editor added a file to it) keeps its address, so the
    /// links written to it keep working too.
    fn page_or_bundle(&self, key: String) -> String {
        if self.urls.contains_key(key.as_str()) {
            return key;
        }
        match key.strip_suffix(".md") {
            Some(stem) if !stem.ends_with("index") => {
                let bundle = format!("{stem}/index.md");
                if self.urls.contains_key(bundle.as_str()) {
                    bundle
                } else {
                    key
                }
            }
            _ => key,
        }
    }

    /// The message for a link that did not resolve. Suggestions compare against every
    /// content file, so they are only worked out when `suggest` is set (the printed few).
    pub fn describe(&self, written: &str, error: &LinkError, suggest: bool) -> (Msg, Option<Msg>) {
        match error {
            LinkError::LeftOut { reason } => (
                msg!("link-left-out", link = written, reason = *reason),
                None,
            ),
            LinkError::ClimbsOut => (msg!("link-climbs-out", link = written), None),
            LinkError::Missing { key } => {
                let known: Vec<&str> = if suggest {
                    self.urls.keys().copied().collect()
                } else {
                    Vec::new()
                };
                let hint =
                    closest(key, &known).map(|best| msg!("link-missing-suggest", name = best));
                (msg!("link-missing", link = written, key = key), hint)
            }
        }
    }
}

/// Resolves links for one file.
pub struct FileResolver<'r, 'c> {
    resolver: &'r Resolver<'c>,
    dir: String,
    /// The URL of the page or section, for images beside it; empty for a config file.
    url: String,
}

impl LinkResolver for FileResolver<'_, '_> {
    fn resolve(&self, written: &str) -> Result<(String, LinkTarget), LinkError> {
        let (path, anchor) = match written.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor.to_owned())),
            None => (written, None),
        };
        let key = if let Some(key) = path.strip_prefix("@/") {
            key.to_owned()
        } else if path.ends_with(".md") && !path.starts_with('/') {
            resolve_relative(&self.dir, path).ok_or(LinkError::ClimbsOut)?
        } else {
            return Ok(self.site_path(written));
        };
        let key = self.resolver.page_or_bundle(key);
        let url = match self.resolver.url_of(&key) {
            Some(url) => url,
            None => {
                return Err(match self.resolver.left_out.get(&key) {
                    Some(reason) => LinkError::LeftOut { reason },
                    None => LinkError::Missing { key },
                });
            }
        };
        let href = match &anchor {
            Some(anchor) => format!("{url}#{anchor}"),
            None => url.to_owned(),
        };
        Ok((href, LinkTarget::Content { key, anchor }))
    }

    fn picture(&self, written: &str, alt: &str, title: Option<&str>, lazy: bool) -> Option<String> {
        let pictures = self.resolver.pictures?;
        let url = if written.starts_with('/') {
            format!(
                "{}{}",
                self.resolver.base_path,
                written.trim_start_matches('/')
            )
        } else {
            crate::url::resolve_against(&self.url, written)
        };
        pictures.html(&url, alt, title, lazy)
    }
}

impl FileResolver<'_, '_> {
    /// `/papers/x/` is a path on this site: it gets the base path, so sub-path hosting works.
    fn site_path(&self, written: &str) -> (String, LinkTarget) {
        let url = format!(
            "{}{}",
            self.resolver.base_path,
            written.trim_start_matches('/')
        );
        (url, LinkTarget::Site)
    }
}

/// How many problems get a "did you mean": the ones that are printed.
const SUGGESTIONS: usize = 20;

/// Checks the links between content files: that the target exists and has the heading.
/// Returns (errors, warnings) according to `severity`.
pub fn check_content_links(
    content: &Content,
    base_path: &str,
    severity: Severity,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let resolver = Resolver::new(content, base_path);
    let mut problems = Collector::new(severity == Severity::Error);
    let mut code_links = Vec::new();
    for document in content.documents() {
        document.problems(content, &resolver, &mut problems);
        code_links.extend(document.code_link_problems());
    }
    with_code_links(split_by(severity, problems), code_links)
}

/// The same checks for one page only, for `serve` after that page changed.
pub fn check_page_links(
    content: &Content,
    key: &str,
    base_path: &str,
    severity: Severity,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let resolver = Resolver::new(content, base_path);
    let mut problems = Collector::new(severity == Severity::Error);
    let document = content.page_document(key);
    document.problems(content, &resolver, &mut problems);
    with_code_links(
        split_by(severity, problems),
        document.code_link_problems().collect(),
    )
}

/// Links that run code are errors whatever `broken_links` says.
fn with_code_links(
    (mut errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>),
    code_links: Vec<Diagnostic>,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    errors.splice(0..0, code_links);
    (errors, warnings)
}

fn split_by(severity: Severity, problems: Collector) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    severity.split(problems.finish("content", "more-content-links"))
}

impl Document<'_> {
    /// This document's links that would run code in the reader's browser.
    fn code_link_problems(&self) -> impl Iterator<Item = Diagnostic> + '_ {
        self.rendered.code_links.iter().map(|(position, written)| {
            let scheme = written.split(':').next().unwrap_or(written).trim();
            self.problem(*position, msg!("link-runs-code", scheme = scheme))
                .with_hint(msg!("link-runs-code-hint"))
        })
    }

    /// Adds this document's unresolved links and missing anchors to `problems`.
    fn problems(&self, content: &Content, resolver: &Resolver, problems: &mut Collector) {
        for (position, written) in &self.rendered.foreign_images {
            problems.add(|| {
                self.problem(*position, msg!("page-foreign-source", url = written))
                    .with_hint(msg!("foreign-source-hint"))
            });
        }
        for broken in &self.rendered.broken_links {
            let suggest = problems.count() < SUGGESTIONS;
            problems.add(|| {
                let (message, hint) = resolver.describe(&broken.written, &broken.error, suggest);
                let problem = self.problem(broken.position, message);
                match hint {
                    Some(hint) => problem.with_hint(hint),
                    None => problem,
                }
            });
        }
        for link in &self.rendered.links {
            let suggest = problems.count() < SUGGESTIONS;
            if let Some((message, hint)) = anchor_problem(content, self.rendered, link, suggest) {
                problems.add(|| {
                    let problem = self.problem(link.position, message);
                    match hint {
                        Some(hint) => problem.with_hint(hint),
                        None => problem,
                    }
                });
            }
        }
    }
}

fn anchor_problem(
    content: &Content,
    own: &Rendered,
    link: &LinkUse,
    suggest: bool,
) -> Option<(Msg, Option<Msg>)> {
    let (ids, anchor, target) = match &link.target {
        LinkTarget::Anchor => (&own.ids, &link.written[1..], "self".to_owned()),
        LinkTarget::Content {
            key,
            anchor: Some(anchor),
        } => {
            let rendered = content
                .pages
                .get(key)
                .map(|p| &p.rendered)
                .or_else(|| content.sections.get(key).map(|s| &s.rendered))?;
            (&rendered.ids, anchor.as_str(), key.clone())
        }
        _ => return None,
    };
    if anchor.is_empty() || anchor == "top" || ids.contains(anchor) {
        return None;
    }
    let known: Vec<&str> = if suggest {
        ids.iter().map(String::as_str).collect()
    } else {
        Vec::new()
    };
    let hint = match closest(anchor, &known) {
        Some(best) => Some(msg!("link-anchor-suggest", id = best)),
        None if known.is_empty() => None,
        None => {
            let mut ids: Vec<String> = known.iter().take(12).map(|id| format!("`#{id}`")).collect();
            ids.sort();
            Some(msg!("link-anchor-list", ids = ids.join(", ")))
        }
    };
    let message = msg!(
        "link-no-anchor",
        link = &link.written,
        target = target,
        anchor = anchor
    );
    Some((message, hint))
}

/// A diagnostic at a position inside a Markdown body, showing the file's line.
pub fn located_in_body(
    file: &Path,
    body: &str,
    body_line: usize,
    position: Position,
    message: Msg,
) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(file, message);
    diagnostic.source_line = body
        .lines()
        .nth(position.line.saturating_sub(body_line))
        .map(Box::from);
    diagnostic.position = Some(position);
    diagnostic
}
