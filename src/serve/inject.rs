//! What the development server adds to the HTML pages it serves (and only those): the
//! live-reload script and, while the site has an error, an overlay that shows it. Nothing
//! of this is ever written to disk.

use crate::messages::Lang;

/// Tags that load the live-reload script and the overlay's style; the page remembers the
/// generation of the site it shows, so a change it missed while loading still reloads it.
fn head_tags(generation: u64) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"/__keten/live.css\"><script src=\"/__keten/live.js\" data-generation=\"{generation}\" defer></script>"
    )
}

/// Adds the live-reload tags to a page, the overlay when `error` is set, and `bar` (the
/// editor's links) at the end of the body when given.
pub fn inject(
    html: &str,
    error: Option<&str>,
    generation: u64,
    lang: Lang,
    bar: Option<&str>,
) -> String {
    let mut out = with_overlay(html, error, generation, lang);
    if let Some(bar) = bar {
        match rfind_ascii_case(&out, "</body>") {
            Some(at) => out.insert_str(at, bar),
            None => out.push_str(bar),
        }
    }
    out
}

fn with_overlay(html: &str, error: Option<&str>, generation: u64, lang: Lang) -> String {
    let mut out = String::with_capacity(html.len() + 512);
    let head_end = find_ascii_case(html, "</head>");
    let (before, after) = html.split_at(head_end.unwrap_or(0));
    out.push_str(before);
    out.push_str(&head_tags(generation));
    match (error, find_body_start(after)) {
        (Some(error), Some(at)) => {
            out.push_str(&after[..at]);
            out.push_str(&overlay(error, lang));
            out.push_str(&after[at..]);
        }
        (Some(error), None) => {
            out.push_str(&overlay(error, lang));
            out.push_str(after);
        }
        (None, _) => out.push_str(after),
    }
    out
}

/// The page served for every path while the site has never built.
pub fn error_page(error: &str, generation: u64, lang: Lang) -> String {
    let code = match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n{}\n</head>\n<body>\n{}\n</body>\n</html>\n",
        crate::msg!("serve-overlay-title").text(lang),
        head_tags(generation),
        overlay(error, lang)
    )
}

fn overlay(error: &str, lang: Lang) -> String {
    format!(
        "<div class=\"keten-fout\" role=\"alert\"><h2>{}</h2><pre>{}</pre><p>{}</p></div>",
        crate::msg!("serve-overlay-title").text(lang),
        crate::html::escape_text(error),
        crate::msg!("serve-overlay-fix").text(lang)
    )
}

/// The offset just after the `<body …>` start tag.
fn find_body_start(html: &str) -> Option<usize> {
    let start = find_ascii_case(html, "<body")?;
    html[start..].find('>').map(|end| start + end + 1)
}

fn rfind_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn find_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_into_the_head() {
        let out = inject(
            "<html><head><title>t</title></head><body><p>x</p></body></html>",
            None,
            7,
            Lang::Nl,
            None,
        );
        let tags = head_tags(7);
        assert_eq!(
            out,
            format!("<html><head><title>t</title>{tags}</head><body><p>x</p></body></html>")
        );
        assert!(tags.contains("data-generation=\"7\""));
    }

    #[test]
    fn overlay_opens_the_body_and_escapes_the_error() {
        let out = inject(
            "<html><head></head><body class=\"a\"><p>x</p></body></html>",
            Some("content/a.md:2:1: <fout>"),
            1,
            Lang::Nl,
            Some("<nav>bewerk</nav>"),
        );
        assert!(
            out.contains("<body class=\"a\"><div class=\"keten-fout\" role=\"alert\">"),
            "{out}"
        );
        assert!(out.contains("content/a.md:2:1: &lt;fout&gt;"), "{out}");
        assert!(
            out.ends_with("<p>x</p><nav>bewerk</nav></body></html>"),
            "{out}"
        );
    }
}
