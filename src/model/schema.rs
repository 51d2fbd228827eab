//! Section schemas: a section's `_index.md` may say what its pages' front matter must hold
//! (`extra.nummer` an integer 1–99, unique; at least one `taxonomies.themas`), so an
//! editor's slip fails the build at the right line instead of showing up on the site.

use std::collections::HashMap;

use super::{Content, Page};
use crate::error::{Diagnostic, Position};
use crate::inputs::schema::{FieldRule, FieldType};
use crate::messages::Msg;
use crate::msg;
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
        let at = |message: Msg| Diagnostic::new(&page.source.file, message).at(yaml_text, key);
        let at_value = |message: Msg, written: &str| {
            let position = yaml::value_position(yaml_text, key, written).unwrap_or(key);
            Diagnostic::new(&page.source.file, message).at(yaml_text, position)
        };
        let Some(value) = lookup(&front, &parts) else {
            if rule.required {
                problems.push(
                    at(msg!("schema-missing", path = path))
                        .with_hint(msg!("schema-required-by", file = schema_file)),
                );
            }
            continue;
        };
        if let Some((message, hint, wrong)) = violation(path, value, rule) {
            let hint = hint.unwrap_or_else(|| msg!("schema-see", file = schema_file));
            problems.push(at_value(message, &wrong).with_hint(hint));
            continue;
        }
        if rule.unique {
            let text = scalar_text(value);
            if let Some(other) = seen.insert(text.clone(), page) {
                let other = &other.source.file;
                let message = msg!(
                    "schema-not-unique",
                    path = path,
                    value = &text,
                    other = other
                );
                problems.push(at_value(message, &text));
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
/// What is wrong with the value at `path`: the message, a hint when there is one, and
/// the value (or list item) that is wrong, as text to find it by in the file.
fn violation(
    path: &str,
    value: &YamlValue,
    rule: &FieldRule,
) -> Option<(Msg, Option<Msg>, String)> {
    let found = scalar_text(value);
    if let Some(kind) = rule.kind.filter(|kind| !has_type(value, *kind)) {
        let message = msg!(
            "schema-wrong-type",
            path = path,
            expected = type_name(kind),
            found = &found
        );
        return Some((message, None, found));
    }
    let out_of_range =
        |n: f64| rule.min.is_some_and(|min| n < min) || rule.max.is_some_and(|max| n > max);
    if value.as_f64().is_some_and(out_of_range) {
        let (min, max) = (bound(rule.min), bound(rule.max));
        let message = msg!(
            "schema-range",
            path = path,
            found = &found,
            min = min,
            max = max
        );
        return Some((message, None, found));
    }
    if let Some(items) = value.as_sequence() {
        if let Some(n) = rule.min_items.filter(|n| items.len() < *n) {
            return Some((
                msg!("schema-min-items", path = path, count = n),
                None,
                String::new(),
            ));
        }
        if let Some(n) = rule.max_items.filter(|n| items.len() > *n) {
            return Some((
                msg!("schema-max-items", path = path, count = n),
                None,
                String::new(),
            ));
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
    let known: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = crate::yaml::closest(&wrong, &known).map(|best| msg!("did-you-mean", name = best));
    let message = msg!(
        "schema-not-allowed",
        path = path,
        found = &wrong,
        allowed = names.join(", ")
    );
    Some((message, hint, wrong))
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
        FieldType::Integer => "integer",
        FieldType::Number => "number",
        FieldType::Boolean => "boolean",
        FieldType::Date => "date",
        FieldType::List => "list",
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

    fn problem(text: &str, r: &FieldRule) -> Option<String> {
        violation("extra.nummer", &value(text), r).map(|(message, _, _)| message.english())
    }

    #[test]
    fn numbers_out_of_range_and_wrong_types() {
        let r = rule("type: integer\nmin: 1\nmax: 99\n");
        assert_eq!(problem("7", &r), None);
        assert_eq!(
            problem("100", &r).unwrap(),
            "`extra.nummer` is 100, outside 1–99"
        );
        assert_eq!(
            problem("zeven", &r).unwrap(),
            "`extra.nummer` must be a whole number, found `zeven`"
        );
    }

    #[test]
    fn lists_need_items_from_the_allowed_values() {
        let r = rule("type: list\nmin_items: 1\nvalues: [Leren, Participeren]\n");
        assert_eq!(problem("[Leren]", &r), None);
        assert_eq!(
            problem("[]", &r).unwrap(),
            "`extra.nummer` needs at least 1 item(s)"
        );
        let (message, hint, wrong) = violation("x", &value("[Lren]"), &r).unwrap();
        assert_eq!(
            message.english(),
            "`x` cannot be `Lren`; allowed: Leren, Participeren"
        );
        assert_eq!(hint.unwrap().english(), "did you mean `Leren`?");
        assert_eq!(wrong, "Lren");
    }
}
