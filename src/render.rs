//! From the site model to output files: every file is planned first, so two things that
//! want the same path are found before anything is written; then pages render in parallel.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tera::{Context, Value};

use crate::content::{Content, ROOT_SECTION};
use crate::error::{Diagnostic, Error, Result};
use crate::linkcheck::{self, OutputIndex};
use crate::site::Site;
use crate::templates::view::map;

/// Where rendered files go: a folder on disk for `build`, memory for `serve`.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()>;
    fn copy(&self, path: &str, source: &Path) -> Result<()>;
}

/// Renders but keeps nothing: for `keten check`, which validates without writing.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _: &str, _: Vec<u8>) -> Result<()> {
        Ok(())
    }

    fn copy(&self, _: &str, source: &Path) -> Result<()> {
        std::fs::metadata(source)
            .map(|_| ())
            .map_err(|e| Error::read(source, e))
    }
}

/// What produces one output file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Job {
    Page(String),
    /// A section's list page; `pager` counts from 1.
    Section {
        key: String,
        pager: usize,
    },
    /// `/section/page/1/`, which sends readers to `/section/`.
    FirstPagerRedirect(String),
    TaxonomyList(String),
    TaxonomyTerm {
        taxonomy: String,
        term: String,
        pager: usize,
    },
    NotFound,
    /// A page's old URL, redirecting to the page.
    Alias {
        page: String,
    },
    /// The Atom feed of the site (none) or of a section.
    Feed(Option<String>),
    Sitemap,
    Robots,
    /// `/.well-known/security.txt`, from the config.
    SecurityTxt,
    /// One file of the search index, by its place in `Site::search`.
    SearchFile(usize),
    /// What changed in an edition of the agenda since the one before.
    EditionChanges(String),
    Copy(PathBuf),
}

/// One planned output file and the input file it comes from (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub path: String,
    pub job: Job,
    pub origin: PathBuf,
}

/// What a build wrote, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub sections: usize,
    pub files: usize,
}

/// `agenda/x` → `agenda/x/index.html`; the root folder gives `index.html`.
pub fn index_path(folder: &str) -> String {
    if folder.is_empty() {
        "index.html".to_owned()
    } else {
        format!("{folder}/index.html")
    }
}

fn pager_folder(folder: &str, pager: usize) -> String {
    if pager == 1 {
        folder.to_owned()
    } else {
        join(folder, &format!("page/{pager}"))
    }
}

fn join(folder: &str, rest: &str) -> String {
    if folder.is_empty() {
        rest.to_owned()
    } else {
        format!("{folder}/{rest}")
    }
}

/// How many list pages `items` need at `paginate_by` per page.
pub fn pager_count(items: usize, paginate_by: Option<usize>) -> usize {
    match paginate_by {
        Some(by) if by > 0 => items.div_ceil(by).max(1),
        _ => 1,
    }
}

/// Lists every output file of the site; two inputs that want one path are an error.
pub fn plan(site: &Site) -> Result<Vec<Planned>> {
    let mut planned = Vec::new();
    plan_content(&site.content, &mut planned);
    plan_taxonomies(site, &mut planned);
    planned.push(Planned {
        path: "404.html".into(),
        job: Job::NotFound,
        origin: "404.html".into(),
    });
    plan_site_files(site, &mut planned);
    plan_edition_changes(site, &mut planned);
    for file in &site.static_files {
        planned.push(Planned {
            path: file.output.clone(),
            job: Job::Copy(file.source.clone()),
            origin: relative(&site.root, &file.source),
        });
    }
    check_clashes(&planned)?;
    Ok(planned)
}

fn plan_content(content: &Content, planned: &mut Vec<Planned>) {
    for (key, page) in &content.pages {
        plan_page(key, page, planned);
    }
    for (key, section) in &content.sections {
        plan_section(key, section, planned);
    }
    for asset in &content.loose_assets {
        let (path, job) = (asset.output.clone(), Job::Copy(asset.source.clone()));
        planned.push(Planned {
            path,
            job,
            origin: asset.source.clone(),
        });
    }
}

/// A page, the files beside it, and a redirect at each of its old addresses.
fn plan_page(key: &str, page: &crate::content::Page, planned: &mut Vec<Planned>) {
    let origin = &page.source.file;
    let mut add = |path: String, job: Job| {
        planned.push(Planned {
            path,
            job,
            origin: origin.clone(),
        })
    };
    add(index_path(&page.folder), Job::Page(key.to_owned()));
    for asset in &page.assets {
        add(asset.output.clone(), Job::Copy(asset.source.clone()));
    }
    for alias in &page.source.aliases {
        let path = if alias.ends_with(".html") {
            alias.clone()
        } else {
            index_path(alias)
        };
        add(
            path,
            Job::Alias {
                page: key.to_owned(),
            },
        );
    }
}

/// A section's list pages (with the redirect from `page/1/`) and the files beside it.
fn plan_section(key: &str, section: &crate::content::Section, planned: &mut Vec<Planned>) {
    let origin = &section.source.file;
    let mut add = |path: String, job: Job| {
        planned.push(Planned {
            path,
            job,
            origin: origin.clone(),
        })
    };
    let paginate_by = section.source.meta.paginate_by;
    for pager in 1..=pager_count(section.pages.len(), paginate_by) {
        add(
            index_path(&pager_folder(&section.folder, pager)),
            Job::Section {
                key: key.to_owned(),
                pager,
            },
        );
    }
    if paginate_by.is_some() {
        add(
            index_path(&join(&section.folder, "page/1")),
            Job::FirstPagerRedirect(key.to_owned()),
        );
    }
    for asset in &section.assets {
        add(asset.output.clone(), Job::Copy(asset.source.clone()));
    }
}

fn plan_taxonomies(site: &Site, planned: &mut Vec<Planned>) {
    let origin = PathBuf::from(crate::config::CONFIG_FILE);
    for taxonomy in &site.taxonomies {
        let name = &taxonomy.name;
        planned.push(Planned {
            path: index_path(taxonomy.folder()),
            job: Job::TaxonomyList(name.clone()),
            origin: origin.clone(),
        });
        for term in taxonomy.terms.values() {
            let pagers = pager_count(term.pages.len(), taxonomy.paginate_by);
            for pager in 1..=pagers {
                let path = index_path(&pager_folder(&term.folder(name), pager));
                let job = Job::TaxonomyTerm {
                    taxonomy: name.clone(),
                    term: term.slug.clone(),
                    pager,
                };
                planned.push(Planned {
                    path,
                    job,
                    origin: origin.clone(),
                });
            }
        }
    }
}

/// A "what changed" page in each edition that has one before it.
fn plan_edition_changes(site: &Site, planned: &mut Vec<Planned>) {
    let Some(editions) = &site.editions else {
        return;
    };
    for edition in editions.list.iter().filter(|e| e.previous.is_some()) {
        let section = &site.content.sections[&edition.key];
        let path = index_path(&join(&section.folder, &editions.changes_slug));
        let job = Job::EditionChanges(edition.key.clone());
        planned.push(Planned {
            path,
            job,
            origin: section.source.file.clone(),
        });
    }
}

/// Feeds, sitemap and robots.txt; a file of the same name in `static/` wins.
fn plan_site_files(site: &Site, planned: &mut Vec<Planned>) {
    let config = PathBuf::from(crate::config::CONFIG_FILE);
    let mut files = vec![
        ("sitemap.xml".to_owned(), Job::Sitemap, config.clone()),
        ("robots.txt".to_owned(), Job::Robots, config.clone()),
    ];
    if site.config.feed {
        files.push(("atom.xml".to_owned(), Job::Feed(None), config));
    }
    for (key, section) in &site.content.sections {
        if section.source.meta.feed {
            let path = join(&section.folder, "atom.xml");
            files.push((
                path,
                Job::Feed(Some(key.clone())),
                section.source.file.clone(),
            ));
        }
    }
    if site.config.security_txt.is_some() {
        files.push((
            ".well-known/security.txt".to_owned(),
            Job::SecurityTxt,
            PathBuf::from(crate::config::CONFIG_FILE),
        ));
    }
    for (index, file) in site.search.iter().enumerate() {
        files.push((
            file.path.clone(),
            Job::SearchFile(index),
            PathBuf::from(crate::config::CONFIG_FILE),
        ));
    }
    for (path, job, origin) in files {
        if !site.static_files.iter().any(|f| f.output == path) {
            planned.push(Planned { path, job, origin });
        }
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_owned()
}

fn check_clashes(planned: &[Planned]) -> Result<()> {
    let mut seen: BTreeMap<&str, &Planned> = BTreeMap::new();
    let mut problems = Vec::new();
    for item in planned {
        if let Some(first) = seen.insert(&item.path, item) {
            problems.push(
                Diagnostic::new(
                    &item.origin,
                    format!(
                        "`{}` and `{}` both write `{}`",
                        first.origin.display(),
                        item.origin.display(),
                        item.path
                    ),
                )
                .with_hint("rename one of them, or give it another `slug` or alias"),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(problems))
    }
}

/// Renders and writes every planned file, checking the links in each rendered page;
/// stops at the first template error.
pub fn render_all(
    site: &Site,
    planned: &[Planned],
    index: &OutputIndex,
    sink: &dyn Sink,
) -> Result<Rendered> {
    let found = render_jobs(site, planned, index, sink)?;
    let files = planned
        .iter()
        .filter(|p| matches!(p.job, Job::Copy(_)))
        .count();
    let problems = found
        .into_iter()
        .flat_map(|(path, messages)| messages.into_iter().map(move |m| (m, path.clone())));
    Ok(Rendered {
        stats: Stats {
            pages: site.content.pages.len(),
            sections: site.content.sections.len(),
            files,
        },
        link_problems: group_link_problems(
            problems,
            site.config.broken_links == crate::config::Severity::Error,
        ),
    })
}

/// Renders and writes some planned files; returns the broken links found in each.
pub fn render_jobs(
    site: &Site,
    planned: &[Planned],
    index: &OutputIndex,
    sink: &dyn Sink,
) -> Result<Vec<(String, Vec<String>)>> {
    planned
        .par_iter()
        .map(|item| match &item.job {
            Job::Copy(source) => sink
                .copy(&item.path, source)
                .map(|()| (item.path.clone(), Vec::new())),
            Job::SearchFile(index) => {
                let bytes = site.search[*index].bytes.clone();
                sink.write(&item.path, bytes)
                    .map(|()| (item.path.clone(), Vec::new()))
            }
            job => {
                let html = render_job(site, job)?;
                let problems = check_links(site, job, &html, index);
                sink.write(&item.path, html.into_bytes())?;
                Ok((item.path.clone(), problems))
            }
        })
        .collect()
}

/// What rendering produced besides the files.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub stats: Stats,
    /// Links in rendered pages (mostly from templates) to files the site does not have.
    pub link_problems: Vec<Diagnostic>,
}

/// The links of a rendered page that lead nowhere; Markdown links were checked already.
fn check_links(site: &Site, job: &Job, html: &str, index: &OutputIndex) -> Vec<String> {
    let (url, rendered) = match job {
        Job::Page(key) => (
            site.content.pages[key].url.as_str(),
            Some(&site.content.pages[key].rendered),
        ),
        Job::Section { key, .. } => (
            site.content.sections[key].url.as_str(),
            Some(&site.content.sections[key].rendered),
        ),
        Job::TaxonomyList(_) | Job::TaxonomyTerm { .. } => (site.config.base_path.as_str(), None),
        Job::NotFound => (site.config.base_path.as_str(), None),
        _ => return Vec::new(),
    };
    let known = rendered.map(linkcheck::markdown_hrefs).unwrap_or_default();
    linkcheck::check_rendered(html, url, index, &known)
}

/// One message per broken link, however many pages a template repeats it on.
pub fn group_link_problems(
    found: impl Iterator<Item = (String, String)>,
    keep_all: bool,
) -> Vec<Diagnostic> {
    let limit = if keep_all {
        usize::MAX
    } else {
        crate::error::KEPT_WARNINGS
    };
    let mut by_message: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut skipped = 0;
    for (message, page) in found {
        let room = by_message.len() < limit;
        match by_message.get_mut(&message) {
            Some(pages) => pages.push(page),
            None if room => {
                by_message.insert(message, vec![page]);
            }
            None => skipped += 1,
        }
    }
    let mut problems: Vec<Diagnostic> = by_message
        .into_iter()
        .map(|(message, mut pages)| {
            pages.sort();
            let first = format!("public/{}", pages[0]);
            let message = match pages.len() {
                1 => message,
                n => format!("{message} (on {n} pages)"),
            };
            Diagnostic::new(first, message)
                .with_hint("it comes from a template, or from raw HTML in the page's Markdown")
        })
        .collect();
    if skipped > 0 {
        let mut more = Diagnostic::new(
            "public",
            format!("{skipped} more broken links in rendered pages are not listed"),
        );
        more.unlisted = skipped;
        problems.push(more);
    }
    problems
}

/// Renders one output file's text.
pub fn render_job(site: &Site, job: &Job) -> Result<String> {
    match job {
        Job::Page(key) => render_page(site, key),
        Job::Section { key, pager } => render_section(site, key, *pager),
        Job::FirstPagerRedirect(key) => {
            let section = &site.content.sections[key];
            Ok(redirect_page(site, section.title(), &section.url))
        }
        Job::TaxonomyList(name) => {
            let mut context = Context::new();
            context.insert_value("taxonomy", site.view.taxonomies[name].clone());
            context.insert(
                "current_path",
                &site
                    .taxonomies
                    .iter()
                    .find(|t| &t.name == name)
                    .map(|t| t.url.clone()),
            );
            render_template(
                site,
                &[&format!("{name}/list.html"), "taxonomy_list.html"],
                &context,
                Path::new(crate::config::CONFIG_FILE),
            )
        }
        Job::TaxonomyTerm {
            taxonomy,
            term,
            pager,
        } => render_term(site, taxonomy, term, *pager),
        Job::NotFound => {
            render_template(site, &["404.html"], &Context::new(), Path::new("404.html"))
        }
        Job::Alias { page } => {
            let page = &site.content.pages[page];
            Ok(redirect_page(site, &page.source.meta.title, &page.url))
        }
        Job::Feed(section) => Ok(crate::feeds::atom(site, section.as_deref())),
        Job::EditionChanges(key) => render_edition_changes(site, key),
        Job::Sitemap => Ok(crate::feeds::sitemap(site)),
        Job::Robots => Ok(crate::feeds::robots(site)),
        Job::SecurityTxt => Ok(crate::feeds::security_txt(site)),
        Job::Copy(_) | Job::SearchFile(_) => unreachable!("copies are not rendered"),
    }
}

fn render_page(site: &Site, key: &str) -> Result<String> {
    let page = &site.content.pages[key];
    let template = page_template(&site.content, key);
    let mut context = Context::new();
    context.insert_value("page", site.view.page_with_neighbours(&site.content, key));
    context.insert("current_path", &page.url);
    render_template(site, &[template], &context, &page.source.file)
}

/// The template a job renders with, or none for files that are not rendered from one.
pub fn job_template(site: &Site, job: &Job) -> Option<String> {
    let candidates: Vec<String> = match job {
        Job::Page(key) => vec![page_template(&site.content, key).to_owned()],
        Job::Section { key, .. } => vec![section_template(&site.content, key).to_owned()],
        Job::TaxonomyList(name) => {
            vec![format!("{name}/list.html"), "taxonomy_list.html".to_owned()]
        }
        Job::TaxonomyTerm { taxonomy, .. } => {
            vec![
                format!("{taxonomy}/single.html"),
                "taxonomy_single.html".to_owned(),
            ]
        }
        Job::NotFound => vec!["404.html".to_owned()],
        Job::EditionChanges(_) => vec!["edition_changes.html".to_owned()],
        _ => return None,
    };
    candidates.into_iter().find(|name| site.templates.has(name))
}

/// The section's `template`, else `index.html` for the home page and `section.html`.
pub fn section_template<'c>(content: &'c Content, key: &str) -> &'c str {
    let default = if key == ROOT_SECTION {
        "index.html"
    } else {
        "section.html"
    };
    content.sections[key]
        .source
        .meta
        .template
        .as_deref()
        .unwrap_or(default)
}

/// The front matter's `template`, else the nearest section's `page_template`, else `page.html`.
pub fn page_template<'c>(content: &'c Content, key: &str) -> &'c str {
    let page = &content.pages[key];
    if let Some(template) = &page.source.meta.template {
        return template;
    }
    content
        .ancestors(&page.section)
        .iter()
        .rev()
        .find_map(|s| content.sections[s].source.meta.page_template.as_deref())
        .unwrap_or("page.html")
}

fn render_section(site: &Site, key: &str, pager: usize) -> Result<String> {
    let section = &site.content.sections[key];
    let template = section_template(&site.content, key);
    let section_value = site.view.sections[key].clone();
    let paginator = match section.source.meta.paginate_by {
        Some(by) => paginator(&section_value, &section.url, by, pager),
        None => Value::none(),
    };
    let mut context = Context::new();
    context.insert_value("section", section_value);
    context.insert_value("paginator", paginator);
    context.insert("current_path", &section.url);
    render_template(site, &[template], &context, &section.source.file)
}

fn render_term(site: &Site, taxonomy_name: &str, slug: &str, pager: usize) -> Result<String> {
    let taxonomy = site
        .taxonomies
        .iter()
        .find(|t| t.name == taxonomy_name)
        .expect("planned");
    let term = &taxonomy.terms[slug];
    let taxonomy_value = site.view.taxonomies[taxonomy_name].clone();
    let term_value = taxonomy_value
        .as_map()
        .and_then(|m| m.get(&"terms".into()))
        .and_then(|terms| terms.as_array())
        .and_then(|terms| {
            terms
                .iter()
                .find(|t| t.get_from_path("slug").and_then(Value::as_str) == Some(slug))
        })
        .cloned()
        .unwrap_or_else(Value::none);
    let paginator = match taxonomy.paginate_by {
        Some(by) => paginator(&term_value, &term.url, by, pager),
        None => Value::none(),
    };
    let mut context = Context::new();
    context.insert_value("taxonomy", taxonomy_value);
    context.insert_value("term", term_value);
    context.insert_value("paginator", paginator);
    context.insert("current_path", &term.url);
    let specific = format!("{taxonomy_name}/single.html");
    render_template(
        site,
        &[&specific, "taxonomy_single.html"],
        &context,
        Path::new(crate::config::CONFIG_FILE),
    )
}

/// The "what changed" page of an edition: the comparison with the edition before it.
fn render_edition_changes(site: &Site, key: &str) -> Result<String> {
    let editions = site.editions.as_ref().expect("planned with editions");
    let edition = editions
        .list
        .iter()
        .find(|e| e.key == key)
        .expect("planned edition");
    let previous = edition
        .previous
        .as_deref()
        .expect("planned with a previous edition");
    let comparison = crate::editions::compare(&site.content, key, previous);
    let page = |k: &String| site.view.pages[k].clone();
    let pairs = |list: &[(String, String)], field: &'static str| {
        Value::from(
            list.iter()
                .map(|(new, old)| map([("page", page(new)), (field, page(old))]))
                .collect::<Vec<_>>(),
        )
    };
    let changed: Vec<Value> = comparison
        .changed
        .iter()
        .map(|(new, old, diff)| {
            map([
                ("page", page(new)),
                ("previous", page(old)),
                ("diff", Value::safe_string(diff)),
            ])
        })
        .collect();
    let changes = map([
        (
            "added",
            Value::from(comparison.added.iter().map(page).collect::<Vec<_>>()),
        ),
        (
            "removed",
            Value::from(comparison.removed.iter().map(page).collect::<Vec<_>>()),
        ),
        ("renamed", pairs(&comparison.renamed, "previous")),
        ("changed", Value::from(changed)),
        (
            "unchanged",
            Value::from(comparison.unchanged.iter().map(page).collect::<Vec<_>>()),
        ),
    ]);
    let url = format!(
        "{}{}/",
        site.content.sections[key].url, editions.changes_slug
    );
    let mut context = Context::new();
    context.insert_value("edition", site.view.sections[key].clone());
    context.insert_value("previous", site.view.sections[previous].clone());
    context.insert_value("changes", changes);
    context.insert("current_path", &url);
    let origin = site.content.sections[key].source.file.clone();
    render_template(site, &["edition_changes.html"], &context, &origin)
}

/// Zola's paginator: the pages of this pager and links to the others.
fn paginator(owner: &Value, url: &str, by: usize, current: usize) -> Value {
    let pages = owner
        .get_from_path("pages")
        .and_then(Value::as_array)
        .unwrap_or(&[]);
    let total = pager_count(pages.len(), Some(by));
    let pager_url = |n: usize| {
        if n == 1 {
            url.to_owned()
        } else {
            format!("{url}page/{n}/")
        }
    };
    let start = (current - 1) * by;
    let slice: Vec<Value> = pages.iter().skip(start).take(by).cloned().collect();
    let link = |n: usize| {
        if (1..=total).contains(&n) {
            Value::from(pager_url(n))
        } else {
            Value::none()
        }
    };
    map([
        ("paginate_by", Value::from(by)),
        ("pages", Value::from(slice)),
        ("current_index", Value::from(current)),
        ("number_pagers", Value::from(total)),
        ("total_pages", Value::from(pages.len())),
        ("first", Value::from(pager_url(1))),
        ("last", Value::from(pager_url(total))),
        ("previous", link(current.wrapping_sub(1))),
        ("next", link(current + 1)),
    ])
}

fn render_template(
    site: &Site,
    names: &[&str],
    context: &Context,
    origin: &Path,
) -> Result<String> {
    let name = names
        .iter()
        .find(|n| site.templates.has(n))
        .ok_or_else(|| {
            Error::Template(format!(
                "{}: template `{}` does not exist in `templates/`{}",
                origin.display(),
                names[0],
                site.config
                    .theme
                    .as_ref()
                    .map(|t| format!(" or `themes/{t}/templates/`"))
                    .unwrap_or_default()
            ))
        })?;
    site.templates
        .render(name, context)
        .map_err(|error| match error {
            Error::Template(message) => Error::Template(format!(
                "{message}\nwhile rendering `{}` with template `{name}`",
                origin.display()
            )),
            other => other,
        })
}

/// A tiny page that sends readers (and search engines, via the canonical link) on.
fn redirect_page(site: &Site, title: &str, url: &str) -> String {
    let title = escape(title);
    let permalink = site.config.permalink(url);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{permalink}\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n\
         </head>\n<body>\n<p><a href=\"{url}\">{title}</a></p>\n</body>\n</html>\n",
        lang = site.config.language
    )
}

/// HTML-escapes text for the pages written without a template.
fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}
