//! One error type for the whole pipeline; every variant names the file it is about.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`; columns count characters, as editors do.
    pub fn at_offset(text: &str, offset: usize) -> Position {
        LineIndex::new(text).position(text, offset)
    }
}

/// Where each line of a text starts, so many offsets can be turned into positions
/// without rescanning the text for each.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1);
        LineIndex {
            starts: std::iter::once(0).chain(newlines).collect(),
        }
    }

    /// The position of byte `offset` in `text`, which must be the text this index was made of.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|start| *start <= offset);
        let line_start = self.starts[line - 1];
        let column = text[line_start..offset].chars().count() + 1;
        Position { line, column }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A problem in one input file, with where it is and, when we know one, how to fix it.
///
/// Editors read these, so the message names the field or value in backticks and the
/// hint says what to do; `source_line` lets us print the offending line with a caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub position: Option<Position>,
    pub message: String,
    pub hint: Option<Box<str>>,
    pub source_line: Option<Box<str>>,
    /// Problems left unlisted that this line stands for (0 for an ordinary problem).
    pub unlisted: usize,
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            position: None,
            message: message.into(),
            hint: None,
            source_line: None,
            unlisted: 0,
        }
    }

    /// Places the diagnostic at `position` and keeps that line of `text` for the snippet.
    pub fn at(mut self, text: &str, position: Position) -> Self {
        self.source_line = text
            .lines()
            .nth(position.line.saturating_sub(1))
            .map(Box::from);
        self.position = Some(position);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into().into_boxed_str());
        self
    }

    /// `file:line:col`, the form editors and terminals turn into a link.
    pub fn location(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.file.display(), p.line, p.column),
            None => self.file.display().to_string(),
        }
    }

    /// The rustc-style report: message, location, the offending line, and the hint.
    pub fn report(&self) -> String {
        self.render(Level::ERROR)
    }

    /// The same report, as a warning.
    pub fn warning_report(&self) -> String {
        self.render(Level::WARNING)
    }

    fn render(&self, level: Level<'_>) -> String {
        let path = self.file.display().to_string();
        let title = level.primary_title(&self.message);
        let main = match (&self.position, &self.source_line) {
            (Some(position), Some(line)) => {
                let start = char_offset(line, position.column);
                let end = line[start..]
                    .chars()
                    .next()
                    .map_or(start, |c| start + c.len_utf8());
                title.element(
                    Snippet::source(&**line)
                        .line_start(position.line)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(start..end)),
                )
            }
            _ => title.element(annotate_snippets::Origin::path(self.location())),
        };
        let mut groups = vec![main];
        if let Some(hint) = &self.hint {
            groups.push(Group::with_title(Level::HELP.secondary_title(&**hint)));
        }
        Renderer::plain().render(&groups).to_string()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

fn char_offset(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed; `action` says which ("cannot read").
    #[error("{action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// One or more problems in the site's own files (content, config, links).
    #[error("{}", render_diagnostics(.0))]
    Input(Vec<Diagnostic>),
    /// A Tera error, already rendered with its template name, line and cause chain.
    #[error("{0}")]
    Template(String),
    /// The command line or the folders asked for something keten refuses to do.
    #[error("{0}")]
    Refused(String),
    /// An output folder keten will not write or replace; nothing was touched.
    #[error("{0}")]
    Output(Box<OutputRefusal>),
    /// `serve` could not listen for the browser.
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: String,
        #[source]
        source: io::Error,
    },
    /// `serve` found every port it tried taken.
    #[error("ports {first} to {last} on {host} are all in use; choose another with --port")]
    PortsTaken { host: String, first: u16, last: u16 },
    /// `serve` could not watch a folder of the site for changes.
    #[error("cannot watch `{}` for changes: {message}", path.display())]
    Watch { path: PathBuf, message: String },
}

/// Why keten will not write an output folder, with the files that prove it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputRefusal {
    /// The folder as the user named it (`public`, `--output` value).
    pub folder: PathBuf,
    /// The real folder, symlinks resolved.
    pub real: PathBuf,
    pub reason: String,
    /// Up to five files keten did not write, relative to the folder.
    pub files: Vec<String>,
    /// How many more such files there are.
    pub more: usize,
    pub hint: String,
}

impl fmt::Display for OutputRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "refusing to write the output folder `{}`",
            self.folder.display()
        )?;
        if self.real != self.folder {
            write!(f, " (`{}`)", self.real.display())?;
        }
        writeln!(f, ": {}", self.reason)?;
        for file in &self.files {
            writeln!(f, "  {file}")?;
        }
        if self.more > 0 {
            writeln!(f, "  … and {} more", self.more)?;
        }
        write!(f, "help: {}", self.hint)
    }
}

impl Error {
    pub fn read(path: &Path, source: io::Error) -> Self {
        Error::Io {
            action: "cannot read",
            path: path.to_owned(),
            source,
        }
    }

    pub fn write(path: &Path, source: io::Error) -> Self {
        Error::Io {
            action: "cannot write",
            path: path.to_owned(),
            source,
        }
    }
}

impl Error {
    /// The whole report an editor reads: problems as rustc-style snippets, anything else
    /// on one `error:` line. `main` and `serve` print errors only through this.
    pub fn report(&self) -> String {
        match self {
            Error::Input(list) => render_diagnostics(list),
            other => format!("error: {other}"),
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Error::Input(vec![diagnostic])
    }
}

/// How many problems we print before summarising the rest: a page of errors helps, a
/// thousand (one missing template on a big site) only hides the first.
const MAX_PRINTED: usize = 20;

fn render_diagnostics(list: &[Diagnostic]) -> String {
    render_list(list, Diagnostic::report, "problems")
}

/// Warnings as printed after a successful build: the first few in full, then a count.
pub fn render_warnings(list: &[Diagnostic]) -> String {
    render_list(list, Diagnostic::warning_report, "warnings")
}

fn render_list(list: &[Diagnostic], report: fn(&Diagnostic) -> String, what: &str) -> String {
    let (listed, unlisted): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        list.iter().partition(|d| d.unlisted == 0);
    let total = listed.len() + unlisted.iter().map(|d| d.unlisted).sum::<usize>();
    let mut out = String::new();
    for diagnostic in listed.iter().take(MAX_PRINTED) {
        out.push_str(&report(diagnostic));
        out.push('\n');
    }
    if total > MAX_PRINTED.min(listed.len()) {
        out.push_str(&format!(
            "… and {} more {what}\n",
            total - MAX_PRINTED.min(listed.len())
        ));
    }
    if total > 1 {
        out.push_str(&format!("{total} {what} found\n"));
    }
    out.trim_end().to_owned()
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How many warnings of one kind are kept in full; the rest are only counted.
pub const KEPT_WARNINGS: usize = 100;

/// Collects problems, keeping at most `limit` in full and counting the rest: imported
/// content can have tens of thousands of broken links, and a list that long helps nobody
/// while it costs memory and time.
#[derive(Debug)]
pub struct Collector {
    list: Vec<Diagnostic>,
    limit: usize,
    skipped: usize,
}

impl Collector {
    /// Keeps everything (errors: each must be fixed) or `KEPT_WARNINGS` (warnings).
    pub fn new(keep_all: bool) -> Collector {
        let limit = if keep_all { usize::MAX } else { KEPT_WARNINGS };
        Collector {
            list: Vec::new(),
            limit,
            skipped: 0,
        }
    }

    /// Whether the next problem is kept in full.
    pub fn wants_more(&self) -> bool {
        self.list.len() < self.limit
    }

    /// Adds a problem; `make` runs only when it is kept.
    pub fn add(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.wants_more() {
            self.list.push(make());
        } else {
            self.skipped += 1;
        }
    }

    /// How many problems were found, kept or not.
    pub fn count(&self) -> usize {
        self.list.len() + self.skipped
    }

    /// The kept problems, and one line saying how many more there were (of `what`).
    pub fn finish(mut self, file: &str, what: &str) -> Vec<Diagnostic> {
        if self.skipped > 0 {
            let mut more =
                Diagnostic::new(file, format!("{} more {what} are not listed", self.skipped));
            more.unlisted = self.skipped;
            self.list.push(more);
        }
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_lines_and_characters() {
        let text = "a\nbeïnvloeding: x\n";
        let offset = text.find(": x").unwrap();
        assert_eq!(
            Position::at_offset(text, offset),
            Position {
                line: 2,
                column: 13
            }
        );
    }

    #[test]
    fn unlisted_problems_count_in_the_total() {
        let mut collector = Collector::new(false);
        for i in 0..KEPT_WARNINGS + 5 {
            collector.add(|| Diagnostic::new("content/a.md", format!("probleem {i}")));
        }
        let list = collector.finish("content", "broken links");
        assert_eq!(list.len(), KEPT_WARNINGS + 1);
        let text = render_warnings(&list);
        assert!(
            text.ends_with(&format!(
                "… and {} more warnings\n{} warnings found",
                KEPT_WARNINGS + 5 - MAX_PRINTED,
                KEPT_WARNINGS + 5
            )),
            "{text}"
        );
    }

    #[test]
    fn report_shows_location_line_and_hint() {
        let text = "---\ntitel: Hallo\n---\n";
        let d = Diagnostic::new("content/a.md", "unknown field `titel`")
            .at(text, Position { line: 2, column: 1 })
            .with_hint("did you mean `title`?");
        let report = d.report();
        assert!(report.contains("content/a.md:2:1"), "{report}");
        assert!(report.contains("titel: Hallo"), "{report}");
        assert!(report.contains("did you mean `title`?"), "{report}");
    }
}
