//! Content images as readers get them: every JPEG, PNG and WebP under `content/` is
//! processed once per build (see [`crate::images`]: sizes that never upscale, WebP beside
//! the original format, metadata removed) and every Markdown image that shows one is
//! written as a `<picture>` with `srcset`, `width` and `height`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::content::{Asset, Content};
use crate::error::{Diagnostic, Error, Result};
use crate::images::{
    self, Cache, Format, ImageSettings, PictureOptions, PictureParts, ProcessedImage,
};

/// The images of a build, by their source file.
pub type Images = BTreeMap<PathBuf, ProcessedImage>;

/// Processes every image file of the content, from the cache where it can; returns the
/// processed images and warnings about sources too large to be sensible. Messages name
/// the file from the site folder (`root`), as every other message does.
pub fn process(
    content: &Content,
    settings: &ImageSettings,
    cache: &Cache,
    root: &Path,
) -> Result<(Images, Vec<Diagnostic>)> {
    let sources: Vec<PathBuf> = assets(content)
        .filter(|asset| Format::from_path(&asset.source).is_some())
        .map(|asset| asset.source.clone())
        .collect();
    if sources.is_empty() {
        return Ok((Images::new(), Vec::new()));
    }
    let batch = images::process_all(&sources, settings, cache);
    let from_root = |mut diagnostic: Diagnostic| {
        if let Ok(relative) = diagnostic.file.strip_prefix(root) {
            diagnostic.file = relative.to_path_buf();
        }
        diagnostic
    };
    let warnings = batch.warnings.into_iter().map(from_root).collect();
    if batch.errors.is_empty() {
        return Ok((batch.images, warnings));
    }
    let errors = batch
        .errors
        .into_iter()
        .flat_map(|error| match error {
            Error::Input(list) => list,
            other => vec![Diagnostic::new("content", other.message())],
        })
        .map(from_root)
        .collect();
    Err(Error::Input(errors))
}

/// Every file beside a page or section, and in folders of their own.
fn assets(content: &Content) -> impl Iterator<Item = &Asset> {
    let pages = content.pages.values().flat_map(|p| &p.assets);
    let sections = content.sections.values().flat_map(|s| &s.assets);
    pages.chain(sections).chain(&content.loose_assets)
}

/// The processed images by the URL their original has on the site, for the Markdown
/// renderer to write `<picture>`s with.
pub struct Pictures<'m> {
    by_url: HashMap<String, (&'m ProcessedImage, String)>,
    sizes: &'m str,
}

impl<'m> Pictures<'m> {
    pub fn new(
        content: &'m Content,
        images: &'m Images,
        settings: &'m ImageSettings,
        base_path: &str,
    ) -> Pictures<'m> {
        let by_url = assets(content)
            .filter_map(|asset| {
                let image = images.get(&asset.source)?;
                let url = format!("{base_path}{}", asset.output);
                let folder = crate::model::parent_dir(&asset.output);
                let prefix = if folder.is_empty() {
                    base_path.to_owned()
                } else {
                    format!("{base_path}{folder}/")
                };
                Some((url, (image, prefix)))
            })
            .collect();
        Pictures {
            by_url,
            sizes: &settings.sizes,
        }
    }

    /// None: for content that shows no processed images (tests, a page alone).
    pub fn none() -> Pictures<'static> {
        Pictures {
            by_url: HashMap::new(),
            sizes: "",
        }
    }

    /// The `<picture>` for the image at site URL `url`, when it is a processed one.
    pub fn html(&self, url: &str, alt: &str, title: Option<&str>, lazy: bool) -> Option<String> {
        let (image, prefix) = self.find(url)?;
        let options = PictureOptions {
            url_prefix: prefix,
            alt,
            title,
            sizes: self.sizes,
            lazy,
        };
        Some(image.html(&options))
    }

    /// What a template needs to write its own tag for the image at site URL `url`.
    pub fn parts(&self, url: &str) -> Option<PictureParts> {
        let (image, prefix) = self.find(url)?;
        Some(image.parts(prefix, self.sizes))
    }

    fn find(&self, url: &str) -> Option<&(&'m ProcessedImage, String)> {
        self.by_url
            .get(url)
            .or_else(|| self.by_url.get(&crate::url::percent_decode(url)))
    }
}
