//! The output folder: written fresh beside the old one and swapped in only when the whole
//! build succeeded, so a failed build leaves the previous site exactly as it was.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::render::Sink;

/// Folders an output folder may never be, contain, or sit in: deleting them loses work.
const SOURCE_FOLDERS: &[&str] = &["content", "themes", "templates", "static"];

/// Decides the output folder (`--output`, else the config's `output_dir` under the root)
/// and refuses one whose replacement would delete the site's own files.
pub fn output_dir(root: &Path, requested: Option<&Path>, config: &Config) -> Result<PathBuf> {
    let root = root.canonicalize().map_err(|e| Error::read(root, e))?;
    let wanted = match requested {
        Some(path) => std::env::current_dir()
            .map_err(|e| Error::read(Path::new("."), e))?
            .join(path),
        None => root.join(&config.output_dir),
    };
    let output = absolute(&wanted)?;
    if root.starts_with(&output) {
        return Err(refuse(&output, "it is the site folder or holds it"));
    }
    for folder in SOURCE_FOLDERS {
        if output.starts_with(root.join(folder)) {
            return Err(refuse(
                &output,
                &format!("it is inside the site's `{folder}/` folder"),
            ));
        }
        if output.join(folder).is_dir() && *folder != "static" {
            return Err(refuse(&output, &format!("it holds a `{folder}/` folder")));
        }
    }
    if output.exists() && !output.is_dir() {
        return Err(refuse(&output, "it is a file"));
    }
    Ok(output)
}

fn refuse(output: &Path, why: &str) -> Error {
    Error::Refused(format!(
        "refusing to use `{}` as the output folder: {why}, and a build replaces the whole folder",
        output.display()
    ))
}

/// The absolute, symlink-free form of a path whose last part may not exist yet.
fn absolute(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| refuse(path, "it has no folder name"))?;
    let parent = path
        .parent()
        .ok_or_else(|| refuse(path, "it has no parent folder"))?;
    std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    let parent = parent.canonicalize().map_err(|e| Error::read(parent, e))?;
    Ok(parent.join(name))
}

/// A fresh folder beside the output folder that becomes the output on `commit`, and
/// disappears if the build fails before that.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn new(output: &Path) -> Result<Staging> {
        let dir = sibling(output, "new");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| Error::write(&dir, e))?;
        Ok(Staging {
            dir,
            output: output.to_owned(),
            committed: false,
        })
    }

    /// Puts the new site in place of the old one, then removes the old one.
    pub fn commit(mut self) -> Result<()> {
        let old = sibling(&self.output, "old");
        let had_old = self.output.exists();
        if had_old {
            if old.exists() {
                std::fs::remove_dir_all(&old).map_err(|e| Error::write(&old, e))?;
            }
            std::fs::rename(&self.output, &old).map_err(|e| Error::write(&self.output, e))?;
        }
        if let Err(error) = std::fs::rename(&self.dir, &self.output) {
            if had_old {
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(Error::write(&self.output, error));
        }
        self.committed = true;
        if had_old {
            remove_tree(&old)?;
        }
        Ok(())
    }

    fn target(&self, path: &str) -> Result<PathBuf> {
        let relative = crate::content::url::contained_path(path)
            .filter(|p| !p.is_empty())
            .ok_or_else(|| {
                Error::Refused(format!(
                    "refusing to write `{path}`: it would leave the output folder"
                ))
            })?;
        let target = self.dir.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        Ok(target)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        let target = self.target(path)?;
        std::fs::write(&target, bytes).map_err(|e| Error::write(&target, e))
    }

    fn copy(&self, path: &str, source: &Path) -> Result<()> {
        let target = self.target(path)?;
        std::fs::copy(source, &target).map_err(|e| Error::write(&target, e))?;
        Ok(())
    }
}

/// Deletes a folder tree, files in parallel: an old site of thousands of pages takes a
/// noticeable part of a build to delete one file at a time.
fn remove_tree(dir: &Path) -> Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)
        .and_then(|entries| entries.collect())
        .map_err(|e| Error::write(dir, e))?;
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => remove_tree(&path),
            _ => std::fs::remove_file(&path).map_err(|e| Error::write(&path, e)),
        }
    })?;
    std::fs::remove_dir(dir).map_err(|e| Error::write(dir, e))
}

/// `public` → `.public.keten-new`: hidden, beside the output, on the same file system so
/// the swap is a rename.
fn sibling(output: &Path, role: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    output.with_file_name(format!(".{name}.keten-{role}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            "base_url: https://example.org\ntitle: T\n",
            Path::new("config.yaml"),
            None,
        )
        .unwrap()
    }

    #[test]
    fn refuses_the_root_and_source_folders() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir(site.path().join("content")).unwrap();
        let root = site.path();
        assert!(output_dir(root, Some(root), &config()).is_err());
        assert!(output_dir(root, Some(&root.join("content")), &config()).is_err());
        assert!(output_dir(root, Some(&root.join("content/x")), &config()).is_err());
        assert!(output_dir(root, Some(root.parent().unwrap()), &config()).is_err());
        assert!(output_dir(root, None, &config()).is_ok());
    }

    #[test]
    fn failed_build_leaves_the_old_output() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("public");
        std::fs::create_dir(&output).unwrap();
        std::fs::write(output.join("old.html"), "old").unwrap();
        {
            let staging = Staging::new(&output).unwrap();
            staging.write("new.html", b"new".to_vec()).unwrap();
        }
        assert!(output.join("old.html").exists());
        assert!(!output.join("new.html").exists());
        let staging = Staging::new(&output).unwrap();
        staging.write("a/new.html", b"new".to_vec()).unwrap();
        assert!(staging.write("../escape.html", b"x".to_vec()).is_err());
        staging.commit().unwrap();
        assert!(!output.join("old.html").exists());
        assert!(output.join("a/new.html").exists());
    }
}
