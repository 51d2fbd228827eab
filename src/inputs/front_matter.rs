//! Front matter: the YAML between `---` lines, split off and parsed so that every error
//! points at the line and column in the file itself.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use serde::Deserialize;

use crate::error::{Diagnostic, Position};
use crate::messages::Msg;
use crate::msg;
use crate::yaml::{self, YamlMapping};

/// A file cut in two: the YAML (with its opening `---`, so YAML's line numbers are the
/// file's) and the Markdown body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// The line of the file on which the body starts.
    pub body_line: usize,
}

/// Cuts `text` into front matter and body. A file without front matter is all body.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => {
            return Ok(Split {
                yaml: "",
                body: text,
                body_line: 1,
            });
        }
    }
    let mut offset = text.split_inclusive('\n').next().map_or(0, str::len);
    for (index, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[..offset],
                body: &text[offset + line.len()..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(file, msg!("fm-not-closed"))
        .at(text, Position { line: 1, column: 1 })
        .with_hint(msg!("fm-not-closed-hint")))
}

/// A page's front matter as written; every field is listed so a typo is an error.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub taxonomies: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub extra: YamlMapping,
}

/// A section's (`_index.md`) front matter as written.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub sort_by: Option<String>,
    #[serde(default)]
    pub paginate_by: Option<usize>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub page_template: Option<String>,
    /// Whether the section has its own Atom feed (`/nieuws/atom.xml`).
    #[serde(default)]
    pub feed: bool,
    /// A section in preparation: it and everything under it stay out of a build without
    /// `--drafts` (a new edition of the agenda starts as one).
    #[serde(default)]
    pub draft: bool,
    /// Rules for the front matter of the section's pages.
    #[serde(default)]
    pub schema: super::schema::Schema,
    #[serde(default)]
    pub extra: YamlMapping,
}

/// How a section orders its pages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Newest first.
    Date,
    /// Lowest weight first.
    Weight,
    /// Alphabetical, ignoring case and accents.
    Title,
    /// By a value in `extra` (`extra.nummer`), lowest first.
    Extra(String),
    /// By file name.
    #[default]
    None,
}

impl SortBy {
    /// Parses `sort_by`, with the position of the value for the error.
    pub fn parse(value: Option<&str>, yaml_text: &str, file: &Path) -> Result<SortBy, Diagnostic> {
        let Some(value) = value else {
            return Ok(SortBy::None);
        };
        match value {
            "date" => Ok(SortBy::Date),
            "weight" => Ok(SortBy::Weight),
            "title" => Ok(SortBy::Title),
            "none" => Ok(SortBy::None),
            _ => match value.strip_prefix("extra.") {
                Some(key) if !key.is_empty() => Ok(SortBy::Extra(key.to_owned())),
                _ => Err(field_error(
                    yaml_text,
                    file,
                    "sort_by",
                    msg!("fm-bad-sort", value = value),
                )
                .with_hint(msg!("fm-bad-sort-hint"))),
            },
        }
    }
}

/// A date from front matter: a day (`2024-03-01`) or a moment (RFC 3339).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub moment: DateTime<FixedOffset>,
    pub has_time: bool,
}

impl Date {
    /// Parses the forms editors write; the error says which forms are accepted.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Some(Date::from_day(day));
        }
        if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
            return Some(Date {
                moment,
                has_time: true,
            });
        }
        let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S"))
            .ok()?;
        let moment = FixedOffset::east_opt(0)?
            .from_local_datetime(&local)
            .single()?;
        Some(Date {
            moment,
            has_time: true,
        })
    }

    fn from_day(day: NaiveDate) -> Date {
        let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
        let utc = FixedOffset::east_opt(0).expect("zero offset");
        Date {
            moment: utc.from_utc_datetime(&midnight),
            has_time: false,
        }
    }

    /// The day, for file names such as `2019-11-12-uitnodiging.md`.
    pub fn from_day_text(text: &str) -> Option<Date> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(Date::from_day)
    }

    /// `2024-03-01` for a day, full RFC 3339 for a moment: what templates receive.
    pub fn to_iso(self) -> String {
        if self.has_time {
            self.moment.to_rfc3339()
        } else {
            self.moment.format("%Y-%m-%d").to_string()
        }
    }
}

/// Parses a date field, pointing at its value when it cannot be read.
pub fn parse_date(
    value: Option<&str>,
    field: &str,
    yaml_text: &str,
    file: &Path,
) -> Result<Option<Date>, Diagnostic> {
    let Some(value) = value else { return Ok(None) };
    Date::parse(value).map(Some).ok_or_else(|| {
        field_error(
            yaml_text,
            file,
            field,
            msg!("fm-bad-date", field = field, value = value),
        )
        .with_hint(msg!("fm-bad-date-hint"))
    })
}

/// An error about the value of a top-level front matter field, placed at that value.
pub fn field_error(yaml_text: &str, file: &Path, field: &str, message: Msg) -> Diagnostic {
    let diagnostic = Diagnostic::new(file, message);
    match yaml::key_position(yaml_text, field) {
        Some(position) => diagnostic.at(yaml_text, position),
        None => diagnostic,
    }
}

/// Parses a page's front matter; a page must have one, with a title.
pub fn parse_page(split: &Split, text: &str, file: &Path) -> Result<PageMeta, Diagnostic> {
    if split.yaml.is_empty() {
        return Err(Diagnostic::new(file, msg!("fm-none"))
            .at(text, Position { line: 1, column: 1 })
            .with_hint(msg!("fm-none-hint")));
    }
    let meta: PageMeta = yaml::parse(yaml_or_empty_map(split.yaml), file)?;
    refuse_blank_title(Some(&meta.title), split.yaml, file)?;
    Ok(meta)
}

/// Parses a section's front matter; a section may have none.
pub fn parse_section(split: &Split, file: &Path) -> Result<SectionMeta, Diagnostic> {
    if split.yaml.is_empty() {
        return Ok(SectionMeta::default());
    }
    let meta: SectionMeta = yaml::parse(yaml_or_empty_map(split.yaml), file)?;
    refuse_blank_title(meta.title.as_deref(), split.yaml, file)?;
    Ok(meta)
}

/// A title of only spaces gives a page an empty `<h1>` and `<title>`, which readers
/// and screen readers cannot tell apart (WCAG 2.4.2): an error, like a missing one.
fn refuse_blank_title(title: Option<&str>, yaml_text: &str, file: &Path) -> Result<(), Diagnostic> {
    match title {
        Some(title) if title.trim().is_empty() => {
            Err(
                field_error(yaml_text, file, "title", msg!("fm-title-blank"))
                    .with_hint(msg!("fm-title-blank-hint")),
            )
        }
        _ => Ok(()),
    }
}

/// `---` alone is YAML's empty document (null); treat it as an empty map so the
/// error is "missing field `title`" rather than a type error.
fn yaml_or_empty_map(yaml: &str) -> &str {
    if yaml
        .lines()
        .skip(1)
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        "{}"
    } else {
        yaml
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "content/a.md";

    #[test]
    fn split_keeps_yaml_lines_aligned_with_the_file() {
        let text = "---\ntitle: A\n---\nBody\n";
        let split = split(text, Path::new(FILE)).unwrap();
        assert_eq!(split.yaml, "---\ntitle: A\n");
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let error = split("---\ntitle: A\nBody\n", Path::new(FILE)).unwrap_err();
        assert!(error.message.english().contains("not closed"));
    }

    #[test]
    fn no_front_matter_means_all_body() {
        let split = split("# Kop\n", Path::new(FILE)).unwrap();
        assert_eq!(split.yaml, "");
        assert_eq!(split.body_line, 1);
    }

    #[test]
    fn blank_title_is_an_error_at_its_line() {
        let text = "---\ndescription: x\ntitle: \"   \"\n---\n";
        let s = split(text, Path::new(FILE)).unwrap();
        let error = parse_page(&s, text, Path::new(FILE)).unwrap_err();
        assert!(error.message.english().contains("title"), "{error:?}");
        assert_eq!(error.position.map(|p| p.line), Some(3));
        let section = split("---\ntitle: ''\n---\n", Path::new(FILE)).unwrap();
        assert!(parse_section(&section, Path::new(FILE)).is_err());
    }

    #[test]
    fn missing_title_is_named() {
        let text = "---\ndescription: x\n---\n";
        let s = split(text, Path::new(FILE)).unwrap();
        let error = parse_page(&s, text, Path::new(FILE)).unwrap_err();
        assert!(
            error
                .message
                .english()
                .contains("the field `title` is missing"),
            "{}",
            error.message
        );
    }

    #[test]
    fn dates_in_the_accepted_forms() {
        assert_eq!(Date::parse("2019-11-20").unwrap().to_iso(), "2019-11-20");
        assert_eq!(
            Date::parse("2019-11-20T20:00:00+01:00").unwrap().to_iso(),
            "2019-11-20T20:00:00+01:00"
        );
        assert!(Date::parse("2019-13-20").is_none());
        assert!(Date::parse("20 november 2019").is_none());
    }

    #[test]
    fn bad_date_points_at_its_value() {
        let yaml = "---\ntitle: A\ndate: 2019-13-01\n";
        let error = parse_date(Some("2019-13-01"), "date", yaml, Path::new(FILE)).unwrap_err();
        assert_eq!(error.position, Some(Position { line: 3, column: 7 }));
    }

    #[test]
    fn sort_by_accepts_extra_fields() {
        let sort = SortBy::parse(Some("extra.nummer"), "", Path::new(FILE)).unwrap();
        assert_eq!(sort, SortBy::Extra("nummer".into()));
        assert!(SortBy::parse(Some("datum"), "", Path::new(FILE)).is_err());
    }
}
