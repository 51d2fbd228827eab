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
    /// The content file: `agenda/2024-2025/borstlap.md`.
    pub path: &'a str,
    pub slug: &'a str,
    pub url: &'a str,
    pub permalink: String,
    /// ISO text, or none.
    pub date: Option<String>,
    pub updated: Option<String>,
    pub weight: Option<i64>,
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
    pub path: &'a str,
    pub url: &'a str,
    pub permalink: String,
    pub weight: Option<i64>,
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
    pub current: bool,
    /// Its "what changed" page, or none for the first edition.
    pub changes_url: Option<String>,
}

/// `changes` on an edition's "what changed" page.
#[derive(Debug, Serialize)]
pub struct ChangesView {
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
