//! Shortcode templates: `templates/shortcodes/NAME.html` in the site, else in the theme,
//! each a Tera 2 component named after its file, which declares the shortcode's arguments:
//!
//! ```text
//! {% component figuur(src: string, alt: string, bijschrift: string = "", @page) %}…{% endcomponent figuur %}
//! ```
//!
//! Before a call is rendered, its arguments are checked against that declaration, so an
//! editor learns at the call's line and column about an unknown shortcode or argument, a
//! missing one, a wrong type, or a value outside the list the component's metadata allows
//! (`{"values": {"soort": ["info", "let-op"]}}`). A component that uses `body` takes a
//! body. Implicit arguments come from keten: `@page` (the page or section whose Markdown
//! calls it: `title`, `path`, `url`, `assets`, `extra`) and `@nth` (this call's number among
//! the page's calls of the shortcode, for unique ids).
//!
//! Shortcodes have a Tera of their own: they are rendered with the Markdown, before the
//! site's other templates run, and a site's shortcode replaces the theme's of the same name
//! (two components of one name in one Tera would clash).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{ComponentArgType, ComponentInfo, Context, Tera, Value};

use super::data::DataFiles;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::markdown::calls::{ArgValue, Call, Form};
use crate::markdown::expand::{Expand, Problem};
use crate::messages::{Msg, all_of, one_of};
use crate::msg;
use crate::yaml::closest;

/// The folder under a templates folder that holds shortcodes.
pub const FOLDER: &str = "shortcodes";

/// The site's shortcodes, ready to render in parallel.
#[derive(Default)]
pub struct Shortcodes {
    /// None when the site has no shortcodes: a Tera costs about a megabyte.
    tera: Option<Tera>,
    declared: BTreeMap<String, Declared>,
    /// Shortcode template files read from disk, for `serve`.
    pub files: Vec<PathBuf>,
}

/// One shortcode as its template declares it.
struct Declared {
    /// Its registered name, which is its path from the site folder.
    template: String,
    text: String,
    info: ComponentInfo,
    takes_body: bool,
}

impl std::fmt::Debug for Shortcodes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.declared.keys()).finish()
    }
}

impl Shortcodes {
    /// Loads the shortcodes of the site under `root` and of its theme.
    pub fn load(root: &Path, config: &Config, data: Arc<DataFiles>) -> Result<Shortcodes> {
        let mut folders = vec!["templates/".to_owned()];
        if let Some(theme) = &config.theme {
            folders.push(format!("themes/{theme}/templates/"));
        }
        let mut chosen: BTreeMap<String, (String, PathBuf, String)> = BTreeMap::new();
        for folder in folders {
            for (name, template, path) in shortcode_files(root, &format!("{folder}{FOLDER}"))? {
                if chosen.contains_key(&name) {
                    continue;
                }
                let bytes = std::fs::read(&path).map_err(|e| Error::read(&path, e))?;
                let text = crate::text::decode(bytes, Path::new(&template))?;
                chosen.insert(name, (template, path, text));
            }
        }
        if chosen.is_empty() {
            return Ok(Shortcodes::default());
        }
        let mut tera = Tera::new();
        super::register_helpers(&mut tera, &config.language, data);
        let sources: Vec<(String, String)> = chosen
            .values()
            .map(|(template, _, text)| (template.clone(), text.clone()))
            .collect();
        tera.add_raw_templates(sources)
            .map_err(|e| super::template_error(&e))?;
        let mut declared = BTreeMap::new();
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for (name, (template, path, text)) in chosen {
            files.push(path);
            match tera.get_component_definition(&name) {
                Some(info) => {
                    let takes_body = uses_body(&text);
                    declared.insert(
                        name,
                        Declared {
                            template,
                            text,
                            info,
                            takes_body,
                        },
                    );
                }
                None => problems.push(
                    Diagnostic::new(&template, msg!("shortcode-no-component", name = &name))
                        .with_hint(msg!("shortcode-no-component-hint", name = &name)),
                ),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Input(problems));
        }
        Ok(Shortcodes {
            tera: Some(tera),
            declared,
            files,
        })
    }

    /// The shortcodes whose template differs from `before`'s, or `None` when the two
    /// sets do not have the same names (one was added or removed).
    pub fn changed_since(&self, before: &Shortcodes) -> Option<Vec<String>> {
        if !self.declared.keys().eq(before.declared.keys()) {
            return None;
        }
        Some(
            self.declared
                .iter()
                .filter(|(name, now)| {
                    let then = &before.declared[*name];
                    now.template != then.template || now.text != then.text
                })
                .map(|(name, _)| name.clone())
                .collect(),
        )
    }

    /// The checked arguments of `call`, as the component receives them.
    fn arguments(&self, declared: &Declared, call: &Call) -> Result<Context, Problem> {
        let info = &declared.info;
        let name = &call.name;
        let mut context = Context::new();
        for arg in &call.args {
            let spec = info
                .args()
                .iter()
                .find(|a| a.name() == arg.name && !a.is_implicit());
            let Some(spec) = spec else {
                if info.rest_param().is_some() {
                    context.insert_value(arg.name.clone(), plain_value(&arg.value, None));
                    continue;
                }
                return Err(unknown_argument(declared, name, &arg.name, arg.offset));
            };
            let value = typed_value(&arg.value, spec.arg_type()).ok_or_else(|| Problem {
                offset: Some(arg.offset),
                message: msg!(
                    "arg-wrong-type",
                    name = &arg.name,
                    shortcode = name,
                    expected = expected(spec.arg_type()),
                    found = arg.value.kind()
                ),
                hint: Some(type_hint(&arg.name, &arg.value, spec.arg_type())),
            })?;
            if let Some(problem) = not_allowed(info, name, &arg.name, &arg.value, arg.offset) {
                return Err(problem);
            }
            context.insert_value(arg.name.clone(), value);
        }
        let missing = info
            .args()
            .iter()
            .find(|a| a.is_required() && !call.args.iter().any(|given| given.name == a.name()));
        if let Some(spec) = missing {
            return Err(Problem {
                offset: None,
                message: msg!("arg-missing", shortcode = name, name = spec.name()),
                hint: Some(msg!(
                    "arg-missing-hint",
                    example = example(spec.name(), spec.arg_type()),
                    template = &declared.template
                )),
            });
        }
        Ok(context)
    }
}

impl Expand for Shortcodes {
    fn expand(&self, page: &Value, call: &Call, body: Option<&str>) -> Result<String, Problem> {
        let name = &call.name;
        let Some(declared) = self.declared.get(name) else {
            return Err(self.unknown(name));
        };
        match (call.form, declared.takes_body) {
            (Form::Inline, true) => {
                return Err(Problem {
                    offset: None,
                    message: msg!("shortcode-needs-body", name = name),
                    hint: Some(msg!("shortcode-needs-body-hint", name = name)),
                });
            }
            (Form::Open, false) => {
                return Err(Problem {
                    offset: None,
                    message: msg!("shortcode-takes-no-body", name = name),
                    hint: Some(msg!("shortcode-takes-no-body-hint", name = name)),
                });
            }
            _ => {}
        }
        let args = self.arguments(declared, call)?;
        let mut implicits = Context::new();
        implicits.insert_value("page", page.clone());
        implicits.insert("nth", &call.nth);
        let tera = self.tera.as_ref().expect("a declared shortcode has a Tera");
        tera.render_component_with_implicits(name, &args, &implicits, body, true)
            .map_err(|error| {
                let Error::Template { text: report, .. } = super::template_error(&error) else {
                    unreachable!("template_error makes template errors")
                };
                let template = &declared.template;
                let hint = if report.contains("load_data: ") {
                    msg!("shortcode-failed-data-hint", template = template)
                } else {
                    msg!("shortcode-failed-hint", template = template)
                };
                Problem {
                    offset: None,
                    message: msg!("shortcode-failed", name = name, report = report),
                    hint: Some(hint),
                }
            })
    }
}

impl Shortcodes {
    fn unknown(&self, name: &str) -> Problem {
        let known: Vec<&str> = self.declared.keys().map(String::as_str).collect();
        let hint = match closest(name, &known) {
            Some(best) => msg!("did-you-mean", name = best),
            None if known.is_empty() => msg!(
                "shortcode-none",
                path = format!("templates/{FOLDER}/{name}.html")
            ),
            None => msg!("shortcode-known", names = all_of(&known)),
        };
        Problem {
            offset: None,
            message: msg!("shortcode-unknown", name = name),
            hint: Some(hint),
        }
    }
}

fn unknown_argument(declared: &Declared, shortcode: &str, name: &str, offset: usize) -> Problem {
    let known: Vec<&str> = declared
        .info
        .args()
        .iter()
        .filter(|a| !a.is_implicit())
        .map(|a| a.name())
        .collect();
    let hint = match closest(name, &known) {
        Some(best) => msg!("did-you-mean", name = best),
        None if known.is_empty() => msg!("arg-none", shortcode = shortcode),
        None => msg!("arg-known", shortcode = shortcode, names = all_of(&known)),
    };
    Problem {
        offset: Some(offset),
        message: msg!("arg-unknown", shortcode = shortcode, name = name),
        hint: Some(hint),
    }
}

/// A value outside the list the component's metadata allows for this argument.
fn not_allowed(
    info: &ComponentInfo,
    shortcode: &str,
    name: &str,
    value: &ArgValue,
    offset: usize,
) -> Option<Problem> {
    let allowed: Vec<&str> = info
        .metadata()
        .get("values")?
        .get_from_path(name)?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let ArgValue::Text(given) = value else {
        return None;
    };
    if allowed.contains(&given.as_str()) {
        return None;
    }
    let hint = match closest(given, &allowed) {
        Some(best) => msg!("did-you-mean", name = best),
        None => msg!("arg-write-one", allowed = one_of(&allowed)),
    };
    Some(Problem {
        offset: Some(offset),
        message: msg!(
            "arg-not-allowed",
            name = name,
            shortcode = shortcode,
            given = given,
            allowed = one_of(&allowed)
        ),
        hint: Some(hint),
    })
}

/// What an argument of this type must be, as `arg-wrong-type` selects it.
fn expected(kind: Option<ComponentArgType>) -> &'static str {
    match kind {
        Some(ComponentArgType::String) => "text",
        Some(ComponentArgType::Bool) => "boolean",
        Some(ComponentArgType::Integer) => "integer",
        Some(ComponentArgType::Float | ComponentArgType::Number) => "number",
        Some(ComponentArgType::Array) => "list",
        Some(ComponentArgType::Map) => "map",
        _ => "other",
    }
}

/// `alt="…"`, `breedte=1`, …: how to write an argument of this type.
fn example(name: &str, kind: Option<ComponentArgType>) -> String {
    match kind {
        Some(ComponentArgType::Integer | ComponentArgType::Float | ComponentArgType::Number) => {
            format!("{name}=1")
        }
        Some(ComponentArgType::Bool) => format!("{name}=true"),
        Some(ComponentArgType::Array) => format!("{name}=[\"…\"]"),
        _ => format!("{name}=\"…\""),
    }
}

fn type_hint(name: &str, value: &ArgValue, kind: Option<ComponentArgType>) -> Msg {
    let written = match value {
        ArgValue::Text(t) => t.clone(),
        ArgValue::Integer(i) => i.to_string(),
        ArgValue::Float(f) => f.to_string(),
        ArgValue::Bool(b) => b.to_string(),
        ArgValue::List(_) => "…".to_owned(),
    };
    match kind {
        Some(ComponentArgType::String) => {
            msg!("arg-quote-hint", example = format!("{name}=\"{written}\""))
        }
        Some(ComponentArgType::Integer | ComponentArgType::Float | ComponentArgType::Number) => {
            if written.parse::<f64>().is_ok() {
                msg!("arg-unquote-number", example = format!("{name}={written}"))
            } else {
                msg!("arg-number-hint", example = format!("{name}=1"))
            }
        }
        Some(ComponentArgType::Bool) => msg!("arg-bool-hint", name = name),
        Some(ComponentArgType::Array) => {
            msg!("arg-list-hint", example = format!("{name}=[\"…\", \"…\"]"))
        }
        _ => msg!("arg-see-template", name = name),
    }
}

/// The value as the component receives it, if it has the declared type; a whole number
/// passes for a decimal one.
fn typed_value(value: &ArgValue, kind: Option<ComponentArgType>) -> Option<Value> {
    let fits = matches!(
        (kind, value),
        (None, _)
            | (Some(ComponentArgType::String), ArgValue::Text(_))
            | (Some(ComponentArgType::Bool), ArgValue::Bool(_))
            | (Some(ComponentArgType::Integer), ArgValue::Integer(_))
            | (Some(ComponentArgType::Array), ArgValue::List(_))
            | (
                Some(ComponentArgType::Float | ComponentArgType::Number),
                ArgValue::Integer(_) | ArgValue::Float(_),
            )
    );
    fits.then(|| plain_value(value, kind))
}

fn plain_value(value: &ArgValue, kind: Option<ComponentArgType>) -> Value {
    match value {
        ArgValue::Text(t) => Value::from(t.as_str()),
        ArgValue::Integer(i) if kind == Some(ComponentArgType::Float) => Value::from(*i as f64),
        ArgValue::Integer(i) => Value::from(*i),
        ArgValue::Float(f) => Value::from(*f),
        ArgValue::Bool(b) => Value::from(*b),
        ArgValue::List(items) => Value::from(
            items
                .iter()
                .map(|item| plain_value(item, None))
                .collect::<Vec<Value>>(),
        ),
    }
}

/// Whether a component's template uses `body` in one of its tags (comments aside): then
/// the shortcode is called with a body.
fn uses_body(text: &str) -> bool {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let close = match after.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                rest = after;
                continue;
            }
        };
        let end = after.find(close).map_or(after.len(), |e| e + close.len());
        let tag = &after[1..end.saturating_sub(close.len()).max(1)];
        if close != "#}" && has_word(tag, "body") {
            return true;
        }
        rest = &after[end..];
    }
    false
}

fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
        !part(before) && !part(after)
    })
}

/// The `.html` files directly in `root/folder`: (shortcode name, registered name, path).
fn shortcode_files(root: &Path, folder: &str) -> Result<Vec<(String, String, PathBuf)>> {
    let Some(dir) = crate::folders::optional(root, folder)? else {
        return Ok(Vec::new());
    };
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::read(&dir, e))?;
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::read(&dir, e))?;
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if crate::inputs::scan::is_ignored(entry.file_name().as_os_str()) || !path.is_file() {
            continue;
        }
        let Some(stem) = name.strip_suffix(".html") else {
            continue;
        };
        let template = format!("{folder}/{name}");
        let valid = stem.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            let file = format!(
                "{}.html",
                stem.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
            );
            return Err(
                Diagnostic::new(&template, msg!("shortcode-bad-name", name = stem))
                    .with_hint(msg!("shortcode-bad-name-hint", file = file))
                    .into(),
            );
        }
        found.push((stem.to_owned(), template, path));
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::calls;

    fn shortcodes(files: &[(&str, &str)]) -> Shortcodes {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("content")).unwrap();
        for (name, text) in files {
            let path = site.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let config = Config::parse(
            "base_url: https://example.org/\ntitle: T\ntheme: t\n",
            Path::new("config.yaml"),
            None,
        )
        .unwrap();
        let data = Arc::new(DataFiles::new(site.path()));
        Shortcodes::load(site.path(), &config, data).unwrap()
    }

    fn expand(shortcodes: &Shortcodes, text: &str, body: Option<&str>) -> Result<String, Problem> {
        let mut call = calls::read(text, 0).unwrap().unwrap();
        call.nth = 1;
        let page = Value::from_serializable(&serde_json::json!({"title": "P", "path": "a.md"}));
        shortcodes.expand(&page, &call, body)
    }

    const KADER: &str = "{% component kader(soort: string = \"info\", @page) {\"values\": {\"soort\": [\"info\", \"let-op\"]}} %}<div class=\"kader kader--{{ soort }}\">{{ body }}</div>{% endcomponent kader %}";
    const FIGUUR: &str = "{% component figuur(src: string, alt: string, breedte: integer = 0, @nth) %}<img id=\"f{{ nth }}\" src=\"{{ src }}\" alt=\"{{ alt }}\">{% endcomponent figuur %}";

    fn g40() -> Shortcodes {
        shortcodes(&[
            ("themes/t/templates/shortcodes/kader.html", KADER),
            ("themes/t/templates/shortcodes/figuur.html", FIGUUR),
            (
                "templates/shortcodes/figuur.html",
                &FIGUUR.replace("<img", "<img class=\"eigen\""),
            ),
        ])
    }

    #[test]
    fn the_site_overrides_the_theme_and_calls_render() {
        let s = g40();
        let out = expand(&s, "{{ figuur(src=\"a.png\", alt=\"<A>\") }}", None).unwrap();
        assert_eq!(
            out,
            "<img class=\"eigen\" id=\"f1\" src=\"a.png\" alt=\"&lt;A&gt;\">"
        );
        let out = expand(&s, "{% kader(soort=\"let-op\") %}", Some("<p>x</p>")).unwrap();
        assert_eq!(out, "<div class=\"kader kader--let-op\"><p>x</p></div>");
    }

    #[test]
    fn calls_are_checked_against_the_declaration() {
        let s = g40();
        let message = |text: &str| {
            let body = text.starts_with("{%").then_some("");
            let p = expand(&s, text, body).unwrap_err();
            let hint = p.hint.map(|h| h.english()).unwrap_or_default();
            format!("{} ({hint})", p.message)
        };
        assert_eq!(
            message("{{ figur(src=\"a\") }}"),
            "unknown shortcode `figur` (did you mean `figuur`?)"
        );
        assert_eq!(
            message("{{ figuur(src=\"a\", alt=\"b\", bron=\"c\") }}"),
            "`figuur` has no argument `bron` (`figuur` takes `alt`, `breedte` and `src`)"
        );
        assert_eq!(
            message("{{ figuur(src=\"a\") }}"),
            "`figuur` needs the argument `alt` (add `alt=\"…\"` to the call (see `templates/shortcodes/figuur.html`))"
        );
        assert_eq!(
            message("{{ figuur(src=\"a\", alt=\"b\", breedte=\"480\") }}"),
            "`breedte` of `figuur` must be a whole number, not text (write the number without quotes: `breedte=480`)"
        );
        assert_eq!(
            message("{% kader(soort=\"letop\") %}"),
            "`soort` of `kader` is `letop`; it must be `info` or `let-op` (did you mean `let-op`?)"
        );
        assert!(message("{{ kader() }}").starts_with("`kader` has a body"));
        assert!(
            message("{% figuur(src=\"a\", alt=\"b\") %}").starts_with("`figuur` takes no body")
        );
    }

    #[test]
    fn a_template_error_names_the_template() {
        let s = shortcodes(&[(
            "templates/shortcodes/stuk.html",
            "{% component stuk() %}{{ nergens.x }}{% endcomponent stuk %}",
        )]);
        let message = expand(&s, "{{ stuk() }}", None)
            .unwrap_err()
            .message
            .english();
        assert!(
            message.starts_with("the shortcode `stuk` failed"),
            "{message}"
        );
        assert!(
            message.contains("templates/shortcodes/stuk.html:1:"),
            "{message}"
        );
    }

    #[test]
    fn body_use_is_found_in_tags_only() {
        assert!(uses_body("{{ body }}"));
        assert!(uses_body("{% if body %}x{% endif %}"));
        assert!(!uses_body("{# body #}<body>{{ page.body_x }}"));
    }
}
