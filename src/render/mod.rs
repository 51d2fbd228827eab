//! From the model and its views to output files, in three steps: [`plan`] lists every
//! output file and what makes it (two inputs that want one path are found before anything
//! is written), [`context`] fills each template's variables from the views, and
//! [`execute`] renders in parallel into a [`Sink`]: a folder for `build`, memory for
//! `serve`, nothing for `check`.

pub mod context;
pub mod execute;
pub mod feeds;
pub mod links;
pub mod plan;

use std::path::Path;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::inputs::StaticFile;
use crate::model::Model;
use crate::templates::Templates;
use crate::views::SiteView;

pub use execute::{render_all, render_jobs};
pub use plan::{Job, Planned, plan};

/// What rendering reads; none of it changes while a render runs.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub root: &'a Path,
    pub config: &'a Config,
    pub model: &'a Model,
    pub views: &'a SiteView,
    pub templates: &'a Templates,
    pub static_files: &'a [StaticFile],
    /// The day of the build (UTC), for what has no date of its own: an empty feed.
    pub today: chrono::NaiveDate,
}

/// Where rendered files go: a folder on disk for `build`, memory for `serve`.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()>;
    fn copy(&self, path: &str, source: &Path) -> Result<()>;
}

/// Renders but keeps nothing: for `keten check`, which validates without writing.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _: &str, _: Vec<u8>) -> Result<()> {
        Ok(())
    }

    fn copy(&self, _: &str, source: &Path) -> Result<()> {
        std::fs::metadata(source)
            .map(|_| ())
            .map_err(|e| Error::read(source, e))
    }
}

/// What a build wrote, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub sections: usize,
    pub files: usize,
}
