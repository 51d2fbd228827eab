//! When each content file last changed, from git: one `git log` over `content/` for the
//! whole site (a git process per file would cost seconds on a big site), and one
//! `git status` for files changed since the last commit.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use chrono::Timelike;
use chrono::{DateTime, FixedOffset, TimeZone, Utc};

/// How many recent changes each page keeps for its template.
pub const KEEP: usize = 5;

/// One commit that changed a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub date: DateTime<FixedOffset>,
    pub subject: String,
}

/// The git history of the site's content; empty outside a git repository.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Content key → its latest changes, newest first.
    changes: HashMap<String, Vec<Commit>>,
    /// Content keys with changes that are not committed (or not in git at all).
    modified: HashSet<String>,
    /// Why there is no history, when that is worth saying (a shallow clone).
    pub note: Option<crate::messages::Msg>,
}

/// A history being read in the background, so git works while the site loads.
pub struct PendingHistory(std::thread::JoinHandle<History>);

impl PendingHistory {
    /// Waits for the history.
    pub fn finish(self) -> History {
        self.0.join().unwrap_or_default()
    }
}

impl History {
    /// Starts reading the history of `root/content/` in the background.
    pub fn start(root: &Path) -> PendingHistory {
        let root = root.to_owned();
        PendingHistory(std::thread::spawn(move || History::read(&root)))
    }

    /// Reads the history of `root/content/`; an empty history when `root` is not in git.
    pub fn read(root: &Path) -> History {
        // `--relative` keeps the output to the site folder; a `-- content/` pathspec would
        // also do that, but makes git simplify history commit by commit: twice as slow.
        let Some(log) = git(
            root,
            &[
                "log",
                "-z",
                "--relative",
                "-M",
                "--name-status",
                "--format=%x1e%ct%x1f%s",
            ],
        ) else {
            return History::default();
        };
        if git(root, &["rev-parse", "--is-shallow-repository"]).is_some_and(|s| s.trim() == "true")
        {
            return History {
                note: Some(crate::msg!("history-shallow")),
                ..History::default()
            };
        }
        // Status paths are relative to the repository's top, not to the site folder.
        let prefix = git(root, &["rev-parse", "--show-prefix"]).unwrap_or_default();
        let status = git(
            root,
            &[
                "status",
                "--porcelain",
                "-z",
                "--untracked-files=all",
                "--",
                "content/",
            ],
        )
        .unwrap_or_default();
        History {
            changes: parse_log(&log),
            modified: parse_status(&status, prefix.trim()),
            note: None,
        }
    }

    /// The latest changes of content file `key`, newest first (empty when git does not know it).
    pub fn changes(&self, key: &str) -> &[Commit] {
        self.changes.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether `key` has changes git has not committed.
    pub fn is_modified(&self, key: &str) -> bool {
        self.modified.contains(key)
    }

    /// When content file `key` last changed: for an edit git has not committed, the file's
    /// time; else its last commit; else the front matter's `updated`; else the file's time.
    pub fn last_modified(
        &self,
        key: &str,
        updated: Option<DateTime<FixedOffset>>,
        file: &Path,
    ) -> Option<DateTime<FixedOffset>> {
        let committed = self
            .changes(key)
            .first()
            .map(|c| c.date)
            .filter(|_| !self.is_modified(key));
        committed
            .or(updated.filter(|_| !self.is_modified(key)))
            .or_else(|| file_time(file))
    }

    /// Records that `key` was just edited (by `serve`): its last change is now.
    pub fn mark_modified(&mut self, key: &str) {
        self.modified.insert(key.to_owned());
    }
}

fn file_time(file: &Path) -> Option<DateTime<FixedOffset>> {
    let modified = std::fs::metadata(file).and_then(|m| m.modified()).ok()?;
    // Whole seconds: a fraction of nine digits is not a valid HTML `datetime`.
    let seconds = DateTime::<Utc>::from(modified).with_nanosecond(0)?;
    Some(seconds.fixed_offset())
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    // Without optional locks, `git status` does not refresh the index, so a build never
    // takes `index.lock` from under the editor's own git.
    let output = Command::new("git")
        .arg("--no-optional-locks")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Parses `git log -z --name-status --format=%x1e%ct%x1f%s`: commits newest first, each
/// with the files it touched. A renamed file keeps the history of its old name.
fn parse_log(log: &str) -> HashMap<String, Vec<Commit>> {
    let mut changes: HashMap<String, Vec<Commit>> = HashMap::new();
    let mut renamed: HashMap<String, String> = HashMap::new();
    for commit in log.split('\u{1e}').filter(|c| !c.is_empty()) {
        let (header, files) = commit.split_once('\0').unwrap_or((commit, ""));
        let Some(change) = parse_header(header) else {
            continue;
        };
        let mut tokens = files
            .trim_start_matches('\n')
            .split('\0')
            .filter(|t| !t.is_empty());
        while let Some(status) = tokens.next() {
            let path = match status.chars().next() {
                Some('R') | Some('C') => {
                    let old = tokens.next().unwrap_or_default();
                    let new = tokens.next().unwrap_or_default();
                    let current = current_name(&renamed, new);
                    renamed.insert(old.to_owned(), current.clone());
                    current
                }
                _ => current_name(&renamed, tokens.next().unwrap_or_default()),
            };
            let Some(key) = path.strip_prefix("content/") else {
                continue;
            };
            let list = changes.entry(key.to_owned()).or_default();
            if list.len() < KEEP && list.last() != Some(&change) {
                list.push(change.clone());
            }
        }
    }
    changes
}

fn current_name(renamed: &HashMap<String, String>, path: &str) -> String {
    renamed
        .get(path)
        .cloned()
        .unwrap_or_else(|| path.to_owned())
}

fn parse_header(header: &str) -> Option<Commit> {
    let (seconds, subject) = header.split_once('\u{1f}')?;
    let date = Utc
        .timestamp_opt(seconds.trim().parse().ok()?, 0)
        .single()?;
    Some(Commit {
        date: date.fixed_offset(),
        subject: subject.to_owned(),
    })
}

/// Content keys in `git status --porcelain -z` output: modified, added, untracked.
/// `prefix` is the site folder's path in the repository (`site/`, or empty).
fn parse_status(status: &str, prefix: &str) -> HashSet<String> {
    let mut modified = HashSet::new();
    let mut entries = status.split('\0').filter(|e| e.len() > 3);
    while let Some(entry) = entries.next() {
        let (code, path) = entry.split_at(3);
        if code.starts_with('R') || code.starts_with('C') {
            entries.next();
        }
        if let Some(key) = path
            .strip_prefix(prefix)
            .and_then(|p| p.strip_prefix("content/"))
        {
            modified.insert(key.to_owned());
        }
    }
    modified
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_gives_each_file_its_changes_newest_first_across_renames() {
        let log = "\u{1e}300\u{1f}Hernoemd\0\nR090\0content/a.md\0content/b.md\0\u{1e}200\u{1f}Tweede\0\nM\0content/a.md\0M\0content/c.md\0\u{1e}100\u{1f}Eerste\0\nA\0content/a.md\0";
        let changes = parse_log(log);
        let subjects: Vec<&str> = changes["b.md"].iter().map(|c| c.subject.as_str()).collect();
        assert_eq!(subjects, ["Hernoemd", "Tweede", "Eerste"]);
        assert_eq!(changes["b.md"][0].date.timestamp(), 300);
        assert_eq!(changes["c.md"].len(), 1);
        assert!(!changes.contains_key("a.md"));
    }

    #[test]
    fn status_lists_changed_and_new_files() {
        let status = " M content/a.md\0?? content/nieuw.md\0R  content/c.md\0content/oud.md\0 M config.yaml\0";
        let modified = parse_status(status, "");
        assert!(
            modified.contains("a.md") && modified.contains("nieuw.md") && modified.contains("c.md")
        );
        assert_eq!(modified.len(), 3);
    }
}
