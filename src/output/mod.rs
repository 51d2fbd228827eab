//! The output folder, the one place where a build deletes files, so everything here proves
//! first that the folder is keten's to replace:
//!
//! 1. [`Target::resolve`] decides the real folder (symlinks followed) and refuses the site
//!    itself, its source folders, files and mount points. It touches nothing.
//! 2. [`OutputWriter::begin`] refuses a folder holding files no keten build wrote there
//!    (see [`ownership`]), takes the folder's lock (see [`lock`]), and opens a fresh
//!    staging folder beside it.
//! 3. The site is written into the staging folder; [`OutputWriter::commit`] swaps it in
//!    (see [`swap`]) only when the whole build succeeded, and records what it wrote.

mod lock;
mod ownership;
mod swap;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::config::Config;
use crate::error::{Diagnostic, Error, OutputRefusal, Result};
use crate::messages::{Lang, Msg};
use crate::msg;
use crate::render::Sink;
use lock::{OutputLock, Taken};
use ownership::Manifest;

/// keten's own files in a site: manifests, locks, caches. Never published.
pub const STATE_DIR: &str = ".keten";

/// Folders of the site an output folder may never be inside: deleting them loses work.
const SITE_FOLDERS: &[&str] = &[
    "content",
    "themes",
    "templates",
    "static",
    ".git",
    STATE_DIR,
];

/// Folders that mark a folder as a site (or a copy of one), never as an output.
const SITE_MARKERS: &[&str] = &["content", "themes", "templates"];

/// The output folder a build will write, checked before anything is touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The folder as the user named it, for messages.
    pub shown: PathBuf,
    /// The real folder: absolute, every symlink on the way followed. For an output that
    /// is a symlink, this is its target; the symlink itself stays as it is.
    pub folder: PathBuf,
}

impl Target {
    /// `--output` (relative to the working folder), else the config's `output_dir` (relative
    /// to the site); refuses folders whose replacement would cost the site or the user work.
    pub fn resolve(root: &Path, requested: Option<&Path>, config: &Config) -> Result<Target> {
        let root = root.canonicalize().map_err(|e| Error::read(root, e))?;
        let (shown, wanted) = match requested {
            Some(path) => {
                let here = std::env::current_dir().map_err(|e| Error::read(Path::new("."), e))?;
                (path.to_owned(), here.join(path))
            }
            None => (config.output_dir.clone(), root.join(&config.output_dir)),
        };
        let refuse = |folder: &Path, reason: Msg, hint: Msg| {
            Error::Output(Box::new(OutputRefusal {
                folder: requested.map_or_else(|| config.output_dir.clone(), Path::to_owned),
                real: folder.to_owned(),
                reason,
                files: Vec::new(),
                more: 0,
                hint,
            }))
        };
        let folder = real_path(&wanted).map_err(|e| {
            refuse(
                &wanted,
                msg!("output-cannot-follow", reason = e.to_string()),
                msg!("output-cannot-follow-hint"),
            )
        })?;
        let target = Target { shown, folder };
        if let Some((reason, hint)) = target.problem(&root) {
            return Err(refuse(&target.folder, reason, hint));
        }
        Ok(target)
    }

    /// Why this folder may not be an output folder, if it may not.
    fn problem(&self, root: &Path) -> Option<(Msg, Msg)> {
        let folder = &self.folder;
        let choose = || msg!("output-choose");
        if root.starts_with(folder) {
            return Some((msg!("output-is-site"), choose()));
        }
        if let Some(inside) = SITE_FOLDERS
            .iter()
            .find(|f| folder.starts_with(root.join(f)))
        {
            return Some((msg!("output-inside", folder = *inside), choose()));
        }
        if folder.parent().is_none() {
            return Some((msg!("output-is-root"), choose()));
        }
        let metadata = std::fs::metadata(folder).ok()?;
        if !metadata.is_dir() {
            return Some((msg!("output-is-file"), choose()));
        }
        if let Some(marker) = SITE_MARKERS.iter().find(|m| folder.join(m).is_dir()) {
            return Some((msg!("output-is-a-site", folder = *marker), choose()));
        }
        if is_mount_point(folder, &metadata) {
            return Some((msg!("output-mount"), msg!("output-mount-hint")));
        }
        None
    }
}

/// The real, absolute form of `path`: each symlink on the way followed (also one whose
/// target does not exist yet), the parts that do not exist yet appended as written (`..`
/// after them taken literally).
fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    real_path_within(path, 0)
}

/// Symbolic links followed in a row before giving up, as the system does (`ELOOP`).
const MAX_LINKS: usize = 40;

fn real_path_within(path: &Path, links: usize) -> std::io::Result<PathBuf> {
    if links > MAX_LINKS {
        return Err(std::io::Error::other("too many levels of symbolic links"));
    }
    let mut real = PathBuf::new();
    let mut exists = true;
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => real.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => {
                real.push(name);
                if exists {
                    match std::fs::symlink_metadata(&real) {
                        Ok(m) if m.file_type().is_symlink() => {
                            let target = std::fs::read_link(&real)?;
                            real.pop();
                            real = real_path_within(&real.join(target), links + 1)?;
                        }
                        Ok(_) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => exists = false,
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }
    Ok(real)
}

#[cfg(unix)]
fn is_mount_point(folder: &Path, metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let parent = folder.parent().and_then(|p| std::fs::metadata(p).ok());
    parent.is_some_and(|p| p.dev() != metadata.dev())
}

#[cfg(not(unix))]
fn is_mount_point(_: &Path, _: &std::fs::Metadata) -> bool {
    false
}

/// Writes a build into a staging folder beside the output and swaps it in on `commit`;
/// holds the output's lock until dropped. Dropped without `commit`, it removes the staging
/// folder and leaves the output exactly as it was.
pub struct OutputWriter {
    target: Target,
    staging: PathBuf,
    records: Records,
    written: Mutex<HashMap<String, u64>>,
    committed: bool,
    _lock: OutputLock,
}

/// Where the site keeps its record of one output folder.
struct Records {
    manifest: PathBuf,
    pending: PathBuf,
    /// Where earlier versions of keten kept the record of an output inside the site (named by the
    /// absolute folder); still read, so an upgrade does not refuse the site's own output.
    by_absolute_path: PathBuf,
    /// The output's path relative to the site, when it is inside the site.
    in_site: Option<String>,
}

impl Records {
    /// An output inside the site is recorded under its path in the site, so the record
    /// survives moving or copying the site folder; any other under its absolute path.
    fn new(root: &Path, folder: &Path) -> (PathBuf, Records) {
        let dir = root.join(STATE_DIR).join("outputs");
        let real_root = root.canonicalize().unwrap_or_else(|_| root.to_owned());
        let in_site = folder
            .starts_with(&real_root)
            .then(|| ownership::relative_name(&real_root, folder));
        let absolute_key = xxhash_rust::xxh3::xxh3_64(folder.as_os_str().as_encoded_bytes());
        let key = match &in_site {
            Some(relative) => xxhash_rust::xxh3::xxh3_64(format!("site:{relative}").as_bytes()),
            None => absolute_key,
        };
        let records = Records {
            manifest: dir.join(format!("{key:016x}.json")),
            pending: dir.join(format!("{key:016x}.pending.json")),
            by_absolute_path: dir.join(format!("{absolute_key:016x}.json")),
            in_site,
        };
        (dir, records)
    }

    /// The manifests of the last build and of one killed between its swap and its record.
    fn manifests(&self, folder: &Path) -> Vec<Manifest> {
        [&self.manifest, &self.pending, &self.by_absolute_path]
            .into_iter()
            .filter_map(|path| Manifest::read(path, folder, self.in_site.as_deref()))
            .collect()
    }
}

impl OutputWriter {
    /// Checks that `target` is keten's to replace, waits for any other build writing it,
    /// and opens the staging folder. Refusals happen before anything is created.
    pub fn begin(root: &Path, target: Target, lang: Lang) -> Result<OutputWriter> {
        let (state, records) = Records::new(root, &target.folder);
        ownership::check(
            &target.folder,
            &target.shown,
            &records.manifests(&target.folder),
        )?;
        std::fs::create_dir_all(&state).map_err(|e| Error::write(&state, e))?;
        let lock_path = state.join(records.manifest.with_extension("lock").file_name().unwrap());
        let waiting = |pid: Option<u32>| {
            let pid = pid.map_or_else(|| "none".to_owned(), |p| p.to_string());
            let message = msg!("output-waiting", folder = &target.shown, pid = pid);
            eprintln!("{}", message.text(lang));
        };
        let lock = match OutputLock::take(&lock_path, waiting)? {
            Taken::AtOnce(lock) => lock,
            Taken::AfterWaiting(lock) => {
                let manifests = records.manifests(&target.folder);
                ownership::check(&target.folder, &target.shown, &manifests)?;
                lock
            }
        };
        remove_leftovers(&target.folder);
        let staging = staging_folder(&target)?;
        Ok(OutputWriter {
            target,
            staging,
            records,
            written: Mutex::default(),
            committed: false,
            _lock: lock,
        })
    }

    /// Puts the new site in place of the old one, records what it wrote, and removes the
    /// old one. Returns a warning when the old site could not be removed.
    pub fn commit(mut self) -> Result<Option<Diagnostic>> {
        let folder = self.target.folder.clone();
        let files = std::mem::take(&mut *self.written.lock().unwrap_or_else(|p| p.into_inner()));
        let manifest = Manifest {
            folder: folder.clone(),
            in_site: self.records.in_site.clone(),
            files,
        };
        manifest.write(&self.records.pending)?;
        let had_site = folder.exists();
        let swapped = if had_site {
            swap::exchange(&self.staging, &folder)
        } else {
            std::fs::rename(&self.staging, &folder)
        };
        if let Err(error) = swapped {
            let _ = std::fs::remove_file(&self.records.pending);
            return Err(self.swap_error(error));
        }
        self.committed = true;
        std::fs::rename(&self.records.pending, &self.records.manifest)
            .map_err(|e| Error::write(&self.records.manifest, e))?;
        if self.records.by_absolute_path != self.records.manifest {
            let _ = std::fs::remove_file(&self.records.by_absolute_path);
        }
        if !had_site {
            return Ok(None);
        }
        Ok(swap::remove_tree(&self.staging).err().map(|error| {
            let reason = error.to_string();
            Diagnostic::new(
                &self.staging,
                msg!("output-old-not-removed", reason = reason),
            )
            .with_hint(msg!("output-old-not-removed-hint"))
        }))
    }

    fn swap_error(&self, error: std::io::Error) -> Error {
        Error::Output(Box::new(OutputRefusal {
            folder: self.target.shown.clone(),
            real: self.target.folder.clone(),
            reason: msg!("output-cannot-swap", reason = error.to_string()),
            files: Vec::new(),
            more: 0,
            hint: msg!("output-cannot-swap-hint"),
        }))
    }

    fn target_path(&self, path: &str) -> Result<PathBuf> {
        let relative = crate::url::contained_path(path)
            .filter(|p| !p.is_empty())
            .ok_or_else(|| Error::Refused(msg!("output-leaves", path = path)))?;
        let target = self.staging.join(&relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        Ok(target)
    }

    fn record(&self, path: &str, size: u64) {
        let relative = crate::url::contained_path(path).unwrap_or_default();
        let mut written = self.written.lock().unwrap_or_else(|p| p.into_inner());
        written.insert(relative, size);
    }
}

impl Drop for OutputWriter {
    fn drop(&mut self) {
        if !self.committed {
            let _ = swap::remove_tree(&self.staging);
        }
    }
}

impl Sink for OutputWriter {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        let target = self.target_path(path)?;
        let size = bytes.len() as u64;
        std::fs::write(&target, bytes).map_err(|e| Error::write(&target, e))?;
        self.record(path, size);
        Ok(())
    }

    fn copy(&self, path: &str, source: &Path) -> Result<()> {
        let target = self.target_path(path)?;
        let size = std::fs::copy(source, &target).map_err(|e| Error::write(&target, e))?;
        self.record(path, size);
        Ok(())
    }
}

/// Creates the parent folders of the output if needed, and a fresh staging folder beside
/// it, on the same file system so the swap is a rename.
fn staging_folder(target: &Target) -> Result<PathBuf> {
    let parent = target.folder.parent().expect("checked: not the root");
    let staging = sibling(&target.folder, &format!("new-{}", std::process::id()));
    let created = std::fs::create_dir_all(parent).and_then(|()| std::fs::create_dir(&staging));
    created.map_err(|error| {
        Error::Output(Box::new(OutputRefusal {
            folder: target.shown.clone(),
            real: target.folder.clone(),
            reason: msg!(
                "output-cannot-stage",
                path = &staging,
                reason = error.to_string()
            ),
            files: Vec::new(),
            more: 0,
            hint: msg!("output-cannot-stage-hint"),
        }))
    })?;
    Ok(staging)
}

/// Removes staging and old folders that a killed build left beside the output. Only names
/// keten makes (`.public.keten-new-123`, `.public.keten-old`) are touched; a leftover that
/// cannot be removed stays for the next build to try again.
fn remove_leftovers(folder: &Path) {
    let (Some(parent), Some(name)) = (folder.parent(), folder.file_name()) else {
        return;
    };
    let prefix = format!(".{}.keten-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        let is_leftover = entry_name.strip_prefix(&prefix).is_some_and(|rest| {
            ["new", "old"].iter().any(|role| {
                rest == *role
                    || rest.strip_prefix(role).is_some_and(|tail| {
                        let tail = tail.trim_start_matches('-').trim_end_matches(".old");
                        !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit())
                    })
            })
        });
        if is_leftover && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = swap::remove_tree(&entry.path());
        }
    }
}

/// `public` → `.public.keten-new-123`: hidden, beside the output, on the same file system.
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
    use crate::messages::Lang;

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
        let resolve = |p: &Path| Target::resolve(root, Some(p), &config());
        assert!(resolve(root).is_err());
        assert!(resolve(&root.join("content")).is_err());
        assert!(resolve(&root.join("content/x")).is_err());
        assert!(resolve(&root.join(".git/x")).is_err());
        assert!(resolve(root.parent().unwrap()).is_err());
        assert!(Target::resolve(root, None, &config()).is_ok());
        assert!(
            !root.join("content/x").exists(),
            "a refusal creates nothing"
        );
    }

    #[test]
    fn real_path_follows_symlinks_and_keeps_missing_parts() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        std::fs::create_dir(real.join("www")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(real.join("www"), real.join("link")).unwrap();
        #[cfg(unix)]
        assert_eq!(
            real_path(&real.join("link/site")).unwrap(),
            real.join("www/site")
        );
        assert_eq!(
            real_path(&real.join("nieuw/../ander")).unwrap(),
            real.join("ander")
        );
    }

    #[test]
    fn failed_build_leaves_the_old_output_and_a_commit_replaces_it() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path().canonicalize().unwrap();
        let target = Target::resolve(&root, None, &config()).unwrap();
        let writer = OutputWriter::begin(&root, target.clone(), Lang::En).unwrap();
        writer.write("old.html", b"old".to_vec()).unwrap();
        writer.commit().unwrap();
        {
            let writer = OutputWriter::begin(&root, target.clone(), Lang::En).unwrap();
            writer.write("new.html", b"new".to_vec()).unwrap();
        }
        let output = root.join("public");
        assert!(output.join("old.html").exists());
        assert!(!output.join("new.html").exists());
        let writer = OutputWriter::begin(&root, target, Lang::En).unwrap();
        writer.write("a/new.html", b"new".to_vec()).unwrap();
        assert!(writer.write("../escape.html", b"x".to_vec()).is_err());
        writer.commit().unwrap();
        assert!(!output.join("old.html").exists());
        assert!(output.join("a/new.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "public/ and .keten/: {leftovers:?}");
    }

    #[test]
    fn leftovers_of_a_killed_build_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        for name in [
            ".public.keten-new-123",
            ".public.keten-old",
            ".public.keten-new",
        ] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
        }
        std::fs::create_dir(dir.path().join(".public.keten-notes")).unwrap();
        remove_leftovers(&output);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, [".public.keten-notes"]);
    }
}
