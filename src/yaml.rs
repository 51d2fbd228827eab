//! The one place that talks to serde_yaml: parsing with editor-friendly errors.
//!
//! serde_yaml is archived upstream; keeping it behind this module makes a swap (to the
//! same-API `yaml_serde`) a one-file change.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Position};
use crate::messages::Msg;
use crate::msg;

/// The YAML value type, re-exported so other modules never name serde_yaml.
pub type YamlValue = serde_yaml::Value;
pub type YamlMapping = serde_yaml::Mapping;

/// Parses `text` (a whole YAML document whose line numbers match the file's) into `T`.
///
/// Errors name `file` with line and column, and unknown keys get a "did you mean".
pub fn parse<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|error| diagnose(&error, text, file))
}

fn diagnose(error: &serde_yaml::Error, text: &str, file: &Path) -> Diagnostic {
    let full = error.to_string();
    let (path, message) = split_field_path(strip_location(&full));
    let (message, hint) = explain(path, message);
    let mut diagnostic = Diagnostic::new(file, message);
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_hint(hint);
    }
    if let Some(location) = error.location() {
        let position = Position {
            line: location.line(),
            column: location.column(),
        };
        diagnostic = diagnostic.at(text, position);
        if starts_with_tab(text, position.line) {
            return diagnostic.with_hint(msg!("yaml-tab"));
        }
    }
    diagnostic
}

/// serde_yaml's message in plain words, without parser terms, with a hint when there is one.
fn explain(path: &str, message: &str) -> (Msg, Option<Msg>) {
    let path = if path.is_empty() { "none" } else { path };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = backticked(expected);
        let hint = match closest(field, &known) {
            Some(best) => msg!("did-you-mean", name = best),
            None if known.is_empty() => msg!("yaml-no-fields"),
            None => msg!("yaml-known-fields", fields = known.join(", ")),
        };
        return (
            msg!("yaml-unknown-field", path = path, field = field),
            Some(hint),
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (msg!("yaml-missing-field", path = path, field = field), None);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let message = msg!(
            "yaml-wrong-type",
            path = path,
            found = found_value(found),
            found_kind = found_kind(found),
            expected = expected_kind(expected)
        );
        return (message, None);
    }
    if message.contains("mapping values are not allowed") {
        return (msg!("yaml-colon-in-value"), Some(msg!("yaml-colon-hint")));
    }
    if message.contains("cannot start any token") {
        return (msg!("yaml-bad-character"), Some(msg!("yaml-syntax-hint")));
    }
    if message.contains("did not find expected") || message.contains("while scanning") {
        return (msg!("yaml-syntax"), Some(msg!("yaml-syntax-hint")));
    }
    (msg!("yaml-other", path = path, detail = message), None)
}

/// `string "drie"` → `drie`; `integer `3`` → `3`.
fn found_value(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        return text.trim_matches('"').to_owned();
    }
    match found.split_once(' ') {
        Some((_, value)) => value.trim_matches('`').to_owned(),
        None => found.to_owned(),
    }
}

/// What was written when it is not a single value (`sequence`, `map`, `unit value`), as
/// a word for the catalogue; `value` when `found_value` is worth quoting.
fn found_kind(found: &str) -> &'static str {
    match found {
        "sequence" => "list",
        "map" => "fields",
        "unit value" => "empty",
        _ => "value",
    }
}

/// serde's name of the expected type, as a word for the catalogue to pick its text by.
fn expected_kind(expected: &str) -> &'static str {
    match expected {
        e if e.starts_with('i') || e.starts_with('u') => "integer",
        e if e.starts_with('f') => "number",
        "a boolean" => "boolean",
        "a string" => "text",
        e if e.contains("sequence") => "list",
        e if e.contains("map") || e.starts_with("struct") => "fields",
        _ => "other",
    }
}

/// Whether line `line` (1-based) of `text` has a tab in its indentation.
fn starts_with_tab(text: &str, line: usize) -> bool {
    text.lines().nth(line.saturating_sub(1)).is_some_and(|l| {
        l.chars()
            .take_while(|c| c.is_whitespace())
            .any(|c| c == '\t')
    })
}

/// serde_yaml appends " at line L column C" to its message; we print the location ourselves.
fn strip_location(message: &str) -> &str {
    match message.find(" at line ") {
        Some(i) => message[..i].trim_end(),
        None => message,
    }
}

/// `menus.main[0]: unknown field …` → (`menus.main[0]`, `unknown field …`).
fn split_field_path(message: &str) -> (&str, &str) {
    if let Some((path, rest)) = message.split_once(": ") {
        let is_path = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'));
        if is_path {
            return (path, rest);
        }
    }
    ("", message)
}

fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The known name closest to a misspelt one, if any is close enough to be a likely typo.
pub fn closest<'a>(wrong: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(wrong, k), *k))
        .filter(|(distance, k)| *distance <= 1.max(k.len() / 4) && *distance < k.len())
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// Where the value of top-level `key` starts in a YAML mapping document, for errors about
/// values that only fail after parsing (a bad date, an unsafe slug).
pub fn key_position(text: &str, key: &str) -> Option<Position> {
    for (index, line) in text.lines().enumerate() {
        if let Some(value) = line
            .strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
        {
            let spaces = value.len() - value.trim_start_matches([' ', '\t']).len();
            let column = key.chars().count() + 1 + spaces + 1;
            return Some(Position {
                line: index + 1,
                column,
            });
        }
    }
    None
}

/// Where the value of a nested key (`extra` → `nummer`) starts, for block-style YAML;
/// `None` when it is not written that way (flow style `{ nummer: 3 }` falls back to the
/// parent key).
pub fn nested_key_position(text: &str, path: &[&str]) -> Option<Position> {
    let (first, rest) = path.split_first()?;
    let mut found = key_position(text, first)?;
    let mut parent_indent = 0;
    for key in rest {
        let next = text
            .lines()
            .enumerate()
            .skip(found.line)
            .take_while(|(_, line)| {
                line.trim().is_empty()
                    || indent(line) > parent_indent
                    || line.trim_start().starts_with('-')
            });
        let hit = next.into_iter().find_map(|(index, line)| {
            let trimmed = line.trim_start();
            let value = trimmed.strip_prefix(key)?.strip_prefix(':')?;
            let spaces = value.len() - value.trim_start_matches([' ', '\t']).len();
            let column = indent(line) + key.chars().count() + 1 + spaces + 1;
            Some((
                Position {
                    line: index + 1,
                    column,
                },
                indent(line),
            ))
        });
        match hit {
            Some((position, depth)) => {
                found = position;
                parent_indent = depth;
            }
            None => return Some(found),
        }
    }
    Some(found)
}

/// Where `needle` (a value as written) first stands in the value of the key at `key`:
/// on the key's own line after it, or in the lines of its block (flow style
/// `{ nummer: 3 }`, a list under it). `None` when it is not found there.
pub fn value_position(text: &str, key: Position, needle: &str) -> Option<Position> {
    if needle.is_empty() {
        return None;
    }
    let mut lines = text.lines().enumerate().skip(key.line - 1);
    let (first_index, first) = lines.next()?;
    let key_indent = indent(first);
    let start = first
        .char_indices()
        .nth(key.column.saturating_sub(1))
        .map_or(first.len(), |(i, _)| i);
    let block = std::iter::once((first_index, start, first)).chain(
        lines
            .take_while(|(_, line)| {
                line.trim().is_empty()
                    || indent(line) > key_indent
                    || (indent(line) == key_indent && line.trim_start().starts_with('-'))
            })
            .map(|(i, line)| (i, 0, line)),
    );
    for (index, from, line) in block {
        if let Some(at) = line[from..].find(needle) {
            let column = line[..from + at].chars().count() + 1;
            return Some(Position {
                line: index + 1,
                column,
            });
        }
    }
    None
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A value written back as one line of YAML, for messages.
pub fn to_inline(value: &YamlValue) -> String {
    serde_yaml::to_string(value)
        .map(|s| s.trim().replace('\n', " "))
        .unwrap_or_default()
}

/// Parses a YAML document into a generic value (`{}` when empty).
pub fn parse_value(text: &str) -> Result<YamlValue, serde_yaml::Error> {
    let value: YamlValue = serde_yaml::from_str(text)?;
    Ok(if value.is_null() {
        YamlValue::Mapping(YamlMapping::new())
    } else {
        value
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        weight: Option<i64>,
    }

    fn error(text: &str) -> Diagnostic {
        parse::<Front>(text, Path::new("a.md")).unwrap_err()
    }

    #[test]
    fn unknown_field_suggests_the_close_one() {
        let d = error("---\ntitle: a\nwieght: 2\n");
        assert_eq!(d.message.english(), "unknown field `wieght`");
        assert_eq!(
            d.hint.as_ref().map(|h| h.english()).as_deref(),
            Some("did you mean `weight`?")
        );
        assert_eq!(d.position, Some(Position { line: 3, column: 1 }));
    }

    #[test]
    fn wrong_type_names_the_field() {
        let d = error("---\ntitle: a\nweight: drie\n");
        assert_eq!(
            d.message.english(),
            "`weight` must be a whole number, not `drie`"
        );
        assert_eq!(d.position, Some(Position { line: 3, column: 9 }));
    }

    #[test]
    fn colon_in_value_gets_a_quoting_hint() {
        let d = error("---\ntitle: Agenda: speerpunten\n");
        assert!(
            d.hint
                .as_ref()
                .map(|h| h.english())
                .as_deref()
                .unwrap()
                .contains("quotes")
        );
    }

    #[test]
    fn a_tab_in_the_indentation_gets_a_hint() {
        let d = error("---\ntitle: a\nweight:\n\t- 1\n");
        assert_eq!(d.position.map(|p| p.line), Some(4));
        assert!(
            d.hint
                .as_ref()
                .map(|h| h.english())
                .as_deref()
                .unwrap()
                .contains("spaces"),
            "{d:?}"
        );
    }

    #[test]
    fn key_position_points_at_the_value() {
        let text = "---\ntitle: a\ndate: 2024-13-01\n";
        assert_eq!(
            key_position(text, "date"),
            Some(Position { line: 3, column: 7 })
        );
        assert_eq!(key_position(text, "slug"), None);
    }

    #[test]
    fn nested_key_position_finds_the_child() {
        let text = "---\ntitle: a\nextra:\n  gemeente: x\n  nummer: 12\n";
        assert_eq!(
            nested_key_position(text, &["extra", "nummer"]),
            Some(Position {
                line: 5,
                column: 11
            })
        );
        assert_eq!(
            nested_key_position(text, &["extra", "ontbreekt"]),
            Some(Position { line: 3, column: 7 })
        );
    }

    #[test]
    fn value_position_finds_the_wrong_value_in_its_block() {
        let text = "---\ntitle: a\ntaxonomies:\n  themas:\n    - Leren\n    - Werk\nextra: { nummer: twaalf }\n";
        let themas = nested_key_position(text, &["taxonomies", "themas"]).unwrap();
        assert_eq!(
            value_position(text, themas, "Werk"),
            Some(Position { line: 6, column: 7 })
        );
        let extra = nested_key_position(text, &["extra", "nummer"]).unwrap();
        assert_eq!(
            value_position(text, extra, "twaalf"),
            Some(Position {
                line: 7,
                column: 18
            })
        );
    }

    #[test]
    fn closest_ignores_names_that_are_far_off() {
        assert_eq!(closest("titel", &["title", "date"]), Some("title"));
        assert_eq!(closest("xyz", &["title", "date"]), None);
    }
}
