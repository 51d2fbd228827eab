//! Content images: every JPEG, PNG or WebP a page shows is published in a few widths,
//! as WebP beside its own format, upright, and with all metadata (GPS included) removed.
//!
//! Self-contained on purpose: the caller hands over source paths and gets back, per
//! image, the copies to publish (file name plus the cache file to copy) and the
//! `<picture>` HTML. Copies are cached across builds in `.keten/cache/images/`
//! ([`Cache`]); an unchanged image costs a `stat` and a small read, never a decode.
//!
//! ```text
//! sources ─► process_all ─► Batch { images: source → ProcessedImage, warnings, errors }
//!                             ProcessedImage::files()  → copy beside the page
//!                             ProcessedImage::html()   → replaces the Markdown <img>
//! ```

mod cache;
mod codec;
mod html;
mod orientation;
mod plan;
mod settings;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::ops::AddAssign;
use std::path::{Path, PathBuf};

use fast_image_resize::Resizer;
use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Result};
use crate::msg;
use cache::SourceRecord;

pub use cache::{CACHE_DIR, CACHE_VERSION, Cache};
pub use html::{PictureOptions, PictureParts};
pub use plan::{Format, Size, variant_file_name};
pub use settings::ImageSettings;

/// How many images are decoded at once, whatever the number of cores: a decoded
/// 5640x3172 photo takes about 55 MB, so this bounds peak memory.
pub const MAX_PARALLEL: usize = 4;

/// One published copy of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub format: Format,
    pub size: Size,
    /// The name to publish it under, beside the page: `foto-480w.webp`.
    pub file_name: String,
    /// The processed file in the cache, to be copied (or linked) to the output.
    pub cached: PathBuf,
}

/// An image ready to publish: its copies and what the HTML needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedImage {
    pub source: PathBuf,
    /// The source's format, which its fallback `<img>` keeps.
    pub format: Format,
    /// The source's size after EXIF orientation.
    pub size: Size,
    /// Every copy, grouped by format (the source's own first), smallest first.
    pub variants: Vec<Variant>,
}

impl ProcessedImage {
    /// `(file name, cache file)` for every copy, for the output plan to copy beside the
    /// page. The source file itself must never be published: it may carry GPS data.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Path)> {
        self.variants
            .iter()
            .map(|v| (v.file_name.as_str(), v.cached.as_path()))
    }
}

/// What processing did, to show in timings and to test that a cached build decodes
/// nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Sources looked at.
    pub images: usize,
    /// Sources read and hashed because the cache did not know them by path and date.
    pub read: usize,
    /// Sources decoded because some copy was not in the cache.
    pub decoded: usize,
    /// Copies encoded and written to the cache.
    pub encoded: usize,
}

impl AddAssign for Stats {
    fn add_assign(&mut self, other: Stats) {
        self.images += other.images;
        self.read += other.read;
        self.decoded += other.decoded;
        self.encoded += other.encoded;
    }
}

/// The result for one source.
#[derive(Debug)]
pub struct Processed {
    pub image: ProcessedImage,
    /// Size-limit warnings naming the file, for the caller to report.
    pub warnings: Vec<Diagnostic>,
    pub stats: Stats,
    /// Every cache file this source used, for [`Cache::prune`].
    pub cache_files: Vec<PathBuf>,
}

/// The result for many sources.
#[derive(Debug, Default)]
pub struct Batch {
    pub images: BTreeMap<PathBuf, ProcessedImage>,
    /// Sorted by file.
    pub warnings: Vec<Diagnostic>,
    /// One per source that could not be processed, in source order; each names its file.
    pub errors: Vec<Error>,
    pub stats: Stats,
    /// Every cache file the batch used, for [`Cache::prune`].
    pub cache_files: HashSet<PathBuf>,
}

/// Processes `sources` in parallel, at most [`MAX_PARALLEL`] at a time, each image
/// decoded once and dropped before the next is taken, so memory does not grow with the
/// number of photos. A source listed twice is processed once.
pub fn process_all(sources: &[PathBuf], settings: &ImageSettings, cache: &Cache) -> Batch {
    let mut sources: Vec<&PathBuf> = sources.iter().collect();
    sources.sort();
    sources.dedup();
    let run = || {
        sources
            .par_iter()
            .map(|source| process(source, settings, cache))
            .collect::<Vec<_>>()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_PARALLEL));
    let results = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(run),
        Err(_) => sources
            .iter()
            .map(|s| process(s, settings, cache))
            .collect(),
    };
    let mut batch = Batch::default();
    for result in results {
        match result {
            Ok(processed) => {
                batch.stats += processed.stats;
                batch.warnings.extend(processed.warnings);
                batch.cache_files.extend(processed.cache_files);
                let image = processed.image;
                batch.images.insert(image.source.clone(), image);
            }
            Err(error) => batch.errors.push(error),
        }
    }
    batch
}

/// Processes one source: from the cache when every copy is there, otherwise by
/// decoding it once and encoding the missing copies.
pub fn process(source: &Path, settings: &ImageSettings, cache: &Cache) -> Result<Processed> {
    let meta = fs::metadata(source).map_err(|e| Error::read(source, e))?;
    let mut stats = Stats {
        images: 1,
        ..Stats::default()
    };
    let record_path = cache.record_path(source, &meta);
    let known = record_path
        .as_deref()
        .and_then(|path| cache.lookup_source(path))
        .map(|record| assemble(source, record, settings, cache))
        .filter(|image| image.variants.iter().all(|v| v.cached.is_file()));
    let image = match known {
        Some(image) => image,
        None => {
            let record = refresh(source, settings, cache, &mut stats)?;
            if let Some(path) = &record_path {
                cache.store_source(path, record);
            }
            assemble(source, record, settings, cache)
        }
    };
    let warnings = size_warnings(source, meta.len(), image.size, settings);
    let mut cache_files: Vec<PathBuf> = image.files().map(|(_, c)| c.to_owned()).collect();
    cache_files.extend(record_path);
    Ok(Processed {
        image,
        warnings,
        stats,
        cache_files,
    })
}

/// Reads and hashes the source, and makes whichever copies the cache lacks.
fn refresh(
    source: &Path,
    settings: &ImageSettings,
    cache: &Cache,
    stats: &mut Stats,
) -> Result<SourceRecord> {
    let bytes = fs::read(source).map_err(|e| Error::read(source, e))?;
    stats.read += 1;
    let content = xxhash_rust::xxh3::xxh3_128(&bytes);
    if codec::sniff(&bytes).is_none() {
        let message = msg!("image-not-an-image", extension = extension(source));
        return Err(Diagnostic::new(source, message)
            .with_hint(msg!("image-unreadable-hint"))
            .into());
    }
    let header = codec::read_header(&bytes).map_err(|e| unreadable(source, e))?;
    let record = SourceRecord {
        content,
        format: header.format,
        size: header.size,
    };
    let image = assemble(source, record, settings, cache);
    let missing: Vec<&Variant> = image
        .variants
        .iter()
        .filter(|v| !v.cached.is_file())
        .collect();
    if missing.is_empty() {
        return Ok(record);
    }
    cache.create()?;
    let pixels = codec::decode(&bytes, header.format).map_err(|e| unreadable(source, e))?;
    stats.decoded += 1;
    let mut resizer = Resizer::new();
    let mut widths: Vec<u32> = missing.iter().map(|v| v.size.width).collect();
    widths.sort_unstable();
    widths.dedup();
    for width in widths {
        let target = plan::scaled(header.size, width);
        let copy = codec::render(&pixels, target, header.orientation, &mut resizer)
            .map_err(|e| failed(source, e))?;
        for variant in missing.iter().filter(|v| v.size.width == width) {
            let encoded = codec::encode(&copy, variant.format, settings.quality)
                .map_err(|e| failed(source, e))?;
            cache.write_atomic(&variant.cached, &encoded)?;
            stats.encoded += 1;
        }
    }
    Ok(record)
}

/// The copies a source gets, from what is known of it; pure apart from naming cache files.
fn assemble(
    source: &Path,
    record: SourceRecord,
    settings: &ImageSettings,
    cache: &Cache,
) -> ProcessedImage {
    let widths = plan::planned_widths(record.size.width, settings);
    let mut variants = Vec::new();
    for format in record.format.published() {
        for &width in &widths {
            variants.push(Variant {
                format,
                size: plan::scaled(record.size, width),
                file_name: variant_file_name(source, width, format),
                cached: cache.variant_path(record.content, width, format, settings.quality),
            });
        }
    }
    ProcessedImage {
        source: source.to_owned(),
        format: record.format,
        size: record.size,
        variants,
    }
}

/// Warnings for a source over the configured byte or pixel limits; it is still published.
fn size_warnings(
    source: &Path,
    bytes: u64,
    size: Size,
    settings: &ImageSettings,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if bytes > settings.max_source_bytes {
        let message = msg!(
            "image-too-many-bytes",
            size = format!("{:.1}", bytes as f64 / 1e6),
            limit = format!("{:.1}", settings.max_source_bytes as f64 / 1e6)
        );
        warnings.push(Diagnostic::new(source, message).with_hint(msg!("image-too-large-hint")));
    }
    let side = size.width.max(size.height);
    if side > settings.max_source_pixels {
        let message = msg!(
            "image-too-many-pixels",
            width = size.width,
            height = size.height,
            limit = settings.max_source_pixels
        );
        warnings.push(Diagnostic::new(source, message).with_hint(msg!("image-too-large-hint")));
    }
    warnings
}

fn extension(source: &Path) -> String {
    source
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn unreadable(source: &Path, error: String) -> Error {
    Diagnostic::new(source, msg!("image-unreadable", detail = error))
        .with_hint(msg!("image-unreadable-hint"))
        .into()
}

fn failed(source: &Path, error: String) -> Error {
    Diagnostic::new(source, msg!("image-failed", detail = error)).into()
}

#[cfg(test)]
mod tests;
