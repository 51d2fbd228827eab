//! Taxonomies (`themas`, `tags`): declared in the config, used in front matter, each with
//! a list page and a page per term.

use std::collections::{BTreeMap, HashMap};

use crate::config::Config;
use crate::error::Diagnostic;
use crate::inputs::front_matter::field_error;
use crate::model::Content;
use crate::msg;
use crate::url::{folder_url, slugify};
use crate::yaml::closest;

/// A declared taxonomy with the terms pages use.
#[derive(Debug, Clone, PartialEq)]
pub struct Taxonomy {
    pub name: String,
    pub title: String,
    pub url: String,
    pub paginate_by: Option<usize>,
    /// Terms by slug, so they list alphabetically.
    pub terms: BTreeMap<String, Term>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The name as the first page (in key order) wrote it.
    pub name: String,
    pub slug: String,
    pub url: String,
    /// Page keys: newest first, then by weight, then in their section's order.
    pub pages: Vec<String>,
}

impl Taxonomy {
    /// The output folder of the taxonomy's list page.
    pub fn folder(&self) -> &str {
        &self.name
    }
}

impl Term {
    pub fn folder(&self, taxonomy: &str) -> String {
        format!("{taxonomy}/{}", self.slug)
    }
}

/// Collects every declared taxonomy's terms from the published pages.
pub fn collect(content: &Content, config: &Config) -> Result<Vec<Taxonomy>, Vec<Diagnostic>> {
    let mut taxonomies: Vec<Taxonomy> = config
        .taxonomies
        .iter()
        .map(|t| Taxonomy {
            name: t.name.clone(),
            title: t.title.clone().unwrap_or_else(|| t.name.clone()),
            url: folder_url(&config.base_path, &t.name),
            paginate_by: t.paginate_by,
            terms: BTreeMap::new(),
        })
        .collect();
    let declared: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
    let mut problems = Vec::new();
    for page in content.pages.values() {
        for (name, terms) in &page.source.meta.taxonomies {
            let Some(taxonomy) = taxonomies.iter_mut().find(|t| &t.name == name) else {
                problems.push(unknown_taxonomy(page, name, &declared));
                continue;
            };
            let allowed = config
                .taxonomies
                .iter()
                .find(|t| &t.name == name)
                .and_then(|t| t.terms.as_deref());
            for term_name in terms {
                if let Some(allowed) = allowed.filter(|a| !a.contains(term_name)) {
                    problems.push(undeclared_term(page, name, term_name, allowed));
                    continue;
                }
                add_page(taxonomy, term_name, &page.source.key, &config.base_path);
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let rank = section_rank(content);
    for taxonomy in &mut taxonomies {
        for term in taxonomy.terms.values_mut() {
            term.pages.sort_by(|a, b| compare(content, &rank, a, b));
        }
    }
    Ok(taxonomies)
}

fn add_page(taxonomy: &mut Taxonomy, term_name: &str, key: &str, base_path: &str) {
    let slug = slugify(term_name);
    let url = folder_url(base_path, &format!("{}/{slug}", taxonomy.name));
    let term = taxonomy.terms.entry(slug.clone()).or_insert_with(|| Term {
        name: term_name.to_owned(),
        slug,
        url,
        pages: Vec::new(),
    });
    if !term.pages.iter().any(|k| k == key) {
        term.pages.push(key.to_owned());
    }
}

fn unknown_taxonomy(page: &crate::model::Page, name: &str, declared: &[&str]) -> Diagnostic {
    let hint = match closest(name, declared) {
        Some(best) => msg!("did-you-mean", name = best),
        None if declared.is_empty() => msg!("tax-declare"),
        None => msg!("tax-declared", names = declared.join(", ")),
    };
    field_error(
        &page.source.yaml,
        &page.source.file,
        "taxonomies",
        msg!("tax-unknown", name = name),
    )
    .with_hint(hint)
}

/// A term the config does not declare for its taxonomy, at its place in the file.
fn undeclared_term(
    page: &crate::model::Page,
    taxonomy: &str,
    term: &str,
    allowed: &[String],
) -> Diagnostic {
    let yaml = &page.source.yaml;
    let names: Vec<&str> = allowed.iter().map(String::as_str).collect();
    let hint = match closest(term, &names) {
        Some(best) => msg!("did-you-mean", name = best),
        None => msg!("tax-terms", taxonomy = taxonomy, terms = names.join(", ")),
    };
    let key = crate::yaml::nested_key_position(yaml, &["taxonomies", taxonomy]);
    let position = key.and_then(|key| crate::yaml::value_position(yaml, key, term).or(Some(key)));
    let message = msg!("tax-term-undeclared", term = term, taxonomy = taxonomy);
    let diagnostic = Diagnostic::new(&page.source.file, message).with_hint(hint);
    match position {
        Some(position) => diagnostic.at(yaml, position),
        None => diagnostic,
    }
}

/// Each page's position in its section, to keep that order where dates and weights tie.
fn section_rank(content: &Content) -> HashMap<&str, usize> {
    content
        .sections
        .values()
        .flat_map(|s| s.pages.iter().enumerate().map(|(i, k)| (k.as_str(), i)))
        .collect()
}

fn compare(content: &Content, rank: &HashMap<&str, usize>, a: &str, b: &str) -> std::cmp::Ordering {
    let (pa, pb) = (&content.pages[a].source, &content.pages[b].source);
    pb.date
        .cmp(&pa.date)
        .then_with(|| {
            pa.meta
                .weight
                .unwrap_or(i64::MAX)
                .cmp(&pb.meta.weight.unwrap_or(i64::MAX))
        })
        .then_with(|| rank.get(a).cmp(&rank.get(b)))
        .then_with(|| a.cmp(b))
}
