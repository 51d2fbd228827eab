//! Git for editors who want it: which content files changed since the last commit, what
//! changed in them, and a commit of the ones chosen, by the author in the user's git
//! config. Only paths under `content/` are ever named to git; pushing stays the editor's
//! own step.

use std::path::Path;
use std::process::Command;

use similar::{ChangeTag, TextDiff};

use crate::html::escape;
use crate::messages::Msg;
use crate::msg;

/// What happened to a changed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Modified,
    /// New: not in git yet, or added.
    Added,
    Deleted,
    /// Renamed (as git was told), from this path.
    Renamed(String),
}

impl Kind {
    pub fn label(&self) -> &'static str {
        match self {
            Kind::Modified => "gewijzigd",
            Kind::Added => "nieuw",
            Kind::Deleted => "verwijderd",
            Kind::Renamed(_) => "hernoemd",
        }
    }
}

/// A content file with changes git has not committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// Its path from the site folder: `content/nieuws/x.md`.
    pub path: String,
    pub kind: Kind,
}

/// Runs git in the site folder without optional locks (a `git status` of ours never
/// takes the index lock from the editor's own git); `None` when git fails.
fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("--no-optional-locks")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

/// Whether the site folder is in a git repository (and git is installed).
pub fn is_repository(root: &Path) -> bool {
    git(root, &["rev-parse", "--is-inside-work-tree"]).is_ok_and(|s| s.trim() == "true")
}

/// The site folder's path in its repository (`site/`, or empty).
fn prefix(root: &Path) -> String {
    git(root, &["rev-parse", "--show-prefix"])
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

/// The content files with changes, sorted by path.
pub fn changes(root: &Path) -> Result<Vec<Changed>, Msg> {
    let args = [
        "status",
        "--porcelain",
        "-z",
        "--untracked-files=all",
        "--",
        "content/",
    ];
    let status = git(root, &args).map_err(|e| msg!("editor-git-failed", reason = e))?;
    let mut list = parse_status(&status, &prefix(root));
    list.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(list)
}

/// Parses `git status --porcelain -z`; paths come relative to the repository's top.
fn parse_status(status: &str, prefix: &str) -> Vec<Changed> {
    let mut list = Vec::new();
    let mut entries = status.split('\0').filter(|e| e.len() > 3);
    while let Some(entry) = entries.next() {
        let (code, path) = entry.split_at(3);
        let code = code.as_bytes();
        let renamed_from = if code[0] == b'R' || code[0] == b'C' {
            entries.next()
        } else {
            None
        };
        let Some(path) = path
            .strip_prefix(prefix)
            .filter(|p| p.starts_with("content/"))
        else {
            continue;
        };
        let kind = match (code[0], code[1], renamed_from) {
            (_, _, Some(from)) => {
                Kind::Renamed(from.strip_prefix(prefix).unwrap_or(from).to_owned())
            }
            (b'?', _, _) | (b'A', _, _) => Kind::Added,
            (b'D', _, _) | (_, b'D', _) => Kind::Deleted,
            _ => Kind::Modified,
        };
        list.push(Changed {
            path: path.to_owned(),
            kind,
        });
    }
    list
}

/// The file's text in the last commit (empty when it is new).
pub fn committed(root: &Path, path: &str) -> String {
    let spec = format!("HEAD:{}{path}", prefix(root));
    git(root, &["show", &spec]).unwrap_or_default()
}

/// Who commits: `user.name` and `user.email` from git's config, or a message saying how
/// to set them.
pub fn author(root: &Path) -> Result<String, Msg> {
    let get = |key| {
        git(root, &["config", "--get", key])
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    match (get("user.name"), get("user.email")) {
        (Some(name), Some(email)) => Ok(format!("{name} <{email}>")),
        _ => Err(msg!("editor-git-no-author")),
    }
}

/// Commits the changes of `paths` (each one of [`changes`]) with `message`; returns the
/// new commit's short hash. Other staged changes of the repository are left as they are.
pub fn commit(root: &Path, paths: &[String], message: &str) -> Result<String, Msg> {
    let changed = changes(root)?;
    let mut named: Vec<String> = Vec::new();
    for path in paths {
        let Some(change) = changed.iter().find(|c| &c.path == path) else {
            return Err(msg!("editor-git-not-changed", path = path));
        };
        named.push(change.path.clone());
        if let Kind::Renamed(from) = &change.kind {
            named.push(from.clone());
        }
    }
    if named.is_empty() {
        return Err(msg!("editor-git-nothing"));
    }
    if message.trim().is_empty() {
        return Err(msg!("editor-git-no-message"));
    }
    author(root)?;
    let failed = |e: String| msg!("editor-git-failed", reason = e);
    let mut add = vec!["add", "-A", "--"];
    add.extend(named.iter().map(String::as_str));
    git(root, &add).map_err(failed)?;
    let mut commit = vec!["commit", "--quiet", "-m", message.trim(), "--only", "--"];
    commit.extend(named.iter().map(String::as_str));
    git(root, &commit).map_err(failed)?;
    git(root, &["rev-parse", "--short", "HEAD"])
        .map(|s| s.trim().to_owned())
        .map_err(failed)
}

/// A readable line diff as an HTML table: the changed lines with three lines around them,
/// removed lines struck through, added ones underlined, changed words marked.
pub fn diff_table(old: &str, new: &str, caption: &str) -> String {
    let diff = TextDiff::from_lines(old, new);
    let mut rows = String::new();
    for (index, group) in diff.grouped_ops(3).iter().enumerate() {
        if index > 0 {
            rows.push_str("<tr class=\"tussen\"><td colspan=\"3\">…</td></tr>");
        }
        for op in group {
            for change in diff.iter_inline_changes(op) {
                let (class, sign, hidden) = match change.tag() {
                    ChangeTag::Delete => ("weg", "−", "weg: "),
                    ChangeTag::Insert => ("bij", "+", "nieuw: "),
                    ChangeTag::Equal => ("zelfde", "", ""),
                };
                let number = change
                    .new_index()
                    .or(change.old_index())
                    .map_or(String::new(), |n| (n + 1).to_string());
                let mut text = String::new();
                for (emphasised, part) in change.iter_strings_lossy() {
                    let part = escape(part.trim_end_matches(['\n', '\r']));
                    match (emphasised, change.tag()) {
                        (true, ChangeTag::Delete) => text.push_str(&format!("<del>{part}</del>")),
                        (true, ChangeTag::Insert) => text.push_str(&format!("<ins>{part}</ins>")),
                        _ => text.push_str(&part),
                    }
                }
                let hidden = if hidden.is_empty() {
                    String::new()
                } else {
                    format!("<span class=\"visually-hidden\">{hidden}</span>")
                };
                rows.push_str(&format!(
                    "<tr class=\"{class}\"><td class=\"nummer\">{number}</td><td class=\"teken\" aria-hidden=\"true\">{sign}</td><td class=\"regel\">{hidden}{text}</td></tr>"
                ));
            }
        }
    }
    if rows.is_empty() {
        return "<p>Geen verschil in de tekst.</p>".to_owned();
    }
    format!(
        "<div class=\"tabel-schuif\" tabindex=\"0\" role=\"region\" aria-label=\"{c}\"><table class=\"verschil\"><caption class=\"visually-hidden\">{c}</caption><thead><tr><th scope=\"col\">Regel</th><th scope=\"col\"><span class=\"visually-hidden\">Soort</span></th><th scope=\"col\">Tekst</th></tr></thead><tbody>{rows}</tbody></table></div>",
        c = escape(caption)
    )
}

/// Two versions side by side, line by line, the differences marked: for a save that
/// found the file changed on disk.
pub fn side_by_side(left: &str, right: &str, left_title: &str, right_title: &str) -> String {
    let diff = TextDiff::from_lines(left, right);
    let mut rows = String::new();
    let cell = |class: &str, text: &str| {
        format!(
            "<td class=\"{class}\">{}</td>",
            escape(text.trim_end_matches(['\n', '\r']))
        )
    };
    let mut removed: Vec<&str> = Vec::new();
    let mut added: Vec<&str> = Vec::new();
    let flush = |removed: &mut Vec<&str>, added: &mut Vec<&str>, rows: &mut String| {
        for i in 0..removed.len().max(added.len()) {
            let left = removed
                .get(i)
                .map_or_else(|| cell("leeg", ""), |t| cell("weg", t));
            let right = added
                .get(i)
                .map_or_else(|| cell("leeg", ""), |t| cell("bij", t));
            rows.push_str(&format!("<tr class=\"anders\">{left}{right}</tr>"));
        }
        removed.clear();
        added.clear();
    };
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Delete => removed.push(change.value()),
            ChangeTag::Insert => added.push(change.value()),
            ChangeTag::Equal => {
                flush(&mut removed, &mut added, &mut rows);
                let text = change.value();
                rows.push_str(&format!(
                    "<tr>{}{}</tr>",
                    cell("zelfde", text),
                    cell("zelfde", text)
                ));
            }
        }
    }
    flush(&mut removed, &mut added, &mut rows);
    format!(
        "<div class=\"tabel-schuif\" tabindex=\"0\" role=\"region\" aria-label=\"Beide versies naast elkaar\"><table class=\"naast\"><caption class=\"visually-hidden\">Beide versies naast elkaar; regels die verschillen zijn gemarkeerd</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{rows}</tbody></table></div>",
        escape(left_title),
        escape(right_title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_content_files_and_what_happened() {
        let status = " M site/content/a.md\0?? site/content/nieuw.md\0R  site/content/c.md\0site/content/oud.md\0 D site/content/weg.md\0 M site/config.yaml\0";
        let list = parse_status(status, "site/");
        assert_eq!(
            list,
            vec![
                Changed {
                    path: "content/a.md".into(),
                    kind: Kind::Modified
                },
                Changed {
                    path: "content/nieuw.md".into(),
                    kind: Kind::Added
                },
                Changed {
                    path: "content/c.md".into(),
                    kind: Kind::Renamed("content/oud.md".into())
                },
                Changed {
                    path: "content/weg.md".into(),
                    kind: Kind::Deleted
                },
            ]
        );
    }

    #[test]
    fn diffs_mark_removed_and_added_words() {
        let table = diff_table("Een\nTwee drie\nVier\n", "Een\nTwee vijf\nVier\n", "a.md");
        assert!(table.contains("<del>drie</del>"), "{table}");
        assert!(table.contains("<ins>vijf</ins>"), "{table}");
        let both = side_by_side("a\nb\n", "a\nc\n", "Op schijf", "Uw versie");
        assert!(
            both.contains("<td class=\"weg\">b</td><td class=\"bij\">c</td>"),
            "{both}"
        );
    }
}
