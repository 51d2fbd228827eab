//! `config.yaml`: read strictly (a typo is an error, not a silent default), then validated.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, Error, Position, Result};
use crate::images::ImageSettings;
use crate::messages::Msg;
use crate::msg;
use crate::yaml::{self, YamlMapping};

/// The config file's name at the site root.
pub const CONFIG_FILE: &str = "config.yaml";

/// The file exactly as written; every field is listed so an unknown key is an error.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    output_dir: Option<PathBuf>,
    #[serde(default)]
    menus: BTreeMap<String, Vec<MenuItem>>,
    #[serde(default)]
    taxonomies: Vec<TaxonomyConfig>,
    #[serde(default)]
    broken_links: Severity,
    #[serde(default = "yes")]
    feed: bool,
    #[serde(default = "default_feed_limit")]
    feed_limit: usize,
    #[serde(default)]
    search: bool,
    #[serde(default = "yes")]
    smart_punctuation: bool,
    #[serde(default)]
    images: ImageSettings,
    #[serde(default)]
    editions: Option<EditionsConfig>,
    #[serde(default)]
    security_txt: Option<SecurityTxt>,
    #[serde(default)]
    extra: YamlMapping,
}

/// `security_txt:` in the config: what `/.well-known/security.txt` (RFC 9116) says.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SecurityTxt {
    /// Where to report a vulnerability: `mailto:` or `https:` addresses.
    pub contact: Vec<String>,
    /// When the file should no longer be trusted (RFC 3339), at most a year ahead.
    pub expires: String,
    #[serde(default)]
    pub preferred_languages: Option<String>,
    #[serde(default)]
    pub policy: Option<String>,
}

fn yes() -> bool {
    true
}

fn default_feed_limit() -> usize {
    20
}

/// `editions:` in the config.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EditionsConfig {
    /// The folder under `content/` whose subsections are the editions: `agenda`.
    pub section: String,
    /// The folder name of the current edition: `2024-2025`.
    pub current: String,
    /// The slug of each edition's "what changed" page.
    #[serde(default = "default_changes_slug")]
    pub changes_slug: String,
}

fn default_changes_slug() -> String {
    "wat-is-er-veranderd".to_owned()
}

impl EditionsConfig {
    /// The content key of the editions' section: `agenda/_index.md`.
    pub fn section_key(&self) -> String {
        format!("{}/_index.md", self.section.trim_matches('/'))
    }

    /// The content key of an edition: `agenda/2024-2025/_index.md`.
    pub fn edition_key(&self, period: &str) -> String {
        format!("{}/{period}/_index.md", self.section.trim_matches('/'))
    }
}

/// One entry of a menu; `url` may be an internal link (`@/agenda/_index.md`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

/// A taxonomy the site declares, such as `themas`; pages name their terms in front matter.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    pub name: String,
    /// How readers see the taxonomy's name ("Thema's"); defaults to `name`.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// The terms pages may use; when given, any other term is an error (a typo would
    /// otherwise make a new term page of its own).
    #[serde(default)]
    pub terms: Option<Vec<String>>,
}

/// Whether a problem stops the build or is only reported.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Error,
    Warn,
}

impl Severity {
    /// The one policy for problems this setting governs (broken links), in `build`,
    /// `check` and `serve` alike: (errors, warnings).
    pub fn split(self, problems: Vec<Diagnostic>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        match self {
            Severity::Error => (problems, Vec::new()),
            Severity::Warn => (Vec::new(), problems),
        }
    }
}

/// The validated site configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Always ends in `/`, e.g. `https://example.org/g40/`.
    pub base_url: String,
    /// The path part of `base_url` (`/g40/`), prefixed to every internal URL so the site
    /// also works under a sub-path.
    pub base_path: String,
    pub title: String,
    pub description: String,
    pub language: String,
    pub theme: Option<String>,
    pub output_dir: PathBuf,
    pub menus: BTreeMap<String, Vec<MenuItem>>,
    pub taxonomies: Vec<TaxonomyConfig>,
    pub broken_links: Severity,
    /// Whether the site has an Atom feed of its newest pages at `/atom.xml`.
    pub feed: bool,
    /// How many entries a feed holds.
    pub feed_limit: usize,
    /// Whether the build writes a search index (`search-index/`) for the browser.
    pub search: bool,
    /// Whether quotes, apostrophes and dashes become typographic (`’`, `“ ”`, `–`) in the
    /// text and the front matter; off for sites that show configuration text outside code.
    pub smart_punctuation: bool,
    /// How content images are published: widths, quality, size warnings.
    pub images: ImageSettings,
    /// The agenda's editions, when the site has them.
    pub editions: Option<EditionsConfig>,
    /// `/.well-known/security.txt`, when set.
    pub security_txt: Option<SecurityTxt>,
    pub extra: YamlMapping,
}

impl Config {
    /// Reads `config.yaml` from `root`; `base_url_override` comes from `--base-url`.
    pub fn load(root: &Path, base_url_override: Option<&str>) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Error::Refused(msg!("config-missing", path = root)));
        }
        let bytes = std::fs::read(&path).map_err(|e| Error::read(&path, e))?;
        let text = crate::text::decode(bytes, Path::new(CONFIG_FILE))?;
        let config = Config::parse(&text, Path::new(CONFIG_FILE), base_url_override)?;
        if let Some(theme) = &config.theme {
            check_theme(root, theme, &text)?;
        }
        Ok(config)
    }

    /// Parses and validates the text of a config file; `file` is how errors name it.
    pub fn parse(
        text: &str,
        file: &Path,
        base_url_override: Option<&str>,
    ) -> Result<Config, Diagnostic> {
        let raw: RawConfig = yaml::parse(text, file)?;
        let RawConfig {
            base_url,
            title,
            description,
            language,
            theme,
            output_dir,
            menus,
            taxonomies,
            broken_links,
            feed,
            feed_limit,
            search,
            smart_punctuation,
            images,
            editions,
            security_txt,
            extra,
        } = raw;
        let base_url = base_url_override.map_or(base_url, str::to_owned);
        let (base_url, base_path) = split_base_url(&base_url).ok_or_else(|| {
            let diagnostic = Diagnostic::new(file, msg!("config-base-url", value = &base_url))
                .with_hint(msg!("config-base-url-hint"));
            match yaml::key_position(text, "base_url") {
                Some(position) if base_url_override.is_none() => diagnostic.at(text, position),
                _ => diagnostic,
            }
        })?;
        check_taxonomies(&taxonomies, text, file)?;
        if let Err((field, problem)) = images.validate() {
            let diagnostic = Diagnostic::new(file, problem);
            let position = yaml::nested_key_position(text, &["images", field])
                .or_else(|| yaml::key_position(text, "images"));
            return Err(match position {
                Some(position) => diagnostic.at(text, position),
                None => diagnostic,
            });
        }
        if let Some(editions) = &editions {
            check_editions(editions, text, file)?;
        }
        if let Some(security) = &security_txt {
            check_security_txt(security, text, file)?;
        }
        Ok(Config {
            base_url,
            base_path,
            title,
            description,
            language: language.unwrap_or_else(|| "nl".to_owned()),
            theme,
            output_dir: output_dir.unwrap_or_else(|| PathBuf::from("public")),
            menus,
            taxonomies,
            broken_links,
            feed,
            feed_limit,
            search,
            smart_punctuation,
            images,
            editions,
            security_txt,
            extra,
        })
    }

    /// The absolute URL of a site path such as `/agenda/` (for feeds and canonical links).
    pub fn permalink(&self, url: &str) -> String {
        let host = self.base_url.trim_end_matches('/');
        let host = host
            .strip_suffix(self.base_path.trim_end_matches('/'))
            .unwrap_or(host);
        format!("{host}{url}")
    }
}

/// `https://example.org/g40` → (`https://example.org/g40/`, `/g40/`).
fn split_base_url(url: &str) -> Option<(String, String)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || path.contains("..") || path.contains(['?', '#']) {
        return None;
    }
    let path = path.trim_matches('/');
    let base_path = if path.is_empty() {
        "/".to_owned()
    } else {
        format!("/{path}/")
    };
    let scheme = &url[..url.len() - rest.len()];
    Some((format!("{scheme}{host}{base_path}"), base_path))
}

fn check_taxonomies(
    taxonomies: &[TaxonomyConfig],
    text: &str,
    file: &Path,
) -> Result<(), Diagnostic> {
    let mut seen = Vec::new();
    for taxonomy in taxonomies {
        let valid =
            !taxonomy.name.is_empty() && crate::url::slugify(&taxonomy.name) == taxonomy.name;
        if !valid || seen.contains(&&taxonomy.name) {
            let message = if valid {
                msg!("config-taxonomy-twice", name = &taxonomy.name)
            } else {
                msg!("config-taxonomy-name", name = &taxonomy.name)
            };
            let position =
                yaml::key_position(text, "taxonomies").unwrap_or(Position { line: 1, column: 1 });
            return Err(Diagnostic::new(file, message).at(text, position));
        }
        seen.push(&taxonomy.name);
    }
    Ok(())
}

/// The theme must be a folder in `themes/` (inside the site); the error points at the
/// `theme:` line and lists the themes there are.
fn check_theme(root: &Path, theme: &str, text: &str) -> Result<()> {
    let plain_name = !theme.contains(['/', '\\']) && !matches!(theme, "" | "." | "..");
    if plain_name && crate::folders::optional(root, &format!("themes/{theme}"))?.is_some() {
        return Ok(());
    }
    let mut available: Vec<String> = std::fs::read_dir(root.join("themes"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    available.sort();
    let hint = match available.len() {
        0 => msg!("config-no-themes"),
        _ => msg!("config-themes-available", themes = available.join(", ")),
    };
    let diagnostic =
        Diagnostic::new(CONFIG_FILE, msg!("config-no-theme", theme = theme)).with_hint(hint);
    Err(match yaml::key_position(text, "theme") {
        Some(position) => diagnostic.at(text, position),
        None => diagnostic,
    }
    .into())
}

/// The editions' folders must be inside `content/`: `agenda new` copies and writes there.
fn check_editions(editions: &EditionsConfig, text: &str, file: &Path) -> Result<(), Diagnostic> {
    let stays_inside = |path: &str, single: bool| {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let nested = single && parts.len() > 1;
        !(path.contains('\\') || nested) && parts.iter().all(|p| !matches!(*p, "" | "." | ".."))
    };
    let problem = if !stays_inside(&editions.section, false) {
        Some((
            "section",
            &editions.section,
            msg!("config-edition-section-hint"),
        ))
    } else if !stays_inside(&editions.current, true) {
        Some((
            "current",
            &editions.current,
            msg!("config-edition-current-hint"),
        ))
    } else {
        None
    };
    let Some((field, value, hint)) = problem else {
        return Ok(());
    };
    let message = msg!("config-edition-outside", field = field, value = value);
    let diagnostic = Diagnostic::new(file, message).with_hint(hint);
    Err(
        match yaml::nested_key_position(text, &["editions", field]) {
            Some(position) => diagnostic.at(text, position),
            None => diagnostic,
        },
    )
}

/// RFC 9116 needs at least one contact address and an expiry date.
fn check_security_txt(security: &SecurityTxt, text: &str, file: &Path) -> Result<(), Diagnostic> {
    let at = |message: Msg| {
        let diagnostic = Diagnostic::new(file, message);
        match yaml::key_position(text, "security_txt") {
            Some(position) => diagnostic.at(text, position),
            None => diagnostic,
        }
    };
    if security.contact.is_empty()
        || security
            .contact
            .iter()
            .any(|c| !c.starts_with("mailto:") && !c.starts_with("https://"))
    {
        return Err(at(msg!("config-security-contact")));
    }
    if chrono::DateTime::parse_from_rfc3339(&security.expires).is_err() {
        return Err(
            at(msg!("config-security-expires", value = &security.expires))
                .with_hint(msg!("config-security-expires-hint")),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostic> {
        Config::parse(text, Path::new("config.yaml"), None)
    }

    #[test]
    fn defaults_fill_what_is_left_out() {
        let config = parse("base_url: https://example.org\ntitle: T\n").unwrap();
        assert_eq!(config.base_url, "https://example.org/");
        assert_eq!(config.base_path, "/");
        assert_eq!(config.language, "nl");
        assert_eq!(config.output_dir, PathBuf::from("public"));
        assert_eq!(config.broken_links, Severity::Error);
    }

    #[test]
    fn base_url_with_a_path_gives_the_base_path() {
        let config = parse("base_url: https://example.org/g40\ntitle: T\n").unwrap();
        assert_eq!(config.base_url, "https://example.org/g40/");
        assert_eq!(config.base_path, "/g40/");
        assert_eq!(
            config.permalink("/g40/agenda/"),
            "https://example.org/g40/agenda/"
        );
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let error = parse("base_url: https://example.org\ntitle: T\ntheem: g40\n").unwrap_err();
        assert_eq!(error.position.unwrap().line, 3);
        assert!(
            error.message.english().contains("`theem`"),
            "{}",
            error.message
        );
        assert_eq!(
            error.hint.as_ref().map(|h| h.english()).as_deref(),
            Some("did you mean `theme`?")
        );
    }

    #[test]
    fn editions_that_leave_the_content_folder_are_refused() {
        let base = "base_url: https://example.org\ntitle: T\neditions:\n";
        let error = parse(&format!(
            "{base}  section: agenda\n  current: \"../../tmp/x\"\n"
        ))
        .unwrap_err();
        assert!(
            error.message.english().contains("editions.current"),
            "{}",
            error.message
        );
        assert_eq!(error.position.unwrap().line, 5);
        let error = parse(&format!(
            "{base}  section: ../agenda\n  current: \"2024\"\n"
        ))
        .unwrap_err();
        assert!(
            error.message.english().contains("editions.section"),
            "{}",
            error.message
        );
        assert!(
            parse(&format!(
                "{base}  section: beleid/agenda\n  current: \"2024\"\n"
            ))
            .is_ok()
        );
    }

    #[test]
    fn relative_base_url_is_refused() {
        let error = parse("base_url: /g40/\ntitle: T\n").unwrap_err();
        assert!(
            error.message.english().contains("absolute"),
            "{}",
            error.message
        );
        assert_eq!(error.position.unwrap().line, 1);
    }
}
