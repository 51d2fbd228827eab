//! keten: a static site generator for public-sector sites that editors run themselves.
//!
//! The pipeline, one module per stage, each handing the next an owned value it does not
//! change: [`config`] → [`inputs`] (content files read and parsed, static files, git
//! history) → [`model`] (content placed, Markdown rendered, checked; taxonomies, editions,
//! search index) → [`views`] (what templates see) → [`render`] (plan, context, execute
//! with Tera) → a sink: [`output`] (a folder) or `serve`'s memory. [`site`] holds the
//! stages together for `serve`, which updates them file by file.

pub mod agenda;
pub mod config;
pub(crate) mod editor;
pub mod error;
pub(crate) mod external;
pub(crate) mod files;
pub(crate) mod folders;
pub(crate) mod html;
/// Public for `examples/images_bench.rs`, which measures it on its own.
pub mod images;
pub mod init;
pub(crate) mod inputs;
pub(crate) mod markdown;
pub mod messages;
pub(crate) mod model;
pub mod new;
pub(crate) mod output;
pub(crate) mod render;
pub(crate) mod search;
pub mod serve;
pub(crate) mod site;
pub(crate) mod templates;
pub(crate) mod text;
pub(crate) mod url;
pub(crate) mod views;
pub(crate) mod yaml;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Local;

use crate::config::Config;
use crate::error::{Diagnostic, Result};
use crate::inputs::Filter;
use crate::messages::Lang;
use crate::output::{OutputWriter, Target};
use crate::site::Site;

/// What `keten build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// `--output`; when absent, the config's `output_dir` under the root.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
    /// The language of the messages printed while building (waiting for another build).
    pub lang: Lang,
}

impl BuildOptions {
    /// Which pages this build publishes, as of now.
    pub fn filter(&self) -> Filter {
        Filter {
            drafts: self.drafts,
            future: self.future,
            now: Local::now().fixed_offset(),
        }
    }
}

/// What a successful build did, for the summary line.
#[derive(Debug, Clone)]
pub struct Summary {
    pub stats: render::Stats,
    pub elapsed: Duration,
    /// How long each stage took, for `--timings`.
    pub stages: Vec<(&'static str, Duration)>,
    pub output: PathBuf,
    pub warnings: Vec<Diagnostic>,
}

impl Summary {
    /// `Built 41 pages, 6 sections, 18 files in 0.23 s`, in `lang`.
    pub fn line(&self, lang: Lang) -> String {
        let seconds = format!("{:.2}", self.elapsed.as_secs_f64());
        let seconds = match lang {
            Lang::Nl => seconds.replace('.', ","),
            Lang::En => seconds,
        };
        msg!(
            "summary-built",
            pages = self.stats.pages,
            sections = self.stats.sections,
            files = self.stats.files,
            seconds = seconds
        )
        .text(lang)
    }
}

/// Builds the site under `options.root` into its output folder, replacing it only when
/// every stage succeeded.
pub fn build(options: &BuildOptions) -> Result<Summary> {
    let started = Instant::now();
    let mut clock = Stopwatch::new();
    let config = Config::load(&options.root, options.base_url.as_deref())?;
    let target = Target::resolve(&options.root, options.output.as_deref(), &config)?;
    let output = target.folder.clone();
    let writer = OutputWriter::begin(&options.root, target, options.lang)?;
    let site = Site::load(&options.root, config, options.filter())?;
    clock.lap("load");
    let (stats, mut warnings) = render_checked(&site, &writer)?;
    clock.lap("render and write");
    warnings.extend(writer.commit()?);
    clock.lap("swap in");
    let (elapsed, stages) = (started.elapsed(), clock.stages);
    Ok(Summary {
        stats,
        elapsed,
        stages,
        output,
        warnings,
    })
}

/// Plans, renders and writes the site into `sink`, and checks every link on the way.
/// Broken links fail the build, or become warnings with `broken_links: warn`.
pub fn render_checked(
    site: &Site,
    sink: &dyn render::Sink,
) -> Result<(render::Stats, Vec<Diagnostic>)> {
    let input = site.render_input();
    let planned = render::plan(&input)?;
    let base_path = &site.config().base_path;
    let index = render::links::OutputIndex::new(planned.iter().map(|p| p.path.as_str()), base_path);
    let keep_all = site.config().broken_links == config::Severity::Error;
    let mut problems = render::links::check_markdown_links(&site.model.content, &index, keep_all);
    let static_files = input
        .static_files
        .iter()
        .map(|f| (f.output.as_str(), f.source.as_path()));
    let server_problems = render::links::check_htaccess(static_files, &index);
    if !server_problems.is_empty() {
        return Err(error::Error::Input(server_problems));
    }
    let rendered = render::render_all(&input, &planned, &index, sink)?;
    problems.extend(rendered.link_problems);
    let (errors, link_warnings) = site.config().broken_links.split(problems);
    if !errors.is_empty() {
        return Err(error::Error::Input(errors));
    }
    let mut warnings = site.model.warnings.clone();
    warnings.extend(link_warnings);
    Ok((rendered.stats, warnings))
}

/// What `keten check` found: problems fail it, warnings do not.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub stats: render::Stats,
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// Pages dated in the future, as (date, file), earliest first.
    pub scheduled: Vec<(String, String)>,
}

/// Runs every validation of a build without writing anything, plus the checks too slow
/// or too strict for every build: images need alt text, and with `external` links to
/// other sites must answer.
pub fn check(options: &BuildOptions, external: bool) -> Result<CheckReport> {
    let config = Config::load(&options.root, options.base_url.as_deref())?;
    let site = Site::load(&options.root, config, options.filter())?;
    let (stats, mut warnings) = render_checked(&site, &render::NullSink)?;
    warnings.extend(current_edition_ended(&site));
    let mut problems = images_without_alt(&site.model.content);
    if external {
        problems.extend(external::check(&options.root, &site.model.content));
    }
    Ok(CheckReport {
        stats,
        problems,
        warnings,
        scheduled: scheduled(&site),
    })
}

/// A warning when the current edition's period is over: the site then presents an
/// agenda for a time that has passed.
fn current_edition_ended(site: &Site) -> Option<Diagnostic> {
    let editions = site.model.editions.as_ref()?;
    let current = editions.list.iter().find(|e| e.key == editions.current)?;
    let span = current.span.filter(|_| current.ended)?;
    let file = config::CONFIG_FILE;
    Some(
        Diagnostic::new(
            file,
            msg!(
                "check-period-ended",
                period = &current.period,
                words = span.words(),
                end = span.end.to_string()
            ),
        )
        .with_hint(msg!("check-period-ended-hint", next = span.next_name())),
    )
}

/// Pages dated in the future: they appear on their date, at the first build after it.
fn scheduled(site: &Site) -> Vec<(String, String)> {
    let now = site.inputs.filter.now;
    let mut pages: Vec<(String, String)> = site
        .inputs
        .sources
        .files
        .values()
        .filter_map(|source| match source {
            inputs::source::Source::Page(page) => Some(page),
            inputs::source::Source::Section(_) => None,
        })
        .filter(|page| !page.meta.draft)
        .filter_map(|page| {
            let date = page.date.filter(|d| d.moment > now)?;
            Some((date.to_iso(), page.file.display().to_string()))
        })
        .collect();
    pages.sort();
    pages
}

/// Images whose alt text is empty: screen-reader users hear nothing, or the file name.
fn images_without_alt(content: &model::Content) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for document in content.documents() {
        for position in &document.rendered.images_without_alt {
            let problem = document.problem(*position, msg!("check-no-alt"));
            problems.push(problem.with_hint(msg!("check-no-alt-hint")));
        }
    }
    problems
}

/// Stage durations of one build.
struct Stopwatch {
    last: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    fn new() -> Self {
        Stopwatch {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }
}
