//! Markdown to HTML with pulldown-cmark: heading ids and table of contents, the summary,
//! internal links, and accessible footnotes, task lists and tables.
//!
//! Tables are written here rather than by pulldown-cmark because its alignment uses
//! `style=` attributes, which a strict Content-Security-Policy blocks.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use pulldown_cmark::{
    Alignment, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html,
};
use serde::Serialize;

use crate::error::{LineIndex, Position};
use crate::url::slugify;

pub mod calls;
pub mod expand;

pub use expand::{Expand, ShortcodeProblem, Shortcodes};

/// The marker that ends a page's summary.
const MORE_MARKER: &str = "<!-- more -->";

/// Words a reader reads in a minute, for `reading_time`.
const WORDS_PER_MINUTE: usize = 200;

/// A heading in the table of contents, with the headings nested under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<Heading>,
}

/// What a link in the text points at, once resolved; checked after every page is rendered.
/// Only what differs from the link as written is stored: big sites have many links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another content file (`@/nieuws/x.md#kop` or a relative `.md` link), by its key.
    Content { key: String, anchor: Option<String> },
    /// A heading on the same page (`#kop`).
    Anchor,
    /// A path on this site (`/papers/x/`); the href has the base path.
    Site,
    /// A file beside the page (`indicatoren.csv`), relative to the page's folder.
    Relative,
    /// Another host, or a scheme such as `mailto:`.
    External,
}

/// A link as it stands in the file: where it is and what it resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkUse {
    pub written: String,
    /// What the link became in the HTML, when that is not what was written.
    pub resolved: Option<String>,
    pub target: LinkTarget,
    pub position: Position,
}

impl LinkUse {
    /// The link as it is in the HTML.
    pub fn href(&self) -> &str {
        self.resolved.as_deref().unwrap_or(&self.written)
    }
}

/// Why an internal link does not resolve; turned into a message by the link checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// No published content file has this key.
    Missing { key: String },
    /// The file exists but is not in this build (a draft, a future date).
    LeftOut { reason: &'static str },
    /// A relative link that climbs above `content/`.
    ClimbsOut,
}

/// A link that could not be resolved, where it stands and as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub position: Position,
    pub written: String,
    pub error: LinkError,
}

/// Turns what an editor wrote into a URL; implemented by the site model.
pub trait LinkResolver {
    /// Resolves an internal link (`@/…`, a relative `.md` path or a site path).
    fn resolve(&self, written: &str) -> Result<(String, LinkTarget), LinkError>;

    /// The `<picture>` for an image the editor wrote as `written`, when the site
    /// processed it (see `crate::model::pictures`); `lazy` for all but a page's first.
    fn picture(
        &self,
        _written: &str,
        _alt: &str,
        _title: Option<&str>,
        _lazy: bool,
    ) -> Option<String> {
        None
    }
}

/// Rendered HTML, kept as Tera's own string so the views templates see share it with the
/// model instead of copying it: on a big site the HTML is most of the memory a build needs.
#[derive(Clone)]
pub struct Html(tera::Value);

impl Default for Html {
    fn default() -> Html {
        Html::new("")
    }
}

impl Html {
    pub fn new(html: &str) -> Html {
        Html(tera::Value::safe_string(html))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str().unwrap_or_default()
    }

    /// The HTML as a template value, marked safe (not escaped again).
    pub fn value(&self) -> tera::Value {
        self.0.clone()
    }
}

impl std::ops::Deref for Html {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Html").field(&self.as_str()).finish()
    }
}

impl PartialEq for Html {
    fn eq(&self, other: &Html) -> bool {
        self.as_str() == other.as_str()
    }
}

/// The rendered text of a page or section and what templates and checks need from it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub html: Html,
    /// The HTML before `<!-- more -->`, when the text has that marker.
    pub summary: Option<Html>,
    pub toc: Vec<Heading>,
    pub word_count: usize,
    /// Every id the page defines (headings, footnotes), for anchor checks.
    pub ids: HashSet<String>,
    pub links: Vec<LinkUse>,
    pub images_without_alt: Vec<Position>,
    /// Links that could not be resolved at all.
    pub broken_links: Vec<BrokenLink>,
    /// Links whose target runs code in the reader's browser (see [`runs_code`]), as written.
    pub code_links: Vec<(Position, String)>,
    /// Images loaded from another host (`![](https://…)`), as written.
    pub foreign_images: Vec<(Position, String)>,
    /// The text without markup, when asked for (the search index reads it).
    pub text: String,
    /// The shortcodes the text calls, by name, sorted (for `serve`).
    pub shortcodes: Vec<String>,
    /// Shortcode calls that are wrong or failed.
    pub shortcode_problems: Vec<ShortcodeProblem>,
}

impl Rendered {
    pub fn reading_time(&self) -> usize {
        self.word_count.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

/// Texts the renderer writes into the page, in the site's language.
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    pub footnotes: &'static str,
    pub back_to_text: &'static str,
    pub task_done: &'static str,
    pub task_open: &'static str,
    pub table: &'static str,
}

impl Labels {
    pub fn for_language(language: &str) -> Labels {
        if language.starts_with("nl") {
            Labels {
                footnotes: "Voetnoten",
                back_to_text: "Terug naar de tekst",
                task_done: "gedaan",
                task_open: "nog te doen",
                table: "Tabel",
            }
        } else {
            Labels {
                footnotes: "Footnotes",
                back_to_text: "Back to the text",
                task_done: "done",
                task_open: "to do",
                table: "Table",
            }
        }
    }
}

fn options(smart_punctuation: bool) -> Options {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if smart_punctuation {
        options | Options::ENABLE_SMART_PUNCTUATION
    } else {
        options
    }
}

/// How a site's Markdown is rendered: the texts in its language, whether to keep the
/// plain text (for the search index), and whether quotes and dashes become typographic.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub labels: Labels,
    pub plain_text: bool,
    pub smart_punctuation: bool,
}

/// Front matter text (a title, a description) with the typography the body gets:
/// `'24-'25` → `’24-’25`, `"x"` → `“x”`, `--` → `–`, `...` → `…`. Everything else stays
/// as written: no Markdown is interpreted, so `*` and `[` stay.
pub fn typographic(text: &str) -> String {
    if !text.contains(['\'', '"', '-', '.']) {
        return text.to_owned();
    }
    let trimmed = text.trim();
    let lead = &text[..text.len() - text.trim_start().len()];
    let tail = &text[text.trim_end().len()..];
    let escaped = escape_markdown(&trimmed.replace(['\n', '\r'], " "));
    let mut out = String::with_capacity(text.len());
    out.push_str(lead);
    for event in Parser::new_ext(&escaped, Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.push_str(tail);
    out
}

/// Backslash-escapes what Markdown would read as markup, keeping what smart punctuation
/// works on (`'`, `"`, `-`, `.`), except where those would start a list.
fn escape_markdown(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        let starts_list =
            (i == 0 && matches!(c, '-' | '+')) || (i == digits && digits > 0 && c == '.');
        let markup = c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '-' | '.');
        if starts_list || markup {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Renders `source`, whose first line is line `first_line` of its file.
pub fn render(
    source: &str,
    first_line: usize,
    settings: Settings,
    resolver: &dyn LinkResolver,
) -> Rendered {
    render_with(source, first_line, settings, resolver, None)
}

/// Renders `source` with the site's shortcodes (see [`expand`]).
pub fn render_with(
    source: &str,
    first_line: usize,
    settings: Settings,
    resolver: &dyn LinkResolver,
    shortcodes: Option<Shortcodes<'_>>,
) -> Rendered {
    let options = options(settings.smart_punctuation);
    let prepared = shortcodes.and_then(|_| expand::prepare(source, options));
    let parsed = prepared.as_ref().map_or(source, |p| p.source.as_str());
    let expansion = prepared
        .as_ref()
        .zip(shortcodes)
        .map(|(prepared, shortcodes)| expand::Expansion::new(prepared, shortcodes));
    let mut writer = Writer {
        source: parsed,
        original: source,
        expansion,
        lines: LineIndex::new(source),
        first_line,
        labels: settings.labels,
        plain_text: settings.plain_text,
        resolver,
        out: Vec::new(),
        rendered: Rendered::default(),
        id_counts: HashMap::new(),
        headings: Vec::new(),
        summary_at: None,
        footnotes: Footnotes::default(),
        table: TableState::default(),
        tables_seen: (None, 0),
        images_seen: 0,
    };
    writer.prepared_problems();
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(parsed, options)
        .into_offset_iter()
        .collect();
    writer.process(events);
    writer.unexpanded_problems();
    writer.finish()
}

struct Writer<'s, 'r> {
    /// The text pulldown-cmark reads: the file's, or with shortcode placeholders.
    source: &'s str,
    /// The text as the editor wrote it, for positions.
    original: &'s str,
    expansion: Option<expand::Expansion<'s>>,
    lines: LineIndex,
    first_line: usize,
    labels: Labels,
    plain_text: bool,
    resolver: &'r dyn LinkResolver,
    out: Vec<Event<'s>>,
    rendered: Rendered,
    id_counts: HashMap<String, usize>,
    headings: Vec<(u8, String, String)>,
    summary_at: Option<usize>,
    footnotes: Footnotes<'s>,
    table: TableState,
    /// The heading tables are under, and how many there were since it: their labels.
    /// (Its place in `headings`.)
    tables_seen: (Option<usize>, usize),
    /// Images written so far: all but the first are loaded lazily.
    images_seen: usize,
}

#[derive(Default)]
struct Footnotes<'s> {
    /// Labels in order of first reference; the number shown is the index + 1.
    order: Vec<String>,
    references: HashMap<String, usize>,
    definitions: HashMap<String, Vec<Event<'s>>>,
}

#[derive(Default)]
struct TableState {
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
    body_open: bool,
}

impl<'s> Writer<'s, '_> {
    fn process(&mut self, events: Vec<(Event<'s>, std::ops::Range<usize>)>) {
        let mut events = events.into_iter();
        while let Some((event, range)) = events.next() {
            if self.has_placeholders(&event) {
                self.placeholders(event);
                continue;
            }
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let inner = collect_until_end(&mut events);
                    self.heading(level, id, classes, attrs, inner);
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let inner = collect_until_end(&mut events);
                    self.footnotes.definitions.insert(
                        label.to_string(),
                        inner.into_iter().map(|(e, _)| e).collect(),
                    );
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let inner = collect_until_end(&mut events);
                    self.image(link_type, dest_url, title, id, inner, range.start);
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = self.link(link_type, dest_url, range.start);
                    self.out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::FootnoteReference(label) => self.footnote_reference(&label),
                Event::TaskListMarker(done) => self.task_marker(done),
                Event::Html(ref text) | Event::InlineHtml(ref text)
                    if text.trim() == MORE_MARKER && self.summary_at.is_none() =>
                {
                    // The marker only splits the text; it is not written, so it shows up
                    // nowhere (feed readers print comments).
                    self.summary_at = Some(self.out.len());
                }
                Event::Text(_)
                | Event::Code(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::End(
                    TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_),
                ) => self.text(event),
                Event::Start(Tag::Table(_))
                | Event::End(TagEnd::Table)
                | Event::Start(Tag::TableHead)
                | Event::End(TagEnd::TableHead)
                | Event::Start(Tag::TableRow)
                | Event::End(TagEnd::TableRow)
                | Event::Start(Tag::TableCell)
                | Event::End(TagEnd::TableCell) => self.table(event),
                other => self.out.push(other),
            }
        }
    }

    /// Text and the ends of blocks: counted as words and kept as plain text.
    fn text(&mut self, event: Event<'s>) {
        match &event {
            Event::Text(text) => {
                self.rendered.word_count += text.split_whitespace().count();
                self.keep_text(text);
            }
            Event::Code(text) => self.keep_text(text),
            Event::SoftBreak | Event::HardBreak => self.keep_text(" "),
            _ => self.keep_text("\n"),
        }
        self.out.push(event);
    }

    /// Adds to the plain text, when the site wants it.
    fn keep_text(&mut self, text: &str) {
        if self.plain_text {
            self.rendered.text.push_str(text);
        }
    }

    fn position(&self, offset: usize) -> Position {
        let offset = match &self.expansion {
            Some(expansion) => expansion.prepared.original_offset(offset),
            None => offset,
        };
        self.original_position(offset)
    }

    /// The position of `offset` in the text as the editor wrote it.
    fn original_position(&self, offset: usize) -> Position {
        let mut position = self.lines.position(self.original, offset);
        position.line += self.first_line - 1;
        position
    }

    fn unique_id(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "kop" } else { wanted };
        let count = self.id_counts.entry(base.to_owned()).or_insert(0);
        *count += 1;
        let mut id = if *count == 1 {
            base.to_owned()
        } else {
            format!("{base}-{}", *count - 1)
        };
        while self.rendered.ids.contains(&id) {
            id.push('-');
        }
        self.rendered.ids.insert(id.clone());
        id
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'s>>,
        classes: Vec<CowStr<'s>>,
        attrs: Vec<(CowStr<'s>, Option<CowStr<'s>>)>,
        inner: Vec<(Event<'s>, std::ops::Range<usize>)>,
    ) {
        let title = plain_text(inner.iter().map(|(e, _)| e));
        let id = match id {
            Some(id) => self.unique_id(&id),
            None => self.unique_id(&slugify(&title)),
        };
        self.tables_seen = (Some(self.headings.len()), 0);
        self.headings.push((level as u8, id.clone(), title));
        self.out.push(Event::Start(Tag::Heading {
            level,
            id: Some(id.into()),
            classes,
            attrs,
        }));
        self.process(inner);
        self.keep_text("\n");
        self.out.push(Event::End(TagEnd::Heading(level)));
    }

    fn link(&mut self, link_type: LinkType, dest: CowStr<'s>, offset: usize) -> CowStr<'s> {
        if runs_code(&dest) {
            let position = self.position(offset);
            self.rendered.code_links.push((position, dest.to_string()));
            return CowStr::Borrowed("#");
        }
        if matches!(link_type, LinkType::Autolink | LinkType::Email) {
            return dest;
        }
        let position = self.position(offset);
        match classify(&dest) {
            Some(target) => {
                let written = dest.to_string();
                self.rendered.links.push(LinkUse {
                    written,
                    resolved: None,
                    target,
                    position,
                });
                dest
            }
            None => match self.resolver.resolve(&dest) {
                Ok((url, target)) => {
                    let written = dest.to_string();
                    let resolved = Some(url.clone()).filter(|u| *u != written);
                    self.rendered.links.push(LinkUse {
                        written,
                        resolved,
                        target,
                        position,
                    });
                    url.into()
                }
                Err(error) => {
                    let written = dest.to_string();
                    self.rendered.broken_links.push(BrokenLink {
                        position,
                        written,
                        error,
                    });
                    dest
                }
            },
        }
    }

    fn image(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'s>,
        title: CowStr<'s>,
        id: CowStr<'s>,
        inner: Vec<(Event<'s>, std::ops::Range<usize>)>,
        offset: usize,
    ) {
        let alt = plain_text(inner.iter().map(|(e, _)| e));
        if alt.trim().is_empty() {
            let position = self.position(offset);
            self.rendered.images_without_alt.push(position);
        }
        let written = dest_url.to_string();
        if crate::url::loads_from_another_host(&written) {
            let position = self.position(offset);
            self.rendered
                .foreign_images
                .push((position, written.clone()));
        }
        let dest_url = self.link(link_type, dest_url, offset);
        let lazy = self.images_seen > 0;
        self.images_seen += 1;
        let caption = (!title.is_empty()).then_some(&*title);
        if let Some(picture) = self.resolver.picture(&written, &alt, caption, lazy) {
            self.out.push(Event::InlineHtml(picture.into()));
            return;
        }
        self.out.push(Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }));
        self.out.extend(inner.into_iter().map(|(e, _)| e));
        self.out.push(Event::End(TagEnd::Image));
    }

    fn footnote_reference(&mut self, label: &str) {
        let number = match self.footnotes.order.iter().position(|l| l == label) {
            Some(index) => index + 1,
            None => {
                self.footnotes.order.push(label.to_owned());
                self.footnotes.order.len()
            }
        };
        let seen = self
            .footnotes
            .references
            .entry(label.to_owned())
            .or_insert(0);
        *seen += 1;
        let slug = footnote_slug(label);
        let back_id = if *seen == 1 {
            format!("fnref-{slug}")
        } else {
            format!("fnref-{slug}-{seen}")
        };
        self.rendered.ids.insert(back_id.clone());
        self.out.push(Event::InlineHtml(
            format!(
                "<sup class=\"footnote-ref\"><a href=\"#fn-{slug}\" id=\"{back_id}\">{number}</a></sup>"
            )
            .into(),
        ));
    }

    fn task_marker(&mut self, done: bool) {
        let (checked, label) = if done {
            (" checked", self.labels.task_done)
        } else {
            ("", self.labels.task_open)
        };
        self.out.push(Event::InlineHtml(
            format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> ").into(),
        ));
    }

    fn table(&mut self, event: Event<'s>) {
        let html = match event {
            Event::Start(Tag::Table(alignments)) => {
                self.table = TableState {
                    alignments,
                    ..TableState::default()
                };
                // A table wider than the screen scrolls inside this region, which keyboard
                // users can then focus and scroll (WCAG 2.1.1, axe scrollable-region-focusable).
                // Its name is the heading above it, so a screen reader's list of regions
                // tells the tables apart: "Tabel: Indicatoren", "Tabel 2: Indicatoren".
                format!(
                    "<div class=\"table-wrapper\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table>",
                    crate::html::escape(&self.table_label())
                )
            }
            Event::Start(Tag::TableHead) => {
                self.table.in_head = true;
                self.table.cell = 0;
                "<thead><tr>".to_owned()
            }
            Event::End(TagEnd::TableHead) => {
                self.table.in_head = false;
                "</tr></thead>".to_owned()
            }
            Event::Start(Tag::TableRow) => {
                self.table.cell = 0;
                let open = if self.table.body_open { "" } else { "<tbody>" };
                self.table.body_open = true;
                format!("{open}<tr>")
            }
            Event::End(TagEnd::TableRow) => "</tr>".to_owned(),
            Event::Start(Tag::TableCell) => {
                let class = match self.table.alignments.get(self.table.cell) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                if self.table.in_head {
                    format!("<th scope=\"col\"{class}>")
                } else {
                    format!("<td{class}>")
                }
            }
            Event::End(TagEnd::TableCell) => {
                self.keep_text(" ");
                self.table.cell += 1;
                if self.table.in_head { "</th>" } else { "</td>" }.to_owned()
            }
            Event::End(TagEnd::Table) => {
                let close = if self.table.body_open { "</tbody>" } else { "" };
                format!("{close}</table></div>\n")
            }
            _ => unreachable!("only table events are passed here"),
        };
        self.out.push(Event::Html(html.into()));
    }

    fn table_label(&mut self) -> String {
        let (heading, count) = &mut self.tables_seen;
        *count += 1;
        let table = match *count {
            1 => self.labels.table.to_owned(),
            n => format!("{} {n}", self.labels.table),
        };
        let heading = heading
            .and_then(|h| self.headings.get(h))
            .map(|(_, _, t)| t.trim());
        match heading {
            Some(heading) if !heading.is_empty() => format!("{table}: {heading}"),
            _ => table,
        }
    }

    fn finish(mut self) -> Rendered {
        let footnotes = self.footnote_section();
        let mut html_out = String::with_capacity(self.source.len() * 3 / 2);
        if let Some(at) = self.summary_at {
            html::push_html(&mut html_out, self.out[..at].iter().cloned());
            self.rendered.summary = Some(Html::new(&html_out));
            html::push_html(&mut html_out, self.out[at..].iter().cloned());
        } else {
            html::push_html(&mut html_out, self.out.into_iter());
        }
        html_out.push_str(&footnotes);
        self.rendered.html = Html::new(&html_out);
        self.rendered.toc = nest(&self.headings);
        self.rendered
    }

    fn footnote_section(&mut self) -> String {
        if self.footnotes.order.is_empty() {
            return String::new();
        }
        let mut out = format!(
            "<section class=\"footnotes\" aria-label=\"{}\"><ol>\n",
            self.labels.footnotes
        );
        for label in std::mem::take(&mut self.footnotes.order) {
            let slug = footnote_slug(&label);
            let body = self
                .footnotes
                .definitions
                .remove(&label)
                .unwrap_or_default();
            let mut body_html = String::new();
            html::push_html(&mut body_html, body.into_iter());
            self.rendered.ids.insert(format!("fn-{slug}"));
            let _ = writeln!(
                out,
                "<li id=\"fn-{slug}\">{body_html}<a href=\"#fnref-{slug}\" class=\"footnote-back\" aria-label=\"{}\">↩</a></li>",
                self.labels.back_to_text
            );
        }
        out.push_str("</ol></section>\n");
        out
    }
}

/// Links that need no resolving: other hosts, schemes, same-page anchors and files beside
/// the page. `None` means the resolver decides: content files and site paths.
fn classify(dest: &str) -> Option<LinkTarget> {
    if dest.starts_with("@/") {
        return None;
    }
    if dest.starts_with('#') {
        return Some(LinkTarget::Anchor);
    }
    if has_scheme(dest) || dest.starts_with("//") {
        return Some(LinkTarget::External);
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.ends_with(".md") || dest.starts_with('/') {
        return None;
    }
    Some(LinkTarget::Relative)
}

/// Whether a link target runs code in the reader's browser: `javascript:`, `vbscript:` or
/// `data:text/html`. A government site has no use for them, and they are how injected
/// content attacks readers. Browsers ignore spaces and control characters in a scheme, and
/// its case, so this does too.
pub fn runs_code(dest: &str) -> bool {
    let scheme: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:text/html"]
        .iter()
        .any(|bad| scheme.starts_with(bad))
}

fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn footnote_slug(label: &str) -> String {
    let slug = slugify(label);
    if slug.is_empty() {
        "x".to_owned()
    } else {
        slug
    }
}

fn collect_until_end<'s>(
    events: &mut impl Iterator<Item = (Event<'s>, std::ops::Range<usize>)>,
) -> Vec<(Event<'s>, std::ops::Range<usize>)> {
    let mut depth = 0;
    let mut inner = Vec::new();
    for (event, range) in events.by_ref() {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        inner.push((event, range));
    }
    inner
}

fn plain_text<'a, 's: 'a>(events: impl Iterator<Item = &'a Event<'s>>) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) => text.push_str(&expand::without_placeholders(t)),
            Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// Builds the heading tree from headings in page order.
fn nest(flat: &[(u8, String, String)]) -> Vec<Heading> {
    let mut roots: Vec<Heading> = Vec::new();
    for (level, id, title) in flat {
        let heading = Heading {
            level: *level,
            id: id.clone(),
            title: title.clone(),
            children: Vec::new(),
        };
        insert_heading(&mut roots, heading);
    }
    roots
}

fn insert_heading(siblings: &mut Vec<Heading>, heading: Heading) {
    match siblings.last_mut() {
        Some(last) if last.level < heading.level => insert_heading(&mut last.children, heading),
        _ => siblings.push(heading),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoLinks;
    impl LinkResolver for NoLinks {
        fn resolve(&self, written: &str) -> Result<(String, LinkTarget), LinkError> {
            match written {
                "@/a.md#kop" => Ok((
                    "/a/#kop".to_owned(),
                    LinkTarget::Content {
                        key: "a.md".into(),
                        anchor: Some("kop".into()),
                    },
                )),
                _ => Err(LinkError::Missing {
                    key: written.into(),
                }),
            }
        }
    }

    fn md(source: &str) -> Rendered {
        let settings = Settings {
            labels: Labels::for_language("nl"),
            plain_text: true,
            smart_punctuation: true,
        };
        render(source, 1, settings, &NoLinks)
    }

    #[test]
    fn headings_get_unique_slug_ids_and_a_toc() {
        let r = md("## Eén regeling\n\n### Doel\n\n## Doel\n\n## Eigen {#mijn-id}\n");
        assert!(
            r.html.contains("<h2 id=\"een-regeling\">Eén regeling</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h3 id=\"doel\">"));
        assert!(r.html.contains("<h2 id=\"doel-1\">"));
        assert!(r.html.contains("<h2 id=\"mijn-id\">"));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[0].children[0].id, "doel");
    }

    #[test]
    fn more_marker_splits_the_summary() {
        let r = md("Eerste alinea.\n\n<!-- more -->\n\nRest.\n");
        assert_eq!(
            r.summary.as_ref().map(Html::as_str),
            Some("<p>Eerste alinea.</p>\n")
        );
        assert!(r.html.contains("Rest."));
        assert!(!r.html.contains("more"), "{}", r.html);
    }

    #[test]
    fn internal_links_are_resolved_and_recorded_with_their_line() {
        let r = md("Tekst\n\nZie [a](@/a.md#kop) en [b](@/b.md).\n");
        assert!(r.html.contains("href=\"/a/#kop\""));
        assert_eq!(r.links[0].position, Position { line: 3, column: 5 });
        assert_eq!(r.broken_links.len(), 1);
        assert_eq!(
            r.broken_links[0].position,
            Position {
                line: 3,
                column: 24
            }
        );
    }

    #[test]
    fn tables_use_classes_not_style_attributes() {
        let r = md("| a | b |\n|---|--:|\n| 1 | 3.424 |\n");
        assert!(!r.html.contains("style="), "{}", r.html);
        assert!(
            r.html.contains("<td class=\"align-right\">3.424</td>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<th scope=\"col\">a</th>"));
    }

    #[test]
    fn tables_are_named_by_the_heading_above_them() {
        let r = md(
            "| a |\n|---|\n| 1 |\n\n## Indicatoren & meer\n\n| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n",
        );
        let labels: Vec<&str> = r
            .html
            .split("aria-label=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap())
            .collect();
        assert_eq!(
            labels,
            [
                "Tabel",
                "Tabel: Indicatoren &amp; meer",
                "Tabel 2: Indicatoren &amp; meer"
            ]
        );
    }

    #[test]
    fn footnotes_link_both_ways() {
        let r = md("Tekst[^1].\n\n[^1]: Bron.\n");
        assert!(
            r.html.contains("href=\"#fn-1\" id=\"fnref-1\">1</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<li id=\"fn-1\"><p>Bron.</p>\n<a href=\"#fnref-1\""),
            "{}",
            r.html
        );
        assert!(r.ids.contains("fn-1"));
    }

    #[test]
    fn task_markers_have_a_label() {
        let r = md("- [x] klaar\n- [ ] open\n");
        assert!(r.html.contains("aria-label=\"gedaan\""));
        assert!(r.html.contains("aria-label=\"nog te doen\""));
    }

    #[test]
    fn links_that_run_code_are_recorded_and_not_written() {
        let r =
            md("[a](javascript:alert(1)) [b]( JavaScript:x) <vbscript:y> ![c](data:text/html,x)\n");
        let written: Vec<&str> = r.code_links.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(
            written,
            [
                "javascript:alert(1)",
                "JavaScript:x",
                "vbscript:y",
                "data:text/html,x"
            ]
        );
        assert_eq!(r.html.matches("href=\"#\"").count(), 3, "{}", r.html);
        assert!(r.html.contains("src=\"#\""), "{}", r.html);
        assert!(!runs_code("https://example.org/javascript:"));
        assert!(!runs_code("data:image/png;base64,AAAA"));
    }

    #[test]
    fn images_without_alt_are_recorded() {
        let r = md("![](a.png)\n\n![Logo](b.png)\n");
        assert_eq!(r.images_without_alt, vec![Position { line: 1, column: 1 }]);
    }

    #[test]
    fn front_matter_text_gets_the_body_typography_and_nothing_else() {
        assert_eq!(
            typographic("Strategische agenda '24-'25"),
            "Strategische agenda ’24-’25"
        );
        assert_eq!(
            typographic("\"Sterke keten\" -- ja..."),
            "“Sterke keten” – ja…"
        );
        for literal in [
            "- geen lijst",
            "1. geen lijst",
            "# geen kop",
            "a *b* `c` [d](e) <f> &amp;",
            "x\\y",
        ] {
            assert_eq!(typographic(literal), literal);
        }
        assert_eq!(typographic("zonder leestekens"), "zonder leestekens");
    }

    #[test]
    fn words_and_reading_time() {
        let r = md("een twee drie\n");
        assert_eq!(r.word_count, 3);
        assert_eq!(r.reading_time(), 1);
    }
}
