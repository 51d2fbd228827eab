//! Processed copies kept across builds in `.keten/cache/images/`, so an unchanged image
//! costs a `stat`, not a decode.
//!
//! Two kinds of file live there, side by side:
//! - `<key>.jpg|png|webp`: one published copy; the key hashes the source's bytes, the
//!   width, the format, the quality and [`CACHE_VERSION`].
//! - `src-<key>.txt`: what a source file was the last time it was read (its content hash,
//!   format and size); the key hashes its path, length and modification time. With it a
//!   cached build neither reads nor hashes the source.
//!
//! Every file is written under a temporary name and renamed into place, so two builds
//! sharing the cache (a `serve` and a `build`) never see half a file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use xxhash_rust::xxh3::Xxh3;

use super::Format;
use super::plan::Size;
use crate::error::{Error, Result};

/// Bump when the output for the same input changes (another resize filter, encoder
/// setting or metadata policy), so old copies are not reused.
pub const CACHE_VERSION: u32 = 1;

/// Where a site's processed images are kept, relative to its root.
pub const CACHE_DIR: &str = ".keten/cache/images";

/// The image cache of one site.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What a source was when last read: enough to plan its copies without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SourceRecord {
    pub content: u128,
    pub format: Format,
    /// After EXIF orientation.
    pub size: Size,
}

impl Cache {
    /// The cache under a site's root: `ROOT/.keten/cache/images`.
    pub fn for_site(root: &Path) -> Cache {
        Cache::at(root.join(CACHE_DIR))
    }

    /// A cache in `dir`, for tests and tools.
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The folder the cache lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn create(&self) -> Result<()> {
        fs::create_dir_all(&self.dir).map_err(|e| Error::write(&self.dir, e))
    }

    /// The cache file of one copy of the source with content hash `content`.
    pub(crate) fn variant_path(
        &self,
        content: u128,
        width: u32,
        format: Format,
        quality: u8,
    ) -> PathBuf {
        let mut hasher = Xxh3::new();
        hasher.update(&CACHE_VERSION.to_le_bytes());
        hasher.update(&content.to_le_bytes());
        hasher.update(&width.to_le_bytes());
        hasher.update(format.name().as_bytes());
        hasher.update(&[quality]);
        let key = hasher.digest128();
        self.dir.join(format!("{key:032x}.{}", format.extension()))
    }

    /// The file that records what `source` was at exactly this path, length and
    /// modification time; `None` when the file system gives no modification time.
    pub(crate) fn record_path(&self, source: &Path, meta: &fs::Metadata) -> Option<PathBuf> {
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        let absolute = std::path::absolute(source).ok()?;
        let mut hasher = Xxh3::new();
        hasher.update(&CACHE_VERSION.to_le_bytes());
        hasher.update(absolute.as_os_str().as_encoded_bytes());
        hasher.update(&meta.len().to_le_bytes());
        hasher.update(&modified.as_nanos().to_le_bytes());
        Some(
            self.dir
                .join(format!("src-{:032x}.txt", hasher.digest128())),
        )
    }

    /// The record stored at `path`, if there is a readable one.
    pub(crate) fn lookup_source(&self, path: &Path) -> Option<SourceRecord> {
        parse_record(&fs::read_to_string(path).ok()?)
    }

    /// Remembers what a source was, so the next build can skip reading it. A failure
    /// only costs the next build a read, so it is not an error.
    pub(crate) fn store_source(&self, path: &Path, record: SourceRecord) {
        let _ = self.write_atomic(path, format_record(record).as_bytes());
    }

    /// Writes `bytes` to `path` under a temporary name first, then renames it into place:
    /// a concurrent build sees the old file, the new one or none, never a partial one.
    pub(crate) fn write_atomic(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let temp = self.dir.join(format!(
            ".tmp-{}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            name.unwrap_or_default()
        ));
        if let Err(e) = fs::write(&temp, bytes) {
            let _ = fs::remove_file(&temp);
            return Err(Error::write(&temp, e));
        }
        fs::rename(&temp, path).map_err(|e| {
            let _ = fs::remove_file(&temp);
            Error::write(path, e)
        })
    }

    /// Deletes cache files that this build did not use and that are older than
    /// `unused_since` (so a concurrent build's fresh files survive). Only regular files
    /// named as this cache names them are touched. Returns how many were removed.
    pub fn prune(
        &self,
        used: &std::collections::HashSet<PathBuf>,
        unused_since: SystemTime,
    ) -> Result<usize> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(Error::read(&self.dir, e)),
        };
        let mut removed = 0;
        for entry in entries {
            let entry = entry.map_err(|e| Error::read(&self.dir, e))?;
            let path = entry.path();
            if used.contains(&path) || !is_cache_file_name(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            let old = meta.modified().is_ok_and(|m| m < unused_since);
            if meta.is_file() && old {
                fs::remove_file(&path).map_err(|e| Error::write(&path, e))?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// Whether `name` is one this cache writes: 32 hex digits with a known extension, a
/// source record, or a leftover temporary file.
fn is_cache_file_name(name: &str) -> bool {
    if name.starts_with(".tmp-") {
        return true;
    }
    let key = name
        .strip_prefix("src-")
        .and_then(|n| n.strip_suffix(".txt"))
        .or_else(|| {
            let (key, extension) = name.split_once('.')?;
            ["jpg", "png", "webp"].contains(&extension).then_some(key)
        });
    key.is_some_and(|k| k.len() == 32 && k.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn format_record(record: SourceRecord) -> String {
    format!(
        "{:032x} {} {} {}\n",
        record.content,
        record.format.name(),
        record.size.width,
        record.size.height
    )
}

fn parse_record(text: &str) -> Option<SourceRecord> {
    let mut fields = text.split_whitespace();
    let content = u128::from_str_radix(fields.next()?, 16).ok()?;
    let format = Format::from_name(fields.next()?)?;
    let width = fields.next()?.parse().ok()?;
    let height = fields.next()?.parse().ok()?;
    Some(SourceRecord {
        content,
        format,
        size: Size { width, height },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip() {
        let record = SourceRecord {
            content: 0xfeed_u128 << 64 | 7,
            format: Format::Png,
            size: Size {
                width: 300,
                height: 200,
            },
        };
        assert_eq!(parse_record(&format_record(record)), Some(record));
        assert_eq!(parse_record("zz png 1 2"), None);
    }

    #[test]
    fn only_own_file_names_are_prunable() {
        let key = "0123456789abcdef0123456789abcdef";
        assert!(is_cache_file_name(&format!("{key}.webp")));
        assert!(is_cache_file_name(&format!("src-{key}.txt")));
        assert!(!is_cache_file_name(&format!("{key}.md")));
        assert!(!is_cache_file_name("foto.jpg"));
    }

    #[test]
    fn variant_keys_differ_by_width_format_and_quality() {
        let cache = Cache::at("c");
        let a = cache.variant_path(1, 480, Format::Jpeg, 80);
        assert_ne!(a, cache.variant_path(1, 960, Format::Jpeg, 80));
        assert_ne!(a, cache.variant_path(1, 480, Format::Jpeg, 81));
        assert_ne!(a, cache.variant_path(2, 480, Format::Jpeg, 80));
        assert!(a.to_string_lossy().ends_with(".jpg"));
    }
}
