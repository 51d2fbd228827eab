//! Section schemas: a section's `_index.md` may say what its pages' front matter must hold
//! (`extra.nummer` an integer 1–99, unique; at least one `taxonomies.themas`), so an
//! editor's slip fails the build at the right line instead of showing up on the site.

use std::collections::HashMap;

use super::{Content, Page};
use crate::error::{Diagnostic, Position};
use crate::inputs::schema::{FieldRule, FieldType};
use crate::yaml::{self, YamlValue};

/// Checks every page of every section that has a schema.
pub fn check_schemas(content: &Content) -> Vec<Diagnostic> {
    content
        .sections
        .keys()
        .flat_map(|key| check_section(content, key))
        .collect()
}

/// Checks the pages of one section against its schema (none when it has no schema).
pub fn check_section(content: &Content, key: &str) -> Vec<Diagnostic> {
    let section = &content.sections[key];
    let pages: Vec<&Page> = section.pages.iter().map(|k| &content.pages[k]).collect();
    let schema = &section.source.meta.schema;
    schema
        .iter()
        .flat_map(|(path, rule)| check_field(&pages, path, rule, &section.source.file))
        .collect()
}

fn check_field(
    pages: &[&Page],
    path: &str,
    rule: &FieldRule,
    schema_file: &std::path::Path,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: HashMap<String, &Page> = HashMap::new();
    for page in pages {
        let yaml_text = &page.source.yaml;
        let Ok(front) = yaml::parse_value(if yaml_text.is_empty() {
            "{}"
        } else {
            yaml_text
        }) else {
            continue;
        };
        let parts: Vec<&str> = path.split('.').collect();
        let key =
            yaml::nested_key_position(yaml_text, &parts).unwrap_or(Position { line: 1, column: 1 });
        let at = |message: String| Diagnostic::new(&page.source.file, message).at(yaml_text, key);
        let at_value = |message: String, written: &str| {
            let position = yaml::value_position(yaml_text, key, written).unwrap_or(key);
            Diagnostic::new(&page.source.file, message).at(yaml_text, position)
        };
        let Some(value) = lookup(&front, &parts) else {
            if rule.required {
                problems.push(at(format!("`{path}` is missing")).with_hint(format!(
                    "the schema in `{}` requires it",
                    schema_file.display()
                )));
            }
            continue;
        };
        if let Some((message, wrong)) = violation(value, rule) {
            problems.push(
                at_value(format!("`{path}` {message}"), &wrong)
                    .with_hint(format!("see the schema in `{}`", schema_file.display())),
            );
            continue;
        }
        if rule.unique {
            let text = scalar_text(value);
            if let Some(other) = seen.insert(text.clone(), page) {
                problems.push(at_value(
                    format!(
                        "`{path}` is `{text}`, the same as in `{}`; it must be unique in the section",
                        other.source.file.display()
                    ),
                    &text,
                ));
            }
        }
    }
    problems
}

fn lookup<'v>(value: &'v YamlValue, parts: &[&str]) -> Option<&'v YamlValue> {
    parts
        .iter()
        .try_fold(value, |v, part| v.get(part))
        .filter(|v| !v.is_null())
}

/// What is wrong with a value, in words that finish "`extra.nummer` …", and the value
/// (or list item) that is wrong, as text to find it by in the file.
fn violation(value: &YamlValue, rule: &FieldRule) -> Option<(String, String)> {
    let found = scalar_text(value);
    if let Some(kind) = rule.kind.filter(|kind| !has_type(value, *kind)) {
        return Some((
            format!("must be {}, found `{found}`", type_name(kind)),
            found,
        ));
    }
    let out_of_range =
        |n: f64| rule.min.is_some_and(|min| n < min) || rule.max.is_some_and(|max| n > max);
    if value.as_f64().is_some_and(out_of_range) {
        let (min, max) = (bound(rule.min), bound(rule.max));
        return Some((format!("is {found}, outside {min}–{max}"), found));
    }
    if let Some(items) = value.as_sequence() {
        if rule.min_items.is_some_and(|n| items.len() < n) {
            let message = format!("needs at least {} item(s)", rule.min_items.unwrap_or(0));
            return Some((message, String::new()));
        }
        if rule.max_items.is_some_and(|n| items.len() > n) {
            let message = format!("may have at most {} item(s)", rule.max_items.unwrap_or(0));
            return Some((message, String::new()));
        }
    }
    let allowed = rule.values.as_ref()?;
    let items: Vec<&YamlValue> = match value.as_sequence() {
        Some(items) => items.iter().collect(),
        None => vec![value],
    };
    let wrong = items.into_iter().find(|item| !allowed.contains(item))?;
    let names: Vec<String> = allowed.iter().map(scalar_text).collect();
    let wrong = scalar_text(wrong);
    let hint = crate::yaml::closest(
        &wrong,
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .map(|best| format!("; did you mean `{best}`?"))
    .unwrap_or_default();
    Some((
        format!("cannot be `{wrong}`; allowed: {}{hint}", names.join(", ")),
        wrong,
    ))
}

fn has_type(value: &YamlValue, kind: FieldType) -> bool {
    match kind {
        FieldType::String => value.is_string(),
        FieldType::Integer => value.is_i64() || value.is_u64(),
        FieldType::Number => value.is_number(),
        FieldType::Boolean => value.is_bool(),
        FieldType::Date => value
            .as_str()
            .is_some_and(|s| crate::inputs::front_matter::Date::parse(s).is_some()),
        FieldType::List => value.is_sequence(),
    }
}

fn type_name(kind: FieldType) -> &'static str {
    match kind {
        FieldType::String => "text",
        FieldType::Integer => "a whole number",
        FieldType::Number => "a number",
        FieldType::Boolean => "true or false",
        FieldType::Date => "a date (2024-03-01)",
        FieldType::List => "a list",
    }
}

fn bound(value: Option<f64>) -> String {
    value.map_or_else(|| "…".to_owned(), |v| v.to_string())
}

fn scalar_text(value: &YamlValue) -> String {
    match value {
        YamlValue::String(s) => s.clone(),
        YamlValue::Number(n) => n.to_string(),
        YamlValue::Bool(b) => b.to_string(),
        other => serde_yaml_text(other),
    }
}

fn serde_yaml_text(value: &YamlValue) -> String {
    yaml::to_inline(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> FieldRule {
        yaml::parse(text, std::path::Path::new("s")).unwrap()
    }

    fn value(text: &str) -> YamlValue {
        yaml::parse_value(text).unwrap()
    }

    #[test]
    fn numbers_out_of_range_and_wrong_types() {
        let r = rule("type: integer\nmin: 1\nmax: 99\n");
        assert_eq!(violation(&value("7"), &r), None);
        assert_eq!(
            violation(&value("100"), &r).unwrap().0,
            "is 100, outside 1–99"
        );
        assert_eq!(
            violation(&value("zeven"), &r).unwrap().0,
            "must be a whole number, found `zeven`"
        );
    }

    #[test]
    fn lists_need_items_from_the_allowed_values() {
        let r = rule("type: list\nmin_items: 1\nvalues: [Leren, Participeren]\n");
        assert_eq!(violation(&value("[Leren]"), &r), None);
        assert_eq!(
            violation(&value("[]"), &r).unwrap().0,
            "needs at least 1 item(s)"
        );
        assert_eq!(
            violation(&value("[Werken]"), &r).unwrap(),
            (
                "cannot be `Werken`; allowed: Leren, Participeren".to_owned(),
                "Werken".to_owned()
            )
        );
    }
}
