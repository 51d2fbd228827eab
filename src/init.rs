//! `keten init DIR [--theme FOLDER]`: a new site that builds at once, with a theme of its
//! own copy, a config, a few starter pages to write over, and a `.gitignore`.
//!
//! The starter files (`src/init/starter/`) and the built-in theme (`themes/basis/`) are
//! embedded in the binary, so an editor needs nothing but keten; both stay ordinary files
//! in the repository, built and checked by the tests like any site.

use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;
use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::error::{Error, Result};
use crate::msg;

/// The theme a new site gets unless `--theme` names another.
pub const BUILTIN_THEME: &str = "basis";

static BASIS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/basis");
static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/init/starter");

/// The config's theme line in the starter, replaced when another theme is chosen.
const THEME_LINE: &str = "theme: basis\n";

/// What `keten init` wrote, relative to the new site's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The config, pages and `.gitignore`, in the order written.
    pub files: Vec<PathBuf>,
    /// The theme's name: its folder under `themes/`.
    pub theme: String,
    /// How many files the theme has.
    pub theme_files: usize,
    /// Symbolic links in the chosen theme folder, not copied.
    pub skipped: Vec<PathBuf>,
}

/// A file to write: where, relative to the new site, and what.
struct NewFile {
    path: PathBuf,
    bytes: Vec<u8>,
}

/// Creates a new site in `dir`, which must not exist yet or be empty. `theme` is a theme
/// folder to copy (its name becomes the site's theme), or none for the built-in one;
/// `today` dates the first news item. Nothing is written when anything is refused.
pub fn init(dir: &Path, theme: Option<&Path>, today: NaiveDate) -> Result<Created> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::read(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Refused(msg!("init-not-empty", path = dir)));
        }
    }
    let (name, theme_files, skipped) = match theme {
        Some(folder) if !is_builtin(folder) => {
            let name = theme_name(folder)?;
            let (files, skipped) = theme_folder_files(folder)?;
            (name, files, skipped)
        }
        _ => (BUILTIN_THEME.to_owned(), embedded_files(&BASIS), Vec::new()),
    };
    let mut all = starter_files(&name, today);
    let files = all.iter().map(|f| f.path.clone()).collect();
    let theme_count = theme_files.len();
    let theme_root = Path::new("themes").join(&name);
    all.extend(theme_files.into_iter().map(|f| NewFile {
        path: theme_root.join(f.path),
        bytes: f.bytes,
    }));
    for file in &all {
        write_new(dir, file)?;
    }
    Ok(Created {
        files,
        theme: name,
        theme_files: theme_count,
        skipped,
    })
}

/// `--theme basis` names the built-in theme, unless a folder of that name is there.
fn is_builtin(folder: &Path) -> bool {
    folder == Path::new(BUILTIN_THEME) && !folder.is_dir()
}

/// The theme's name: the folder's own name, which `config.yaml` will say as `theme:`.
/// Only letters, digits, `-`, `_` and `.` (not first), so it is a plain folder name and
/// needs no quoting in YAML.
fn theme_name(folder: &Path) -> Result<String> {
    if !folder.is_dir() {
        return Err(Error::Refused(msg!(
            "init-theme-missing",
            path = folder,
            builtin = BUILTIN_THEME
        )));
    }
    if !folder.join("templates").is_dir() {
        return Err(Error::Refused(msg!(
            "init-theme-no-templates",
            path = folder
        )));
    }
    let full = folder.canonicalize().map_err(|e| Error::read(folder, e))?;
    let name = full
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let plain = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if name.is_empty() || name.starts_with('.') || !plain {
        return Err(Error::Refused(msg!(
            "init-theme-bad-name",
            path = folder,
            name = name
        )));
    }
    Ok(name)
}

/// Every file of a theme folder, read before anything is written. Hidden files (`.git/`)
/// and editors' leftovers stay behind, as a build ignores them, except the two hidden
/// names a web host reads. Symbolic links are not followed: a theme copies only itself.
fn theme_folder_files(folder: &Path) -> Result<(Vec<NewFile>, Vec<PathBuf>)> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let walk = WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || copied(e.file_name()));
    for entry in walk {
        let entry = entry.map_err(|e| Error::read(folder, e.into()))?;
        let relative = entry
            .path()
            .strip_prefix(folder)
            .expect("inside the folder");
        if entry.path_is_symlink() {
            skipped.push(relative.to_owned());
        } else if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::read(entry.path(), e))?;
            files.push(NewFile {
                path: relative.to_owned(),
                bytes,
            });
        }
    }
    Ok((files, skipped))
}

fn copied(name: &std::ffi::OsStr) -> bool {
    !crate::inputs::scan::is_ignored(name) || name == ".htaccess" || name == ".well-known"
}

/// The files of an embedded folder, by their path in it.
fn embedded_files(dir: &Dir<'static>) -> Vec<NewFile> {
    let mut files = Vec::new();
    collect_embedded(dir, &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn collect_embedded(dir: &Dir<'static>, files: &mut Vec<NewFile>) {
    for file in dir.files() {
        let path = file.path();
        if path.file_name().is_some_and(copied) {
            files.push(NewFile {
                path: path.to_owned(),
                bytes: file.contents().to_vec(),
            });
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

/// The starter's config, pages and `.gitignore` for a site with theme `theme`: the
/// repository keeps `.gitignore` as `gitignore` (a real one there would apply to the
/// repository), and `{{ date }}` in a page becomes `today`.
fn starter_files(theme: &str, today: NaiveDate) -> Vec<NewFile> {
    let date = today.format("%Y-%m-%d").to_string();
    let mut files = embedded_files(&STARTER);
    for file in &mut files {
        if file.path == Path::new("gitignore") {
            file.path = PathBuf::from(".gitignore");
        }
        let Ok(text) = std::str::from_utf8(&file.bytes) else {
            continue;
        };
        let text = if file.path == Path::new("config.yaml") {
            text.replacen(THEME_LINE, &format!("theme: {theme}\n"), 1)
        } else {
            text.replace("{{ date }}", &date)
        };
        file.bytes = text.into_bytes();
    }
    files.sort_by_key(|f| (f.path != Path::new("config.yaml"), f.path.clone()));
    files
}

/// Writes `file` under `dir`, never outside it (the path has only plain parts) and never
/// over a file that is there.
fn write_new(dir: &Path, file: &NewFile) -> Result<()> {
    let plain = file
        .path
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    assert!(plain, "a new site's file stays inside it: {:?}", file.path);
    let path = dir.join(&file.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut out| std::io::Write::write_all(&mut out, &file.bytes))
        .map_err(|e| Error::write(&path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(files: &[NewFile], path: &str) -> String {
        let file = files.iter().find(|f| f.path == Path::new(path)).unwrap();
        String::from_utf8(file.bytes.clone()).unwrap()
    }

    #[test]
    fn the_starter_names_its_theme_and_dates_its_news_today() {
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let files = starter_files("g40", today);
        assert_eq!(files[0].path, Path::new("config.yaml"));
        let config = text(&files, "config.yaml");
        assert!(config.contains("\ntheme: g40\n"), "{config}");
        assert!(!config.contains("basis\n"), "{config}");
        assert!(text(&files, "content/nieuws/welkom.md").contains("\ndate: 2025-06-01\n"));
        assert!(text(&files, ".gitignore").contains("/.keten/"));
        assert!(
            files
                .iter()
                .all(|f| !String::from_utf8_lossy(&f.bytes).contains("{{"))
        );
    }

    #[test]
    fn the_builtin_theme_is_embedded_whole() {
        let files = embedded_files(&BASIS);
        let names: Vec<String> = files
            .iter()
            .map(|f| f.path.to_string_lossy().replace('\\', "/"))
            .collect();
        for expected in [
            "README.md",
            "archetypes/default.md",
            "static/css/basis.css",
            "templates/base.html",
            "templates/components/hoofdmenu.html",
            "templates/404.html",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} in {names:?}"
            );
        }
    }
}
