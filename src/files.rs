//! Writing an editor's files safely: a new file is never written over an existing one, and
//! a replaced file is never half written (a temporary file beside it, then a rename).
//! `keten new`, `keten agenda` and the browser editor of `serve` all write through here.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes a file that must not exist yet; fails, writing nothing, when it does (even when
/// another process creates it at the same moment).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::write(path, e))?;
    file.write_all(bytes).map_err(|e| Error::write(path, e))
}

/// Replaces (or creates) a file through a temporary one beside it, so a reader (the
/// watcher of `serve`, a build) sees the old file or the new one, never half of one. The
/// replaced file keeps its permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let temporary = temporary_path(path);
    let written = std::fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(Error::write(&temporary, e));
    }
    if let Ok(metadata) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&temporary, metadata.permissions());
    }
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Error::write(path, e)
    })
}

/// `.x.md.keten-tmp` beside `x.md`: hidden and ending in `tmp`, so neither a build nor the
/// watcher takes it for a file of the site while it exists.
fn temporary_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".keten-tmp");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_new(&path, b"een").unwrap();
        assert!(write_new(&path, b"twee").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"een");
    }

    #[test]
    fn an_atomic_write_replaces_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "oud").unwrap();
        write_atomically(&path, b"nieuw").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"nieuw");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.md")]);
        let temporary = temporary_path(&path);
        assert!(crate::inputs::scan::is_ignored(
            temporary.file_name().unwrap()
        ));
    }
}
