//! Walks `content/` and sorts what it finds into sections, pages and their files.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, Result};
use crate::msg;

/// What a file under `content/` is, decided from its name and its neighbours alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    /// `_index.md`: the section of its folder.
    Section,
    /// Any other `.md` file; `bundle` when it is a folder's `index.md`, whose other
    /// files belong to the page.
    Page { bundle: bool },
    /// Any other file, copied beside the page or section that owns it.
    Asset,
}

/// One file under `content/`, named by its path relative to `content/` with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub path: PathBuf,
    pub kind: EntryKind,
}

/// Lists every file under `content_dir`, sorted by key so builds are deterministic.
pub fn scan(content_dir: &Path) -> Result<Vec<Entry>> {
    let mut keys = Vec::new();
    let mut unreadable_names = Vec::new();
    let walker = WalkDir::new(content_dir).sort_by_file_name().into_iter();
    for item in walker.filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name())) {
        let item = item.map_err(|e| walk_error(content_dir, e))?;
        // Symbolic links are skipped: one could point out of the site, and its target
        // would then be published (or served by `serve`).
        if item.file_type().is_dir() || item.file_type().is_symlink() {
            continue;
        }
        let relative = item
            .path()
            .strip_prefix(content_dir)
            .expect("walk stays inside");
        let Some(key) = key_of(relative) else {
            // Left out silently, the page would just be missing from the site.
            let shown = Path::new("content").join(relative);
            unreadable_names.push(
                Diagnostic::new(shown, msg!("name-not-utf8")).with_hint(msg!("name-not-utf8-hint")),
            );
            continue;
        };
        keys.push((key, item.into_path()));
    }
    if !unreadable_names.is_empty() {
        return Err(Error::Input(unreadable_names));
    }
    Ok(classify(keys))
}

fn walk_error(dir: &Path, error: walkdir::Error) -> Error {
    let path = error.path().unwrap_or(dir).to_owned();
    let source = error
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("symbolic link loop"));
    Error::read(&path, source)
}

/// Hidden files and the temporary files editors leave while saving.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

fn key_of(relative: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    parts.map(|p| p.join("/"))
}

/// Decides each file's kind; pure, so the rules are easy to test.
pub fn classify(files: Vec<(String, PathBuf)>) -> Vec<Entry> {
    let section_dirs: Vec<&str> = files
        .iter()
        .filter_map(|(key, _)| strip_file_name(key, "_index.md"))
        .collect();
    let bundle_dirs: Vec<&str> = files
        .iter()
        .filter_map(|(key, _)| strip_file_name(key, "index.md"))
        .filter(|dir| !dir.is_empty() && !section_dirs.contains(dir))
        .collect();
    let bundle_dirs: Vec<String> = bundle_dirs.into_iter().map(str::to_owned).collect();
    files
        .into_iter()
        .map(|(key, path)| {
            let kind = if strip_file_name(&key, "_index.md").is_some() {
                EntryKind::Section
            } else if key.ends_with(".md") && !inside_bundle_below(&key, &bundle_dirs) {
                let bundle = strip_file_name(&key, "index.md")
                    .is_some_and(|dir| bundle_dirs.iter().any(|b| b == dir));
                EntryKind::Page { bundle }
            } else {
                EntryKind::Asset
            };
            Entry { key, path, kind }
        })
        .collect()
}

/// `dir` when `key` is `dir/name` (or `name` at the top, giving ``).
fn strip_file_name<'a>(key: &'a str, name: &str) -> Option<&'a str> {
    if key == name {
        return Some("");
    }
    key.strip_suffix(name)?.strip_suffix('/')
}

/// A Markdown file deeper inside a bundle is one of the bundle's files, not a page.
fn inside_bundle_below(key: &str, bundle_dirs: &[String]) -> bool {
    bundle_dirs.iter().any(|dir| {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        key.starts_with(&prefix) && key != format!("{prefix}index.md")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(keys: &[&str]) -> Vec<(String, EntryKind)> {
        let files = keys
            .iter()
            .map(|k| (k.to_string(), PathBuf::from(k)))
            .collect();
        classify(files)
            .into_iter()
            .map(|e| (e.key, e.kind))
            .collect()
    }

    #[test]
    fn sections_pages_bundles_and_assets() {
        let got = kinds(&[
            "_index.md",
            "over.md",
            "papers/_index.md",
            "papers/x/index.md",
            "papers/x/tabel.csv",
            "papers/x/bijlage.md",
            "papers/logo.png",
        ]);
        assert_eq!(
            got,
            vec![
                ("_index.md".into(), EntryKind::Section),
                ("over.md".into(), EntryKind::Page { bundle: false }),
                ("papers/_index.md".into(), EntryKind::Section),
                ("papers/x/index.md".into(), EntryKind::Page { bundle: true }),
                ("papers/x/tabel.csv".into(), EntryKind::Asset),
                ("papers/x/bijlage.md".into(), EntryKind::Asset),
                ("papers/logo.png".into(), EntryKind::Asset),
            ]
        );
    }

    #[test]
    fn index_md_beside_a_section_is_a_plain_page() {
        let got = kinds(&["a/_index.md", "a/index.md"]);
        assert_eq!(got[1].1, EntryKind::Page { bundle: false });
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [".x.md.swp", "x.md~", "4913", ".#x.md", "#x.md#"] {
            assert!(is_ignored(std::ffi::OsStr::new(name)), "{name}");
        }
        assert!(!is_ignored(std::ffi::OsStr::new("x.md")));
    }
}
