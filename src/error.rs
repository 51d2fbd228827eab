//! One error type for the whole pipeline; every variant names the file it is about.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::messages::{Lang, Msg, localize};

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
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub position: Option<Position>,
    pub message: Msg,
    pub hint: Option<Msg>,
    pub source_line: Option<Box<str>>,
    /// Problems left unlisted that this line stands for (0 for an ordinary problem).
    pub unlisted: usize,
}

impl Diagnostic {
    /// A problem in `file`; the message is a [`Msg`], never English text, so that an editor
    /// reads it in their language.
    pub fn new(file: impl Into<PathBuf>, message: Msg) -> Self {
        Diagnostic {
            file: file.into(),
            position: None,
            message,
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

    pub fn with_hint(mut self, hint: Msg) -> Self {
        self.hint = Some(hint);
        self
    }

    /// `file:line:col`, the form editors and terminals turn into a link.
    pub fn location(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.file.display(), p.line, p.column),
            None => self.file.display().to_string(),
        }
    }

    /// The rustc-style report in `lang`: message, location, the offending line, the hint.
    pub fn report(&self, lang: Lang) -> String {
        self.render(error_level(lang), lang)
    }

    /// The same report, as a warning.
    pub fn warning_report(&self, lang: Lang) -> String {
        self.render(warning_level(lang), lang)
    }

    fn render(&self, level: Level<'_>, lang: Lang) -> String {
        let path = self.file.display().to_string();
        let message = self.message.text(lang);
        let title = level.primary_title(&message);
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
        let hint = self.hint.as_ref().map(|h| h.text(lang));
        if let Some(hint) = &hint {
            groups.push(Group::with_title(help_level(lang).secondary_title(hint)));
        }
        Renderer::plain().render(&groups).to_string()
    }
}

/// `error:` / `fout:` before a report.
fn error_level(lang: Lang) -> Level<'static> {
    match lang {
        Lang::En => Level::ERROR,
        Lang::Nl => Level::ERROR.with_name(Some("fout")),
    }
}

fn warning_level(lang: Lang) -> Level<'static> {
    match lang {
        Lang::En => Level::WARNING,
        Lang::Nl => Level::WARNING.with_name(Some("waarschuwing")),
    }
}

fn help_level(lang: Lang) -> Level<'static> {
    match lang {
        Lang::En => Level::HELP,
        Lang::Nl => Level::HELP.with_name(Some("tip")),
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message.english())?;
        if let Some(hint) = &self.hint {
            write!(f, " ({})", hint.english())?;
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
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        writing: bool,
        path: PathBuf,
        source: io::Error,
    },
    /// One or more problems in the site's own files (content, config, links).
    Input(Vec<Diagnostic>),
    /// A Tera error, already rendered with its template name, line and cause chain, and
    /// the page and template it happened in, when known. keten's own messages in it (from
    /// `load_data` and the other template functions) are embedded ([`Msg::embed`]).
    Template {
        text: String,
        rendering: Option<(PathBuf, String)>,
    },
    /// The command line or the folders asked for something keten refuses to do.
    Refused(Msg),
    /// An output folder keten will not write or replace; nothing was touched.
    Output(Box<OutputRefusal>),
    /// `serve` could not listen for the browser.
    Listen { address: String, source: io::Error },
    /// `serve` found every port it tried taken.
    PortsTaken { host: String, first: u16, last: u16 },
    /// `serve` could not watch a folder of the site for changes.
    Watch { path: PathBuf, message: String },
}

/// Why keten will not write an output folder, with the files that prove it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputRefusal {
    /// The folder as the user named it (`public`, `--output` value).
    pub folder: PathBuf,
    /// The real folder, symlinks resolved.
    pub real: PathBuf,
    pub reason: Msg,
    /// Up to five files keten did not write, relative to the folder.
    pub files: Vec<String>,
    /// How many more such files there are.
    pub more: usize,
    pub hint: Msg,
}

impl OutputRefusal {
    fn text(&self, lang: Lang) -> String {
        let real = if self.real == self.folder {
            String::new()
        } else {
            format!(" (`{}`)", self.real.display())
        };
        let mut text = crate::msg!(
            "output-refused",
            folder = &self.folder,
            real = real,
            reason = self.reason.text(lang)
        )
        .text(lang);
        for file in &self.files {
            text.push_str(&format!("\n  {file}"));
        }
        if self.more > 0 {
            text.push_str("\n  ");
            text.push_str(&crate::msg!("and-more", count = self.more).text(lang));
        }
        let help = crate::msg!("help").text(lang);
        text.push_str(&format!("\n{help}: {}", self.hint.text(lang)));
        text
    }
}

impl Error {
    pub fn read(path: &Path, source: io::Error) -> Self {
        Error::Io {
            writing: false,
            path: path.to_owned(),
            source,
        }
    }

    pub fn write(path: &Path, source: io::Error) -> Self {
        Error::Io {
            writing: true,
            path: path.to_owned(),
            source,
        }
    }

    /// The whole report an editor reads, in `lang`: problems as rustc-style snippets,
    /// anything else on one `error:` line. `main` and `serve` print errors only this way.
    pub fn report(&self, lang: Lang) -> String {
        let label = crate::msg!("error").text(lang);
        match self {
            Error::Input(list) => render_diagnostics(list, lang),
            Error::Template { text, rendering } => format!(
                "{label}: {}{}",
                localize(text, lang),
                while_rendering(rendering, lang)
            ),
            Error::Output(refusal) => format!("{label}: {}", refusal.text(lang)),
            other => format!("{label}: {}", other.message().text(lang)),
        }
    }

    /// The one-line message of the errors that are not lists or reports of their own.
    pub fn message(&self) -> Msg {
        match self {
            Error::Io {
                writing,
                path,
                source,
            } => {
                let id = if *writing { "io-write" } else { "io-read" };
                Msg::new(id)
                    .arg("path", path)
                    .arg("reason", source.to_string())
            }
            Error::Refused(message) => message.clone(),
            Error::Listen { address, source } => crate::msg!(
                "serve-listen",
                address = address.as_str(),
                reason = source.to_string()
            ),
            Error::PortsTaken { host, first, last } => crate::msg!(
                "serve-ports-taken",
                host = host.as_str(),
                first = *first,
                last = *last
            ),
            Error::Watch { path, message } => {
                crate::msg!("serve-watch", path = path, reason = message.as_str())
            }
            Error::Input(_) | Error::Template { .. } | Error::Output(_) => {
                Msg::literal(self.to_string())
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(list) => f.write_str(&render_diagnostics(list, Lang::En)),
            Error::Template { text, rendering } => write!(
                f,
                "{}{}",
                localize(text, Lang::En),
                while_rendering(rendering, Lang::En)
            ),
            Error::Output(refusal) => f.write_str(&refusal.text(Lang::En)),
            other => f.write_str(&other.message().english()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } | Error::Listen { source, .. } => Some(source),
            _ => None,
        }
    }
}

fn while_rendering(rendering: &Option<(PathBuf, String)>, lang: Lang) -> String {
    match rendering {
        Some((page, template)) => {
            let line = crate::msg!("template-while", page = page, template = template.as_str());
            format!("\n{}", line.text(lang))
        }
        None => String::new(),
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

fn render_diagnostics(list: &[Diagnostic], lang: Lang) -> String {
    render_list(list, lang, Diagnostic::report, "problems")
}

/// Warnings as printed after a successful build: the first few in full, then a count.
pub fn render_warnings(list: &[Diagnostic], lang: Lang) -> String {
    render_list(list, lang, Diagnostic::warning_report, "warnings")
}

fn render_list(
    list: &[Diagnostic],
    lang: Lang,
    report: fn(&Diagnostic, Lang) -> String,
    kind: &'static str,
) -> String {
    let (listed, unlisted): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        list.iter().partition(|d| d.unlisted == 0);
    let total = listed.len() + unlisted.iter().map(|d| d.unlisted).sum::<usize>();
    let mut out = String::new();
    for diagnostic in listed.iter().take(MAX_PRINTED) {
        out.push_str(&report(diagnostic, lang));
        out.push('\n');
    }
    let shown = MAX_PRINTED.min(listed.len());
    if total > shown {
        let more = crate::msg!("list-more", count = total - shown, kind = kind);
        out.push_str(&more.text(lang));
        out.push('\n');
    }
    if total > 1 {
        let found = crate::msg!("list-found", count = total, kind = kind);
        out.push_str(&found.text(lang));
        out.push('\n');
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

    /// The kept problems, and one line saying how many more there were: `more` is the
    /// catalogue id of that line, which gets the `count`.
    pub fn finish(mut self, file: &str, more: &'static str) -> Vec<Diagnostic> {
        if self.skipped > 0 {
            let mut more = Diagnostic::new(file, Msg::new(more).arg("count", self.skipped));
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
            collector
                .add(|| Diagnostic::new("content/a.md", Msg::literal(format!("probleem {i}"))));
        }
        let list = collector.finish("content", "more-content-links");
        assert_eq!(list.len(), KEPT_WARNINGS + 1);
        let text = render_warnings(&list, Lang::En);
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
        let d = Diagnostic::new("content/a.md", Msg::literal("unknown field `titel`"))
            .at(text, Position { line: 2, column: 1 })
            .with_hint(Msg::literal("did you mean `title`?"));
        let report = d.report(Lang::En);
        assert!(report.contains("content/a.md:2:1"), "{report}");
        assert!(report.contains("titel: Hallo"), "{report}");
        assert!(report.contains("did you mean `title`?"), "{report}");
    }
}
