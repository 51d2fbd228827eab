//! Shortcodes in Markdown. Before pulldown-cmark reads a text, every call outside code is
//! replaced by a placeholder it passes through untouched; while the events are written,
//! each placeholder becomes the shortcode's output. A body between `{% name(…) %}` and
//! `{% end %}` is Markdown of the page itself, so its headings get ids and enter the table
//! of contents, and its links are resolved and checked with their own line.
//!
//! A call alone on its line becomes an HTML comment, which pulldown-cmark reads as a block
//! of its own (no `<p>` around a figure); a call with text after it on the line becomes two
//! private-use characters around its number, which stay inside the text around them.
//! Offsets in the text with placeholders are mapped back, so every position an editor
//! reads is one in their own file.
//!
//! Texts without `{{` or `{%` are not touched at all: the check is one `memchr` pass.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

use super::Writer;
use super::calls::{self, Call, Form};
use crate::error::Position;
use crate::messages::Msg;
use crate::msg;

/// Renders shortcode calls; implemented by the site's shortcode templates.
pub trait Expand: Sync {
    /// The output of `call`, made in the document `page` describes (the `@page` shortcodes
    /// see); `body` is the HTML of a body call's Markdown.
    fn expand(
        &self,
        page: &tera::Value,
        call: &Call,
        body: Option<&str>,
    ) -> Result<String, Problem>;
}

/// Why a call could not be expanded.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where in the text, when not at the start of the call (an argument).
    pub offset: Option<usize>,
    pub message: Msg,
    pub hint: Option<Msg>,
}

/// A problem with a shortcode call, at its place in the file; its words are made when
/// it is shown, in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct ShortcodeProblem {
    pub position: Position,
    pub message: Msg,
    pub hint: Option<Msg>,
}

/// The site's shortcodes and the document they are called in.
#[derive(Clone, Copy)]
pub struct Shortcodes<'a> {
    pub expander: &'a dyn Expand,
    pub page: &'a tera::Value,
}

/// The first of the two characters around an inline placeholder's number.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';
/// An HTML comment placeholder: `<!--keten-shortcode:3-->`.
const COMMENT_OPEN: &str = "<!--keten-shortcode:";
const COMMENT_CLOSE: &str = "-->";

/// A text with its shortcode calls replaced by placeholders.
pub struct Prepared {
    /// What pulldown-cmark reads.
    pub source: String,
    /// The calls, `{% end %}` included; a placeholder's number indexes this.
    pub calls: Vec<Call>,
    /// For each `{% end %}`, the call it ends.
    pub opener: Vec<Option<usize>>,
    replacements: Vec<Replacement>,
    /// Problems found before rendering: syntax, unpaired bodies; at offsets in the text.
    pub problems: Vec<Problem>,
}

struct Replacement {
    original: Range<usize>,
    placed: Range<usize>,
}

impl Prepared {
    /// The offset in the editor's text of `offset` in the text with placeholders.
    pub fn original_offset(&self, offset: usize) -> usize {
        let index = self
            .replacements
            .partition_point(|r| r.placed.start <= offset);
        match index.checked_sub(1).map(|i| &self.replacements[i]) {
            None => offset,
            Some(r) if offset < r.placed.end => r.original.start,
            Some(r) => r.original.end + (offset - r.placed.end),
        }
    }
}

/// Whether `text` may call a shortcode: it has `{{` or `{%`. One `memchr` pass.
pub fn may_call(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'{', bytes).any(|at| matches!(bytes.get(at + 1), Some(b'{' | b'%')))
}

/// Finds the calls in `source` outside code and puts placeholders in their place. `None`
/// when the text has none (and no mistake in one).
pub fn prepare(source: &str, options: Options) -> Option<Prepared> {
    if !may_call(source) {
        return None;
    }
    let (mut found, mut problems) = read_calls(source);
    if found.is_empty() && problems.is_empty() {
        return None;
    }
    let code = code_ranges(source, options);
    let in_code = |offset: usize| code.iter().any(|r| r.contains(&offset));
    found.retain(|c| !in_code(c.range.start));
    problems.retain(|(at, _)| !in_code(*at));
    let mut problems: Vec<Problem> = problems.into_iter().map(|(_, p)| p).collect();
    let (calls, opener) = pair(found, &mut problems);
    if calls.is_empty() && problems.is_empty() {
        return None;
    }
    let (placed, replacements) = place(source, &calls);
    Some(Prepared {
        source: placed,
        calls,
        opener,
        replacements,
        problems,
    })
}

/// Every tag that reads as a call, and the mistakes in those that start like one, with
/// the offset of their tag.
fn read_calls(source: &str) -> (Vec<Call>, Vec<(usize, Problem)>) {
    let bytes = source.as_bytes();
    let mut calls = Vec::new();
    let mut problems = Vec::new();
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'{', &bytes[at..]) {
        let start = at + found;
        at = start + 1;
        if !matches!(bytes.get(start + 1), Some(b'{' | b'%')) {
            continue;
        }
        match calls::read(source, start) {
            Ok(Some(call)) => {
                at = call.range.end;
                calls.push(call);
            }
            Ok(None) => {}
            Err(error) => {
                problems.push((
                    start,
                    Problem {
                        offset: Some(error.offset),
                        message: error.message,
                        hint: Some(error.hint),
                    },
                ));
                at = start + 2;
            }
        }
    }
    (calls, problems)
}

/// Where the text has code spans and code blocks, in which calls are text.
fn code_ranges(source: &str, options: Options) -> Vec<Range<usize>> {
    Parser::new_ext(source, options)
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, range)| range)
        .collect()
}

/// How deep shortcode bodies may be nested. Each body is rendered into the one around
/// it, so the work grows with the square of the depth: a page of thousands of nested
/// bodies must be an error, not a build that never ends.
const MAX_BODY_DEPTH: usize = 8;

fn too_deep(call: &Call, reported: &mut bool, problems: &mut Vec<Problem>) {
    if std::mem::replace(reported, true) {
        return;
    }
    problems.push(Problem {
        offset: Some(call.range.start),
        message: msg!("shortcode-too-deep", depth = MAX_BODY_DEPTH),
        hint: Some(msg!("shortcode-too-deep-hint")),
    });
}

/// Matches each `{% end %}` with the body it ends and counts each shortcode's calls. Ends
/// without a body and bodies without an end are problems, and stay text.
fn pair(found: Vec<Call>, problems: &mut Vec<Problem>) -> (Vec<Call>, Vec<Option<usize>>) {
    let mut keep = vec![true; found.len()];
    let mut opener = vec![None; found.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut reported_depth = false;
    for (index, call) in found.iter().enumerate() {
        match call.form {
            Form::Open => {
                if open.len() == MAX_BODY_DEPTH {
                    too_deep(call, &mut reported_depth, problems);
                }
                // Kept on the stack, so every `{% end %}` still finds its own body.
                keep[index] = open.len() < MAX_BODY_DEPTH;
                open.push(index);
            }
            Form::End => match open.pop() {
                Some(start) => {
                    opener[index] = Some(start);
                    keep[index] = keep[start];
                }
                None => {
                    keep[index] = false;
                    problems.push(Problem {
                        offset: Some(call.range.start),
                        message: msg!("shortcode-end-without-body"),
                        hint: Some(msg!("shortcode-end-without-body-hint")),
                    });
                }
            },
            Form::Inline => {}
        }
    }
    for index in open {
        keep[index] = false;
        let name = &found[index].name;
        problems.push(Problem {
            offset: Some(found[index].range.start),
            message: msg!("shortcode-body-not-closed", name = name),
            hint: Some(msg!("shortcode-body-not-closed-hint", name = name)),
        });
    }
    let mut calls = Vec::new();
    let mut new_index = vec![None; found.len()];
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, mut call) in found.into_iter().enumerate() {
        if !keep[index] {
            continue;
        }
        if call.form != Form::End {
            let count = counts.entry(call.name.clone()).or_default();
            *count += 1;
            call.nth = *count;
        }
        new_index[index] = Some(calls.len());
        calls.push(call);
    }
    let opener: Vec<Option<usize>> = opener
        .iter()
        .enumerate()
        .filter(|(index, _)| keep[*index])
        .map(|(_, o)| o.and_then(|o| new_index[o]))
        .collect();
    (calls, opener)
}

/// The text with each call replaced by its placeholder, and where each went.
fn place(source: &str, calls: &[Call]) -> (String, Vec<Replacement>) {
    let mut out = String::with_capacity(source.len());
    let mut replacements = Vec::with_capacity(calls.len());
    let mut last = 0;
    for (number, call) in calls.iter().enumerate() {
        out.push_str(&source[last..call.range.start]);
        let start = out.len();
        let rest_of_line = source[call.range.end..].split('\n').next().unwrap_or("");
        if rest_of_line.trim().is_empty() {
            out.push_str(&format!("{COMMENT_OPEN}{number}{COMMENT_CLOSE}"));
        } else {
            out.push_str(&format!("{MARK_OPEN}{number}{MARK_CLOSE}"));
        }
        replacements.push(Replacement {
            original: call.range.clone(),
            placed: start..out.len(),
        });
        last = call.range.end;
    }
    out.push_str(&source[last..]);
    (out, replacements)
}

/// A piece of event text: text as it is, or a placeholder's number.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'t> {
    Text(&'t str),
    Call(usize),
}

/// Whether `text` holds a placeholder.
fn has_placeholder(text: &str) -> bool {
    text.contains(MARK_OPEN) || text.contains(COMMENT_OPEN)
}

/// Splits `text` at its placeholders.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let next = [
            rest.find(MARK_OPEN)
                .map(|at| (at, MARK_OPEN.len_utf8(), MARK_CLOSE.len_utf8())),
            rest.find(COMMENT_OPEN)
                .map(|at| (at, COMMENT_OPEN.len(), COMMENT_CLOSE.len())),
        ]
        .into_iter()
        .flatten()
        .min();
        let Some((at, open, close)) = next else {
            break;
        };
        let digits_end = rest[at + open..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len(), |e| at + open + e);
        let closer = if open == COMMENT_OPEN.len() {
            rest[digits_end..].starts_with(COMMENT_CLOSE)
        } else {
            rest[digits_end..].starts_with(MARK_CLOSE)
        };
        match rest[at + open..digits_end].parse::<usize>() {
            Ok(number) if closer => {
                out.push(Piece::Text(&rest[..at]));
                out.push(Piece::Call(number));
                rest = &rest[digits_end + close..];
            }
            _ => {
                out.push(Piece::Text(&rest[..at + open]));
                rest = &rest[at + open..];
            }
        }
    }
    out.push(Piece::Text(rest));
    out.retain(|p| *p != Piece::Text(""));
    out
}

/// `text` without inline placeholders, for heading titles and alt texts.
pub(super) fn without_placeholders(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_placeholder(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let kept: String = pieces(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t),
            Piece::Call(_) => None,
        })
        .collect();
    std::borrow::Cow::Owned(kept)
}

/// The text a reader sees in a shortcode's output, for search: tags and SVG drawings left
/// out (a chart's axis labels are no words of the page).
fn visible_text(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        kept.push_str(&rest[..start]);
        rest = match rest[start..].find("</svg>") {
            Some(end) => &rest[start + end + "</svg>".len()..],
            None => "",
        };
    }
    kept.push_str(rest);
    crate::html::strip_tags(&kept)
}

/// What the writer keeps while it expands a text's shortcodes.
pub(super) struct Expansion<'a> {
    pub prepared: &'a Prepared,
    pub shortcodes: Shortcodes<'a>,
    /// Open bodies: (call number, where their events start in the output).
    open: Vec<(usize, usize)>,
    expanded: Vec<bool>,
}

impl<'a> Expansion<'a> {
    pub fn new(prepared: &'a Prepared, shortcodes: Shortcodes<'a>) -> Expansion<'a> {
        Expansion {
            prepared,
            shortcodes,
            open: Vec::new(),
            expanded: vec![false; prepared.calls.len()],
        }
    }
}

impl<'s> Writer<'s, '_> {
    /// Whether `event` carries placeholders to expand.
    pub(super) fn has_placeholders(&self, event: &Event<'_>) -> bool {
        self.expansion.is_some()
            && matches!(event, Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) if has_placeholder(t))
    }

    /// Writes an event's text and expands the calls in it, in order.
    pub(super) fn placeholders(&mut self, event: Event<'s>) {
        let (text, kind) = match event {
            Event::Text(t) => (t, 0),
            Event::Html(t) => (t, 1),
            Event::InlineHtml(t) => (t, 2),
            _ => unreachable!("only text events carry placeholders"),
        };
        for piece in pieces(&text) {
            match piece {
                Piece::Text(t) => {
                    let t = CowStr::from(t.to_owned());
                    match kind {
                        0 => self.text(Event::Text(t)),
                        1 => self.out.push(Event::Html(t)),
                        _ => self.out.push(Event::InlineHtml(t)),
                    }
                }
                Piece::Call(number) => self.placeholder(number),
            }
        }
    }

    fn placeholder(&mut self, number: usize) {
        let Some(expansion) = &mut self.expansion else {
            return;
        };
        let Some(call) = expansion.prepared.calls.get(number) else {
            return;
        };
        match call.form {
            Form::Inline => {
                expansion.expanded[number] = true;
                let output = self.expand(number, None);
                self.emit(output, None);
            }
            Form::Open => {
                expansion.expanded[number] = true;
                expansion.open.push((number, self.out.len()));
            }
            Form::End => self.end_body(number),
        }
    }

    /// Ends the body that `{% end %}` number `end` closes: its events become the body.
    fn end_body(&mut self, end: usize) {
        let expansion = self.expansion.as_mut().expect("expanding");
        let opener = expansion.prepared.opener[end];
        let frame = match expansion.open.last() {
            Some(&(number, start)) if Some(number) == opener => {
                expansion.open.pop();
                (number, start)
            }
            _ => return,
        };
        let (number, start) = frame;
        let body_events = self.out.split_off(start);
        if !balanced(&body_events) {
            self.out.extend(body_events);
            let name = self.call(number).name.clone();
            self.shortcode_problem(
                self.call(number).range.start,
                msg!("shortcode-body-not-in-block", name = &name),
                Some(msg!("shortcode-body-not-in-block-hint", name = &name)),
            );
            return;
        }
        if self.summary_at.is_some_and(|at| at > start) {
            self.summary_at = Some(start);
        }
        let mut body = String::new();
        pulldown_cmark::html::push_html(&mut body, body_events.into_iter());
        let output = self.expand(number, Some(&body));
        self.emit(output, Some(&body));
    }

    fn call(&self, number: usize) -> &Call {
        &self.expansion.as_ref().expect("expanding").prepared.calls[number]
    }

    /// The output of call `number`, or nothing with a problem noted.
    fn expand(&mut self, number: usize, body: Option<&str>) -> String {
        let expansion = self.expansion.as_ref().expect("expanding");
        let call = &expansion.prepared.calls[number];
        let shortcodes = expansion.shortcodes;
        self.rendered.shortcodes.push(call.name.clone());
        match shortcodes.expander.expand(shortcodes.page, call, body) {
            Ok(output) => output,
            Err(problem) => {
                let at = problem.offset.unwrap_or(call.range.start);
                self.shortcode_problem(at, problem.message, problem.hint);
                String::new()
            }
        }
    }

    /// Writes a shortcode's output; its ids and its own text count as the page's.
    fn emit(&mut self, output: String, body: Option<&str>) {
        for attribute in crate::html::attributes(&output) {
            if attribute.kind == crate::html::Kind::Id {
                self.rendered.ids.insert(attribute.value.to_owned());
            }
        }
        let own = match body {
            Some(body) if !body.is_empty() => visible_text(&output.replacen(body, "", 1)),
            _ => visible_text(&output),
        };
        self.rendered.word_count += own.split_whitespace().count();
        self.keep_text(&own);
        self.keep_text("\n");
        self.out.push(Event::Html(output.into()));
    }

    pub(super) fn shortcode_problem(&mut self, offset: usize, message: Msg, hint: Option<Msg>) {
        let position = self.original_position(offset);
        self.rendered.shortcode_problems.push(ShortcodeProblem {
            position,
            message,
            hint,
        });
    }

    /// Notes the problems found before rendering, and at the end the calls that were
    /// never reached (in a footnote or an image description, where shortcodes do not work).
    pub(super) fn prepared_problems(&mut self) {
        let Some(expansion) = &self.expansion else {
            return;
        };
        let problems = expansion.prepared.problems.clone();
        for problem in problems {
            self.shortcode_problem(problem.offset.unwrap_or(0), problem.message, problem.hint);
        }
    }

    pub(super) fn unexpanded_problems(&mut self) {
        let Some(expansion) = &self.expansion else {
            return;
        };
        let missed: Vec<(usize, String)> = expansion
            .prepared
            .calls
            .iter()
            .zip(&expansion.expanded)
            .filter(|(call, done)| call.form != Form::End && !**done)
            .map(|(call, _)| (call.range.start, call.name.clone()))
            .collect();
        for (at, name) in missed {
            self.shortcode_problem(
                at,
                msg!("shortcode-not-here", name = name),
                Some(msg!("shortcode-not-here-hint")),
            );
        }
        self.rendered.shortcodes.sort();
        self.rendered.shortcodes.dedup();
    }
}

/// Whether `events` open and close the same blocks. The HTML block around a placeholder
/// of its own writes nothing and does not count.
fn balanced(events: &[Event<'_>]) -> bool {
    let mut depth: i64 = 0;
    for event in events {
        match event {
            Event::Start(Tag::HtmlBlock) | Event::End(pulldown_cmark::TagEnd::HtmlBlock) => {}
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{
        Labels, LinkError, LinkResolver, LinkTarget, Rendered, Settings, render_with,
    };

    struct Mock;
    impl Expand for Mock {
        fn expand(
            &self,
            page: &tera::Value,
            call: &Call,
            body: Option<&str>,
        ) -> Result<String, Problem> {
            let title = page
                .get_from_path("title")
                .and_then(tera::Value::as_str)
                .unwrap_or("");
            match (call.name.as_str(), body) {
                ("fout", _) => Err(Problem {
                    offset: call.args.first().map(|a| a.offset),
                    message: Msg::literal("fout"),
                    hint: None,
                }),
                (name, None) => Ok(format!(
                    "<figure id=\"{name}-{}\">{name} op {title}</figure>",
                    call.nth
                )),
                (name, Some(body)) => Ok(format!("<div class=\"{name}\">{body}</div>")),
            }
        }
    }

    struct Links;
    impl LinkResolver for Links {
        fn resolve(&self, written: &str) -> Result<(String, LinkTarget), LinkError> {
            Err(LinkError::Missing {
                key: written.into(),
            })
        }
    }

    fn md(text: &str) -> Rendered {
        let settings = Settings {
            labels: Labels::for_language("nl"),
            plain_text: true,
            smart_punctuation: true,
        };
        let page = tera::Value::from_serializable(&serde_json::json!({"title": "Pagina"}));
        let shortcodes = Shortcodes {
            expander: &Mock,
            page: &page,
        };
        render_with(text, 3, settings, &Links, Some(shortcodes))
    }

    #[test]
    fn bodies_nested_too_deep_are_one_problem_and_the_rest_still_pairs() {
        let depth = MAX_BODY_DEPTH + 3;
        let text = format!(
            "{}x\n{}",
            "{% k() %}\n".repeat(depth),
            "{% end %}\n".repeat(depth)
        );
        let prepared = prepare(&text, options()).unwrap();
        let problems = &prepared.problems;
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .message
                .english()
                .contains("nested more than 8 deep")
        );
        assert_eq!(
            prepared.calls.len(),
            2 * MAX_BODY_DEPTH,
            "the outer bodies stay"
        );
    }

    #[test]
    fn a_call_alone_on_its_line_is_a_block_and_one_in_text_stays_inline() {
        let r = md("Tekst.\n\n{{ figuur(src=\"a.png\") }}\n\nZie {{ figuur() }} hier.\n");
        assert_eq!(
            r.html.as_str(),
            "<p>Tekst.</p>\n<figure id=\"figuur-1\">figuur op Pagina</figure>\n<p>Zie <figure id=\"figuur-2\">figuur op Pagina</figure> hier.</p>\n"
        );
        assert!(r.ids.contains("figuur-2"));
        assert_eq!(r.shortcodes, ["figuur"]);
        assert!(r.text.contains("figuur op Pagina"), "{}", r.text);
    }

    #[test]
    fn a_body_is_markdown_of_the_page() {
        let r = md(
            "# Begin\n\n{% kader(soort=\"let-op\") %}\n## Let op\n\nZie [x](@/nergens.md).\n{% end %}\n\nNa.\n",
        );
        assert!(
            r.html.contains("<div class=\"kader\">\n<h2 id=\"let-op\">Let op</h2>\n<p>Zie <a href=\"@/nergens.md\">x</a>.</p>\n</div>\n<p>Na.</p>"),
            "{}",
            r.html
        );
        assert_eq!(r.toc[0].children[0].id, "let-op");
        assert_eq!(r.broken_links[0].position, Position { line: 8, column: 5 });
        assert!(
            r.shortcode_problems.is_empty(),
            "{:?}",
            r.shortcode_problems
        );
    }

    #[test]
    fn calls_in_code_are_text() {
        let r = md("`{{ figuur() }}`\n\n```\n{% kader() %}\n```\n");
        assert!(r.html.contains("<code>{{ figuur() }}</code>"), "{}", r.html);
        assert!(r.html.contains("{% kader() %}"), "{}", r.html);
        assert!(r.shortcodes.is_empty());
    }

    #[test]
    fn problems_point_at_the_call_in_the_file() {
        let r = md("Eerst.\n\nTekst {{ fout(x=1) }} en {{ kapot(a=) }}.\n\n{% end %}\n");
        let found: Vec<(usize, usize, String)> = r
            .shortcode_problems
            .iter()
            .map(|p| (p.position.line, p.position.column, p.message.english()))
            .collect();
        assert_eq!(
            found,
            [
                (5, 37, "expected a value for `a`".to_owned()),
                (
                    7,
                    1,
                    "`{% end %}` without a shortcode body to end".to_owned()
                ),
                (5, 15, "fout".to_owned()),
            ]
        );
    }

    #[test]
    fn a_body_must_end_in_the_block_it_starts_in() {
        let r = md("{% kader() %}\nTekst {% end %}\n");
        assert_eq!(r.shortcode_problems.len(), 1, "{:?}", r.shortcode_problems);
        assert!(
            r.shortcode_problems[0]
                .message
                .english()
                .contains("does not end in the block")
        );
    }

    fn options() -> Options {
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES
    }

    #[test]
    fn texts_without_calls_are_left_alone() {
        assert!(!may_call("a { {b} }{"));
        assert!(may_call("a {{b"));
        assert!(may_call("{%"));
        assert!(prepare("Gewone tekst met {accolades}.\n", options()).is_none());
        assert!(prepare("Een {{ variabele }} en {% if x %}.\n", options()).is_none());
    }

    #[test]
    fn calls_in_code_stay_text() {
        let text = "`{{ a() }}`\n\n```\n{{ b() }}\n{% c() %}\n```\n\n    {{ d() }}\n";
        assert!(prepare(text, options()).is_none());
    }

    #[test]
    fn alone_on_a_line_becomes_a_comment_otherwise_marks() {
        let text = "Zie {{ a(x=1) }} hier.\n\n{{ b() }}\n";
        let prepared = prepare(text, options()).unwrap();
        assert_eq!(
            prepared.source,
            "Zie \u{E000}0\u{E001} hier.\n\n<!--keten-shortcode:1-->\n"
        );
        let here = prepared.source.find(" hier").unwrap();
        assert_eq!(prepared.original_offset(here), text.find(" hier").unwrap());
        let zie = prepared.source.find("Zie").unwrap();
        assert_eq!(prepared.original_offset(zie), 0);
        assert_eq!(
            prepared.original_offset(5),
            4,
            "inside a placeholder: its call"
        );
    }

    #[test]
    fn bodies_pair_with_their_end_and_calls_are_counted() {
        let text = "{% k() %}\n{% k() %}\nA\n{% end %}\n{% end %}\n{{ k() }}\n";
        let prepared = prepare(text, options()).unwrap();
        assert_eq!(prepared.opener, [None, None, Some(1), Some(0), None]);
        let nth: Vec<usize> = prepared.calls.iter().map(|c| c.nth).collect();
        assert_eq!(nth, [1, 2, 0, 0, 3]);
        assert!(prepared.problems.is_empty());
    }

    #[test]
    fn unpaired_bodies_and_ends_are_problems() {
        let prepared = prepare(
            "{% k() %}\nA\n\n{% end %}\n{% end %}\n{% open() %}\n",
            options(),
        )
        .unwrap();
        let messages: Vec<String> = prepared
            .problems
            .iter()
            .map(|p| p.message.english())
            .collect();
        assert_eq!(
            messages,
            [
                "`{% end %}` without a shortcode body to end",
                "the body of `open` is not closed: `{% end %}` is missing"
            ]
        );
    }

    #[test]
    fn pieces_split_at_placeholders() {
        let text = "a\u{E000}12\u{E001}b<!--keten-shortcode:3-->\u{E000}x";
        assert_eq!(
            pieces(text),
            [
                Piece::Text("a"),
                Piece::Call(12),
                Piece::Text("b"),
                Piece::Call(3),
                Piece::Text("\u{E000}"),
                Piece::Text("x"),
            ]
        );
        assert_eq!(without_placeholders("Kop \u{E000}1\u{E001}"), "Kop ");
    }

    #[test]
    fn visible_text_leaves_out_tags_and_drawings() {
        assert_eq!(
            visible_text(
                "<figure><svg><text>10</text></svg><figcaption>Kaart &amp; zo</figcaption></figure>"
            ),
            "Kaart & zo"
        );
    }
}
