//! keten: a static site generator for public-sector sites that editors run themselves.
//!
//! The pipeline, one module per stage: [`config`] → [`content`] (load, parse front matter
//! and Markdown) → [`site`] (the model templates see) → [`render`] (Tera) → [`output`].

pub mod config;
pub mod content;
pub mod editions;
pub mod error;
pub mod external;
pub mod feeds;
pub mod history;
pub mod images;
pub mod init;
pub mod linkcheck;
pub mod markdown;
pub mod new;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod taxonomy;
pub mod templates;
pub mod yaml;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Local;

use crate::config::Config;
use crate::content::Filter;
use crate::error::{Diagnostic, Result};
use crate::output::Staging;
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
    /// `Built 41 pages, 6 sections, 18 files in 0.23 s`.
    pub fn line(&self) -> String {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "Built {}, {}, {} in {:.2} s",
            count(self.stats.pages, "page", "pages"),
            count(self.stats.sections, "section", "sections"),
            count(self.stats.files, "file", "files"),
            self.elapsed.as_secs_f64()
        )
    }
}

/// Builds the site under `options.root` into its output folder, replacing it only when
/// every stage succeeded.
pub fn build(options: &BuildOptions) -> Result<Summary> {
    let started = Instant::now();
    let mut clock = Stopwatch::new();
    let config = Config::load(&options.root, options.base_url.as_deref())?;
    let output = output::output_dir(&options.root, options.output.as_deref(), &config)?;
    let site = Site::load(&options.root, config, options.filter())?;
    clock.lap("load");
    let staging = Staging::new(&output)?;
    let (stats, warnings) = render_checked(&site, &staging)?;
    clock.lap("render and write");
    staging.commit()?;
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
    let planned = render::plan(site)?;
    let index = linkcheck::OutputIndex::new(&planned, &site.config.base_path);
    let keep_all = site.config.broken_links == config::Severity::Error;
    let mut problems = linkcheck::check_markdown_links(&site.content, &index, keep_all);
    let rendered = render::render_all(site, &planned, &index, sink)?;
    problems.extend(rendered.link_problems);
    let mut warnings = site.warnings.clone();
    match site.config.broken_links {
        config::Severity::Error if !problems.is_empty() => {
            return Err(error::Error::Input(problems));
        }
        config::Severity::Error => {}
        config::Severity::Warn => warnings.extend(problems),
    }
    Ok((rendered.stats, warnings))
}

/// What `keten check` found: problems fail it, warnings do not.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub stats: render::Stats,
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Runs every validation of a build without writing anything, plus the checks too slow
/// or too strict for every build: images need alt text, and with `external` links to
/// other sites must answer.
pub fn check(options: &BuildOptions, external: bool) -> Result<CheckReport> {
    let config = Config::load(&options.root, options.base_url.as_deref())?;
    let site = Site::load(&options.root, config, options.filter())?;
    let (stats, warnings) = render_checked(&site, &render::NullSink)?;
    let mut problems = images_without_alt(&site.content);
    if external {
        problems.extend(external::check(&options.root, &site.content));
    }
    Ok(CheckReport {
        stats,
        problems,
        warnings,
    })
}

/// Images whose alt text is empty: screen-reader users hear nothing, or the file name.
fn images_without_alt(content: &content::Content) -> Vec<Diagnostic> {
    let hint = "describe the image between the brackets: ![Kaart van de regio](kaart.png)";
    let mut problems = Vec::new();
    for document in content.documents() {
        for position in &document.rendered.images_without_alt {
            let problem = document.problem(*position, "image without alt text".to_owned());
            problems.push(problem.with_hint(hint));
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
