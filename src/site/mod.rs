//! The site model: config, content, taxonomies, templates and the views templates see,
//! built in stages from the files under the site root.

mod update;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::Value;
use walkdir::WalkDir;

use crate::config::{Config, Severity};
use crate::content::{self, Content, Filter, Sources};
use crate::editions::{self, Editions};
use crate::error::{Diagnostic, Error, Result};
use crate::history::{History, PendingHistory};
use crate::search::{self, SearchDocument, SearchFile};
use crate::taxonomy::{self, Taxonomy};
use crate::templates::view::{config_value, map};
use crate::templates::{SiteView, Templates};

/// A file from `static/` (the site's or the theme's), copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    pub output: String,
    pub source: PathBuf,
}

/// Everything needed to render the site.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub filter: Filter,
    pub sources: Sources,
    pub content: Content,
    pub taxonomies: Vec<Taxonomy>,
    pub templates: Templates,
    pub view: Arc<SiteView>,
    pub static_files: Vec<StaticFile>,
    /// When content files last changed, from git.
    pub history: History,
    /// The history while git still reads it; taken by the first `derive`.
    pending_history: Option<PendingHistory>,
    /// The search index files, when the config asks for search.
    pub search: Vec<SearchFile>,
    /// The agenda's editions, when the config names them.
    pub editions: Option<Editions>,
    pub warnings: Vec<Diagnostic>,
}

impl Site {
    /// Reads the whole site under `root`.
    pub fn load(root: &Path, config: Config, filter: Filter) -> Result<Site> {
        let pending_history = Some(History::start(root));
        let templates = Templates::load(root, &config)?;
        let sources = Sources::read(&crate::folders::content(root)?)?;
        let static_files = static_files(root, &config)?;
        let mut site = Site {
            root: root.to_owned(),
            config,
            filter,
            sources,
            content: Content::default(),
            taxonomies: Vec::new(),
            templates,
            view: Arc::default(),
            static_files,
            history: History::default(),
            pending_history,
            search: Vec::new(),
            editions: None,
            warnings: Vec::new(),
        };
        site.derive()?;
        Ok(site)
    }

    /// Reads the templates again (after one changed); the model stays as it is.
    pub fn reload_templates(&mut self) -> Result<()> {
        let mut templates = Templates::load(&self.root, &self.config)?;
        templates.set_site(Arc::clone(&self.view));
        self.templates = templates;
        Ok(())
    }

    /// Lists the static files again (after one was added or removed).
    pub fn reload_static(&mut self) -> Result<()> {
        self.static_files = static_files(&self.root, &self.config)?;
        Ok(())
    }

    /// Reads every content file again and derives the model; on an error the model is
    /// left as it was.
    pub fn reload_content(&mut self) -> Result<()> {
        let sources = Sources::read(&crate::folders::content(&self.root)?)?;
        let previous = std::mem::replace(&mut self.sources, sources);
        if let Err(error) = self.derive() {
            self.sources = previous;
            return Err(error);
        }
        Ok(())
    }

    /// Rebuilds everything that follows from the parsed sources: the content model, its
    /// Markdown, link checks, taxonomies and views. No file is read.
    pub fn derive(&mut self) -> Result<()> {
        let (mut content, warnings) = self.checked_content()?;
        let taxonomies = taxonomy::collect(&content, &self.config).map_err(Error::Input)?;
        let editions = match &self.config.editions {
            Some(config) => Some(editions::collect(&content, config)?),
            None => None,
        };
        let menus = resolve_menus(&self.config, &content).map_err(Error::Input)?;
        let search = search_index(&content, &self.config);
        let config_value = config_value(&self.config, menus);
        let mut view = SiteView::build(&mut content, &self.config, &taxonomies, config_value);
        view.editions = editions
            .as_ref()
            .map_or_else(Value::none, |e| editions_value(e, &content, &view));
        self.view = Arc::new(view);
        self.templates.set_site(Arc::clone(&self.view));
        self.content = content;
        self.taxonomies = taxonomies;
        self.search = search;
        self.editions = editions;
        self.warnings = warnings;
        Ok(())
    }

    /// The content model with its Markdown rendered, dated and checked (schemas, links
    /// between pages), and the warnings the checks gave.
    fn checked_content(&mut self) -> Result<(Content, Vec<Diagnostic>)> {
        let mut content = Content::assemble(&self.sources, &self.config, &self.filter)?;
        let schema_problems = content::schema::check_schemas(&content);
        if !schema_problems.is_empty() {
            return Err(Error::Input(schema_problems));
        }
        content.render_markdown(&self.config);
        if let Some(pending) = self.pending_history.take() {
            self.history = pending.finish();
        }
        content.date_changes(&self.history, &self.root.join("content"));
        let (base_path, severity) = (&self.config.base_path, self.config.broken_links);
        let (errors, mut warnings) = content::check_content_links(&content, base_path, severity);
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        if let Some(note) = &self.history.note {
            warnings.push(Diagnostic::new("content", note.clone()));
        }
        Ok((content, warnings))
    }
}

/// `editions` for templates: the current one and every one with its "what changed" page.
fn editions_value(editions: &Editions, content: &Content, view: &SiteView) -> Value {
    let list: Vec<Value> = editions
        .list
        .iter()
        .map(|edition| {
            let section = &content.sections[&edition.key];
            let changes = edition
                .previous
                .as_ref()
                .map(|_| format!("{}{}/", section.url, editions.changes_slug));
            map([
                ("path", Value::from(edition.key.as_str())),
                ("title", Value::from(section.title())),
                ("url", Value::from(section.url.as_str())),
                ("period", Value::from(edition.period.as_str())),
                ("current", Value::from(edition.key == editions.current)),
                ("changes_url", changes.map_or_else(Value::none, Value::from)),
            ])
        })
        .collect();
    map([
        ("section", Value::from(editions.section.as_str())),
        ("current", Value::from(editions.current.as_str())),
        (
            "current_url",
            Value::from(content.sections[&editions.current].url.as_str()),
        ),
        ("current_section", view.sections[&editions.current].clone()),
        ("list", Value::from(list)),
    ])
}

/// The search index of every page and section with text, when the config asks for it.
pub fn search_index(content: &Content, config: &Config) -> Vec<SearchFile> {
    if !config.search {
        return Vec::new();
    }
    let pages = content.pages.values().map(|page| SearchDocument {
        url: &page.url,
        title: &page.source.meta.title,
        section: content.sections[&page.section].title(),
        description: page.source.meta.description.as_deref().unwrap_or(""),
        headings: heading_titles(&page.rendered.toc),
        text: &page.rendered.text,
    });
    let sections = content
        .sections
        .values()
        .filter(|s| !s.rendered.text.trim().is_empty())
        .map(|section| {
            let parent = section
                .parent
                .as_deref()
                .map_or("", |p| content.sections[p].title());
            SearchDocument {
                url: &section.url,
                title: section.title(),
                section: parent,
                description: section.source.meta.description.as_deref().unwrap_or(""),
                headings: heading_titles(&section.rendered.toc),
                text: &section.rendered.text,
            }
        });
    let documents: Vec<SearchDocument> = pages.chain(sections).collect();
    search::build_index(&documents, &config.language)
}

fn heading_titles(toc: &[crate::markdown::Heading]) -> Vec<&str> {
    toc.iter()
        .flat_map(|h| std::iter::once(h.title.as_str()).chain(heading_titles(&h.children)))
        .collect()
}

/// Menus with each `url` made a real URL; an internal link that does not resolve is an
/// error in `config.yaml`.
fn resolve_menus(config: &Config, content: &Content) -> Result<Value, Vec<Diagnostic>> {
    use crate::markdown::LinkResolver;
    let resolver = content::Resolver::new(content, &config.base_path);
    let file_resolver = resolver.from_file(content::ROOT_SECTION);
    let mut menus = tera::Map::new();
    let mut problems = Vec::new();
    for (name, items) in &config.menus {
        let mut values = Vec::new();
        for item in &items[..] {
            let url = if item.url.contains("://") || item.url.starts_with("mailto:") {
                item.url.clone()
            } else {
                match file_resolver.resolve(&item.url) {
                    Ok((url, _)) => url,
                    Err(error) => {
                        let reason = resolver.describe(&item.url, &error, true);
                        let message = format!("menu `{name}`, item `{}`: {reason}", item.name);
                        problems.push(Diagnostic::new(crate::config::CONFIG_FILE, message));
                        continue;
                    }
                }
            };
            values.push(map([
                ("name", Value::from(item.name.as_str())),
                ("url", Value::from(url)),
            ]));
        }
        menus.insert(name.clone().into(), Value::from(values));
    }
    match (problems.is_empty(), config.broken_links) {
        (true, _) | (false, Severity::Warn) => Ok(Value::from(menus)),
        (false, Severity::Error) => Err(problems),
    }
}

/// Hidden names that web hosts read, published from `static/` although hidden files are
/// otherwise left out: Apache's `.htaccess`, and `.well-known/` (RFC 8615: security.txt,
/// and the files domain checks ask for).
const PUBLISHED_HIDDEN: &[&str] = &[".htaccess", ".well-known"];

/// The theme's static files, then the site's, the site's winning file by file. Hidden
/// files (but those in `PUBLISHED_HIDDEN`), editors' leftovers and symbolic links stay out.
fn static_files(root: &Path, config: &Config) -> Result<Vec<StaticFile>> {
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut folders = Vec::new();
    if let Some(theme) = &config.theme {
        folders.push(format!("themes/{theme}/static"));
    }
    folders.push("static".to_owned());
    for folder in folders {
        let Some(dir) = crate::folders::optional(root, &folder)? else {
            continue;
        };
        let walker = WalkDir::new(&dir).sort_by_file_name().into_iter();
        for entry in walker.filter_entry(|e| e.depth() == 0 || is_published(e.file_name())) {
            let entry = entry.map_err(|e| Error::read(&dir, e.into()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(&dir).expect("inside dir");
            files.insert(
                relative.to_string_lossy().replace('\\', "/"),
                entry.into_path(),
            );
        }
    }
    Ok(files
        .into_iter()
        .map(|(output, source)| StaticFile { output, source })
        .collect())
}

fn is_published(name: &std::ffi::OsStr) -> bool {
    let hidden_but_published = PUBLISHED_HIDDEN.iter().any(|n| name == *n);
    hidden_but_published || !content::scan::is_ignored(name)
}
