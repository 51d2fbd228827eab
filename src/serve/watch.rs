//! Watching the site's folders: editors' saves arrive as bursts of events (a temporary file,
//! a rename, several writes); they are debounced into one batch of changed paths, and each
//! path is classified by where it lives, never by the kind of event.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::{DebounceEventResult, new_debouncer, new_debouncer_opt};

use crate::config::CONFIG_FILE;
use crate::error::{Error, Result};
use crate::inputs::scan::is_ignored;

/// How long a burst of events must be quiet before we rebuild. Short, because it is
/// most of what an editor waits for; a save that is still being written produces
/// another event, and with it another rebuild.
const QUIET: Duration = Duration::from_millis(15);

/// What a changed path means for the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The config, or a whole top-level folder appeared or went: rebuild everything.
    Everything,
    /// A template, by its registered name (`themes/g40/templates/page.html`).
    Template(String),
    /// A static file, by its output path (`css/site.css`).
    Static(String),
    /// A file under `content/`, by its key (`nieuws/x.md`), or a folder.
    Content(String),
    /// Something the site does not use: an editor's temporary file, another theme.
    Ignored,
}

impl Change {
    pub fn template(&self) -> Option<&str> {
        if let Change::Template(name) = self {
            Some(name)
        } else {
            None
        }
    }

    pub fn static_output(&self) -> Option<&str> {
        if let Change::Static(output) = self {
            Some(output)
        } else {
            None
        }
    }

    pub fn content_key(&self) -> Option<&str> {
        if let Change::Content(key) = self {
            Some(key)
        } else {
            None
        }
    }
}

/// Decides what a changed path means; pure, so the rules are tested directly.
pub fn classify(root: &Path, theme: Option<&str>, path: &Path) -> Change {
    let Ok(relative) = path.strip_prefix(root) else {
        return Change::Ignored;
    };
    if relative.file_name().is_some_and(is_ignored) {
        return Change::Ignored;
    }
    let parts: Vec<&str> = relative
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    let joined = |from: usize| parts[from..].join("/");
    match parts.as_slice() {
        [file] if *file == CONFIG_FILE => Change::Everything,
        [folder] if WATCHED.contains(folder) => Change::Everything,
        // The site's data files (`load_data`): any page may read them.
        ["data", _, ..] => Change::Everything,
        ["content", _, ..] => Change::Content(joined(1)),
        ["templates", _, ..] => Change::Template(joined(0)),
        ["static", _, ..] => Change::Static(joined(1)),
        ["themes", name, "templates", _, ..] if Some(*name) == theme => Change::Template(joined(0)),
        ["themes", name, "static", _, ..] if Some(*name) == theme => Change::Static(joined(3)),
        _ => Change::Ignored,
    }
}

/// The folders under the root that make the site; the root itself is watched without its
/// other folders (`public/`, `.git/`, `target/` would flood us).
const WATCHED: &[&str] = &["content", "templates", "static", "themes", "data"];

/// Anything that can watch a folder: the event-based and the polling debouncer.
trait Watches: Send {
    fn watch_folder(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()>;
    fn unwatch_folder(&mut self, path: &Path) -> notify::Result<()>;
}

impl<T: notify::Watcher + Send, C: notify_debouncer_full::FileIdCache + Send + 'static> Watches
    for notify_debouncer_full::Debouncer<T, C>
{
    fn watch_folder(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.watch(path, mode)
    }

    fn unwatch_folder(&mut self, path: &Path) -> notify::Result<()> {
        self.unwatch(path)
    }
}

/// Which folder a path is: a folder removed and made again, or renamed away and another
/// put in its place (a branch switch does both), is another folder and must be watched
/// again; the old watch saw only the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FolderId(u64, u64);

impl FolderId {
    fn of(path: &Path) -> Option<FolderId> {
        let metadata = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FolderId(metadata.dev(), metadata.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            Some(FolderId(0, 0))
        }
    }
}

/// Watches the site under `root`; dropping it stops watching.
pub struct Watcher {
    root: PathBuf,
    debouncer: Box<dyn Watches>,
    watching: Vec<(&'static str, FolderId)>,
}

impl Watcher {
    /// Starts watching `content/`, `templates/`, `static/`, `themes/` and the config, and
    /// sends each debounced batch of changed paths. `poll` polls instead, for file systems
    /// that send no events (network drives, WSL's `/mnt/c`).
    pub fn start(root: &Path, poll: bool) -> Result<(Watcher, Receiver<Vec<PathBuf>>)> {
        let (sender, receiver) = channel();
        let handler = move |result: DebounceEventResult| forward(&sender, result);
        let debouncer: Box<dyn Watches> = if poll {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(300));
            let cache = notify_debouncer_full::NoCache;
            Box::new(
                new_debouncer_opt::<_, notify::PollWatcher, _>(QUIET, None, handler, cache, config)
                    .map_err(|e| watch_error(root, e))?,
            )
        } else {
            Box::new(new_debouncer(QUIET, None, handler).map_err(|e| watch_error(root, e))?)
        };
        let mut watcher = Watcher {
            root: root.to_owned(),
            debouncer,
            watching: Vec::new(),
        };
        watcher
            .debouncer
            .watch_folder(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, e))?;
        watcher.watch_new_folders()?;
        Ok((watcher, receiver))
    }

    /// Brings the watches up to date with the site's folders: starts watching folders
    /// created since the last call (a new `templates/`), and watches again a folder that
    /// was removed and made again or renamed and put back.
    pub fn watch_new_folders(&mut self) -> Result<()> {
        for folder in WATCHED {
            let path = self.root.join(folder);
            let now = FolderId::of(&path);
            let watched = self.watching.iter().position(|(name, _)| name == folder);
            if let Some(index) = watched {
                if Some(self.watching[index].1) == now {
                    continue;
                }
                let _ = self.debouncer.unwatch_folder(&path);
                self.watching.remove(index);
            }
            if let Some(id) = now {
                self.debouncer
                    .watch_folder(&path, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&path, e))?;
                self.watching.push((folder, id));
            }
        }
        Ok(())
    }
}

fn watch_error(path: &Path, error: notify::Error) -> Error {
    Error::Watch {
        path: path.to_owned(),
        message: error.to_string(),
    }
}

fn forward(sender: &Sender<Vec<PathBuf>>, result: DebounceEventResult) {
    let Ok(events) = result else { return };
    let changes = events
        .into_iter()
        .filter(|e| changes_content(&e.event.kind));
    let mut paths: Vec<PathBuf> = changes.flat_map(|e| e.event.paths).collect();
    paths.sort();
    paths.dedup();
    if !paths.is_empty() {
        let _ = sender.send(paths);
    }
}

/// Whether an event can mean new content. Opening and reading a file cannot (the server
/// reads files itself, and must not rebuild because of it); closing a file that was open
/// for writing can, and is often the last event of a save.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_file_is_not_a_change() {
        assert!(!changes_content(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(changes_content(&EventKind::Modify(
            notify::event::ModifyKind::Any
        )));
    }

    fn kind(path: &str) -> Change {
        classify(
            Path::new("/site"),
            Some("g40"),
            &Path::new("/site").join(path),
        )
    }

    #[test]
    fn paths_are_classified_by_where_they_live() {
        assert_eq!(kind("config.yaml"), Change::Everything);
        assert_eq!(
            kind("content/nieuws/x.md"),
            Change::Content("nieuws/x.md".into())
        );
        assert_eq!(kind("content/nieuws"), Change::Content("nieuws".into()));
        assert_eq!(
            kind("templates/page.html"),
            Change::Template("templates/page.html".into())
        );
        assert_eq!(
            kind("themes/g40/templates/base.html"),
            Change::Template("themes/g40/templates/base.html".into())
        );
        assert_eq!(
            kind("themes/g40/static/css/site.css"),
            Change::Static("css/site.css".into())
        );
        assert_eq!(kind("static/logo.svg"), Change::Static("logo.svg".into()));
        assert_eq!(kind("data/gemeenten.csv"), Change::Everything);
    }

    #[test]
    fn editor_leftovers_other_themes_and_output_are_ignored() {
        assert_eq!(kind("content/nieuws/.x.md.swp"), Change::Ignored);
        assert_eq!(kind("content/nieuws/x.md~"), Change::Ignored);
        assert_eq!(kind("content/4913"), Change::Ignored);
        assert_eq!(kind("themes/andere/templates/page.html"), Change::Ignored);
        assert_eq!(kind("public/index.html"), Change::Ignored);
        assert_eq!(kind(".git/index"), Change::Ignored);
    }
}
