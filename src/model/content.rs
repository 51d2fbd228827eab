//! The site's content as a model: sections and pages with their URLs, order and rendered
//! Markdown. Built from parsed files in cheap steps, so one changed file can be re-parsed
//! and the model rebuilt without reading anything else.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use super::links::{Resolver, located_in_body};
use crate::inputs::front_matter;
use crate::inputs::scan::Entry;
use crate::inputs::source::{self, PageSource, SectionSource, Source};
use crate::inputs::{Filter, Sources};

use super::pictures::Pictures;
use super::shortcodes::Caller;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::inputs::history::History;
use crate::markdown::{self, Expand, Labels, Rendered, Settings};
use crate::messages::Msg;
use crate::msg;
use crate::url;

/// A file that belongs to a page or section and is copied beside its HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub source: PathBuf,
    /// The path relative to the owner's folder: `indicatoren.csv`.
    pub name: String,
    /// Where it goes in the output: `papers/x/indicatoren.csv`.
    pub output: String,
    pub size: u64,
}

/// When a page or section last changed, and its latest commits (see [`History`]).
#[derive(Debug, Clone, Default)]
pub struct Changed {
    pub last: Option<DateTime<FixedOffset>>,
    pub history: Vec<crate::inputs::history::Commit>,
}

/// A published page.
#[derive(Debug, Clone)]
pub struct Page {
    pub source: Arc<PageSource>,
    /// A draft itself, or in a draft section (only published with `--drafts`).
    pub draft: bool,
    /// Its title and description as readers see them (see [`Typeset`]).
    pub text: Typeset,
    /// The output folder, `agenda/2024-2025/borstlap`.
    pub folder: String,
    /// The URL readers use, base path included: `/agenda/2024-2025/borstlap/`.
    pub url: String,
    /// The key of the section that lists it.
    pub section: String,
    /// Its place in that section's order, for `prev` and `next`.
    pub position: usize,
    pub assets: Vec<Asset>,
    pub rendered: Rendered,
    pub changed: Changed,
}

/// A section, from its `_index.md` (or implied for the home page when there is none).
#[derive(Debug, Clone)]
pub struct Section {
    pub source: Arc<SectionSource>,
    /// A draft itself, or inside one.
    pub draft: bool,
    pub text: Typeset,
    pub folder: String,
    pub url: String,
    pub parent: Option<String>,
    /// Keys of its pages, in the section's order.
    pub pages: Vec<String>,
    /// Keys of its direct subsections, by weight and then title.
    pub subsections: Vec<String>,
    pub assets: Vec<Asset>,
    pub rendered: Rendered,
    pub changed: Changed,
}

impl Section {
    pub fn title(&self) -> &str {
        &self.text.title
    }
}

impl Page {
    pub fn title(&self) -> &str {
        &self.text.title
    }
}

/// Front matter text as readers see it: with the typography of the body (`’24-’25`,
/// `“…”`) when the site has smart punctuation, in the HTML, the feeds and the search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typeset {
    pub title: String,
    pub description: Option<String>,
}

impl Typeset {
    pub fn new(title: &str, description: Option<&str>, smart: bool) -> Typeset {
        let set = |text: &str| {
            if smart {
                markdown::typographic(text)
            } else {
                text.to_owned()
            }
        };
        Typeset {
            title: set(title),
            description: description.map(set),
        }
    }

    pub fn of_page(source: &PageSource, config: &Config) -> Typeset {
        let meta = &source.meta;
        Typeset::new(
            &meta.title,
            meta.description.as_deref(),
            config.smart_punctuation,
        )
    }
}

/// A page or section as the checks read it: its file, Markdown and rendered result.
#[derive(Clone, Copy)]
pub struct Document<'c> {
    pub file: &'c Path,
    pub url: &'c str,
    pub body: &'c str,
    pub body_line: usize,
    pub rendered: &'c Rendered,
}

impl Document<'_> {
    /// A problem at `position` in this document's Markdown, showing that line.
    pub fn problem(&self, position: crate::error::Position, message: Msg) -> Diagnostic {
        located_in_body(self.file, self.body, self.body_line, position, message)
    }
}

/// Everything under `content/`, placed and rendered.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub pages: BTreeMap<String, Page>,
    pub sections: BTreeMap<String, Section>,
    /// Pages not published in this build, with the reason: `draft`, `future`, or
    /// `section` (in a draft section).
    pub left_out: BTreeMap<String, &'static str>,
    /// Assets in folders that are neither a section nor a bundle, copied as they are.
    pub loose_assets: Vec<Asset>,
    /// The folders of draft sections (`agenda/2026-2027`).
    pub draft_folders: Vec<String>,
}

/// The key of the home page's section.
pub const ROOT_SECTION: &str = "_index.md";

impl Content {
    /// Places the parsed files in the site: URLs, sections, order. Renders no Markdown.
    pub fn assemble(sources: &Sources, config: &Config, filter: &Filter) -> Result<Content> {
        let mut content = Content {
            draft_folders: draft_folders(sources),
            ..Content::default()
        };
        for source in sources.files.values() {
            if let Source::Section(section) = source {
                content.add_section(section.clone(), config, filter);
            }
        }
        if !content.sections.contains_key(ROOT_SECTION) {
            let root = Arc::new(implied_root(config));
            content.add_section(root, config, filter);
        }
        content.link_sections();
        for source in sources.files.values() {
            if let Source::Page(page) = source {
                content.add_page(page, config, filter);
            }
        }
        content.place_assets(&sources.assets)?;
        content.check_unique_urls()?;
        content.order();
        Ok(content)
    }

    fn add_section(&mut self, source: Arc<SectionSource>, config: &Config, filter: &Filter) {
        let draft = self.in_draft_folder(&source.key);
        if draft && !filter.drafts {
            self.left_out.insert(source.key.clone(), IN_DRAFT_SECTION);
            return;
        }
        let dir = parent_dir(&source.key).to_owned();
        let folder = url::slug_path(&dir);
        let url = url::folder_url(&config.base_path, &folder);
        let meta = &source.meta;
        let text = Typeset::new(
            meta.title.as_deref().unwrap_or(""),
            meta.description.as_deref(),
            config.smart_punctuation,
        );
        let section = Section {
            text,
            draft,
            source,
            folder,
            url,
            parent: None,
            pages: Vec::new(),
            subsections: Vec::new(),
            assets: Vec::new(),
            rendered: Rendered::default(),
            changed: Changed::default(),
        };
        self.sections.insert(section.source.key.clone(), section);
    }

    fn link_sections(&mut self) {
        let keys: Vec<String> = self.sections.keys().cloned().collect();
        for key in keys {
            if key == ROOT_SECTION {
                continue;
            }
            let dir = parent_dir(&key);
            let parent = self.nearest_section(parent_dir(dir));
            self.sections.get_mut(&key).expect("listed").parent = Some(parent.clone());
            self.sections
                .get_mut(&parent)
                .expect("exists")
                .subsections
                .push(key);
        }
    }

    /// The key of the section that owns folder `dir`: its own, or the closest above it.
    pub fn nearest_section(&self, dir: &str) -> String {
        let mut dir = dir;
        loop {
            let key = if dir.is_empty() {
                ROOT_SECTION.to_owned()
            } else {
                format!("{dir}/_index.md")
            };
            if self.sections.contains_key(&key) || dir.is_empty() {
                return key;
            }
            dir = parent_dir(dir);
        }
    }

    fn add_page(&mut self, source: &Arc<PageSource>, config: &Config, filter: &Filter) {
        let in_draft = self.in_draft_folder(&source.key);
        let reason = match left_out_reason(source, filter) {
            None if in_draft && !filter.drafts => Some(IN_DRAFT_SECTION),
            reason => reason,
        };
        if let Some(reason) = reason {
            self.left_out.insert(source.key.clone(), reason);
            return;
        }
        let dir = page_dir(source);
        let section = self.nearest_section(dir);
        let folder = url::join(&url::slug_path(dir), &source.slug);
        let page = Page {
            draft: in_draft || source.meta.draft,
            text: Typeset::of_page(source, config),
            url: url::folder_url(&config.base_path, &folder),
            folder,
            section,
            position: 0,
            assets: Vec::new(),
            rendered: Rendered::default(),
            changed: Changed::default(),
            source: Arc::clone(source),
        };
        self.pages.insert(source.key.clone(), page);
    }

    fn place_assets(&mut self, entries: &[Entry]) -> Result<()> {
        let bundles: HashMap<String, String> = self
            .pages
            .values()
            .filter(|p| p.source.bundle)
            .map(|p| (parent_dir(&p.source.key).to_owned(), p.source.key.clone()))
            .collect();
        for entry in entries {
            let size = std::fs::metadata(&entry.path)
                .map_err(|e| Error::read(&entry.path, e))?
                .len();
            if let Some((dir, page_key)) = owning_bundle(&entry.key, &bundles) {
                let page = self.pages.get_mut(page_key).expect("bundle page");
                let name = entry.key[dir.len() + 1..].to_owned();
                let output = url::join(&page.folder, &name);
                page.assets.push(Asset {
                    source: entry.path.clone(),
                    name,
                    output,
                    size,
                });
                continue;
            }
            if self.bundle_left_out(&entry.key) || self.in_left_out_section(&entry.key) {
                continue;
            }
            let dir = parent_dir(&entry.key);
            let name = entry.key[if dir.is_empty() { 0 } else { dir.len() + 1 }..].to_owned();
            let output = url::join(&url::slug_path(dir), &name);
            let asset = Asset {
                source: entry.path.clone(),
                name,
                output,
                size,
            };
            let section_key = if dir.is_empty() {
                ROOT_SECTION.to_owned()
            } else {
                format!("{dir}/_index.md")
            };
            match self.sections.get_mut(&section_key) {
                Some(section) => section.assets.push(asset),
                None => self.loose_assets.push(asset),
            }
        }
        Ok(())
    }

    /// Whether content key `key` lies in a draft section's folder (the section's own
    /// `_index.md` included).
    pub fn in_draft_folder(&self, key: &str) -> bool {
        self.draft_folders
            .iter()
            .any(|folder| key.starts_with(folder.as_str()) && key[folder.len()..].starts_with('/'))
    }

    /// Files of a draft section stay out with it.
    fn in_left_out_section(&self, key: &str) -> bool {
        self.draft_folders.iter().any(|folder| {
            key.starts_with(folder.as_str())
                && key[folder.len()..].starts_with('/')
                && self.left_out.contains_key(&format!("{folder}/_index.md"))
        })
    }

    /// Files of a draft bundle stay out with their page.
    fn bundle_left_out(&self, key: &str) -> bool {
        self.left_out
            .keys()
            .filter_map(|k| k.strip_suffix("/index.md"))
            .any(|dir| key.starts_with(dir) && key[dir.len()..].starts_with('/'))
    }

    /// Two files that would write the same URL: name both, so the editor can pick.
    fn check_unique_urls(&self) -> Result<()> {
        let mut owners: BTreeMap<&str, &Path> = BTreeMap::new();
        let mut problems = Vec::new();
        let sections = self
            .sections
            .values()
            .map(|s| (s.folder.as_str(), s.source.file.as_path()));
        let pages = self
            .pages
            .values()
            .map(|p| (p.folder.as_str(), p.source.file.as_path()));
        for (folder, file) in sections.chain(pages) {
            if let Some(first) = owners.insert(folder, file) {
                problems.push(
                    Diagnostic::new(
                        file,
                        msg!("url-taken", first = first, second = file, folder = folder),
                    )
                    .with_hint(msg!("url-taken-hint")),
                );
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Input(problems))
        }
    }

    /// Sorts every section's pages and subsections.
    pub fn order(&mut self) {
        let mut members: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for page in self.pages.values() {
            members
                .entry(page.section.clone())
                .or_default()
                .push(page.source.key.clone());
        }
        for (key, mut pages) in members {
            let sort_by = self.sections[&key].source.sort_by.clone();
            pages.sort_by(|a, b| compare_pages(&self.pages[a], &self.pages[b], &sort_by));
            for (position, page) in pages.iter().enumerate() {
                self.pages.get_mut(page).expect("member").position = position;
            }
            self.sections.get_mut(&key).expect("section").pages = pages;
        }
        let keys: Vec<String> = self.sections.keys().cloned().collect();
        for key in keys {
            let mut subsections =
                std::mem::take(&mut self.sections.get_mut(&key).expect("key").subsections);
            subsections.sort_by_cached_key(|k| {
                let s = &self.sections[k];
                (
                    s.source.meta.weight.unwrap_or(i64::MAX),
                    url::slugify(s.title()),
                    k.clone(),
                )
            });
            self.sections.get_mut(&key).expect("key").subsections = subsections;
        }
    }

    /// Every page's and section's Markdown rendered, internal links resolved, the
    /// processed images written as `<picture>`s and shortcodes expanded: (pages,
    /// sections), for `set_rendered`.
    pub fn rendered_markdown(
        &self,
        config: &Config,
        pictures: &Pictures,
        shortcodes: Option<&dyn Expand>,
    ) -> RenderedDocuments {
        let settings = markdown_settings(config);
        let resolver = Resolver::new(self, &config.base_path).with_pictures(pictures);
        let base_path = config.base_path.as_str();
        let render = |listed: Listed| {
            let Listed {
                text,
                title,
                assets,
                extra,
            } = listed;
            let caller = || {
                Caller::new(
                    title, text.key, text.url, assets, extra, base_path, pictures,
                )
                .value()
            };
            let shortcodes = shortcodes.map(|s| (s, &caller as _));
            render_one(text, settings, &resolver, shortcodes)
        };
        let pages = self
            .pages
            .par_iter()
            .map(|(key, page)| {
                let source = &page.source;
                let listed = Listed {
                    text: Text::of(&source.body, source.body_line, key, &page.url),
                    title: &page.text.title,
                    assets: &page.assets,
                    extra: &source.meta.extra,
                };
                (key.clone(), render(listed))
            })
            .collect();
        let sections = self
            .sections
            .par_iter()
            .map(|(key, section)| {
                let source = &section.source;
                let listed = Listed {
                    text: Text::of(&source.body, source.body_line, key, &section.url),
                    title: &section.text.title,
                    assets: &section.assets,
                    extra: &source.meta.extra,
                };
                (key.clone(), render(listed))
            })
            .collect();
        (pages, sections)
    }

    /// Takes the rendered Markdown of every page and section.
    pub fn set_rendered(&mut self, (pages, sections): RenderedDocuments) {
        for (key, rendered) in pages {
            self.pages.get_mut(&key).expect("page").rendered = rendered;
        }
        for (key, rendered) in sections {
            self.sections.get_mut(&key).expect("section").rendered = rendered;
        }
    }

    /// Fills in when each page and section last changed; reads file times where git has
    /// no answer.
    pub fn date_changes(&mut self, history: &History, content_dir: &Path) {
        let changed = |key: &str, updated: Option<front_matter::Date>| Changed {
            last: history.last_modified(key, updated.map(|d| d.moment), &content_dir.join(key)),
            history: history.changes(key).to_vec(),
        };
        self.pages
            .par_iter_mut()
            .for_each(|(key, page)| page.changed = changed(key, page.source.updated));
        for (key, section) in &mut self.sections {
            section.changed = changed(key, None);
        }
    }

    /// Every page, then every section, for the checks that read them all alike.
    pub fn documents(&self) -> impl Iterator<Item = Document<'_>> {
        let sections = self.sections.keys().map(|key| self.section_document(key));
        self.pages
            .keys()
            .map(|key| self.page_document(key))
            .chain(sections)
    }

    /// The section `key` as the checks read it.
    pub fn section_document(&self, key: &str) -> Document<'_> {
        let section = &self.sections[key];
        Document {
            file: &section.source.file,
            url: &section.url,
            body: &section.source.body,
            body_line: section.source.body_line,
            rendered: &section.rendered,
        }
    }

    /// Page `key` as a document.
    pub fn page_document(&self, key: &str) -> Document<'_> {
        let page = &self.pages[key];
        Document {
            file: &page.source.file,
            url: &page.url,
            body: &page.source.body,
            body_line: page.source.body_line,
            rendered: &page.rendered,
        }
    }

    /// The ancestors of a page or section, home first, as section keys.
    pub fn ancestors(&self, section: &str) -> Vec<String> {
        let mut chain = vec![section.to_owned()];
        let mut current = section;
        while let Some(parent) = self.sections.get(current).and_then(|s| s.parent.as_deref()) {
            chain.push(parent.to_owned());
            current = parent;
        }
        chain.reverse();
        chain
    }
}

impl Content {
    /// Renders the Markdown of one page source as it would be in this content.
    pub fn render_page(
        &self,
        source: &PageSource,
        config: &Config,
        pictures: &Pictures,
        shortcodes: Option<&dyn Expand>,
    ) -> Rendered {
        let settings = markdown_settings(config);
        let resolver = Resolver::new(self, &config.base_path).with_pictures(pictures);
        let page = self.pages.get(&source.key);
        let url = page.map_or("", |p| p.url.as_str());
        let caller = || {
            let text = Typeset::of_page(source, config);
            let assets = page.map_or(&[][..], |p| p.assets.as_slice());
            let extra = &source.meta.extra;
            let (key, base_path) = (&source.key, &config.base_path);
            Caller::new(&text.title, key, url, assets, extra, base_path, pictures).value()
        };
        let text = Text::of(&source.body, source.body_line, &source.key, url);
        render_one(
            text,
            settings,
            &resolver,
            shortcodes.map(|s| (s, &caller as _)),
        )
    }
}

/// The Markdown of a content file: its body, the body's first line, the file's key and
/// the URL of its page.
#[derive(Clone, Copy)]
struct Text<'a> {
    body: &'a str,
    line: usize,
    key: &'a str,
    url: &'a str,
}

impl<'a> Text<'a> {
    fn of(body: &'a str, line: usize, key: &'a str, url: &'a str) -> Text<'a> {
        Text {
            body,
            line,
            key,
            url,
        }
    }
}

/// A page or section as its Markdown is rendered: the text, and what shortcodes see of
/// the page that calls them.
#[derive(Clone, Copy)]
struct Listed<'a> {
    text: Text<'a>,
    title: &'a str,
    assets: &'a [Asset],
    extra: &'a crate::yaml::YamlMapping,
}

/// The shortcodes, and what they see of the calling page (made only for a text that
/// may call one).
type WithShortcodes<'a> = (&'a dyn Expand, &'a dyn Fn() -> tera::Value);

fn render_one(
    text: Text,
    settings: Settings,
    resolver: &Resolver,
    shortcodes: Option<WithShortcodes>,
) -> Rendered {
    let resolver = resolver.for_document(text.key, text.url);
    match shortcodes.filter(|_| markdown::expand::may_call(text.body)) {
        Some((expander, caller)) => {
            let page = caller();
            let shortcodes = markdown::Shortcodes {
                expander,
                page: &page,
            };
            markdown::render_with(text.body, text.line, settings, &resolver, Some(shortcodes))
        }
        None => markdown::render(text.body, text.line, settings, &resolver),
    }
}

/// The rendered Markdown of every page and of every section, by content key.
pub type RenderedDocuments = (Vec<(String, Rendered)>, Vec<(String, Rendered)>);

/// The site's language, and plain text only when a search index or an edition
/// comparison will read it.
fn markdown_settings(config: &Config) -> Settings {
    let plain_text = config.search || config.editions.is_some();
    Settings {
        labels: Labels::for_language(&config.language),
        plain_text,
        smart_punctuation: config.smart_punctuation,
    }
}

fn implied_root(config: &Config) -> SectionSource {
    SectionSource {
        key: ROOT_SECTION.to_owned(),
        file: source::display_path(ROOT_SECTION),
        meta: front_matter::SectionMeta {
            title: Some(config.title.clone()),
            ..Default::default()
        },
        sort_by: front_matter::SortBy::None,
        yaml: String::new(),
        body: String::new(),
        body_line: 1,
    }
}

/// Why a page of a draft section is not in the build.
const IN_DRAFT_SECTION: &str = "section";

/// The folders of the sections marked `draft: true`; the home page cannot be one.
fn draft_folders(sources: &Sources) -> Vec<String> {
    sources
        .files
        .values()
        .filter_map(|source| match source {
            Source::Section(section) if section.meta.draft => Some(parent_dir(&section.key)),
            _ => None,
        })
        .filter(|folder| !folder.is_empty())
        .map(str::to_owned)
        .collect()
}

fn left_out_reason(page: &PageSource, filter: &Filter) -> Option<&'static str> {
    if page.meta.draft && !filter.drafts {
        return Some("draft");
    }
    if page.date.is_some_and(|d| d.moment > filter.now) && !filter.future {
        return Some("future");
    }
    None
}

/// The folder of a content key: `a/b/x.md` → `a/b`, `x.md` → ``.
pub fn parent_dir(key: &str) -> &str {
    key.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The folder a page sits in, for its URL and section: a bundle's parent folder.
fn page_dir(page: &PageSource) -> &str {
    let dir = parent_dir(&page.key);
    if page.bundle { parent_dir(dir) } else { dir }
}

fn owning_bundle<'a>(
    key: &str,
    bundles: &'a HashMap<String, String>,
) -> Option<(&'a str, &'a String)> {
    let mut dir = parent_dir(key);
    while !dir.is_empty() {
        if let Some((bundle_dir, page)) = bundles.get_key_value(dir) {
            return Some((bundle_dir.as_str(), page));
        }
        dir = parent_dir(dir);
    }
    None
}

fn compare_pages(a: &Page, b: &Page, sort_by: &front_matter::SortBy) -> std::cmp::Ordering {
    use front_matter::SortBy;
    let by_key = || a.source.key.cmp(&b.source.key);
    match sort_by {
        SortBy::Date => match (a.source.date, b.source.date) {
            (Some(x), Some(y)) => y.cmp(&x).then_with(by_key),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => by_key(),
        },
        SortBy::Weight => {
            let weight = |p: &Page| p.source.meta.weight.unwrap_or(i64::MAX);
            weight(a).cmp(&weight(b)).then_with(by_key)
        }
        SortBy::Title => url::slugify(&a.source.meta.title)
            .cmp(&url::slugify(&b.source.meta.title))
            .then_with(by_key),
        SortBy::Extra(field) => compare_extra(a, b, field).then_with(by_key),
        SortBy::None => by_key(),
    }
}

fn compare_extra(a: &Page, b: &Page, field: &str) -> std::cmp::Ordering {
    use crate::yaml::YamlValue;
    let value = |p: &Page| p.source.meta.extra.get(field).cloned();
    match (value(a), value(b)) {
        (Some(YamlValue::Number(x)), Some(YamlValue::Number(y))) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::MAX),
                y.as_f64().unwrap_or(f64::MAX),
            );
            x.total_cmp(&y)
        }
        (Some(YamlValue::String(x)), Some(YamlValue::String(y))) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        _ => std::cmp::Ordering::Equal,
    }
}
