//! Everything keten says to an editor, in Dutch and English, from one catalogue per
//! language (`nl.ftl`, `en.ftl`, in Mozilla's Fluent format, which handles plurals).
//!
//! Code builds a [`Msg`] (an id and its arguments) and never the words themselves; the
//! text is made when it is shown, in the language chosen for the run (see [`Lang`]). A
//! message that must pass through code that carries only text (a template function's
//! error becomes part of Tera's report) travels embedded in that text ([`Msg::embed`])
//! and is written out when the text is shown ([`localize`]).

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The languages keten speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    Nl,
    #[default]
    En,
}

impl Lang {
    /// `nl`, `nl-NL`, `nl_BE.UTF-8` → Dutch; `en…` → English; anything else none.
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        if code.starts_with("nl") {
            Some(Lang::Nl)
        } else if code.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language for messages: `KETEN_LANG`, else the site's `language`, else the
    /// system's (`LC_ALL`, `LANG`), else English.
    pub fn choose(site_language: Option<&str>) -> Lang {
        let from_env = |name: &str| std::env::var(name).ok().and_then(|v| Lang::parse(&v));
        from_env("KETEN_LANG")
            .or_else(|| site_language.and_then(Lang::parse))
            .or_else(|| from_env("LC_ALL"))
            .or_else(|| from_env("LANG"))
            .unwrap_or(Lang::En)
    }
}

/// A value a message shows; numbers choose the plural form (`1 pagina`, `2 pagina's`);
/// a message in a message is written in the same language.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
    Msg(Msg),
}

impl From<Msg> for Arg {
    fn from(msg: Msg) -> Arg {
        Arg::Msg(msg)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(n as f64)
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Number(n as f64)
    }
}

impl From<u16> for Arg {
    fn from(n: u16) -> Arg {
        Arg::Number(f64::from(n))
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Number(f64::from(n))
    }
}

impl From<&std::path::Path> for Arg {
    fn from(path: &std::path::Path) -> Arg {
        Arg::Text(path.display().to_string())
    }
}

impl From<&std::path::PathBuf> for Arg {
    fn from(path: &std::path::PathBuf) -> Arg {
        Arg::Text(path.display().to_string())
    }
}

/// A message in no language yet: its id in the catalogue and its arguments, or a text
/// that has no translation (a template engine's own report).
#[derive(Debug, Clone, PartialEq)]
pub struct Msg(Box<Parts>);

/// Boxed, so a [`Msg`] costs one pointer in the diagnostics that carry it.
#[derive(Debug, Clone, PartialEq)]
struct Parts {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
    literal: Option<String>,
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg(Box::new(Parts {
            id,
            args: Vec::new(),
            literal: None,
        }))
    }

    /// A text shown as it is in every language.
    pub fn literal(text: impl Into<String>) -> Msg {
        Msg(Box::new(Parts {
            id: "",
            args: Vec::new(),
            literal: Some(text.into()),
        }))
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.0.args.push((name, value.into()));
        self
    }

    /// The catalogue id (empty for a literal text).
    pub fn id(&self) -> &'static str {
        self.0.id
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        if let Some(text) = &self.0.literal {
            return localize(text, lang).into_owned();
        }
        let args = self
            .0
            .args
            .iter()
            .map(|(name, value)| (*name, value.fluent(lang)))
            .collect();
        catalogue(lang).format(self.0.id, args)
    }

    /// The message as text that keeps it whole through code that passes on only text (a
    /// template function's error, which Tera turns into its report), so that it is still
    /// written in the reader's language when that text is shown ([`localize`]). A literal
    /// text stays as it is.
    pub fn embed(&self) -> String {
        if let Some(text) = &self.0.literal {
            return text.clone();
        }
        let mut out = String::from(OPEN);
        out.push_str(self.0.id);
        for (name, value) in &self.0.args {
            out.push(NEXT);
            out.push_str(name);
            match value {
                Arg::Number(n) => out.push_str(&format!("#{n}")),
                Arg::Text(text) => out.push_str(&format!("={text}")),
                Arg::Msg(msg) => out.push_str(&format!("={}", msg.embed())),
            }
        }
        out.push(CLOSE);
        out
    }

    /// The message in English, for logs and `Display`.
    pub fn english(&self) -> String {
        self.text(Lang::En)
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english())
    }
}

/// `msg!(ID, name = value, …)`: a [`Msg`] with its arguments.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Msg::new($id)$(.arg(stringify!($name), $value))*
    };
}

/// One language's catalogue, read once from the text built into keten.
struct Catalogue {
    bundle: FluentBundle<FluentResource>,
}

impl Catalogue {
    fn load(lang: Lang) -> Catalogue {
        let (code, text) = match lang {
            Lang::Nl => ("nl", include_str!("nl.ftl")),
            Lang::En => ("en", include_str!("en.ftl")),
        };
        let resource = FluentResource::try_new(text.to_owned())
            .unwrap_or_else(|(_, errors)| panic!("{code}.ftl does not parse: {errors:?}"));
        let language = code.parse().expect("a language code");
        let mut bundle = FluentBundle::new_concurrent(vec![language]);
        // Fluent marks placeables for right-to-left scripts by default; a terminal shows
        // those marks as stray characters.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("{code}.ftl has duplicate ids: {errors:?}"));
        Catalogue { bundle }
    }

    fn format(&self, id: &str, args: Vec<(&str, FluentValue<'_>)>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return format!("[{id}]");
        };
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(name, value);
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent), &mut errors)
            .into_owned()
    }
}

impl Arg {
    /// The value as Fluent takes it, with the messages in it written in `lang`.
    fn fluent(&self, lang: Lang) -> FluentValue<'static> {
        match self {
            Arg::Text(text) => FluentValue::from(localize(text, lang).into_owned()),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Msg(msg) => FluentValue::from(msg.text(lang)),
        }
    }
}

/// Around a message embedded in a text, and between its id and arguments: characters of
/// Unicode's private use area, which no editor's text or Tera report holds. (The
/// Markdown's shortcode placeholders use U+E000 and U+E001.)
const OPEN: char = '\u{E010}';
const NEXT: char = '\u{E011}';
const CLOSE: char = '\u{E012}';

/// `text` with every message embedded in it ([`Msg::embed`]) written in `lang`.
pub fn localize(text: &str, lang: Lang) -> Cow<'_, str> {
    if !text.contains(OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let (parts, after) = embedded_parts(&rest[start + OPEN.len_utf8()..]);
        out.push_str(&embedded_text(&parts, lang));
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The id and `name=value` parts of the embedded message `inner` starts with, and the
/// text after its end. A value may hold embedded messages of its own.
fn embedded_parts(inner: &str) -> (Vec<&str>, &str) {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (at, c) in inner.char_indices() {
        match c {
            OPEN => depth += 1,
            CLOSE if depth > 0 => depth -= 1,
            CLOSE => {
                parts.push(&inner[start..at]);
                return (parts, &inner[at + CLOSE.len_utf8()..]);
            }
            NEXT if depth == 0 => {
                parts.push(&inner[start..at]);
                start = at + NEXT.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    (parts, "")
}

/// The embedded message of `parts` (its id, then `name=text` or `name#number`) in `lang`.
fn embedded_text(parts: &[&str], lang: Lang) -> String {
    let Some((id, args)) = parts.split_first() else {
        return String::new();
    };
    let args = args
        .iter()
        .filter_map(|part| {
            let at = part.find(['=', '#'])?;
            let (name, value) = (&part[..at], &part[at + 1..]);
            let value = if part[at..].starts_with('#') {
                FluentValue::from(value.parse::<f64>().unwrap_or_default())
            } else {
                FluentValue::from(localize(value, lang).into_owned())
            };
            Some((name, value))
        })
        .collect();
    catalogue(lang).format(id, args)
}

/// `` `a`, `b` or `c` `` in the reader's language (`of` in Dutch): names in backticks.
pub fn one_of<S: AsRef<str>>(names: &[S]) -> Msg {
    listed(names, |first, last| {
        crate::msg!("list-or", first = first, last = last)
    })
}

/// `` `a`, `b` and `c` `` in the reader's language (`en` in Dutch): names in backticks.
pub fn all_of<S: AsRef<str>>(names: &[S]) -> Msg {
    listed(names, |first, last| {
        crate::msg!("list-and", first = first, last = last)
    })
}

/// The names in backticks, separated by commas and the last by the word `join` gives.
fn listed<S: AsRef<str>>(names: &[S], join: fn(String, String) -> Msg) -> Msg {
    let ticked: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match ticked.split_last() {
        Some((last, rest)) if !rest.is_empty() => join(rest.join(", "), last.clone()),
        _ => Msg::literal(ticked.concat()),
    }
}

/// The catalogue of `lang`, made on first use and never changed.
fn catalogue(lang: Lang) -> &'static Catalogue {
    static NL: OnceLock<Catalogue> = OnceLock::new();
    static EN: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::Nl => NL.get_or_init(|| Catalogue::load(Lang::Nl)),
        Lang::En => EN.get_or_init(|| Catalogue::load(Lang::En)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&str> {
        let mut ids: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
            .filter_map(|l| l.split(" =").next())
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn both_catalogues_have_every_message() {
        assert_eq!(ids(include_str!("nl.ftl")), ids(include_str!("en.ftl")));
    }

    /// Every `msg!("…")` and `Msg::new("…")` in the code names a message both catalogues have.
    #[test]
    fn every_message_the_code_uses_is_in_the_catalogues() {
        let known = ids(include_str!("en.ftl"));
        let mut missing = Vec::new();
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for marker in ["msg!(\"", "Msg::new(\""] {
                for part in text.split(marker).skip(1) {
                    let id = part.split('"').next().unwrap();
                    let is_id = !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                    if is_id && !known.contains(&id) {
                        missing.push(format!("{}: {id}", entry.path().display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "not in the catalogues: {missing:#?}");
    }

    #[test]
    fn plurals_and_arguments_in_both_languages() {
        let one = msg!(
            "summary-built",
            pages = 1usize,
            sections = 1usize,
            files = 0usize,
            seconds = "0,12"
        );
        assert_eq!(
            one.text(Lang::Nl),
            "1 pagina, 1 sectie en 0 bestanden gebouwd in 0,12 s"
        );
        let many = msg!(
            "summary-built",
            pages = 17usize,
            sections = 6usize,
            files = 11usize,
            seconds = "0.12"
        );
        assert_eq!(
            many.text(Lang::En),
            "Built 17 pages, 6 sections, 11 files in 0.12 s"
        );
    }

    #[test]
    fn lists_join_their_last_name_in_the_language() {
        let three = one_of(&["info", "let-op", "waarschuwing"]);
        assert_eq!(three.text(Lang::Nl), "`info`, `let-op` of `waarschuwing`");
        assert_eq!(three.text(Lang::En), "`info`, `let-op` or `waarschuwing`");
        assert_eq!(all_of(&["a", "b"]).text(Lang::Nl), "`a` en `b`");
        assert_eq!(all_of(&["a"]).text(Lang::En), "`a`");
    }

    #[test]
    fn an_embedded_message_is_written_when_its_text_is_shown() {
        let inner = msg!("fm-bad-date", field = "date", value = "gisteren");
        let outer = msg!("io-read", path = "a=b.csv", reason = inner);
        let text = format!("Tera: {}\n --> x.html:1:1", outer.embed());
        assert_eq!(
            localize(&text, Lang::Nl),
            "Tera: `a=b.csv` kan niet worden gelezen: `date` is geen datum: `gisteren`\n --> x.html:1:1"
        );
        let plural = msg!("list-more", kind = "problems", count = 1usize).embed();
        assert_eq!(Msg::literal(plural).text(Lang::En), "… and 1 more problem");
        assert_eq!(localize("plain", Lang::En), "plain");
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::parse("nl_NL.UTF-8"), Some(Lang::Nl));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
    }
}
