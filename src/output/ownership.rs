//! Which folders keten may replace: one that does not exist, is empty, or holds exactly
//! what an earlier keten build wrote there. The proof is a manifest per output folder
//! under the site's `.keten/outputs/`, listing every file the last build wrote.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::error::{Error, OutputRefusal, Result};
use crate::msg;

/// How many foreign files a refusal lists; the rest are counted.
const LISTED: usize = 5;

/// Files an operating system drops into any folder it shows (Finder, Explorer); they
/// hold nothing of the user's, so they do not make a folder foreign.
const SYSTEM_LEFTOVERS: &[&str] = &[".DS_Store", "Thumbs.db", "desktop.ini"];

/// The files one build wrote into an output folder, with their sizes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The real folder, so a manifest is never applied to another one.
    pub folder: PathBuf,
    /// For an output inside the site (`public/`), its path relative to the site: the
    /// manifest moves with the site's `.keten/`, so a site folder that was moved, renamed
    /// or copied still knows its own output.
    #[serde(default)]
    pub in_site: Option<String>,
    /// Relative path with `/` → size in bytes.
    pub files: HashMap<String, u64>,
}

impl Manifest {
    /// Reads a manifest; a missing or unreadable one, or one of another folder, proves
    /// nothing and reads as none.
    pub fn read(path: &Path, folder: &Path, in_site: Option<&str>) -> Option<Manifest> {
        let text = std::fs::read(path).ok()?;
        let manifest: Manifest = serde_json::from_slice(&text).ok()?;
        let same_folder = manifest.folder == folder;
        let same_place_in_site = in_site.is_some() && manifest.in_site.as_deref() == in_site;
        (same_folder || same_place_in_site).then_some(manifest)
    }

    /// Writes the manifest through a temporary file, so a reader never sees half of it.
    pub fn write(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_vec(self).expect("a manifest serialises");
        let temporary = path.with_extension("tmp");
        std::fs::write(&temporary, text).map_err(|e| Error::write(&temporary, e))?;
        std::fs::rename(&temporary, path).map_err(|e| Error::write(path, e))
    }

    fn wrote(&self, relative: &str, size: u64) -> bool {
        self.files.get(relative) == Some(&size)
    }
}

/// Refuses `folder` unless every file in it is one an earlier build wrote (as one of
/// `manifests` records, with the same size). `shown` is how messages name the folder.
pub fn check(folder: &Path, shown: &Path, manifests: &[Manifest]) -> Result<()> {
    if !folder.is_dir() {
        return Ok(());
    }
    let mut foreign = Vec::new();
    let mut count: usize = 0;
    for entry in WalkDir::new(folder).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::read(folder, e.into()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = relative_name(folder, entry.path());
        if is_ours(&entry, &relative, manifests) {
            continue;
        }
        count += 1;
        if foreign.len() < LISTED {
            foreign.push(relative);
        }
    }
    if count == 0 {
        return Ok(());
    }
    let reason = if manifests.is_empty() {
        msg!("output-not-ours-unknown")
    } else {
        msg!("output-not-ours")
    };
    Err(Error::Output(Box::new(OutputRefusal {
        folder: shown.to_owned(),
        real: folder.to_owned(),
        reason,
        files: foreign,
        more: count.saturating_sub(LISTED),
        hint: msg!("output-not-ours-hint"),
    })))
}

fn is_ours(entry: &walkdir::DirEntry, relative: &str, manifests: &[Manifest]) -> bool {
    let name = entry.file_name().to_string_lossy();
    if SYSTEM_LEFTOVERS.contains(&name.as_ref()) {
        return true;
    }
    if !entry.file_type().is_file() {
        return false;
    }
    let Ok(metadata) = entry.metadata() else {
        return false;
    };
    manifests.iter().any(|m| m.wrote(relative, metadata.len()))
}

/// `folder/a/b.html` → `a/b.html`, with `/` on every system.
pub(super) fn relative_name(folder: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(folder).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(folder: &Path, files: &[(&str, u64)]) -> Manifest {
        Manifest {
            folder: folder.to_owned(),
            in_site: None,
            files: files.iter().map(|(p, s)| (p.to_string(), *s)).collect(),
        }
    }

    #[test]
    fn a_missing_or_empty_folder_may_be_replaced() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check(&dir.path().join("nieuw"), Path::new("nieuw"), &[]).is_ok());
        std::fs::create_dir(dir.path().join("leeg")).unwrap();
        std::fs::create_dir(dir.path().join("leeg/sub")).unwrap();
        assert!(check(&dir.path().join("leeg"), Path::new("leeg"), &[]).is_ok());
    }

    #[test]
    fn files_keten_did_not_write_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        std::fs::write(folder.join("index.html"), "site").unwrap();
        std::fs::write(folder.join("notities.txt"), "van mij").unwrap();
        std::fs::write(folder.join(".DS_Store"), "x").unwrap();
        let ours = manifest(folder, &[("index.html", 4)]);
        let Err(Error::Output(refusal)) =
            check(folder, Path::new("public"), std::slice::from_ref(&ours))
        else {
            panic!("refused");
        };
        assert_eq!(refusal.files, ["notities.txt"]);
        std::fs::remove_file(folder.join("notities.txt")).unwrap();
        assert!(check(folder, Path::new("public"), &[ours]).is_ok());
    }

    #[test]
    fn a_file_changed_since_the_build_is_not_ours() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "met de hand bewerkt").unwrap();
        let ours = manifest(dir.path(), &[("index.html", 4)]);
        assert!(check(dir.path(), Path::new("public"), &[ours]).is_err());
    }

    #[test]
    fn a_manifest_of_another_folder_proves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        manifest(Path::new("/elders"), &[]).write(&path).unwrap();
        assert_eq!(Manifest::read(&path, dir.path(), None), None);
        assert!(Manifest::read(&path, Path::new("/elders"), None).is_some());
    }

    #[test]
    fn a_manifest_of_the_same_place_in_a_moved_site_still_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        let mut old = manifest(Path::new("/oud/site/public"), &[("index.html", 4)]);
        old.in_site = Some("public".to_owned());
        old.write(&path).unwrap();
        let moved = Path::new("/nieuw/site/public");
        assert!(Manifest::read(&path, moved, Some("public")).is_some());
        assert_eq!(Manifest::read(&path, moved, Some("uit")), None);
        assert_eq!(Manifest::read(&path, moved, None), None);
    }
}
