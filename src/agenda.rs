//! The half-yearly refresh of the agenda, in two commands an editor runs:
//!
//! - `keten agenda new PERIOD` copies the current edition to `content/SECTION/PERIOD/` as a
//!   draft (`draft: true` in its `_index.md`): out of every build without `--drafts`, so
//!   the editors prepare it out of sight and preview it with `keten serve --drafts`. Links
//!   into the edition, titles and the ways texts write the period are rewritten; the lines
//!   that still mention the old period are listed for review.
//! - `keten agenda publish PERIOD` ends the draft and makes the edition current.
//!
//! Both write only inside `content/` and `config.yaml`, never overwrite an edition, and
//! never copy a symbolic link.

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, EditionsConfig};
use crate::error::{Error, Result};
use crate::files::{write_atomically, write_new};
use crate::model::period::Period;
use crate::msg;

/// What `agenda new` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copied {
    pub files: usize,
    /// Symbolic links in the edition, left out: copying one would turn a file from
    /// elsewhere into a file of the site.
    pub skipped_links: Vec<PathBuf>,
    /// Lines of the new edition that still name the old period, as `content/…:line: text`.
    pub to_review: Vec<String>,
}

/// Starts a new edition as a draft copy of the current one; the current edition stays
/// current until `publish_edition`.
pub fn new_edition(root: &Path, config: &EditionsConfig, period: &str) -> Result<Copied> {
    let new_period = parse_period(period)?;
    let section_path = section_path(config);
    let section = crate::folders::optional(root, &section_path)?
        .ok_or_else(|| Error::Refused(msg!("agenda-no-section", path = &section_path)))?;
    let current_path = format!("{section_path}/{}", config.current);
    let Some(from) = crate::folders::optional(root, &current_path)? else {
        return Err(Error::Refused(msg!(
            "agenda-no-current",
            path = &current_path
        )));
    };
    let to = section.join(period);
    if std::fs::symlink_metadata(&to).is_ok() {
        let path = format!("{section_path}/{period}");
        return Err(Error::Refused(msg!("agenda-exists", path = path)));
    }
    let rewrite = Rewrite::new(&config.section, &config.current, period, new_period);
    let mut copied = copy_edition(&from, &to, &rewrite)?;
    mark_draft(&to.join("_index.md"))?;
    copied.to_review = still_naming(&to, root, &rewrite.old_names)?;
    Ok(copied)
}

/// Makes edition `period` current: ends its draft and points `editions.current` at it.
pub fn publish_edition(root: &Path, config: &EditionsConfig, period: &str) -> Result<()> {
    let edition = format!("{}/{period}", section_path(config));
    let Some(folder) = crate::folders::optional(root, &edition)? else {
        let message = msg!("agenda-no-edition", path = &edition, period = period);
        return Err(Error::Refused(message));
    };
    let config_path = root.join(CONFIG_FILE);
    let config_text =
        std::fs::read_to_string(&config_path).map_err(|e| Error::read(&config_path, e))?;
    let new_config = set_current(&config_text, &config.current, period)
        .ok_or_else(|| Error::Refused(msg!("agenda-no-current-line")))?;
    let index = folder.join("_index.md");
    let text = std::fs::read_to_string(&index).map_err(|e| Error::read(&index, e))?;
    write_atomically(&index, drop_draft(&text).as_bytes())?;
    write_atomically(&config_path, new_config.as_bytes())
}

fn section_path(config: &EditionsConfig) -> String {
    format!("content/{}", config.section.trim_matches('/'))
}

fn parse_period(period: &str) -> Result<Period> {
    Period::parse(period).ok_or_else(|| Error::Refused(msg!("agenda-bad-period", period = period)))
}

/// The text changes a copied edition needs: links into itself, and every way the texts
/// write its period.
struct Rewrite {
    replacements: Vec<(String, String)>,
    /// How texts write the old period, to find what the rewrite could not know.
    old_names: Vec<String>,
}

impl Rewrite {
    fn new(section: &str, old: &str, new: &str, new_period: Period) -> Rewrite {
        let section = section.trim_matches('/');
        let mut replacements = vec![(format!("@/{section}/{old}/"), format!("@/{section}/{new}/"))];
        let mut old_names = vec![old.to_owned()];
        if let Some(old_period) = Period::parse(old) {
            for (from, to) in old_period.variants().into_iter().zip(new_period.variants()) {
                replacements.push((from, to));
            }
            old_names.extend(old_period.variants());
            old_names.extend([old_period.short(), old_period.words()]);
            let new_years = new_period.years();
            let old_years = old_period
                .years()
                .into_iter()
                .filter(|y| !new_years.contains(y));
            old_names.extend(old_years.map(|y| y.to_string()));
            replacements.push((old_period.short(), new_period.short()));
            replacements.push((old_period.words(), new_period.words()));
        }
        replacements.push((old.to_owned(), new.to_owned()));
        replacements.retain(|(from, to)| from != to);
        old_names.sort();
        old_names.dedup();
        Rewrite {
            replacements,
            old_names,
        }
    }

    fn apply(&self, text: &str) -> String {
        let mut text = drop_aliases(text);
        for (old, new) in &self.replacements {
            text = text.replace(old, new);
        }
        text
    }
}

/// Removes an `aliases:` field (inline or as a list) from the front matter: the old
/// addresses belong to the old pages.
fn drop_aliases(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("aliases:") {
            skipping = line.trim_end() == "aliases:";
            continue;
        }
        if skipping && (line.starts_with(' ') || line.starts_with('-')) {
            continue;
        }
        skipping = false;
        out.push_str(line);
    }
    out
}

fn copy_edition(from: &Path, to: &Path, rewrite: &Rewrite) -> Result<Copied> {
    let mut copied = Copied::default();
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::read(from, e.into()))?;
        let target = to.join(entry.path().strip_prefix(from).expect("inside the edition"));
        if entry.file_type().is_symlink() {
            copied.skipped_links.push(entry.into_path());
        } else if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| Error::write(&target, e))?;
        } else if entry.path().extension().is_some_and(|e| e == "md") {
            let text =
                std::fs::read_to_string(entry.path()).map_err(|e| Error::read(entry.path(), e))?;
            write_new(&target, rewrite.apply(&text).as_bytes())?;
            copied.files += 1;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target).map_err(|e| Error::write(&target, e))?;
            copied.files += 1;
        }
    }
    Ok(copied)
}

/// Adds `draft: true` to a section's front matter (or gives it front matter with it).
fn mark_draft(index: &Path) -> Result<()> {
    let text = match std::fs::read_to_string(index) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::read(index, e)),
    };
    let text = drop_draft(&text);
    let marked = match text.strip_prefix("---\n") {
        Some(rest) => format!("---\ndraft: true\n{rest}"),
        None => match text.strip_prefix("---\r\n") {
            Some(rest) => format!("---\r\ndraft: true\r\n{rest}"),
            None => format!("---\ndraft: true\n---\n{text}"),
        },
    };
    write_atomically(index, marked.as_bytes())
}

/// The front matter without its `draft:` line.
fn drop_draft(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_front_matter = false;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if bare == "---" {
            in_front_matter = number == 0;
        } else if in_front_matter && bare.starts_with("draft:") {
            continue;
        }
        out.push_str(line);
    }
    out
}

/// The lines of the new edition's Markdown that still name the old period.
fn still_naming(folder: &Path, root: &Path, old_names: &[String]) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::read(folder, e.into()))?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text =
            std::fs::read_to_string(entry.path()).map_err(|e| Error::read(entry.path(), e))?;
        let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
        for (number, line) in text.lines().enumerate() {
            if old_names.iter().any(|name| line.contains(name.as_str())) {
                found.push(format!(
                    "{}:{}: {}",
                    shown.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    Ok(found)
}

/// `config.yaml` with the value of `current:` in the `editions:` block replaced.
fn set_current(text: &str, old: &str, new: &str) -> Option<String> {
    let mut in_editions = false;
    let mut done = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            in_editions = line.starts_with("editions:");
        }
        let key = line.trim_start();
        if in_editions && !done && key.starts_with("current:") && key.contains(old) {
            out.push_str(&line.replacen(old, new, 1));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    done.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_gets_the_new_current_edition() {
        let text = "title: T\neditions:\n  section: agenda\n  current: \"2024-2025\" # nu\nextra:\n  current: 2024-2025\n";
        let out = set_current(text, "2024-2025", "2026-2027").unwrap();
        assert_eq!(
            out,
            "title: T\neditions:\n  section: agenda\n  current: \"2026-2027\" # nu\nextra:\n  current: 2024-2025\n"
        );
    }

    #[test]
    fn copies_point_at_the_new_edition_and_lose_their_aliases() {
        let period = Period::parse("2026-2027").unwrap();
        let rewrite = Rewrite::new("agenda", "2024-2025", "2026-2027", period);
        let text = "---\ntitle: \"Strategische agenda '24-'25\"\naliases:\n  - /oud/\nextra:\n  periode: \"2024-2025\"\n---\nZie [x](@/agenda/2024-2025/a.md), voor 2024 en 2025.\n";
        assert_eq!(
            rewrite.apply(text),
            "---\ntitle: \"Strategische agenda '26-'27\"\nextra:\n  periode: \"2026-2027\"\n---\nZie [x](@/agenda/2026-2027/a.md), voor 2026 en 2027.\n"
        );
    }

    #[test]
    fn a_half_year_edition_gets_its_own_words() {
        let period = Period::parse("2025-najaar").unwrap();
        let rewrite = Rewrite::new("agenda", "2025-voorjaar", "2025-najaar", period);
        let text = "---\ntitle: \"Agenda voorjaar '25\"\n---\nIn voorjaar 2025; zie @/agenda/2025-voorjaar/a.md.\n";
        assert_eq!(
            rewrite.apply(text),
            "---\ntitle: \"Agenda najaar '25\"\n---\nIn najaar 2025; zie @/agenda/2025-najaar/a.md.\n"
        );
    }

    #[test]
    fn draft_is_added_and_removed_in_the_front_matter_only() {
        let text = "---\ntitle: A\n---\ndraft: dit blijft\n";
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("_index.md");
        std::fs::write(&index, text).unwrap();
        mark_draft(&index).unwrap();
        let marked = std::fs::read_to_string(&index).unwrap();
        assert_eq!(
            marked,
            "---\ndraft: true\ntitle: A\n---\ndraft: dit blijft\n"
        );
        assert_eq!(drop_draft(&marked), text);
    }
}
