//! What templates see: explicit views of pages, sections and taxonomies, built once per
//! build as Tera values. Values share their data, so listing 8,000 pages in a section
//! copies pointers, not pages.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::{Map, Value};

use crate::config::Config;
use crate::content::{Asset, Changed, Content, Page, Section};
use crate::markdown::{Heading, Rendered};
use crate::taxonomy::Taxonomy;

/// The site as templates see it; shared by every render and by the template functions.
#[derive(Clone)]
pub struct SiteView {
    pub config: Value,
    /// Page views by content key (`agenda/x.md`), without `prev`/`next`.
    pub pages: HashMap<String, Value>,
    /// Section views by content key, with their pages and subsections.
    pub sections: HashMap<String, Value>,
    pub taxonomies: HashMap<String, Value>,
    /// URLs of content keys, for `url_for(path="@/…")`.
    pub urls: HashMap<String, String>,
    pub base_path: String,
    /// The agenda's editions (see `editions.rs`), or none.
    pub editions: Value,
}

impl Default for SiteView {
    fn default() -> Self {
        SiteView {
            config: Value::none(),
            pages: HashMap::new(),
            sections: HashMap::new(),
            taxonomies: HashMap::new(),
            urls: HashMap::new(),
            base_path: "/".to_owned(),
            editions: Value::none(),
        }
    }
}

/// Builds a Tera map value from field names and values.
pub fn map<const N: usize>(fields: [(&'static str, Value); N]) -> Value {
    let mut out = Map::new();
    for (key, value) in fields {
        out.insert(key.into(), value);
    }
    Value::from(out)
}

fn opt<T: Into<Value>>(value: Option<T>) -> Value {
    value.map_or_else(Value::none, Into::into)
}

fn list<T>(items: impl IntoIterator<Item = T>, f: impl Fn(T) -> Value) -> Value {
    Value::from(items.into_iter().map(f).collect::<Vec<_>>())
}

/// Serialisable data (front matter `extra`) as a value; never fails a build.
pub fn data_value<T: serde::Serialize>(data: &T) -> Value {
    Value::try_from_serializable(data).unwrap_or_else(|_| Value::none())
}

impl SiteView {
    /// Views of every page, section and taxonomy of `content`.
    ///
    /// The rendered HTML moves from `content` into the views, so a big site never holds
    /// two copies of every page.
    pub fn build(
        content: &mut Content,
        config: &Config,
        taxonomies: &[Taxonomy],
        config_value: Value,
    ) -> SiteView {
        let mut view = SiteView {
            config: config_value,
            base_path: config.base_path.clone(),
            ..SiteView::default()
        };
        let page_terms = page_terms(taxonomies);
        let html = take_html(content.pages.iter_mut().map(|(k, p)| (k, &mut p.rendered)));
        let mut section_html: HashMap<String, Html> = take_html(
            content
                .sections
                .iter_mut()
                .map(|(k, s)| (k, &mut s.rendered)),
        )
        .into_iter()
        .collect();
        let content = &*content;
        view.pages = html
            .into_par_iter()
            .map(|(key, html)| {
                let terms = page_terms.get(key.as_str()).cloned();
                let terms = terms.unwrap_or_else(|| Value::from(Map::new()));
                let value = page_value(&content.pages[&key], html, content, config, terms);
                (key, value)
            })
            .collect();
        for (key, page) in &content.pages {
            view.urls.insert(key.clone(), page.url.clone());
        }
        let mut keys: Vec<&String> = content.sections.keys().collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.matches('/').count()));
        for key in keys {
            let section = &content.sections[key];
            let html = section_html.remove(key).expect("taken above");
            let value = section_value(section, html, content, config, &view);
            view.sections.insert(key.clone(), value);
            view.urls.insert(key.clone(), section.url.clone());
        }
        for taxonomy in taxonomies {
            view.taxonomies
                .insert(taxonomy.name.clone(), taxonomy_value(taxonomy, &view));
        }
        view
    }

    /// Updates this view after one page changed in place (same URL, section, order and
    /// terms): its value is rebuilt, with its HTML moved out of `content` as in `build`,
    /// and so are the lists of the sections above it and of its terms.
    pub fn replace_page(
        &mut self,
        content: &mut Content,
        config: &Config,
        taxonomies: &[Taxonomy],
        key: &str,
    ) {
        let view = self;
        let rendered = &mut content
            .pages
            .get_mut(key)
            .expect("replaced page exists")
            .rendered;
        let html = Html {
            content: std::mem::take(&mut rendered.html),
            summary: rendered.summary.take(),
        };
        let content = &*content;
        let terms = view.pages[key]
            .get_from_path("taxonomies")
            .cloned()
            .unwrap_or_else(|| Value::from(Map::new()));
        view.pages.insert(
            key.to_owned(),
            page_value(&content.pages[key], html, content, config, terms),
        );
        for section in content.ancestors(&content.pages[key].section).iter().rev() {
            let lists = section_lists(&content.sections[section], view);
            let mut fields = view.sections[section].as_map().cloned().unwrap_or_default();
            for (name, value) in lists {
                fields.insert(name.into(), value);
            }
            view.sections.insert(section.clone(), Value::from(fields));
        }
        for taxonomy in taxonomies.iter().filter(|t| {
            t.terms
                .values()
                .any(|term| term.pages.iter().any(|k| k == key))
        }) {
            view.taxonomies
                .insert(taxonomy.name.clone(), taxonomy_value(taxonomy, view));
        }
    }

    /// The page's view with `prev` and `next`, its neighbours in its section's order.
    pub fn page_with_neighbours(&self, content: &Content, key: &str) -> Value {
        let page = &content.pages[key];
        let order = &content.sections[&page.section].pages;
        let index = Some(page.position);
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| order.get(i))
                .map(|k| self.pages[k].clone())
                .unwrap_or_else(Value::none)
        };
        let mut fields = self.pages[key].as_map().cloned().unwrap_or_default();
        fields.insert(
            "prev".into(),
            neighbour(index.and_then(|i| i.checked_sub(1))),
        );
        fields.insert("next".into(), neighbour(index.map(|i| i + 1)));
        Value::from(fields)
    }
}

/// The rendered HTML and summary of each document, moved out of the content model.
fn take_html<'c>(
    documents: impl Iterator<Item = (&'c String, &'c mut Rendered)>,
) -> Vec<(String, Html)> {
    documents
        .map(|(key, rendered)| {
            let html = Html {
                content: std::mem::take(&mut rendered.html),
                summary: rendered.summary.take(),
            };
            (key.clone(), html)
        })
        .collect()
}

/// A document's rendered HTML on its way into a view.
struct Html {
    content: String,
    summary: Option<String>,
}

impl Html {
    fn content_value(&self) -> Value {
        Value::safe_string(&self.content)
    }

    fn summary_value(&self) -> Value {
        self.summary
            .as_deref()
            .map_or_else(Value::none, Value::safe_string)
    }
}

fn page_value(
    page: &Page,
    html: Html,
    content: &Content,
    config: &Config,
    taxonomies: Value,
) -> Value {
    let source = &page.source;
    let meta = &source.meta;
    map([
        ("title", Value::from(meta.title.as_str())),
        ("description", opt(meta.description.as_deref())),
        ("path", Value::from(source.key.as_str())),
        ("slug", Value::from(source.slug.as_str())),
        ("url", Value::from(page.url.as_str())),
        ("permalink", Value::from(config.permalink(&page.url))),
        ("date", opt(source.date.map(|d| d.to_iso()))),
        ("updated", opt(source.updated.map(|d| d.to_iso()))),
        ("weight", opt(meta.weight)),
        ("draft", Value::from(meta.draft)),
        ("extra", data_value(&meta.extra)),
        ("taxonomies", taxonomies),
        ("section", Value::from(page.section.as_str())),
        ("ancestors", ancestors_value(content, &page.section, true)),
        ("assets", assets_value(&page.assets, config)),
        ("content", html.content_value()),
        ("summary", html.summary_value()),
        ("last_modified", last_modified_value(&page.changed)),
        ("history", history_value(&page.changed)),
        ("toc", toc_value(&page.rendered.toc)),
        ("word_count", Value::from(page.rendered.word_count)),
        ("reading_time", Value::from(page.rendered.reading_time())),
    ])
}

fn section_value(
    section: &Section,
    html: Html,
    content: &Content,
    config: &Config,
    view: &SiteView,
) -> Value {
    let meta = &section.source.meta;
    let [(_, pages), (_, subsections)] = section_lists(section, view);
    map([
        ("title", Value::from(section.title())),
        ("description", opt(meta.description.as_deref())),
        ("path", Value::from(section.source.key.as_str())),
        ("url", Value::from(section.url.as_str())),
        ("permalink", Value::from(config.permalink(&section.url))),
        ("weight", opt(meta.weight)),
        ("extra", data_value(&meta.extra)),
        (
            "ancestors",
            ancestors_value(content, &section.source.key, false),
        ),
        ("assets", assets_value(&section.assets, config)),
        ("pages", pages),
        ("subsections", subsections),
        ("content", html.content_value()),
        ("summary", html.summary_value()),
        ("last_modified", last_modified_value(&section.changed)),
        ("history", history_value(&section.changed)),
        ("toc", toc_value(&section.rendered.toc)),
        ("word_count", Value::from(section.rendered.word_count)),
        ("reading_time", Value::from(section.rendered.reading_time())),
    ])
}

/// When it last changed, as RFC 3339 text (the `date` filter prints it).
fn last_modified_value(changed: &Changed) -> Value {
    opt(changed.last.map(|d| d.to_rfc3339()))
}

/// Its latest commits: `[{date, subject}]`, newest first.
fn history_value(changed: &Changed) -> Value {
    list(&changed.history, |change| {
        map([
            ("date", Value::from(change.date.to_rfc3339())),
            ("subject", Value::from(change.subject.as_str())),
        ])
    })
}

/// A section's `pages` and `subsections`, from the views of its members.
fn section_lists(section: &Section, view: &SiteView) -> [(&'static str, Value); 2] {
    [
        ("pages", list(&section.pages, |k| view.pages[k].clone())),
        (
            "subsections",
            list(&section.subsections, |k| view.sections[k].clone()),
        ),
    ]
}

/// The sections above, home first; a page's list includes its own section.
fn ancestors_value(content: &Content, section: &str, include_self: bool) -> Value {
    let mut chain = content.ancestors(section);
    if !include_self {
        chain.pop();
    }
    list(chain, |key| {
        let s = &content.sections[&key];
        map([
            ("title", Value::from(s.title())),
            ("url", Value::from(s.url.as_str())),
            ("path", Value::from(key.as_str())),
        ])
    })
}

fn assets_value(assets: &[Asset], config: &Config) -> Value {
    list(assets, |asset| {
        map([
            ("name", Value::from(asset.name.as_str())),
            (
                "url",
                Value::from(format!("{}{}", config.base_path, asset.output)),
            ),
            ("size", Value::from(asset.size)),
        ])
    })
}

fn toc_value(headings: &[Heading]) -> Value {
    list(headings, |h| {
        map([
            ("level", Value::from(h.level)),
            ("id", Value::from(h.id.as_str())),
            ("title", Value::from(h.title.as_str())),
            ("children", toc_value(&h.children)),
        ])
    })
}

/// `{themas: [{name, slug, url}]}` for every page that has terms.
fn page_terms(taxonomies: &[Taxonomy]) -> HashMap<&str, Value> {
    let mut per_page: HashMap<&str, Map> = HashMap::new();
    for taxonomy in taxonomies {
        for term in taxonomy.terms.values() {
            for key in &term.pages {
                let fields = per_page.entry(key.as_str()).or_default();
                let entry = fields
                    .entry(taxonomy.name.clone().into())
                    .or_insert_with(|| Value::from(Vec::<Value>::new()));
                let mut terms: Vec<Value> =
                    entry.as_array().map(<[Value]>::to_vec).unwrap_or_default();
                terms.push(term_link(term));
                *entry = Value::from(terms);
            }
        }
    }
    per_page
        .into_iter()
        .map(|(k, m)| (k, Value::from(m)))
        .collect()
}

fn term_link(term: &crate::taxonomy::Term) -> Value {
    map([
        ("name", Value::from(term.name.as_str())),
        ("slug", Value::from(term.slug.as_str())),
        ("url", Value::from(term.url.as_str())),
    ])
}

fn taxonomy_value(taxonomy: &Taxonomy, view: &SiteView) -> Value {
    let terms = list(taxonomy.terms.values(), |term| {
        map([
            ("name", Value::from(term.name.as_str())),
            ("slug", Value::from(term.slug.as_str())),
            ("url", Value::from(term.url.as_str())),
            ("pages", list(&term.pages, |k| view.pages[k].clone())),
        ])
    });
    map([
        ("name", Value::from(taxonomy.name.as_str())),
        ("title", Value::from(taxonomy.title.as_str())),
        ("url", Value::from(taxonomy.url.as_str())),
        ("terms", terms),
    ])
}

/// The `config` every template sees; menus arrive with their URLs resolved.
pub fn config_value(config: &Config, menus: Value) -> Value {
    let taxonomies = list(&config.taxonomies, |t| {
        map([
            ("name", Value::from(t.name.as_str())),
            ("title", Value::from(t.title.as_deref().unwrap_or(&t.name))),
        ])
    });
    map([
        ("base_url", Value::from(config.base_url.as_str())),
        ("base_path", Value::from(config.base_path.as_str())),
        ("title", Value::from(config.title.as_str())),
        ("description", Value::from(config.description.as_str())),
        ("language", Value::from(config.language.as_str())),
        ("menus", menus),
        ("taxonomies", taxonomies),
        ("extra", data_value(&config.extra)),
    ])
}
