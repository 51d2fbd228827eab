//! Everything keten says to an editor, in Dutch and English, from one catalogue per
//! language (`nl.ftl`, `en.ftl`, in Mozilla's Fluent format, which handles plurals).
//!
//! Code builds a [`Msg`] (an id and its arguments) and never the words themselves; the
//! text is made when it is shown, in the language chosen for the run (see [`Lang`]).

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

/// A value a message shows; numbers choose the plural form (`1 pagina`, `2 pagina's`).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
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
        match &self.0.literal {
            Some(text) => text.clone(),
            None => catalogue(lang).format(self),
        }
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

impl From<String> for Msg {
    fn from(text: String) -> Msg {
        Msg::literal(text)
    }
}

impl From<&str> for Msg {
    fn from(text: &str) -> Msg {
        Msg::literal(text)
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

    fn format(&self, msg: &Msg) -> String {
        let Some(pattern) = self.bundle.get_message(msg.id()).and_then(|m| m.value()) else {
            return format!("[{}]", msg.id());
        };
        let mut args = FluentArgs::new();
        for (name, value) in &msg.0.args {
            match value {
                Arg::Text(text) => args.set(*name, FluentValue::from(text.as_str())),
                Arg::Number(n) => args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned()
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
    fn language_codes() {
        assert_eq!(Lang::parse("nl_NL.UTF-8"), Some(Lang::Nl));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
    }
}
