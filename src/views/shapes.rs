//! The shapes templates see, one struct each. This is the whole contract between keten
//! and a theme: the README's list of template variables is tested against these fields.
//!
//! Each view is turned into a Tera value once; fields that are views themselves (a
//! section's `pages`) hold those values, which share their data, so a section listing
//! 8,000 pages copies pointers, not pages.

use serde::Serialize;
use tera::Value;

/// `page` in a page template, and each item of a section's `pages`.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// For `<meta name="description">`: `description`, else the page's own first words
    /// (see `views::description`), so no two pages share the site's sentence.
    pub meta_description: Option<String>,
    /// The content file: `agenda/2024-2025/borstlap.md`.
    pub path: &'a str,
    pub slug: &'a str,
    pub url: &'a str,
    pub permalink: String,
    /// ISO text, or none.
    pub date: Option<String>,
    pub updated: Option<String>,
    pub weight: Option<i64>,
    /// A draft itself, or in a draft section (shown only with `--drafts`).
    pub draft: bool,
    pub extra: Value,
    /// `{themas: [TermLink]}`.
    pub taxonomies: Value,
    /// Its section's path.
    pub section: &'a str,
    /// Home first, its own section last: for breadcrumbs.
    pub ancestors: Vec<AncestorView<'a>>,
    pub assets: Vec<AssetView<'a>>,
    /// The HTML of the text.
    pub content: Value,
    /// The HTML before `<!-- more -->`, or none.
    pub summary: Value,
    pub last_modified: Option<String>,
    pub history: Vec<ChangeView<'a>>,
    pub toc: Vec<HeadingView<'a>>,
    pub word_count: usize,
    /// Minutes.
    pub reading_time: usize,
}

/// `section` in a section template, and each item of `subsections`.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// As a page's `meta_description`.
    pub meta_description: Option<String>,
    pub path: &'a str,
    pub url: &'a str,
    pub permalink: String,
    pub weight: Option<i64>,
    /// A draft section, or one inside a draft (shown only with `--drafts`).
    pub draft: bool,
    pub extra: Value,
    /// The sections above it, home first.
    pub ancestors: Vec<AncestorView<'a>>,
    pub assets: Vec<AssetView<'a>>,
    /// Its pages, in the section's order.
    pub pages: Vec<Value>,
    pub subsections: Vec<Value>,
    pub content: Value,
    pub summary: Value,
    pub last_modified: Option<String>,
    pub history: Vec<ChangeView<'a>>,
    pub toc: Vec<HeadingView<'a>>,
    pub word_count: usize,
    pub reading_time: usize,
}

/// A section above a page or section.
#[derive(Debug, Serialize)]
pub struct AncestorView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub path: &'a str,
}

/// A file beside a page or section.
#[derive(Debug, Serialize)]
pub struct AssetView<'a> {
    pub name: &'a str,
    pub url: String,
    /// Bytes.
    pub size: u64,
}

/// A commit that changed the file.
#[derive(Debug, Serialize)]
pub struct ChangeView<'a> {
    pub date: String,
    pub subject: &'a str,
}

/// A heading in the table of contents.
#[derive(Debug, Serialize)]
pub struct HeadingView<'a> {
    pub level: u8,
    pub id: &'a str,
    pub title: &'a str,
    pub children: Vec<HeadingView<'a>>,
}

/// A term as a page lists it.
#[derive(Debug, Serialize)]
pub struct TermLink<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: &'a str,
}

/// `taxonomy` in the taxonomy templates.
#[derive(Debug, Serialize)]
pub struct TaxonomyView<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub terms: Vec<Value>,
}

/// `term` in a term template, and each item of a taxonomy's `terms`.
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: &'a str,
    pub permalink: String,
    pub pages: Vec<Value>,
}

/// `config` in every template.
#[derive(Debug, Serialize)]
pub struct ConfigView<'a> {
    pub base_url: &'a str,
    pub base_path: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    /// The site's Atom feed, or none when the config turns it off.
    pub feed_url: Option<String>,
    /// By menu name: items with their URLs resolved.
    pub menus: std::collections::BTreeMap<&'a str, Vec<MenuItemView<'a>>>,
    pub taxonomies: Vec<TaxonomyLink<'a>>,
    pub extra: Value,
}

/// An item of a menu.
#[derive(Debug, Serialize)]
pub struct MenuItemView<'a> {
    pub name: &'a str,
    pub url: &'a str,
}

/// A taxonomy as the config declares it.
#[derive(Debug, Serialize)]
pub struct TaxonomyLink<'a> {
    pub name: &'a str,
    pub title: &'a str,
}

/// `editions` in every template, when the site has editions.
#[derive(Debug, Serialize)]
pub struct EditionsView<'a> {
    /// The editions' section: `agenda/_index.md`.
    pub section: &'a str,
    /// The current edition's path.
    pub current: &'a str,
    pub current_url: &'a str,
    pub current_section: Value,
    /// Oldest first.
    pub list: Vec<EditionView<'a>>,
}

/// One edition of the agenda.
#[derive(Debug, Serialize)]
pub struct EditionView<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    /// The folder name: `2024-2025`.
    pub period: &'a str,
    /// The period as running text writes it (`2024-2025`, `voorjaar 2025`), or none when
    /// the folder name is no period keten reads.
    pub period_text: Option<String>,
    /// The last day of the period (ISO), or none.
    pub period_end: Option<String>,
    /// Whether the period was over when the site was built.
    pub ended: bool,
    pub current: bool,
    /// An edition in preparation (`draft: true`), shown only with `--drafts`.
    pub draft: bool,
    /// Its "what changed" page, or none for the first edition.
    pub changes_url: Option<String>,
}

/// `changes` on an edition's "what changed" page.
#[derive(Debug, Serialize)]
pub struct ChangesView {
    /// Whether the editions are built alike; when not, show both instead of "new" and
    /// "dropped" (see `Comparison::comparable`).
    pub comparable: bool,
    /// Pages with no counterpart in the edition before.
    pub added: Vec<Value>,
    /// Pages of the edition before with no counterpart in this one.
    pub removed: Vec<Value>,
    pub renamed: Vec<RenamedView>,
    pub changed: Vec<ChangedView>,
    pub unchanged: Vec<Value>,
}

/// A page whose title changed since the edition before.
#[derive(Debug, Serialize)]
pub struct RenamedView {
    pub page: Value,
    pub previous: Value,
}

/// A page whose text changed since the edition before.
#[derive(Debug, Serialize)]
pub struct ChangedView {
    pub page: Value,
    pub previous: Value,
    /// The word diff as HTML: `<del>` and `<ins>`.
    pub diff: Value,
}

/// `paginator` on a paginated section or term: Zola's paginator.
#[derive(Debug, Serialize)]
pub struct Paginator {
    pub paginate_by: usize,
    /// The pages of this pager.
    pub pages: Vec<Value>,
    /// Counts from 1.
    pub current_index: usize,
    pub number_pagers: usize,
    pub total_pages: usize,
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// A view as a template value.
pub fn value<T: Serialize>(view: &T) -> Value {
    Value::from_serializable(view)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    fn keys<T: Serialize>(view: &T) -> BTreeSet<String> {
        value(view)
            .as_map()
            .expect("a view is a map")
            .keys()
            .map(|k| k.to_string())
            .collect()
    }

    fn page() -> PageView<'static> {
        PageView {
            title: "",
            description: None,
            meta_description: None,
            path: "",
            slug: "",
            url: "",
            permalink: String::new(),
            date: None,
            updated: None,
            weight: None,
            draft: false,
            extra: Value::none(),
            taxonomies: Value::none(),
            section: "",
            ancestors: Vec::new(),
            assets: Vec::new(),
            content: Value::none(),
            summary: Value::none(),
            last_modified: None,
            history: Vec::new(),
            toc: Vec::new(),
            word_count: 0,
            reading_time: 0,
        }
    }

    fn section() -> SectionView<'static> {
        SectionView {
            title: "",
            description: None,
            meta_description: None,
            path: "",
            url: "",
            permalink: String::new(),
            weight: None,
            draft: false,
            extra: Value::none(),
            ancestors: Vec::new(),
            assets: Vec::new(),
            pages: Vec::new(),
            subsections: Vec::new(),
            content: Value::none(),
            summary: Value::none(),
            last_modified: None,
            history: Vec::new(),
            toc: Vec::new(),
            word_count: 0,
            reading_time: 0,
        }
    }

    /// Every view by the name the README gives it, with its fields.
    fn views() -> BTreeMap<&'static str, BTreeSet<String>> {
        let mut page_keys = keys(&page());
        page_keys.extend(["prev".to_owned(), "next".to_owned()]);
        let config = ConfigView {
            base_url: "",
            base_path: "",
            title: "",
            description: "",
            language: "",
            feed_url: None,
            menus: BTreeMap::new(),
            taxonomies: Vec::new(),
            extra: Value::none(),
        };
        let editions = EditionsView {
            section: "",
            current: "",
            current_url: "",
            current_section: Value::none(),
            list: Vec::new(),
        };
        let edition = EditionView {
            path: "",
            title: "",
            url: "",
            period: "",
            period_text: None,
            period_end: None,
            ended: false,
            current: true,
            draft: false,
            changes_url: None,
        };
        let changes = ChangesView {
            comparable: true,
            added: Vec::new(),
            removed: Vec::new(),
            renamed: Vec::new(),
            changed: Vec::new(),
            unchanged: Vec::new(),
        };
        let paginator = Paginator {
            paginate_by: 1,
            pages: Vec::new(),
            current_index: 1,
            number_pagers: 1,
            total_pages: 0,
            first: String::new(),
            last: String::new(),
            previous: None,
            next: None,
        };
        BTreeMap::from([
            ("config", keys(&config)),
            (
                "config.menus.NAME[]",
                keys(&MenuItemView { name: "", url: "" }),
            ),
            (
                "config.taxonomies[]",
                keys(&TaxonomyLink {
                    name: "",
                    title: "",
                }),
            ),
            ("page", page_keys),
            (
                "page.taxonomies.NAME[]",
                keys(&TermLink {
                    name: "",
                    slug: "",
                    url: "",
                }),
            ),
            (
                "page.ancestors[]",
                keys(&AncestorView {
                    title: "",
                    url: "",
                    path: "",
                }),
            ),
            (
                "page.assets[]",
                keys(&AssetView {
                    name: "",
                    url: String::new(),
                    size: 0,
                }),
            ),
            (
                "page.history[]",
                keys(&ChangeView {
                    date: String::new(),
                    subject: "",
                }),
            ),
            (
                "page.toc[]",
                keys(&HeadingView {
                    level: 2,
                    id: "",
                    title: "",
                    children: Vec::new(),
                }),
            ),
            ("section", keys(&section())),
            ("paginator", keys(&paginator)),
            (
                "taxonomy",
                keys(&TaxonomyView {
                    name: "",
                    title: "",
                    url: "",
                    terms: Vec::new(),
                }),
            ),
            (
                "term",
                keys(&TermView {
                    name: "",
                    slug: "",
                    url: "",
                    permalink: String::new(),
                    pages: Vec::new(),
                }),
            ),
            ("editions", keys(&editions)),
            ("editions.list[]", keys(&edition)),
            ("changes", keys(&changes)),
            (
                "changes.renamed[]",
                keys(&RenamedView {
                    page: Value::none(),
                    previous: Value::none(),
                }),
            ),
            (
                "changes.changed[]",
                keys(&ChangedView {
                    page: Value::none(),
                    previous: Value::none(),
                    diff: Value::none(),
                }),
            ),
        ])
    }

    /// The table between the README's `template-variables` markers.
    fn documented() -> BTreeMap<String, BTreeSet<String>> {
        let readme = include_str!("../../README.md");
        let table = readme
            .split("<!-- template-variables -->")
            .nth(1)
            .and_then(|rest| rest.split("<!-- /template-variables -->").next())
            .expect("the README has the table");
        table
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|line| {
                let cells: Vec<&str> = line.trim_matches('|').split('|').collect();
                let name = cells[0].trim().trim_matches('`').to_owned();
                let fields = cells[1]
                    .split(',')
                    .map(|f| f.trim().trim_matches('`').to_owned())
                    .collect();
                (name, fields)
            })
            .collect()
    }

    #[test]
    fn the_readme_lists_every_template_variable() {
        let documented = documented();
        for (name, fields) in views() {
            assert_eq!(documented.get(name), Some(&fields), "README row `{name}`");
        }
        let names: BTreeSet<&str> = views().keys().copied().collect();
        for name in documented.keys() {
            assert!(
                names.contains(name.as_str()),
                "README row `{name}` has no view"
            );
        }
    }
}
