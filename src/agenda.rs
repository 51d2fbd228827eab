//! `keten agenda new PERIOD`: start a new edition of the agenda from the current one. It
//! writes only inside `content/` and `config.yaml`, and never overwrites anything.

use std::path::Path;

use crate::config::EditionsConfig;

/// Starts a new edition: copies the current one's folder to `content/SECTION/PERIOD/`,
/// points its links and period at the new one, drops aliases (they belong to the old
/// pages), and makes it current in `config.yaml`. Never overwrites anything.
pub fn new_edition(
    root: &Path,
    config: &EditionsConfig,
    period: &str,
) -> crate::error::Result<Copied> {
    use crate::error::Error;
    if crate::url::slugify(period) != period {
        return Err(Error::Refused(format!(
            "`{period}` cannot be a folder name; use something like 2026-2027"
        )));
    }
    let section_path = format!("content/{}", config.section.trim_matches('/'));
    let section = crate::folders::optional(root, &section_path)?.ok_or_else(|| {
        Error::Refused(format!(
            "editions: there is no section folder `{section_path}`"
        ))
    })?;
    let from = section.join(&config.current);
    let to = section.join(period);
    if to.exists() {
        return Err(Error::Refused(format!(
            "`{}` already exists; keten never overwrites an edition",
            to.display()
        )));
    }
    if crate::folders::optional(root, &format!("{section_path}/{}", config.current))?.is_none() {
        return Err(Error::Refused(format!(
            "the current edition `{}` does not exist",
            from.display()
        )));
    }
    let config_path = root.join(crate::config::CONFIG_FILE);
    let config_text =
        std::fs::read_to_string(&config_path).map_err(|e| Error::read(&config_path, e))?;
    let new_config = set_current(&config_text, &config.current, period).ok_or_else(|| {
        Error::Refused(
            "could not find `current:` under `editions:` in config.yaml; set it by hand".to_owned(),
        )
    })?;
    let copied = copy_edition(
        &from,
        &to,
        &Rewrite::new(&config.section, &config.current, period),
    )?;
    std::fs::write(&config_path, new_config).map_err(|e| Error::write(&config_path, e))?;
    Ok(copied)
}

/// The text changes a copied edition needs: its period, and links into itself.
struct Rewrite {
    replacements: Vec<(String, String)>,
}

impl Rewrite {
    fn new(section: &str, old: &str, new: &str) -> Rewrite {
        let section = section.trim_matches('/');
        let mut replacements = vec![
            (format!("@/{section}/{old}/"), format!("@/{section}/{new}/")),
            (old.to_owned(), new.to_owned()),
        ];
        if let (Some(old_short), Some(new_short)) = (short_period(old), short_period(new)) {
            replacements.push((old_short, new_short));
        }
        Rewrite { replacements }
    }

    fn apply(&self, text: &str) -> String {
        let mut text = drop_aliases(text);
        for (old, new) in &self.replacements {
            text = text.replace(old, new);
        }
        text
    }
}

/// `2024-2025` → `'24-'25`, the way the agenda's titles write a period.
fn short_period(period: &str) -> Option<String> {
    let (a, b) = period.split_once('-')?;
    (a.len() == 4 && b.len() == 4).then(|| format!("'{}-'{}", &a[2..], &b[2..]))
}

/// Removes an `aliases:` field (inline or as a list) from the front matter.
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

/// What `agenda new` copied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copied {
    pub files: usize,
    /// Symbolic links in the edition, left out: copying one would turn a file from
    /// elsewhere into a file of the site.
    pub skipped_links: Vec<std::path::PathBuf>,
}

fn copy_edition(from: &Path, to: &Path, rewrite: &Rewrite) -> crate::error::Result<Copied> {
    use crate::error::Error;
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
            std::fs::write(&target, rewrite.apply(&text)).map_err(|e| Error::write(&target, e))?;
            copied.files += 1;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target).map_err(|e| Error::write(&target, e))?;
            copied.files += 1;
        }
    }
    Ok(copied)
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
        let rewrite = Rewrite::new("agenda", "2024-2025", "2026-2027");
        let text = "---\ntitle: \"Strategische agenda '24-'25\"\naliases:\n  - /oud/\nextra:\n  periode: \"2024-2025\"\n---\nZie [x](@/agenda/2024-2025/a.md).\n";
        assert_eq!(
            rewrite.apply(text),
            "---\ntitle: \"Strategische agenda '26-'27\"\nextra:\n  periode: \"2026-2027\"\n---\nZie [x](@/agenda/2026-2027/a.md).\n"
        );
    }
}
