//! The files of `static/` (the site's and the theme's), published as they are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{Error, Result};

/// A file from `static/` (the site's or the theme's), copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    pub output: String,
    pub source: PathBuf,
}

/// Hidden names that web hosts read, published from `static/` although hidden files are
/// otherwise left out: Apache's `.htaccess`, and `.well-known/` (RFC 8615: security.txt,
/// and the files domain checks ask for).
const PUBLISHED_HIDDEN: &[&str] = &[".htaccess", ".well-known"];

/// The theme's static files, then the site's, the site's winning file by file. Hidden
/// files (but those in `PUBLISHED_HIDDEN`), editors' leftovers and symbolic links stay out.
pub fn find(root: &Path, config: &Config) -> Result<Vec<StaticFile>> {
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut folders = Vec::new();
    if let Some(theme) = &config.theme {
        folders.push(format!("themes/{theme}/static"));
    }
    folders.push("static".to_owned());
    for folder in folders {
        let Some(dir) = super::folders::optional(root, &folder)? else {
            continue;
        };
        let walker = WalkDir::new(&dir).sort_by_file_name().into_iter();
        for entry in walker.filter_entry(|e| e.depth() == 0 || is_published(e.file_name())) {
            let entry = entry.map_err(|e| Error::read(&dir, e.into()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(&dir).expect("inside dir");
            files.insert(
                relative.to_string_lossy().replace('\\', "/"),
                entry.into_path(),
            );
        }
    }
    Ok(files
        .into_iter()
        .map(|(output, source)| StaticFile { output, source })
        .collect())
}

fn is_published(name: &std::ffi::OsStr) -> bool {
    let hidden_but_published = PUBLISHED_HIDDEN.iter().any(|n| name == *n);
    hidden_but_published || !super::scan::is_ignored(name)
}
