//! The site's own folders (`content/`, `static/`, `templates/`, `themes/NAME/`), and the
//! proof that none of them leads outside the site: a folder that is a symbolic link to
//! somewhere else would publish (or let `serve` serve) files the site does not own.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::msg;

/// The content folder every site has.
pub const CONTENT: &str = "content";

/// `root/relative` when it is a folder inside the site, `None` when it does not exist.
/// Refuses a path whose parts are symbolic links leading out of the site, and a file
/// where a folder belongs.
pub fn optional(root: &Path, relative: &str) -> Result<Option<PathBuf>> {
    let real_root = root.canonicalize().map_err(|e| Error::read(root, e))?;
    let mut path = root.to_owned();
    let mut shown = PathBuf::new();
    for part in relative.split('/').filter(|p| !p.is_empty()) {
        path.push(part);
        shown.push(part);
        let Ok(metadata) = std::fs::symlink_metadata(&path) else {
            return Ok(None);
        };
        if metadata.file_type().is_symlink() {
            check_link(&path, &shown, &real_root)?;
        }
    }
    match std::fs::metadata(&path) {
        Ok(metadata) if metadata.is_dir() => Ok(Some(path)),
        Ok(_) => Err(
            Diagnostic::new(&shown, msg!("folder-is-file", path = &shown))
                .with_hint(msg!("folder-is-file-hint"))
                .into(),
        ),
        Err(_) => Ok(None),
    }
}

/// The site's `content/` folder, which must exist: a site without it would build an
/// empty site and replace the published one.
pub fn content(root: &Path) -> Result<PathBuf> {
    optional(root, CONTENT)?.ok_or_else(|| {
        Diagnostic::new(CONTENT, msg!("folder-no-content"))
            .with_hint(msg!("folder-no-content-hint"))
            .into()
    })
}

fn check_link(path: &Path, shown: &Path, real_root: &Path) -> Result<()> {
    let target = path.canonicalize().map_err(|_| {
        Error::from(
            Diagnostic::new(shown, msg!("folder-link-nowhere", path = shown))
                .with_hint(msg!("folder-link-nowhere-hint")),
        )
    })?;
    if target.starts_with(real_root) {
        return Ok(());
    }
    let message = msg!("folder-link-outside", path = shown, target = &target);
    Err(Diagnostic::new(shown, message)
        .with_hint(msg!("folder-link-outside-hint"))
        .into())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_out_of_the_site_are_refused_and_links_inside_allowed() {
        let outside = tempfile::tempdir().unwrap();
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("themes/t/static")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("static")).unwrap();
        std::os::unix::fs::symlink(root.join("themes/t/static"), root.join("templates")).unwrap();
        let error = optional(root, "static").unwrap_err().to_string();
        assert!(error.contains("`static` is a symbolic link to"), "{error}");
        assert!(optional(root, "templates").unwrap().is_some());
        assert!(optional(root, "nergens").unwrap().is_none());
        assert!(content(root).is_err());
    }
}
