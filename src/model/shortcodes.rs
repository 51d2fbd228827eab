//! The model's side of shortcodes: what a shortcode sees of the page or section that calls
//! it (its `@page`), and the problems with calls as diagnostics at their line and column.

use serde::Serialize;

use super::pictures::Pictures;
use super::{Asset, Content, Document};
use crate::error::Diagnostic;
use crate::images::PictureParts;
use crate::yaml::YamlMapping;

/// The page or section a shortcode is called from, as the shortcode sees it.
#[derive(Debug, Serialize)]
pub struct Caller<'a> {
    pub title: &'a str,
    /// The content file: `papers/x/index.md`.
    pub path: &'a str,
    pub url: &'a str,
    pub assets: Vec<CallerAsset<'a>>,
    pub extra: &'a YamlMapping,
}

/// A file beside the calling page: `name` as the Markdown names it, its `url`, `size` in
/// bytes, and for an image its published copies (`image`: `src`, `srcset`,
/// `webp_srcset`, `sizes`, `width`, `height`), so a shortcode shows it as Markdown does.
#[derive(Debug, Serialize)]
pub struct CallerAsset<'a> {
    pub name: &'a str,
    pub url: String,
    pub size: u64,
    pub image: Option<PictureParts>,
}

impl<'a> Caller<'a> {
    pub fn new(
        title: &'a str,
        path: &'a str,
        url: &'a str,
        assets: &'a [Asset],
        extra: &'a YamlMapping,
        base_path: &str,
        pictures: &Pictures,
    ) -> Caller<'a> {
        let assets = assets
            .iter()
            .map(|a| {
                let url = format!("{base_path}{}", a.output);
                CallerAsset {
                    name: &a.name,
                    image: pictures.parts(&url),
                    url,
                    size: a.size,
                }
            })
            .collect();
        Caller {
            title,
            path,
            url,
            assets,
            extra,
        }
    }

    pub fn value(&self) -> tera::Value {
        tera::Value::from_serializable(self)
    }
}

/// Every wrong or failed shortcode call of the site, pages first.
pub fn problems(content: &Content) -> Vec<Diagnostic> {
    content
        .documents()
        .flat_map(|document| document_problems(&document))
        .collect()
}

/// The wrong or failed shortcode calls of one page or section.
pub fn document_problems(document: &Document<'_>) -> Vec<Diagnostic> {
    document
        .rendered
        .shortcode_problems
        .iter()
        .map(|problem| {
            let diagnostic = document.problem(problem.position, problem.message.clone());
            match &problem.hint {
                Some(hint) => diagnostic.with_hint(hint.clone()),
                None => diagnostic,
            }
        })
        .collect()
}
