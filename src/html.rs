//! Reading and escaping HTML: the attributes of rendered pages that hold URLs and ids,
//! found in one linear pass, and the one HTML escape keten writes text with.
//!
//! The scan is a small tag tokenizer rather than an HTML parser crate: it runs over every
//! rendered page, and measured on the 8,820-page benchmark output (27 MB) lol_html took
//! 0.72 s where this takes a few milliseconds, which would have doubled the build. It
//! reads double-quoted, single-quoted and unquoted attribute values, any case, and skips
//! comments, `<script>` and `<style>` contents.

use std::ops::Range;

use memchr::{memchr, memmem};

/// An attribute that holds a URL or an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute<'a> {
    pub kind: Kind,
    /// The value as written (entities not decoded).
    pub value: &'a str,
    /// Where the value stands in the HTML, for rewriting it.
    pub range: Range<usize>,
}

/// Which attribute it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Href,
    Src,
    Id,
}

/// Every `href`, `src` (and `poster`) and `id` attribute of `html`, in order.
pub fn attributes(html: &str) -> Vec<Attribute<'_>> {
    let mut found = Vec::new();
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        at = match bytes.get(start + 1) {
            Some(b'!') if bytes[start..].starts_with(b"<!--") => {
                skip_past(bytes, start + 4, b"-->")
            }
            Some(c) if c.is_ascii_alphabetic() => read_tag(html, start + 1, &mut found),
            _ => start + 1,
        };
    }
    found
}

/// Reads the tag whose name starts at `at`, adding its attributes; returns where the
/// scan goes on (after the contents of `<script>` and `<style>`, which hold no tags).
fn read_tag<'a>(html: &'a str, at: usize, found: &mut Vec<Attribute<'a>>) -> usize {
    let bytes = html.as_bytes();
    let name_end = at
        + bytes[at..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
            .unwrap_or(bytes.len() - at);
    let name = &bytes[at..name_end];
    let mut i = name_end;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return i;
        }
        if bytes[i] == b'>' {
            i += 1;
            break;
        }
        let (attribute, next) = read_attribute(html, i);
        if let Some(attribute) = attribute {
            found.push(attribute);
        }
        i = next;
    }
    for raw_text in [&b"script"[..], b"style"] {
        if name.eq_ignore_ascii_case(raw_text) {
            return skip_to_end_tag(bytes, i, raw_text);
        }
    }
    i
}

/// Reads one attribute starting at `at`; returns it if it is one we want, and where the
/// next one may start.
fn read_attribute(html: &str, at: usize) -> (Option<Attribute<'_>>, usize) {
    let bytes = html.as_bytes();
    let mut i = at;
    while i < bytes.len()
        && !matches!(bytes[i], b'=' | b'>' | b'/')
        && !bytes[i].is_ascii_whitespace()
    {
        i += 1;
    }
    let name = &bytes[at..i];
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    if bytes.get(i) != Some(&b'=') {
        // A boolean attribute; the name was not empty, so the scan moved on.
        return (None, i);
    }
    i += 1;
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    let (range, next) = match bytes.get(i) {
        Some(quote @ (b'"' | b'\'')) => {
            let end = memchr(*quote, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
            (i + 1..end, (end + 1).min(bytes.len()))
        }
        _ => {
            let end = bytes[i..]
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'>')
                .map_or(bytes.len(), |e| i + e);
            (i..end, end)
        }
    };
    let kind = if name.eq_ignore_ascii_case(b"href") {
        Some(Kind::Href)
    } else if name.eq_ignore_ascii_case(b"src") || name.eq_ignore_ascii_case(b"poster") {
        // A video's `poster` image is loaded like a `src`: checked, and made absolute in feeds.
        Some(Kind::Src)
    } else if name.eq_ignore_ascii_case(b"id") {
        Some(Kind::Id)
    } else {
        None
    };
    let attribute = kind.and_then(|kind| {
        Some(Attribute {
            kind,
            value: html.get(range.clone())?,
            range,
        })
    });
    (attribute, next)
}

fn skip_past(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    let from = from.min(bytes.len());
    memmem::find(&bytes[from..], needle).map_or(bytes.len(), |i| from + i + needle.len())
}

/// The offset of `</name` (any case) after `from`, or the end.
fn skip_to_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(offset) = memmem::find(&bytes[at..], b"</") {
        let start = at + offset;
        let candidate = &bytes[start + 2..];
        if candidate.len() >= name.len() && candidate[..name.len()].eq_ignore_ascii_case(name) {
            return start;
        }
        at = start + 2;
    }
    bytes.len()
}

/// The text of a piece of HTML: tags left out, the common entities decoded.
pub fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of the paragraphs (`<p>` elements) of `html`, in order, one space between
/// them; with `first_only`, of the first paragraph that has text. Footnote references
/// (`<sup class="footnote-ref">`) are left out: their number is not part of the sentence.
pub fn paragraphs(html: &str, first_only: bool) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = paragraph_start(rest) {
        let inner = &rest[start..];
        let end = memmem::find(inner.as_bytes(), b"</p>")
            .or_else(|| memmem::find(inner.as_bytes(), b"</P>"))
            .unwrap_or(inner.len());
        let words = paragraph_words(&inner[..end]);
        if !words.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&words);
            if first_only {
                break;
            }
        }
        rest = &inner[end..];
    }
    text
}

/// Where the contents of the next `<p>` (or `<p …>`) start; `<pre>` and `<param>` are
/// not paragraphs.
fn paragraph_start(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let is_p = matches!(bytes.get(start + 1), Some(b'p' | b'P'))
            && matches!(
                bytes.get(start + 2),
                Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
            );
        if is_p {
            return Some(start + memchr(b'>', &bytes[start..])? + 1);
        }
        at = start + 1;
    }
    None
}

/// The words of one paragraph's HTML: tags and footnote numbers out, entities decoded,
/// white space collapsed.
fn paragraph_words(html: &str) -> String {
    const FOOTNOTE: &str = "<sup class=\"footnote-ref\">";
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(FOOTNOTE) {
        kept.push_str(&rest[..start]);
        let after = &rest[start..];
        rest = after
            .find("</sup>")
            .map_or("", |end| &after[end + "</sup>".len()..]);
    }
    kept.push_str(rest);
    let kept = kept.replace("&nbsp;", " ").replace("&#160;", " ");
    strip_tags(&kept)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes text for element content only (`&`, `<`, `>`); quotes stay as they are.
pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Escapes text for HTML: element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(html: &str) -> Vec<(Kind, &str)> {
        attributes(html)
            .into_iter()
            .map(|a| (a.kind, a.value))
            .collect()
    }

    #[test]
    fn paragraphs_are_read_as_plain_text() {
        let html = "<h2 id=\"kop\">Kop</h2>\n<p>Een <em>eerste</em> zin&nbsp;met\n<a href=\"/x/\">link</a> &amp; meer.<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"r1\">1</a></sup></p>\n<pre><code>code</code></pre><P class=x>Tweede.</P><p></p>";
        assert_eq!(paragraphs(html, true), "Een eerste zin met link & meer.");
        assert_eq!(
            paragraphs(html, false),
            "Een eerste zin met link & meer. Tweede."
        );
        assert_eq!(paragraphs("<pre>x</pre><ul><li>y</li></ul>", true), "");
        assert_eq!(paragraphs("<p>open", true), "open");
    }

    #[test]
    fn every_quoting_and_case_is_read() {
        let html =
            r#"<a href="/a/" data-href="/no/">A</a><IMG SRC=x.png alt=''><p id='kop' class=x>"#;
        assert_eq!(
            values(html),
            [(Kind::Href, "/a/"), (Kind::Src, "x.png"), (Kind::Id, "kop")]
        );
    }

    #[test]
    fn a_video_poster_is_a_source() {
        let html = r#"<video poster="voorbeeld.jpg"><source src="film.mp4"></video>"#;
        assert_eq!(
            values(html),
            [(Kind::Src, "voorbeeld.jpg"), (Kind::Src, "film.mp4")]
        );
    }

    #[test]
    fn comments_scripts_and_text_are_not_tags() {
        let html = r#"<!-- <a href="/c/"> --><script>if (a<b) x = "<a href='/s/'>";</script>
            <p>1 < 2 and a=b</p><style>a[href="/t/"]{}</style><a href=/echt/>"#;
        assert_eq!(values(html), [(Kind::Href, "/echt/")]);
    }

    #[test]
    fn unfinished_html_ends_the_scan() {
        assert!(values("<a href=\"/x").len() == 1);
        assert!(values("<a href=").len() == 1);
        assert!(values("<a").is_empty());
        assert!(values("<!-- open").is_empty());
    }

    #[test]
    fn ranges_point_at_the_values() {
        let html = "<a href=\"/a/\"><img src='b'>";
        for attribute in attributes(html) {
            assert_eq!(&html[attribute.range], attribute.value);
        }
    }

    #[test]
    fn escape_covers_text_and_attributes() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
