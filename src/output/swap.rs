//! Putting a new site in place of the old one with no moment without a site.
//!
//! On Linux and macOS the two folders are exchanged in one system call (`renameat2` with
//! `RENAME_EXCHANGE`, `renameatx_np` with `RENAME_SWAP`). Where that is not available
//! (Windows, and file systems that do not support it) the old folder is renamed away and
//! the new one renamed into place: two renames, with a moment of microseconds between them
//! in which the folder does not exist.

use std::io;
use std::path::Path;

/// Puts `new` in place of `current`; afterwards the old site is at `new`. Both must be
/// folders in the same parent folder.
pub fn exchange(new: &Path, current: &Path) -> io::Result<()> {
    match exchange_atomically(new, current) {
        Ok(()) => Ok(()),
        Err(error) if unsupported(&error) => exchange_by_renames(new, current),
        Err(error) => Err(error),
    }
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange_atomically(new: &Path, current: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, new, CWD, current, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange_atomically(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether the exchange failed only because this system or file system cannot do it.
fn unsupported(error: &io::Error) -> bool {
    const EINVAL: i32 = 22;
    const ENOSYS: i32 = 38;
    const ENOTSUP: i32 = 95;
    error.kind() == io::ErrorKind::Unsupported
        || matches!(error.raw_os_error(), Some(EINVAL | ENOSYS | ENOTSUP))
}

fn exchange_by_renames(new: &Path, current: &Path) -> io::Result<()> {
    let mut name = new.file_name().unwrap_or_default().to_owned();
    name.push(".old");
    let aside = new.with_file_name(name);
    std::fs::rename(current, &aside)?;
    if let Err(error) = std::fs::rename(new, current) {
        let _ = std::fs::rename(&aside, current);
        return Err(error);
    }
    std::fs::rename(&aside, new)
}

/// Deletes a folder tree, files in parallel: an old site of thousands of pages takes a
/// noticeable part of a build to delete one file at a time. Never follows a symlink.
pub fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => remove_tree(&path),
            _ => std::fs::remove_file(&path),
        }
    })?;
    std::fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchange_swaps_two_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (new, current) = (dir.path().join(".new"), dir.path().join("public"));
        std::fs::create_dir(&new).unwrap();
        std::fs::create_dir(&current).unwrap();
        std::fs::write(new.join("nieuw.html"), "n").unwrap();
        std::fs::write(current.join("oud.html"), "o").unwrap();
        exchange(&new, &current).unwrap();
        assert!(current.join("nieuw.html").exists());
        assert!(new.join("oud.html").exists());
        exchange_by_renames(&new, &current).unwrap();
        assert!(current.join("oud.html").exists());
        assert!(new.join("nieuw.html").exists());
    }
}
