//! The site derived from its inputs before any template runs: content placed and
//! rendered, checked against its schemas and links, its taxonomies, menus, the editions of
//! the agenda and their comparison, and the search index.

pub mod content;
pub mod editions;
mod links;
pub mod period;
pub mod pictures;
pub mod schema;
pub mod shortcodes;
pub mod taxonomy;

use std::collections::BTreeMap;

pub use content::{Asset, Changed, Content, Document, Page, ROOT_SECTION, Section, parent_dir};
pub use links::{Resolver, check_content_links, check_page_links};

use crate::config::{Config, Severity};
use crate::error::{Diagnostic, Error, Result};
use crate::inputs::Inputs;
use crate::markdown::Expand;
use crate::search::{self, SearchDocument, SearchFile};
use editions::Editions;
use taxonomy::Taxonomy;

/// Everything derived from the inputs; immutable once made, but for `serve`'s update of
/// one page in place (see `Site::update_page`).
#[derive(Debug)]
pub struct Model {
    pub content: Content,
    pub taxonomies: Vec<Taxonomy>,
    /// The agenda's editions, when the config names them.
    pub editions: Option<Editions>,
    /// Menus by name, their URLs resolved.
    pub menus: BTreeMap<String, Vec<MenuLink>>,
    /// The search index files, when the config asks for search.
    pub search: Vec<SearchFile>,
    /// The processed content images, by source file.
    pub images: pictures::Images,
    pub warnings: Vec<Diagnostic>,
}

/// A menu item with a real URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuLink {
    pub name: String,
    pub url: String,
}

impl Model {
    /// Derives the model from the parsed inputs, without shortcodes (calls stay text).
    #[cfg(test)]
    pub fn derive(inputs: &Inputs) -> Result<Model> {
        Model::derive_with(inputs, None)
    }

    /// Derives the model from the parsed inputs, expanding the Markdown's shortcode calls.
    /// No file is read but the git history's, and the data files shortcodes load.
    pub fn derive_with(inputs: &Inputs, shortcodes: Option<&dyn Expand>) -> Result<Model> {
        let config = &inputs.config;
        let (content, images, warnings) = checked_content(inputs, shortcodes)?;
        let taxonomies = taxonomy::collect(&content, config).map_err(Error::Input)?;
        let today = inputs.filter.now.date_naive();
        let editions = match &config.editions {
            Some(editions) => Some(editions::collect(&content, editions, today)?),
            None => None,
        };
        let menus = resolve_menus(config, &content).map_err(Error::Input)?;
        let search = search_index(&content, editions.as_ref(), config);
        Ok(Model {
            content,
            taxonomies,
            editions,
            menus,
            search,
            images,
            warnings,
        })
    }

    /// Renders the Markdown of page `key` again from `source`, as a full build would.
    pub fn render_page(
        &self,
        source: &crate::inputs::source::PageSource,
        config: &Config,
        shortcodes: Option<&dyn Expand>,
    ) -> crate::markdown::Rendered {
        let pictures = pictures::Pictures::new(
            &self.content,
            &self.images,
            &config.images,
            &config.base_path,
        );
        self.content
            .render_page(source, config, &pictures, shortcodes)
    }

    /// The editions and their comparisons again, after a page of one changed.
    pub fn compare_editions(&mut self, config: &Config, today: chrono::NaiveDate) -> Result<()> {
        if let Some(editions) = &config.editions {
            self.editions = Some(editions::collect(&self.content, editions, today)?);
        }
        Ok(())
    }
}

/// The content with its images processed and its Markdown rendered (shortcodes
/// expanded), dated and checked (schemas, shortcode calls, links between pages), and the
/// warnings the checks gave.
fn checked_content(
    inputs: &Inputs,
    shortcodes: Option<&dyn Expand>,
) -> Result<(Content, pictures::Images, Vec<Diagnostic>)> {
    let config = &inputs.config;
    let mut content = Content::assemble(&inputs.sources, config, &inputs.filter)?;
    let schema_problems = schema::check_schemas(&content);
    if !schema_problems.is_empty() {
        return Err(Error::Input(schema_problems));
    }
    let cache = crate::images::Cache::for_site(&inputs.root);
    let (images, image_warnings) =
        pictures::process(&content, &config.images, &cache, &inputs.root)?;
    let rendered = {
        let pictures =
            pictures::Pictures::new(&content, &images, &config.images, &config.base_path);
        content.rendered_markdown(config, &pictures, shortcodes)
    };
    content.set_rendered(rendered);
    let shortcode_problems = shortcodes::problems(&content);
    if !shortcode_problems.is_empty() {
        return Err(Error::Input(shortcode_problems));
    }
    let history = inputs.history();
    content.date_changes(history, &inputs.content_dir());
    let (errors, mut warnings) =
        check_content_links(&content, &config.base_path, config.broken_links);
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    if let Some(note) = &history.note {
        warnings.push(Diagnostic::new("content", note.clone()));
    }
    warnings.extend(image_warnings);
    Ok((content, images, warnings))
}

/// The search index of every page and section with text, when the config asks for it.
pub fn search_index(
    content: &Content,
    editions: Option<&Editions>,
    config: &Config,
) -> Vec<SearchFile> {
    if !config.search {
        return Vec::new();
    }
    let changes: Vec<(String, String, String)> = editions
        .map(|e| changes_documents(e, content))
        .unwrap_or_default();
    let pages = content.pages.values().map(|page| SearchDocument {
        url: &page.url,
        title: page.title(),
        section: content.sections[&page.section].title(),
        description: page.text.description.as_deref().unwrap_or(""),
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
                description: section.text.description.as_deref().unwrap_or(""),
                headings: heading_titles(&section.rendered.toc),
                text: &section.rendered.text,
            }
        });
    let changes = changes.iter().map(|(url, section, text)| SearchDocument {
        url,
        title: editions::CHANGES_TITLE,
        section,
        description: "",
        headings: Vec::new(),
        text,
    });
    let documents: Vec<SearchDocument> = pages.chain(sections).chain(changes).collect();
    search::build_index(&documents, &config.language)
}

/// (URL, edition title, text) of each "what changed" page, for the search index: the
/// titles of the pages it names and the words that changed.
fn changes_documents(editions: &Editions, content: &Content) -> Vec<(String, String, String)> {
    editions
        .list
        .iter()
        .filter_map(|edition| {
            let (_, url) = edition.changes.as_ref()?;
            let comparison = edition.comparison.as_ref()?;
            let title = |key: &String| content.pages[key].title().to_owned();
            let mut text: Vec<String> = comparison
                .added
                .iter()
                .chain(&comparison.removed)
                .chain(&comparison.unchanged)
                .map(title)
                .collect();
            for (new, old, diff) in &comparison.changed {
                text.extend([title(new), title(old), crate::html::strip_tags(diff)]);
            }
            let section = content.sections[&edition.key].title().to_owned();
            Some((url.clone(), section, text.join("\n")))
        })
        .collect()
}

fn heading_titles(toc: &[crate::markdown::Heading]) -> Vec<&str> {
    toc.iter()
        .flat_map(|h| std::iter::once(h.title.as_str()).chain(heading_titles(&h.children)))
        .collect()
}

/// Menus with each `url` made a real URL; an internal link that does not resolve is an
/// error in `config.yaml`.
fn resolve_menus(
    config: &Config,
    content: &Content,
) -> Result<BTreeMap<String, Vec<MenuLink>>, Vec<Diagnostic>> {
    use crate::markdown::LinkResolver;
    let resolver = Resolver::new(content, &config.base_path);
    let file_resolver = resolver.for_file(ROOT_SECTION);
    let mut menus = BTreeMap::new();
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
                        let (reason, _) = resolver.describe(&item.url, &error, true);
                        let message = crate::msg!(
                            "menu-link",
                            menu = name,
                            item = &item.name,
                            link = &item.url
                        );
                        let problem = Diagnostic::new(crate::config::CONFIG_FILE, message);
                        problems.push(problem.with_hint(reason));
                        continue;
                    }
                }
            };
            values.push(MenuLink {
                name: item.name.clone(),
                url,
            });
        }
        menus.insert(name.clone(), values);
    }
    match (problems.is_empty(), config.broken_links) {
        (true, _) | (false, Severity::Warn) => Ok(menus),
        (false, Severity::Error) => Err(problems),
    }
}
