//! What templates see: the views of every page, section, taxonomy and edition, built once
//! from the model before any template runs (see [`shapes`] for each view's fields).

mod description;
pub mod shapes;

use std::collections::HashMap;

use rayon::prelude::*;
use tera::{Map, Value};

use crate::config::Config;
use crate::inputs::history::Commit;
use crate::markdown::{Heading, Html};
use crate::model::editions::{Comparison, Editions};
use crate::model::taxonomy::{Taxonomy, Term};
use crate::model::{Asset, Changed, Content, Model, Page, Section};
use crate::yaml::{YamlMapping, YamlValue};
use shapes::*;

/// The site as templates see it; shared by every render and by the template functions.
#[derive(Clone)]
pub struct SiteView {
    pub config: Value,
    /// Page views by content key (`agenda/x.md`), without `prev`/`next`.
    pub pages: HashMap<String, Value>,
    /// Section views by content key, with their pages and subsections.
    pub sections: HashMap<String, Value>,
    pub taxonomies: HashMap<String, Value>,
    /// Term views by taxonomy name and term slug.
    pub terms: HashMap<(String, String), Value>,
    /// URLs of content keys, for `url_for(path="@/…")`.
    pub urls: HashMap<String, String>,
    pub base_path: String,
    /// The agenda's editions, or none.
    pub editions: Value,
    /// The "what changed" view of each edition that has one before it, by section key.
    pub changes: HashMap<String, Value>,
}

impl Default for SiteView {
    fn default() -> Self {
        SiteView {
            config: Value::none(),
            pages: HashMap::new(),
            sections: HashMap::new(),
            taxonomies: HashMap::new(),
            terms: HashMap::new(),
            urls: HashMap::new(),
            base_path: "/".to_owned(),
            editions: Value::none(),
            changes: HashMap::new(),
        }
    }
}

impl SiteView {
    /// Views of everything in `model`.
    pub fn build(model: &Model, config: &Config) -> SiteView {
        let content = &model.content;
        let mut view = SiteView {
            config: value(&config_view(config, model)),
            base_path: config.base_path.clone(),
            ..SiteView::default()
        };
        let page_terms = page_terms(&model.taxonomies);
        view.pages = content
            .pages
            .par_iter()
            .map(|(key, page)| {
                let terms = page_terms.get(key.as_str()).cloned();
                let terms = terms.unwrap_or_else(|| Value::from(Map::new()));
                (key.clone(), page_value(page, content, config, terms))
            })
            .collect();
        for (key, page) in &content.pages {
            view.urls.insert(key.clone(), page.url.clone());
        }
        let mut keys: Vec<&String> = content.sections.keys().collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.matches('/').count()));
        for key in keys {
            let section = &content.sections[key];
            let value = section_value(section, content, config, &view);
            view.sections.insert(key.clone(), value);
            view.urls.insert(key.clone(), section.url.clone());
        }
        view.set_taxonomies(&model.taxonomies, config);
        view.set_editions(model);
        view
    }

    /// This view after one page changed in place (same URL, section, order and terms):
    /// its view is built again, and so are the lists that show it.
    pub fn with_page_replaced(&self, model: &Model, config: &Config, key: &str) -> SiteView {
        let content = &model.content;
        let mut view = self.clone();
        let terms = view.pages[key]
            .get_from_path("taxonomies")
            .cloned()
            .unwrap_or_else(|| Value::from(Map::new()));
        let page = &content.pages[key];
        view.pages
            .insert(key.to_owned(), page_value(page, content, config, terms));
        for section in content.ancestors(&page.section).iter().rev() {
            let value = section_value(&content.sections[section], content, config, &view);
            view.sections.insert(section.clone(), value);
        }
        let shows_it = |t: &&Taxonomy| {
            t.terms
                .values()
                .any(|term| term.pages.iter().any(|k| k == key))
        };
        let taxonomies: Vec<&Taxonomy> = model.taxonomies.iter().filter(shows_it).collect();
        for taxonomy in taxonomies {
            view.set_taxonomy(taxonomy, config);
        }
        view.set_editions(model);
        view
    }

    /// The page's view with `prev` and `next`, its neighbours in its section's order.
    pub fn page_with_neighbours(&self, content: &Content, key: &str) -> Value {
        let page = &content.pages[key];
        let order = &content.sections[&page.section].pages;
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| order.get(i))
                .map(|k| self.pages[k].clone())
                .unwrap_or_else(Value::none)
        };
        let mut fields = self.pages[key].as_map().cloned().unwrap_or_default();
        fields.insert("prev".into(), neighbour(page.position.checked_sub(1)));
        fields.insert("next".into(), neighbour(Some(page.position + 1)));
        Value::from(fields)
    }

    fn set_taxonomies(&mut self, taxonomies: &[Taxonomy], config: &Config) {
        for taxonomy in taxonomies {
            self.set_taxonomy(taxonomy, config);
        }
    }

    fn set_taxonomy(&mut self, taxonomy: &Taxonomy, config: &Config) {
        let mut terms = Vec::new();
        for term in taxonomy.terms.values() {
            let value = value(&term_view(term, config, self));
            self.terms
                .insert((taxonomy.name.clone(), term.slug.clone()), value.clone());
            terms.push(value);
        }
        let view = TaxonomyView {
            name: &taxonomy.name,
            title: &taxonomy.title,
            url: &taxonomy.url,
            terms,
        };
        self.taxonomies.insert(taxonomy.name.clone(), value(&view));
    }

    fn set_editions(&mut self, model: &Model) {
        let Some(editions) = &model.editions else {
            return;
        };
        self.editions = value(&editions_view(editions, &model.content, self));
        self.changes = editions
            .list
            .iter()
            .filter_map(|e| Some((e.key.clone(), e.comparison.as_ref()?)))
            .map(|(key, comparison)| (key, value(&changes_view(comparison, self))))
            .collect();
    }
}

fn page_value(page: &Page, content: &Content, config: &Config, taxonomies: Value) -> Value {
    let source = &page.source;
    let meta = &source.meta;
    value(&PageView {
        title: page.title(),
        description: page.text.description.as_deref(),
        meta_description: description::meta_description(
            page.text.description.as_deref(),
            page.rendered.summary.as_ref(),
            &page.rendered.html,
        ),
        path: &source.key,
        slug: &source.slug,
        url: &page.url,
        permalink: config.permalink(&page.url),
        date: source.date.map(|d| d.to_iso()),
        updated: source.updated.map(|d| d.to_iso()),
        weight: meta.weight,
        draft: page.draft,
        extra: extra_value(&meta.extra, config),
        taxonomies,
        section: &page.section,
        ancestors: ancestors(content, &page.section, true),
        assets: assets(&page.assets, config),
        content: page.rendered.html.value(),
        summary: summary(page.rendered.summary.as_ref()),
        last_modified: last_modified(&page.changed),
        history: history(&page.changed.history),
        toc: toc(&page.rendered.toc),
        word_count: page.rendered.word_count,
        reading_time: page.rendered.reading_time(),
    })
}

fn section_value(section: &Section, content: &Content, config: &Config, view: &SiteView) -> Value {
    let meta = &section.source.meta;
    value(&SectionView {
        title: section.title(),
        description: section.text.description.as_deref(),
        meta_description: description::meta_description(
            section.text.description.as_deref(),
            section.rendered.summary.as_ref(),
            &section.rendered.html,
        ),
        path: &section.source.key,
        url: &section.url,
        permalink: config.permalink(&section.url),
        weight: meta.weight,
        draft: section.draft,
        extra: extra_value(&meta.extra, config),
        ancestors: ancestors(content, &section.source.key, false),
        assets: assets(&section.assets, config),
        pages: section
            .pages
            .iter()
            .map(|k| view.pages[k].clone())
            .collect(),
        subsections: section
            .subsections
            .iter()
            .map(|k| view.sections[k].clone())
            .collect(),
        content: section.rendered.html.value(),
        summary: summary(section.rendered.summary.as_ref()),
        last_modified: last_modified(&section.changed),
        history: history(&section.changed.history),
        toc: toc(&section.rendered.toc),
        word_count: section.rendered.word_count,
        reading_time: section.rendered.reading_time(),
    })
}

fn term_view<'a>(term: &'a Term, config: &Config, view: &SiteView) -> TermView<'a> {
    TermView {
        name: &term.name,
        slug: &term.slug,
        url: &term.url,
        permalink: config.permalink(&term.url),
        pages: term.pages.iter().map(|k| view.pages[k].clone()).collect(),
    }
}

fn editions_view<'a>(
    editions: &'a Editions,
    content: &'a Content,
    view: &SiteView,
) -> EditionsView<'a> {
    let list = editions
        .list
        .iter()
        .map(|edition| {
            let section = &content.sections[&edition.key];
            EditionView {
                path: &edition.key,
                title: section.title(),
                url: &section.url,
                period: &edition.period,
                period_text: edition.span.map(|p| p.words()),
                period_end: edition.span.map(|p| p.end.to_string()),
                ended: edition.ended,
                current: edition.key == editions.current,
                draft: section.draft,
                changes_url: edition.changes.as_ref().map(|(_, url)| url.clone()),
            }
        })
        .collect();
    EditionsView {
        section: &editions.section,
        current: &editions.current,
        current_url: &content.sections[&editions.current].url,
        current_section: view.sections[&editions.current].clone(),
        list,
    }
}

fn changes_view(comparison: &Comparison, view: &SiteView) -> ChangesView {
    let page = |k: &String| view.pages[k].clone();
    ChangesView {
        comparable: comparison.comparable,
        added: comparison.added.iter().map(page).collect(),
        removed: comparison.removed.iter().map(page).collect(),
        renamed: comparison
            .renamed
            .iter()
            .map(|(new, old)| RenamedView {
                page: page(new),
                previous: page(old),
            })
            .collect(),
        changed: comparison
            .changed
            .iter()
            .map(|(new, old, diff)| ChangedView {
                page: page(new),
                previous: page(old),
                diff: Value::safe_string(diff),
            })
            .collect(),
        unchanged: comparison.unchanged.iter().map(page).collect(),
    }
}

/// The `config` every template sees; menus arrive with their URLs resolved.
fn config_view<'a>(config: &'a Config, model: &'a Model) -> ConfigView<'a> {
    let menus = model
        .menus
        .iter()
        .map(|(name, items)| {
            let items = items
                .iter()
                .map(|item| MenuItemView {
                    name: &item.name,
                    url: &item.url,
                })
                .collect();
            (name.as_str(), items)
        })
        .collect();
    let taxonomies = config
        .taxonomies
        .iter()
        .map(|t| TaxonomyLink {
            name: &t.name,
            title: t.title.as_deref().unwrap_or(&t.name),
        })
        .collect();
    ConfigView {
        base_url: &config.base_url,
        base_path: &config.base_path,
        title: &config.title,
        description: &config.description,
        language: &config.language,
        feed_url: config.feed.then(|| format!("{}atom.xml", config.base_path)),
        menus,
        taxonomies,
        extra: data_value(&config.extra),
    }
}

/// A page's or section's `extra`, its prose (strings with a space in them) with the
/// typography of the body, like the title; single words, paths and addresses as written.
fn extra_value(extra: &YamlMapping, config: &Config) -> Value {
    if !config.smart_punctuation {
        return data_value(extra);
    }
    data_value(&typeset_yaml(&YamlValue::Mapping(extra.clone())))
}

fn typeset_yaml(value: &YamlValue) -> YamlValue {
    match value {
        YamlValue::String(text) if text.contains(' ') => {
            YamlValue::String(crate::markdown::typographic(text))
        }
        YamlValue::Sequence(items) => YamlValue::Sequence(items.iter().map(typeset_yaml).collect()),
        YamlValue::Mapping(map) => YamlValue::Mapping(
            map.iter()
                .map(|(k, v)| (k.clone(), typeset_yaml(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Serialisable data (front matter `extra`) as a value; never fails a build.
fn data_value<T: serde::Serialize>(data: &T) -> Value {
    Value::try_from_serializable(data).unwrap_or_else(|_| Value::none())
}

fn summary(html: Option<&Html>) -> Value {
    html.map_or_else(Value::none, Html::value)
}

/// When it last changed, as RFC 3339 text (the `date` filter prints it).
fn last_modified(changed: &Changed) -> Option<String> {
    changed.last.map(|d| d.to_rfc3339())
}

/// Its latest commits, newest first.
fn history(changes: &[Commit]) -> Vec<ChangeView<'_>> {
    changes
        .iter()
        .map(|change| ChangeView {
            date: change.date.to_rfc3339(),
            subject: &change.subject,
        })
        .collect()
}

/// The sections above, home first; a page's list includes its own section.
fn ancestors<'a>(content: &'a Content, section: &str, include_self: bool) -> Vec<AncestorView<'a>> {
    let mut chain = content.ancestors(section);
    if !include_self {
        chain.pop();
    }
    chain
        .iter()
        .map(|key| {
            let (key, s) = content.sections.get_key_value(key).expect("an ancestor");
            AncestorView {
                title: s.title(),
                url: &s.url,
                path: key,
            }
        })
        .collect()
}

fn assets<'a>(assets: &'a [Asset], config: &Config) -> Vec<AssetView<'a>> {
    assets
        .iter()
        .map(|asset| AssetView {
            name: &asset.name,
            url: format!("{}{}", config.base_path, asset.output),
            size: asset.size,
        })
        .collect()
}

fn toc(headings: &[Heading]) -> Vec<HeadingView<'_>> {
    headings
        .iter()
        .map(|h| HeadingView {
            level: h.level,
            id: &h.id,
            title: &h.title,
            children: toc(&h.children),
        })
        .collect()
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
                terms.push(value(&TermLink {
                    name: &term.name,
                    slug: &term.slug,
                    url: &term.url,
                }));
                *entry = Value::from(terms);
            }
        }
    }
    per_page
        .into_iter()
        .map(|(k, m)| (k, Value::from(m)))
        .collect()
}
