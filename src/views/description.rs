//! A page's own text for `<meta name="description">` when its front matter has no
//! `description`: search engines and link previews then show what the page says, not
//! the same site-wide sentence on every page.

use crate::markdown::Html;

/// Longest description, in characters: what search engines show before they cut.
const MAX_CHARS: usize = 160;

/// The page's `description`, else the text of its summary (before `<!-- more -->`), else
/// of its first paragraph, shortened to [`MAX_CHARS`]; none for a page without text.
pub fn meta_description(
    description: Option<&str>,
    summary: Option<&Html>,
    content: &Html,
) -> Option<String> {
    if let Some(description) = description.filter(|d| !d.trim().is_empty()) {
        return Some(description.to_owned());
    }
    let text = match summary {
        Some(summary) => crate::html::paragraphs(summary, false),
        None => crate::html::paragraphs(content, true),
    };
    (!text.is_empty()).then(|| shorten(&text, MAX_CHARS))
}

/// `text` itself when it fits in `max` characters; else cut at the last word boundary
/// that leaves room for "…", without a dangling comma or colon.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut = text
        .char_indices()
        .nth(max - 1)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    // Cut at a space when the next character does not already start a new word.
    let head = if text[cut..].starts_with(char::is_whitespace) {
        head
    } else {
        head.rfind(char::is_whitespace).map_or(head, |i| &head[..i])
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:–-".contains(c));
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_wins_then_the_summary_then_the_first_paragraph() {
        let content = Html::new("<h2>Kop</h2><p>Eerste alinea.</p><p>Tweede.</p>");
        let summary = Html::new("<p>Samen</p><p>vatting.</p>");
        assert_eq!(
            meta_description(Some("Eigen."), Some(&summary), &content).as_deref(),
            Some("Eigen.")
        );
        assert_eq!(
            meta_description(None, Some(&summary), &content).as_deref(),
            Some("Samen vatting.")
        );
        assert_eq!(
            meta_description(Some(" "), None, &content).as_deref(),
            Some("Eerste alinea.")
        );
        assert_eq!(
            meta_description(None, None, &Html::new("<ul><li>x</li></ul>")),
            None
        );
    }

    #[test]
    fn long_text_is_cut_at_a_word_within_160_characters() {
        let text = "woord, ".repeat(40);
        let short = shorten(text.trim(), MAX_CHARS);
        assert!(short.chars().count() <= MAX_CHARS, "{short}");
        assert!(short.ends_with("woord…"), "{short}");
        assert_eq!(shorten("kort", MAX_CHARS), "kort");
        let one_word = "x".repeat(200);
        assert_eq!(shorten(&one_word, 10), "xxxxxxxxx…");
        assert_eq!(shorten("aaaa bbbb cccc", 10), "aaaa bbbb…");
        assert_eq!(shorten("één twee drie vier", 9), "één twee…");
    }
}
