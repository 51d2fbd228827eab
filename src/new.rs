//! `keten new PATH`: a new content file from its section's archetype, with the title,
//! today's date and `draft: true` filled in. It never overwrites a file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::url::split_date_prefix;

/// Used when neither site nor theme has an archetype for the section.
const DEFAULT_ARCHETYPE: &str =
    "---\ntitle: \"{{ title }}\"\ndate: {{ date }}\ndraft: true\n---\n\n";

/// What `keten new` created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub file: PathBuf,
    /// The archetype used, or none for the built-in one.
    pub archetype: Option<PathBuf>,
}

/// Creates `content/PATH` under `root`; `theme` is the config's theme, for its archetypes.
pub fn new_content(
    root: &Path,
    path: &str,
    theme: Option<&str>,
    today: NaiveDate,
) -> Result<Created> {
    let key = content_key(path)?;
    crate::folders::content(root)?;
    let dir = crate::model::parent_dir(&key);
    crate::folders::optional(root, &format!("content/{dir}"))?;
    let file = root.join("content").join(&key);
    if file.exists() {
        return Err(Error::Refused(format!(
            "`content/{key}` already exists; keten new never overwrites a file"
        )));
    }
    let archetype = find_archetype(root, &key, theme);
    let template = match &archetype {
        Some(path) => std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?,
        None => DEFAULT_ARCHETYPE.to_owned(),
    };
    let text = fill(&template, &key, today)?;
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    write_new(&file, &text)?;
    let archetype = archetype.map(|p| p.strip_prefix(root).unwrap_or(&p).to_owned());
    Ok(Created {
        file: Path::new("content").join(&key),
        archetype,
    })
}

/// `nieuws/x.md` or `content/nieuws/x.md` → `nieuws/x.md`; a folder gets `index.md`.
fn content_key(path: &str) -> Result<String> {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("content/").unwrap_or(&path);
    let key = crate::url::contained_path(path)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| Error::Refused(format!("`{path}` is not a path inside content/")))?;
    if key.ends_with(".md") {
        Ok(key)
    } else if path.ends_with('/') {
        Ok(format!("{key}/index.md"))
    } else {
        Err(Error::Refused(format!(
            "`{path}` should end in `.md` (or `/` for a page folder)"
        )))
    }
}

/// `archetypes/agenda/2024-2025.md`, then `archetypes/agenda.md`, then
/// `archetypes/default.md`; the site's before the theme's.
fn find_archetype(root: &Path, key: &str, theme: Option<&str>) -> Option<PathBuf> {
    let dir = crate::model::parent_dir(key.strip_suffix("/index.md").unwrap_or(key));
    let mut names = Vec::new();
    if !dir.is_empty() {
        names.push(format!("{dir}.md"));
        if let Some((top, _)) = dir.split_once('/') {
            names.push(format!("{top}.md"));
        }
    }
    names.push("default.md".to_owned());
    let mut bases = vec![root.join("archetypes")];
    if let Some(theme) = theme {
        bases.push(root.join("themes").join(theme).join("archetypes"));
    }
    names
        .iter()
        .flat_map(|name| bases.iter().map(move |base| base.join(name)))
        .find(|p| p.is_file())
}

/// Renders the archetype with `title`, `date` and `slug`.
fn fill(template: &str, key: &str, today: NaiveDate) -> Result<String> {
    let name = key.strip_suffix("/index.md").unwrap_or(key);
    let stem = name
        .rsplit('/')
        .next()
        .unwrap_or(name)
        .trim_end_matches(".md");
    let (slug, day) = split_date_prefix(stem);
    let date = day.map_or_else(|| today.format("%Y-%m-%d").to_string(), str::to_owned);
    let mut context = tera::Context::new();
    context.insert("title", &title_from(slug).replace('"', "\\\""));
    context.insert("date", &date);
    context.insert("slug", slug);
    tera::Tera::one_off(template, &context, false).map_err(|e| crate::templates::template_error(&e))
}

/// `regionale-bijeenkomst` → `Regionale bijeenkomst`.
fn title_from(slug: &str) -> String {
    let words = slug.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Creates the file only if it does not exist, even if another process races us.
fn write_new(file: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut handle = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .map_err(|e| Error::write(file, e))?;
    handle
        .write_all(text.as_bytes())
        .map_err(|e| Error::write(file, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_from_what_editors_type() {
        assert_eq!(content_key("nieuws/x.md").unwrap(), "nieuws/x.md");
        assert_eq!(content_key("content/nieuws/x.md").unwrap(), "nieuws/x.md");
        assert_eq!(content_key("papers/x/").unwrap(), "papers/x/index.md");
        assert!(content_key("../x.md").is_err());
        assert!(content_key("nieuws/x").is_err());
    }

    #[test]
    fn title_and_date_come_from_the_file_name() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let text = fill(
            DEFAULT_ARCHETYPE,
            "nieuws/2025-03-01-regionaal-symposium.md",
            today,
        )
        .unwrap();
        assert_eq!(
            text,
            "---\ntitle: \"Regionaal symposium\"\ndate: 2025-03-01\ndraft: true\n---\n\n"
        );
        let text = fill(DEFAULT_ARCHETYPE, "nieuws/bericht.md", today).unwrap();
        assert!(text.contains("date: 2026-11-23"), "{text}");
    }
}
