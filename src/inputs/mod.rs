//! What a build reads, parsed and checked, before anything is derived from it: the
//! config, the content files, the static files and the git history. Every file is read
//! here, and only here (templates are read by [`crate::templates`]).

pub mod front_matter;
pub mod history;
pub mod scan;
pub mod schema;
pub mod source;
mod static_files;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::folders;
use crate::msg;
use history::{History, PendingHistory};
use scan::{Entry, EntryKind};
use source::Source;
pub use static_files::StaticFile;

/// Which pages a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Filter {
    pub drafts: bool,
    pub future: bool,
    pub now: DateTime<FixedOffset>,
}

/// Parsed files, kept between rebuilds so `serve` re-reads only what changed.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub files: BTreeMap<String, Source>,
    pub assets: Vec<Entry>,
}

impl Sources {
    /// Reads and parses every file under `content_dir`, in parallel.
    pub fn read(content_dir: &Path) -> Result<Sources> {
        let entries = scan::scan(content_dir)?;
        let (documents, assets): (Vec<Entry>, Vec<Entry>) = entries
            .into_iter()
            .partition(|e| e.kind != EntryKind::Asset);
        let parsed: Vec<Result<Source, Diagnostic>> =
            documents.par_iter().map(read_entry).collect();
        let mut files = BTreeMap::new();
        let mut problems = Vec::new();
        for result in parsed {
            match result {
                Ok(source) => {
                    files.insert(source.key().to_owned(), source);
                }
                Err(diagnostic) => problems.push(diagnostic),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Input(problems));
        }
        Ok(Sources { files, assets })
    }
}

/// Reads and parses one content file.
pub fn read_entry(entry: &Entry) -> Result<Source, Diagnostic> {
    let file = source::display_path(&entry.key);
    let bytes = std::fs::read(&entry.path)
        .map_err(|e| Diagnostic::new(&file, msg!("file-unreadable", reason = e.to_string())))?;
    let text = source::decode(bytes, &file)?;
    parse_entry(entry, &text)
}

fn parse_entry(entry: &Entry, text: &str) -> Result<Source, Diagnostic> {
    match entry.kind {
        EntryKind::Section => {
            source::parse_section(&entry.key, text).map(|s| Source::Section(Arc::new(s)))
        }
        EntryKind::Page { bundle } => {
            source::parse_page(&entry.key, text, bundle).map(|p| Source::Page(Arc::new(p)))
        }
        EntryKind::Asset => unreachable!("assets are not parsed"),
    }
}

/// Everything a build reads: the config, the parsed content files, the static files, and
/// when each content file last changed (from git, read in the background meanwhile).
pub struct Inputs {
    pub root: PathBuf,
    pub config: Config,
    pub filter: Filter,
    pub sources: Sources,
    pub static_files: Vec<StaticFile>,
    history: OnceLock<History>,
    pending_history: Mutex<Option<PendingHistory>>,
}

impl Inputs {
    /// Reads the site under `root`: its content and static files, and (in the background)
    /// its git history.
    pub fn read(root: &Path, config: Config, filter: Filter) -> Result<Inputs> {
        let pending = History::start(root);
        let sources = Sources::read(&folders::content(root)?)?;
        let static_files = static_files::find(root, &config)?;
        Ok(Inputs {
            root: root.to_owned(),
            config,
            filter,
            sources,
            static_files,
            history: OnceLock::new(),
            pending_history: Mutex::new(Some(pending)),
        })
    }

    /// The git history; waits for git the first time it is asked for.
    pub fn history(&self) -> &History {
        self.history.get_or_init(|| {
            let pending = self
                .pending_history
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take();
            pending.map(PendingHistory::finish).unwrap_or_default()
        })
    }

    /// The history, to note an edit `serve` has just read.
    pub fn history_mut(&mut self) -> &mut History {
        self.history();
        self.history.get_mut().expect("initialised above")
    }

    /// Reads every content file again; on an error the sources are left as they were.
    pub fn reread_content(&mut self) -> Result<()> {
        self.sources = Sources::read(&folders::content(&self.root)?)?;
        Ok(())
    }

    /// Lists the static files again (after one was added or removed).
    pub fn reread_static(&mut self) -> Result<()> {
        self.static_files = static_files::find(&self.root, &self.config)?;
        Ok(())
    }

    /// The folder of the content files, for file times where git has no answer.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join(folders::CONTENT)
    }
}

#[cfg(test)]
impl Inputs {
    /// Inputs made of texts, for tests of the later stages: `config` is config.yaml,
    /// `files` are (content key, text) of Markdown files. No static files, no git.
    pub fn from_texts(config: &str, files: &[(&str, &str)]) -> Inputs {
        let config = Config::parse(config, Path::new("config.yaml"), None).expect("a config");
        let keys = files
            .iter()
            .map(|(key, _)| (key.to_string(), PathBuf::from(key)))
            .collect();
        let texts: BTreeMap<&str, &str> = files.iter().copied().collect();
        let sources = scan::classify(keys)
            .iter()
            .map(|entry| parse_entry(entry, texts[entry.key.as_str()]).expect("a valid file"))
            .map(|source| (source.key().to_owned(), source))
            .collect();
        let now = DateTime::parse_from_rfc3339("2026-12-01T12:00:00+01:00").expect("a date");
        Inputs {
            root: PathBuf::from("/site"),
            config,
            filter: Filter {
                drafts: false,
                future: false,
                now,
            },
            sources: Sources {
                files: sources,
                assets: Vec::new(),
            },
            static_files: Vec::new(),
            history: OnceLock::from(History::default()),
            pending_history: Mutex::new(None),
        }
    }
}
