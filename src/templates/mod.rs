//! Tera 2 set up for a site: the site's `templates/` override the theme's file by file, and
//! built-in fallbacks make any content build even without a theme.

pub mod chart;
pub mod data;
pub mod deps;
mod functions;
pub mod numbers;
pub mod shortcodes;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::views::SiteView;

/// Prefix of the built-in templates' names.
const BUILTIN: &str = "builtin/";

/// The built-in templates, used when neither site nor theme has one of that name.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("builtin/base.html", include_str!("builtin/base.html")),
    ("builtin/page.html", include_str!("builtin/page.html")),
    ("builtin/section.html", include_str!("builtin/section.html")),
    ("builtin/index.html", include_str!("builtin/index.html")),
    (
        "builtin/taxonomy_list.html",
        include_str!("builtin/taxonomy_list.html"),
    ),
    (
        "builtin/taxonomy_single.html",
        include_str!("builtin/taxonomy_single.html"),
    ),
    ("builtin/404.html", include_str!("builtin/404.html")),
    (
        "builtin/edition_changes.html",
        include_str!("builtin/edition_changes.html"),
    ),
];

/// The site's templates, ready to render in parallel.
pub struct Templates {
    tera: Tera,
    /// Template files read from disk, for `serve` to know what to watch.
    pub files: Vec<PathBuf>,
    /// What each template extends and includes.
    pub deps: deps::TemplateDeps,
    /// The shortcodes Markdown calls, from `templates/shortcodes/` (not in `tera`).
    pub shortcodes: Arc<shortcodes::Shortcodes>,
    /// The data files `load_data` read in this build.
    pub data: Arc<data::DataFiles>,
}

impl Templates {
    /// Loads the site's and the theme's templates from `root`.
    pub fn load(root: &Path, config: &Config) -> Result<Templates> {
        let mut prefixes = vec!["templates/".to_owned()];
        if let Some(theme) = &config.theme {
            prefixes.push(format!("themes/{theme}/templates/"));
        }
        prefixes.push(BUILTIN.to_owned());
        let mut tera = Tera::new();
        tera.set_fallback_prefixes(prefixes.clone())
            .map_err(|e| template_error(&e))?;
        let mut sources: Vec<(String, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        let mut files = Vec::new();
        for prefix in &prefixes[..prefixes.len() - 1] {
            for (name, path) in template_files(root, prefix)? {
                let bytes = std::fs::read(&path).map_err(|e| Error::read(&path, e))?;
                let shown = path.strip_prefix(root).unwrap_or(&path);
                let text = crate::text::decode(bytes, shown)?;
                sources.push((name, text));
                files.push(path);
            }
        }
        let data = Arc::new(data::DataFiles::new(root));
        register_helpers(&mut tera, &config.language, Arc::clone(&data));
        functions::register_site_functions(&mut tera, Arc::default());
        let deps = deps::TemplateDeps::new(&sources, &prefixes);
        tera.add_raw_templates(sources)
            .map_err(|e| template_error(&e))?;
        let shortcodes = Arc::new(shortcodes::Shortcodes::load(
            root,
            config,
            Arc::clone(&data),
        )?);
        Ok(Templates {
            tera,
            files,
            deps,
            shortcodes,
            data,
        })
    }

    /// Gives the template functions (`get_page`, `get_section`, `url_for`, …) the site.
    pub fn set_site(&mut self, site: Arc<SiteView>) {
        let globals = self.tera.global_context();
        globals.insert_value("config", site.config.clone());
        globals.insert_value("editions", site.editions.clone());
        functions::register_site_functions(&mut self.tera, site);
    }

    /// Whether a template of this name exists in the site, the theme or the built-ins.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `name`; the error names the template, line, and the whole cause chain.
    pub fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(&e))
    }
}

/// The filters and functions that need no site: dates, slugs, numbers, data files, charts.
fn register_helpers(tera: &mut Tera, language: &str, data: Arc<data::DataFiles>) {
    functions::register_filters(tera, language);
    numbers::register(tera, language);
    data::register(tera, data);
    chart::register(tera, language);
}

/// Every template file under `root/prefix`, named by its path from `root` with `/`; the
/// shortcodes (`shortcodes/`) have a Tera of their own.
fn template_files(root: &Path, prefix: &str) -> Result<Vec<(String, PathBuf)>> {
    let Some(dir) = crate::folders::optional(root, prefix)? else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for entry in WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::read(&dir, e.into()))?;
        if !entry.file_type().is_file() || crate::inputs::scan::is_ignored(entry.file_name()) {
            continue;
        }
        let relative = entry.path().strip_prefix(root).expect("inside root");
        let name = relative.to_string_lossy().replace('\\', "/");
        if name[prefix.len()..].starts_with(&format!("{}/", shortcodes::FOLDER)) {
            continue;
        }
        found.push((name, entry.into_path()));
    }
    Ok(found)
}

/// The error of keten's template function or filter `name` for Tera, which passes on only
/// text: `name: ` and the message embedded, so that it is written in the reader's
/// language when Tera's report is shown.
fn failure(name: &str, message: crate::messages::Msg) -> tera::Error {
    tera::Error::message(format!("{name}: {}", message.embed()))
}

/// Tera's error with every cause, each on its own line: never a bare "failed to render".
pub fn template_error(error: &tera::Error) -> Error {
    // Tera's reports start with their own `error: `; `Error::report` adds ours.
    let text = error.to_string();
    let mut message = text.strip_prefix("error: ").unwrap_or(&text).to_owned();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str("\ncaused by: ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    Error::Template {
        text: message,
        rendering: None,
    }
}
