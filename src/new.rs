//! `keten new PATH`: a new content file from its section's archetype, with the title,
//! today's date and `draft: true` filled in. It never overwrites a file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::inputs::schema::{FieldRule, FieldType};
use crate::inputs::source::Source;
use crate::msg;
use crate::url::split_date_prefix;
use crate::yaml::{self, YamlValue};

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
    create(root, path, theme, today, None)
}

/// Creates `content/PATH` as [`new_content`] does, with `title` as its title instead of
/// one made from the file name (the browser editor asks for the title first).
pub fn new_titled(
    root: &Path,
    path: &str,
    theme: Option<&str>,
    today: NaiveDate,
    title: &str,
) -> Result<Created> {
    create(root, path, theme, today, Some(title))
}

fn create(
    root: &Path,
    path: &str,
    theme: Option<&str>,
    today: NaiveDate,
    title: Option<&str>,
) -> Result<Created> {
    let key = content_key(root, path)?;
    crate::folders::content(root)?;
    let dir = crate::model::parent_dir(&key);
    crate::folders::optional(root, &format!("content/{dir}"))?;
    let file = root.join("content").join(&key);
    if file.exists() {
        let path = format!("content/{key}");
        return Err(Error::Refused(msg!("new-exists", path = path)));
    }
    let archetype = find_archetype(root, &key, theme);
    let template = match &archetype {
        Some(path) => std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?,
        None => DEFAULT_ARCHETYPE.to_owned(),
    };
    let text = fill(&template, &key, today, title)?;
    let text = complete_for_schema(&text, root, &key, today)?;
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    crate::files::write_new(&file, text.as_bytes())?;
    let archetype = archetype.map(|p| p.strip_prefix(root).unwrap_or(&p).to_owned());
    Ok(Created {
        file: Path::new("content").join(&key),
        archetype,
    })
}

/// What a field the section's schema requires gets when the archetype leaves it out, so
/// the new file builds at once. Editors see it and write their own.
const TO_FILL_IN: &str = "(nog in te vullen)";

/// Adds every field the section's schema requires and the archetype left out: a
/// placeholder text, today's date, the first allowed value, or for a unique number the
/// next free one (`extra.nummer: 8` after seven speerpunten).
fn complete_for_schema(text: &str, root: &Path, key: &str, today: NaiveDate) -> Result<String> {
    let sources = crate::inputs::Sources::read(&crate::folders::content(root)?)?;
    let Some(section) = nearest_section(&sources, key) else {
        return Ok(text.to_owned());
    };
    let file = Path::new("content").join(key);
    let split = crate::inputs::front_matter::split(text, &file)?;
    let front = yaml::parse_value(if split.yaml.is_empty() {
        "{}"
    } else {
        split.yaml
    })
    .map_err(|e| {
        Error::Refused(msg!(
            "new-bad-archetype",
            path = key,
            detail = e.to_string()
        ))
    })?;
    let mut yaml_text = split.yaml.to_owned();
    for (path, rule) in section.meta.schema.iter().filter(|(_, rule)| rule.required) {
        let parts: Vec<&str> = path.split('.').collect();
        if lookup(&front, &parts).is_some() {
            continue;
        }
        let taken = taken_numbers(&sources, &section.key, &parts);
        let value = placeholder(rule, &taken, today);
        yaml_text = insert_field(&yaml_text, &parts, &value);
    }
    if yaml_text == split.yaml {
        return Ok(text.to_owned());
    }
    Ok(format!("{yaml_text}---\n{}", split.body))
}

/// The section whose folder holds `key`, nearest first.
pub(crate) fn nearest_section<'s>(
    sources: &'s crate::inputs::Sources,
    key: &str,
) -> Option<&'s crate::inputs::source::SectionSource> {
    let mut dir = crate::model::parent_dir(key.strip_suffix("/index.md").unwrap_or(key));
    loop {
        let index = if dir.is_empty() {
            "_index.md".to_owned()
        } else {
            format!("{dir}/_index.md")
        };
        if let Some(Source::Section(section)) = sources.files.get(&index) {
            return Some(section);
        }
        if dir.is_empty() {
            return None;
        }
        dir = crate::model::parent_dir(dir);
    }
}

/// The numbers the pages of section `section_key` have at `parts`.
fn taken_numbers(sources: &crate::inputs::Sources, section_key: &str, parts: &[&str]) -> Vec<f64> {
    let folder = crate::model::parent_dir(section_key);
    sources
        .files
        .values()
        .filter_map(|source| match source {
            Source::Page(page) => Some(page),
            Source::Section(_) => None,
        })
        .filter(|page| {
            let dir =
                crate::model::parent_dir(page.key.strip_suffix("/index.md").unwrap_or(&page.key));
            dir == folder
        })
        .filter_map(|page| {
            let front = yaml::parse_value(&page.yaml).ok()?;
            lookup(&front, parts)?.as_f64()
        })
        .collect()
}

fn lookup<'v>(value: &'v YamlValue, parts: &[&str]) -> Option<&'v YamlValue> {
    parts
        .iter()
        .try_fold(value, |v, part| v.get(part))
        .filter(|v| !v.is_null())
}

/// A value that satisfies `rule`, for a field the editor still has to fill in.
fn placeholder(rule: &FieldRule, taken: &[f64], today: NaiveDate) -> YamlValue {
    let text = || YamlValue::String(TO_FILL_IN.to_owned());
    if let Some(first) = rule.values.as_ref().and_then(|v| v.first()) {
        return match rule.kind {
            Some(FieldType::List) => YamlValue::Sequence(vec![first.clone()]),
            _ => first.clone(),
        };
    }
    match rule.kind {
        Some(FieldType::Integer | FieldType::Number) => {
            let lowest = rule.min.unwrap_or(1.0);
            let highest_taken = taken.iter().copied().fold(lowest - 1.0, f64::max);
            let next = if rule.unique {
                highest_taken + 1.0
            } else {
                lowest
            };
            YamlValue::Number((next as i64).into())
        }
        Some(FieldType::Boolean) => YamlValue::Bool(false),
        Some(FieldType::Date) => YamlValue::String(today.format("%Y-%m-%d").to_string()),
        Some(FieldType::List) => {
            let items = rule.min_items.unwrap_or(1).max(1);
            YamlValue::Sequence(vec![text(); items])
        }
        Some(FieldType::String) | None => text(),
    }
}

/// The front matter (with its opening `---`) with `parts` set to `value`: a top-level
/// field before the end, a field under an existing block (`extra:`) into that block.
fn insert_field(yaml_text: &str, parts: &[&str], value: &YamlValue) -> String {
    let written = yaml::to_inline(value);
    let (parent, name) = match parts {
        [name] => (None, *name),
        [parent, name] => (Some(*parent), *name),
        _ => (None, parts.last().copied().unwrap_or_default()),
    };
    let Some(parent) = parent else {
        return format!("{yaml_text}{name}: {written}\n");
    };
    let block = format!("{parent}:");
    let mut out = String::with_capacity(yaml_text.len() + 32);
    let mut inserted = false;
    for line in yaml_text.split_inclusive('\n') {
        out.push_str(line);
        if !inserted && line.trim_end() == block {
            out.push_str(&format!("  {name}: {written}\n"));
            inserted = true;
        }
    }
    if !inserted {
        out.push_str(&format!("{parent}:\n  {name}: {written}\n"));
    }
    out
}

/// `nieuws/x.md`, `content/nieuws/x.md` or the full path of that file → `nieuws/x.md`; a
/// folder gets `index.md`. A full path outside the site's `content/` is refused, never
/// read as one inside it.
fn content_key(root: &Path, path: &str) -> Result<String> {
    let path = match inside_content(root, path) {
        Some(relative) => relative,
        None if Path::new(path).is_absolute() || path.starts_with(['/', '\\']) => {
            return Err(Error::Refused(msg!("new-not-inside", path = path)));
        }
        None => path.replace('\\', "/"),
    };
    let path = path.strip_prefix("./").unwrap_or(&path);
    let path = path.strip_prefix("content/").unwrap_or(path);
    let key = crate::url::contained_path(path)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| Error::Refused(msg!("new-not-inside", path = path)))?;
    if key.ends_with(".md") {
        Ok(key)
    } else if path.ends_with('/') {
        Ok(format!("{key}/index.md"))
    } else {
        Err(Error::Refused(msg!("new-bad-ending", path = path)))
    }
}

/// A full path of a file in the site's `content/` (as a file manager or tab completion
/// gives it), relative to `content/`. Folders on the way may not exist yet.
fn inside_content(root: &Path, path: &str) -> Option<String> {
    let full = Path::new(path);
    if !full.is_absolute() {
        return None;
    }
    let content = root.join("content").canonicalize().ok()?;
    let existing = full.ancestors().find(|a| a.exists())?;
    let rest = full.strip_prefix(existing).ok()?;
    let real = existing.canonicalize().ok()?.join(rest);
    let relative = real.strip_prefix(&content).ok()?;
    let text = relative.to_string_lossy().replace('\\', "/");
    Some(if path.ends_with(['/', '\\']) {
        format!("{text}/")
    } else {
        text
    })
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

/// Renders the archetype with `title` (given, or made from the file name), `date` and
/// `slug`. The title goes between double quotes in archetypes.
fn fill(template: &str, key: &str, today: NaiveDate, title: Option<&str>) -> Result<String> {
    let name = key.strip_suffix("/index.md").unwrap_or(key);
    let stem = name
        .rsplit('/')
        .next()
        .unwrap_or(name)
        .trim_end_matches(".md");
    let (slug, day) = split_date_prefix(stem);
    let date = day.map_or_else(|| today.format("%Y-%m-%d").to_string(), str::to_owned);
    let mut context = tera::Context::new();
    let title = title.map_or_else(|| title_from(slug), str::to_owned);
    context.insert("title", &title.replace('\\', "\\\\").replace('"', "\\\""));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_from_what_editors_type() {
        let root = Path::new("/geen/site");
        assert_eq!(content_key(root, "nieuws/x.md").unwrap(), "nieuws/x.md");
        assert_eq!(
            content_key(root, "content/nieuws/x.md").unwrap(),
            "nieuws/x.md"
        );
        assert_eq!(
            content_key(root, "./content/nieuws/x.md").unwrap(),
            "nieuws/x.md"
        );
        assert_eq!(content_key(root, "papers/x/").unwrap(), "papers/x/index.md");
        assert!(content_key(root, "../x.md").is_err());
        assert!(content_key(root, "nieuws/x").is_err());
        assert!(content_key(root, "/etc/x.md").is_err());
    }

    #[test]
    fn title_and_date_come_from_the_file_name() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let text = fill(
            DEFAULT_ARCHETYPE,
            "nieuws/2025-03-01-regionaal-symposium.md",
            today,
            None,
        )
        .unwrap();
        assert_eq!(
            text,
            "---\ntitle: \"Regionaal symposium\"\ndate: 2025-03-01\ndraft: true\n---\n\n"
        );
        let text = fill(DEFAULT_ARCHETYPE, "nieuws/bericht.md", today, None).unwrap();
        assert!(text.contains("date: 2026-11-23"), "{text}");
        let text = fill(
            DEFAULT_ARCHETYPE,
            "nieuws/bericht.md",
            today,
            Some("Eén \"plan\" \\ twee"),
        )
        .unwrap();
        assert!(
            text.contains("title: \"Eén \\\"plan\\\" \\\\ twee\""),
            "{text}"
        );
    }
}
