//! The form of a content file, made from what keten knows about it: the fields every
//! page has, what its section's schema asks for (`extra.nummer` a number from 1 to 99,
//! `extra.status` one of its `values`), and the site's taxonomies with their declared
//! terms. It shows each field's value as written, and turns what was sent back into the
//! front matter changes the editor made, and nothing else.

use crate::config::TaxonomyConfig;
use crate::html::escape;
use crate::inputs::front_matter::SortBy;
use crate::inputs::schema::{FieldRule, FieldType, Schema};
use crate::messages::Msg;
use crate::msg;
use crate::yaml::YamlValue;

use super::patch::Change;

/// One field of the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Its path in the front matter, also its name in the form: `extra.nummer`.
    pub path: String,
    pub label: String,
    pub kind: Kind,
    pub required: bool,
    /// A line under the label: what to fill in.
    pub help: Option<String>,
}

/// What kind of input a field gets.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// One line of text.
    Line,
    /// A few lines of text (a description).
    Paragraph,
    /// A day, `2025-03-01` (or a moment as written).
    Date,
    Number {
        integer: bool,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// A tick box: `true` or absent.
    Bool,
    /// One of these values.
    Choice(Vec<YamlValue>),
    /// Any of these terms (a list).
    Choices(Vec<String>),
    /// A list of any texts, one per line.
    List,
}

/// What the form knows about a file's place in the site.
pub struct Context<'a> {
    /// A section (`_index.md`) rather than a page.
    pub section: bool,
    /// The schema of the section the page is in.
    pub schema: &'a Schema,
    pub sort_by: &'a SortBy,
    pub taxonomies: &'a [TaxonomyConfig],
}

/// The fields of a file's form, in the order they are shown.
pub fn fields(context: &Context) -> Vec<Field> {
    let mut fields = vec![
        field("title", "Titel", Kind::Line, !context.section),
        field("description", "Beschrijving", Kind::Paragraph, false),
    ];
    if !context.section {
        let mut date = field("date", "Datum", Kind::Date, false);
        date.help = Some("Jaar-maand-dag, bijvoorbeeld 2025-03-01.".to_owned());
        fields.push(date);
    }
    let mut draft = field("draft", "Concept", Kind::Bool, false);
    draft.help = Some("Een concept staat niet op de gepubliceerde site.".to_owned());
    fields.push(draft);
    if *context.sort_by == SortBy::Weight && !context.section {
        let number = Kind::Number {
            integer: true,
            min: None,
            max: None,
        };
        let mut weight = field("weight", "Volgorde", number, false);
        weight.help = Some("Een getal: de laagste staat bovenaan.".to_owned());
        fields.push(weight);
    }
    if context.section {
        return fields;
    }
    for (path, rule) in context.schema {
        if path.starts_with("taxonomies.") {
            continue;
        }
        match fields.iter_mut().find(|f| &f.path == path) {
            Some(known) => known.required |= rule.required,
            None => fields.push(schema_field(path, rule)),
        }
    }
    for taxonomy in context.taxonomies {
        let path = format!("taxonomies.{}", taxonomy.name);
        let rule = context.schema.get(&path);
        let kind = match &taxonomy.terms {
            Some(terms) => Kind::Choices(terms.clone()),
            None => Kind::List,
        };
        let label = taxonomy
            .title
            .clone()
            .unwrap_or_else(|| label_of(&taxonomy.name));
        let mut field = field(&path, &label, kind, rule.is_some_and(|r| r.required));
        if field.kind == Kind::List {
            field.help = Some("Eén per regel.".to_owned());
        }
        fields.push(field);
    }
    fields
}

fn field(path: &str, label: &str, kind: Kind, required: bool) -> Field {
    Field {
        path: path.to_owned(),
        label: label.to_owned(),
        kind,
        required,
        help: None,
    }
}

/// The field a schema rule describes.
fn schema_field(path: &str, rule: &FieldRule) -> Field {
    let name = path.rsplit('.').next().unwrap_or(path);
    let kind = match (&rule.values, rule.kind) {
        (Some(values), Some(FieldType::List)) => {
            Kind::Choices(values.iter().map(text_of).collect())
        }
        (Some(values), _) => Kind::Choice(values.clone()),
        (None, Some(FieldType::Integer | FieldType::Number)) => Kind::Number {
            integer: rule.kind == Some(FieldType::Integer),
            min: rule.min,
            max: rule.max,
        },
        (None, Some(FieldType::Boolean)) => Kind::Bool,
        (None, Some(FieldType::Date)) => Kind::Date,
        (None, Some(FieldType::List)) => Kind::List,
        (None, Some(FieldType::String) | None) => Kind::Line,
    };
    let mut help = Vec::new();
    if let Kind::Number { integer, min, max } = &kind {
        let what = if *integer {
            "Een geheel getal"
        } else {
            "Een getal"
        };
        help.push(match (min, max) {
            (Some(min), Some(max)) => format!("{what} van {min} tot en met {max}."),
            (Some(min), None) => format!("{what} vanaf {min}."),
            (None, Some(max)) => format!("{what} tot en met {max}."),
            (None, None) => format!("{what}."),
        });
    }
    if kind == Kind::List {
        help.push("Eén per regel.".to_owned());
    }
    if rule.unique {
        help.push("Geen andere pagina in deze sectie mag dezelfde waarde hebben.".to_owned());
    }
    Field {
        path: path.to_owned(),
        label: label_of(name),
        kind,
        required: rule.required,
        help: (!help.is_empty()).then(|| help.join(" ")),
    }
}

/// `nummer` → `Nummer`, `eind_datum` → `Eind datum`.
fn label_of(name: &str) -> String {
    let words = name.replace(['_', '-'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A scalar as the text a form shows.
fn text_of(value: &YamlValue) -> String {
    match value {
        YamlValue::String(s) => s.clone(),
        YamlValue::Number(n) => n.to_string(),
        YamlValue::Bool(b) => b.to_string(),
        YamlValue::Null => String::new(),
        other => crate::yaml::to_inline(other),
    }
}

fn lookup<'v>(front: &'v YamlValue, path: &str) -> Option<&'v YamlValue> {
    path.split('.')
        .try_fold(front, |value, part| value.get(part))
        .filter(|value| !value.is_null())
}

/// A field's value in the front matter, as the form shows it: lists one item a line,
/// a tick box `true` or `false`.
pub fn current(field: &Field, front: &YamlValue) -> String {
    let value = lookup(front, &field.path);
    match (&field.kind, value) {
        (Kind::Bool, value) => (value.and_then(YamlValue::as_bool) == Some(true)).to_string(),
        (_, None) => String::new(),
        (Kind::Choices(_) | Kind::List, Some(YamlValue::Sequence(items))) => {
            items.iter().map(text_of).collect::<Vec<_>>().join("\n")
        }
        (_, Some(value)) => text_of(value),
    }
}

/// A field's value as the form sent it, in the same shape as [`current`].
pub fn submitted(field: &Field, form: &[(String, String)]) -> String {
    let mut values = form
        .iter()
        .filter(|(name, _)| name == &field.path)
        .map(|(_, value)| value.replace("\r\n", "\n"));
    match field.kind {
        Kind::Bool => values.any(|v| v == "true").to_string(),
        Kind::Choices(_) => values.collect::<Vec<_>>().join("\n"),
        Kind::List => values
            .flat_map(|v| {
                v.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .join("\n"),
        _ => values.next().unwrap_or_default(),
    }
}

/// Whether the editor changed the field: a set of terms in another order is the same set.
fn same(field: &Field, old: &str, new: &str) -> bool {
    match field.kind {
        Kind::Choices(_) => {
            fn set(text: &str) -> Vec<&str> {
                let mut items: Vec<&str> = text.lines().collect();
                items.sort_unstable();
                items
            }
            set(old) == set(new)
        }
        _ => old == new,
    }
}

/// A problem with what was filled in, shown next to its field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub path: String,
    pub message: Msg,
}

/// The front matter changes the form asks for (only fields whose value the editor
/// changed), and what is wrong with the values before any build check runs.
pub fn changes(
    fields: &[Field],
    front: &YamlValue,
    form: &[(String, String)],
) -> (Vec<Change>, Vec<FieldError>) {
    let mut changes = Vec::new();
    let mut errors = Vec::new();
    for field in fields {
        let old = current(field, front);
        let new = submitted(field, form);
        let path: Vec<String> = field.path.split('.').map(str::to_owned).collect();
        let error = |message| FieldError {
            path: field.path.clone(),
            message,
        };
        if new.trim().is_empty() && field.required && field.kind != Kind::Bool {
            errors.push(error(msg!("editor-required")));
            continue;
        }
        if same(field, &old, &new) {
            continue;
        }
        match value_of(field, &new) {
            Ok(None) => changes.push(Change::Remove(path)),
            Ok(Some(value)) => changes.push(Change::Set(path, value)),
            Err(message) => errors.push(error(message)),
        }
    }
    (changes, errors)
}

/// The YAML value for what was filled in; `None` takes the field out (empty, or a tick
/// box `draft` unticked: no `draft: false` left behind).
fn value_of(field: &Field, text: &str) -> Result<Option<YamlValue>, Msg> {
    let string = |s: &str| YamlValue::String(s.to_owned());
    match &field.kind {
        Kind::Bool if text == "true" => Ok(Some(YamlValue::Bool(true))),
        Kind::Bool if field.path == "draft" => Ok(None),
        Kind::Bool => Ok(Some(YamlValue::Bool(false))),
        _ if text.trim().is_empty() => Ok(None),
        Kind::Choices(_) | Kind::List => Ok(Some(YamlValue::Sequence(
            text.lines().map(string).collect(),
        ))),
        Kind::Number { integer, .. } => {
            let trimmed = text.trim();
            if let Ok(n) = trimmed.parse::<i64>() {
                return Ok(Some(YamlValue::Number(n.into())));
            }
            match trimmed.replace(',', ".").parse::<f64>() {
                Ok(n) if !integer && n.is_finite() => Ok(Some(YamlValue::Number(n.into()))),
                _ => Err(msg!("editor-not-a-number", value = trimmed)),
            }
        }
        Kind::Date => {
            let trimmed = text.trim();
            if crate::inputs::front_matter::Date::parse(trimmed).is_none() {
                return Err(msg!("editor-bad-date", value = trimmed));
            }
            Ok(Some(string(trimmed)))
        }
        Kind::Choice(values) => Ok(Some(
            values
                .iter()
                .find(|v| text_of(v) == text)
                .cloned()
                .unwrap_or_else(|| string(text)),
        )),
        Kind::Line | Kind::Paragraph => Ok(Some(string(text))),
    }
}

/// The id of a field's input: `veld-extra-nummer`.
pub fn input_id(path: &str) -> String {
    format!("veld-{}", path.replace('.', "-"))
}

/// A field as HTML: label, help, input, and the place for its error, which the input
/// names with `aria-describedby` (filled by the server, and by the preview's checks).
pub fn render(field: &Field, value: &str, error: Option<&str>) -> String {
    let id = input_id(&field.path);
    let name = escape(&field.path);
    let mut described = Vec::new();
    let help = field.help.as_ref().map(|help| {
        described.push(format!("{id}-uitleg"));
        format!(
            "<p class=\"uitleg\" id=\"{id}-uitleg\">{}</p>",
            escape(help)
        )
    });
    described.push(format!("{id}-fout"));
    let error_html = format!(
        "<p class=\"fout\" id=\"{id}-fout\" data-veld=\"{name}\"{}>{}</p>",
        if error.is_some() { "" } else { " hidden" },
        error.map(escape).unwrap_or_default()
    );
    let required = if field.required {
        " <span class=\"verplicht\">(verplicht)</span>"
    } else {
        ""
    };
    let aria = format!(
        " aria-describedby=\"{}\"{}{}",
        described.join(" "),
        if field.required {
            " aria-required=\"true\""
        } else {
            ""
        },
        if error.is_some() {
            " aria-invalid=\"true\""
        } else {
            ""
        }
    );
    let label = escape(&field.label);
    let help = help.unwrap_or_default();
    match &field.kind {
        Kind::Bool => {
            let checked = if value == "true" { " checked" } else { "" };
            format!(
                "<div class=\"veld veld-vinkje\"><input type=\"checkbox\" id=\"{id}\" name=\"{name}\" value=\"true\"{checked}{aria}> <label for=\"{id}\">{label}</label>{help}{error_html}</div>"
            )
        }
        Kind::Choices(terms) => {
            let chosen: Vec<&str> = value.lines().collect();
            let mut all: Vec<&str> = terms.iter().map(String::as_str).collect();
            all.extend(chosen.iter().filter(|c| !terms.iter().any(|t| t == *c)));
            let boxes: String = all
                .iter()
                .enumerate()
                .map(|(i, term)| {
                    let checked = if chosen.contains(term) { " checked" } else { "" };
                    format!(
                        "<li><input type=\"checkbox\" id=\"{id}-{i}\" name=\"{name}\" value=\"{}\"{checked}> <label for=\"{id}-{i}\">{}</label></li>",
                        escape(term),
                        escape(term)
                    )
                })
                .collect();
            format!(
                "<fieldset class=\"veld veld-keuzes\" id=\"{id}\"{aria}><legend>{label}{required}</legend>{help}<ul>{boxes}</ul>{error_html}</fieldset>"
            )
        }
        kind => {
            let input = input_html(kind, &id, &name, value, &aria);
            format!(
                "<div class=\"veld\"><label for=\"{id}\">{label}{required}</label>{help}{input}{error_html}</div>"
            )
        }
    }
}

fn input_html(kind: &Kind, id: &str, name: &str, value: &str, aria: &str) -> String {
    let value_attr = escape(value);
    match kind {
        Kind::Paragraph => format!(
            "<textarea id=\"{id}\" name=\"{name}\" rows=\"3\"{aria}>\n{value_attr}</textarea>"
        ),
        Kind::List => format!(
            "<textarea id=\"{id}\" name=\"{name}\" rows=\"3\"{aria}>\n{value_attr}</textarea>"
        ),
        Kind::Date => {
            // A day gets the browser's date picker; a moment with a time stays text.
            let day =
                value.is_empty() || chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok();
            let kind = if day { "date" } else { "text" };
            format!(
                "<input type=\"{kind}\" id=\"{id}\" name=\"{name}\" value=\"{value_attr}\"{aria}>"
            )
        }
        Kind::Number { integer, min, max } => {
            let bound = |name: &str, v: &Option<f64>| {
                v.map(|v| format!(" {name}=\"{v}\"")).unwrap_or_default()
            };
            let step = if *integer {
                " step=\"1\""
            } else {
                " step=\"any\""
            };
            format!(
                "<input type=\"number\" id=\"{id}\" name=\"{name}\" value=\"{value_attr}\"{}{}{step} inputmode=\"numeric\"{aria}>",
                bound("min", min),
                bound("max", max)
            )
        }
        Kind::Choice(values) => {
            let options: String = std::iter::once(String::new())
                .chain(values.iter().map(text_of))
                .chain(
                    (!value.is_empty() && !values.iter().any(|v| text_of(v) == value))
                        .then(|| value.to_owned()),
                )
                .map(|option| {
                    let selected = if option == value { " selected" } else { "" };
                    let shown = if option.is_empty() {
                        "(geen)".to_owned()
                    } else {
                        escape(&option)
                    };
                    format!(
                        "<option value=\"{}\"{selected}>{shown}</option>",
                        escape(&option)
                    )
                })
                .collect();
            format!("<select id=\"{id}\" name=\"{name}\"{aria}>{options}</select>")
        }
        _ => format!(
            "<input type=\"text\" id=\"{id}\" name=\"{name}\" value=\"{value_attr}\"{aria}>"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    fn speerpunt_fields() -> Vec<Field> {
        let schema: Schema = crate::yaml::parse(
            "description: { type: string, required: true }\nextra.nummer: { type: integer, required: true, min: 1, max: 99, unique: true }\nextra.status: { values: [concept, vastgesteld] }\n",
            std::path::Path::new("s"),
        )
        .unwrap();
        let taxonomies = vec![TaxonomyConfig {
            name: "themas".into(),
            title: Some("Thema's".into()),
            paginate_by: None,
            terms: Some(vec!["Participeren".into(), "Leren".into()]),
        }];
        fields(&Context {
            section: false,
            schema: &schema,
            sort_by: &SortBy::Extra("nummer".into()),
            taxonomies: &taxonomies,
        })
    }

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn the_schema_gives_fields_their_kind_and_whether_they_are_required() {
        let fields = speerpunt_fields();
        let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "title",
                "description",
                "date",
                "draft",
                "extra.nummer",
                "extra.status",
                "taxonomies.themas"
            ]
        );
        assert!(fields[1].required, "the schema requires a description");
        assert_eq!(
            fields[4].kind,
            Kind::Number {
                integer: true,
                min: Some(1.0),
                max: Some(99.0)
            }
        );
        assert_eq!(fields[4].label, "Nummer");
        assert!(matches!(fields[6].kind, Kind::Choices(_)));
    }

    #[test]
    fn only_changed_fields_become_changes() {
        let fields = speerpunt_fields();
        let front = crate::yaml::parse_value(
            "title: A\ndescription: B\ndraft: true\nextra: { nummer: 3 }\ntaxonomies: { themas: [Leren, Participeren] }\n",
        )
        .unwrap();
        let unchanged = form(&[
            ("title", "A"),
            ("description", "B"),
            ("date", ""),
            ("draft", "true"),
            ("extra.nummer", "3"),
            ("extra.status", ""),
            ("taxonomies.themas", "Participeren"),
            ("taxonomies.themas", "Leren"),
        ]);
        assert_eq!(changes(&fields, &front, &unchanged), (vec![], vec![]));
        let mut edited = unchanged.clone();
        edited[0].1 = "Nieuwe titel".into();
        edited.retain(|(name, _)| name != "draft");
        edited[3].1 = "4".into();
        let (found, errors) = changes(&fields, &front, &edited);
        assert!(errors.is_empty());
        assert_eq!(
            found,
            vec![
                Change::Set(
                    vec!["title".into()],
                    YamlValue::String("Nieuwe titel".into())
                ),
                Change::Remove(vec!["draft".into()]),
                Change::Set(
                    vec!["extra".into(), "nummer".into()],
                    YamlValue::Number(4.into())
                ),
            ]
        );
    }

    #[test]
    fn wrong_values_get_dutch_messages_next_to_their_field() {
        let fields = speerpunt_fields();
        let front = crate::yaml::parse_value("title: A\ndescription: B\n").unwrap();
        let sent = form(&[
            ("title", "A"),
            ("description", " "),
            ("date", "1 maart"),
            ("extra.nummer", "drie"),
        ]);
        let (_, errors) = changes(&fields, &front, &sent);
        let found: Vec<(&str, String)> = errors
            .iter()
            .map(|e| (e.path.as_str(), e.message.text(Lang::Nl)))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0], ("description", "Vul dit veld in.".to_owned()));
        assert_eq!(found[1].0, "date");
        assert_eq!(found[2].0, "extra.nummer");
    }
}
