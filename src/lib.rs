//! keten: a static site generator for public-sector sites that editors run themselves.
//!
//! The pipeline, one module per stage: [`config`] → [`content`] (load, parse front matter
//! and Markdown) → [`site`] (the model templates see) → [`render`] (Tera) → [`output`].

pub mod config;
pub mod content;
pub mod error;
pub mod init;
pub mod markdown;
pub mod output;
pub mod render;
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
        format!(
            "Built {} pages, {} sections, {} files in {:.2} s",
            self.stats.pages,
            self.stats.sections,
            self.stats.files,
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
    let planned = render::plan(&site)?;
    let staging = Staging::new(&output)?;
    let stats = render::render_all(&site, &planned, &staging)?;
    clock.lap("render and write");
    staging.commit()?;
    clock.lap("swap in");
    let (elapsed, stages) = (started.elapsed(), clock.stages);
    Ok(Summary {
        stats,
        elapsed,
        stages,
        output,
        warnings: site.warnings,
    })
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
