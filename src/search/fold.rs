//! Splitting text into words and folding each word to the form the index stores.
//!
//! The browser script repeats these rules (see `search.js`, `words` and `fold`), so a
//! change here must be made there too: the query is folded in the browser, the pages here.

use std::collections::BTreeSet;

/// Words shorter than this (after folding) are not indexed: single letters such as the
/// `s` of `auto's` would otherwise get a posting in nearly every page.
pub const MIN_WORD_LEN: usize = 2;

/// Longer "words" are hashes, encoded data or run-together URLs, not worth indexing.
pub const MAX_WORD_LEN: usize = 40;

/// Whether `c` belongs to a word. Combining diacritics count, so text typed in
/// decomposed form (`e` + U+0308) stays one word, as it does in the script.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// The words of `text`, in order, as they are written.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// Iterator over the words of a text. Looks at bytes and decodes a character only where
/// the text is not ASCII: indexing spends most of its time here.
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = self.skip(false)?;
        let end = self.skip(true).unwrap_or(self.text.len());
        Some(&self.text[start..end])
    }
}

impl Words<'_> {
    /// Moves past characters for which `is_word_char` equals `in_word`; returns where
    /// the first other character starts, or `None` at the end of the text.
    fn skip(&mut self, in_word: bool) -> Option<usize> {
        let bytes = self.text.as_bytes();
        loop {
            // A tight loop over ASCII, stopping at the first other byte.
            let run = bytes[self.at..]
                .iter()
                .position(|b| !b.is_ascii() || b.is_ascii_alphanumeric() != in_word);
            let Some(run) = run else {
                self.at = bytes.len();
                return None;
            };
            self.at += run;
            if bytes[self.at].is_ascii() {
                return Some(self.at);
            }
            let c = self.text[self.at..]
                .chars()
                .next()
                .expect("a character starts here");
            if is_word_char(c) != in_word {
                return Some(self.at);
            }
            self.at += c.len_utf8();
        }
    }
}

/// Folds `word` into `out` (cleared first): lower case ASCII letters and digits only,
/// diacritics dropped (`beïnvloeding` → `beinvloeding`), other letters transliterated.
/// Non-ASCII characters met are added to `seen`, so the build can hand the script the
/// exact folding of every such character the site uses.
pub fn fold_into(word: &str, out: &mut String, seen: &mut BTreeSet<char>) {
    out.clear();
    if word.is_ascii() {
        // Words hold only letters and digits, so ASCII ones need lower case only.
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else {
            seen.insert(c);
            push_folded_char(c, out);
        }
    }
}

/// The folding of one word, for tests.
#[cfg(test)]
pub fn fold(word: &str) -> String {
    let mut out = String::new();
    fold_into(word, &mut out, &mut BTreeSet::new());
    out
}

/// The folding of one non-ASCII character: its `deunicode` transliteration, lower case,
/// letters and digits only (a combining mark folds to nothing).
pub fn fold_char(c: char) -> String {
    let mut out = String::new();
    push_folded_char(c, &mut out);
    out
}

fn push_folded_char(c: char, out: &mut String) {
    let ascii = deunicode::deunicode_char(c).unwrap_or("");
    out.extend(
        ascii
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase()),
    );
}

/// Whether a folded word is worth indexing.
pub fn is_indexed(folded: &str) -> bool {
    (MIN_WORD_LEN..=MAX_WORD_LEN).contains(&folded.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_diacritics_and_case() {
        assert_eq!(fold("beïnvloeding"), "beinvloeding");
        assert_eq!(fold("Beïnvloeding"), "beinvloeding");
        assert_eq!(fold("ÉÉN"), "een");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn decomposed_diacritics_fold_like_composed_ones() {
        let decomposed = "bei\u{308}nvloeding";
        assert_eq!(words(decomposed).collect::<Vec<_>>(), [decomposed]);
        assert_eq!(fold(decomposed), "beinvloeding");
    }

    #[test]
    fn words_at_the_edges_of_the_text() {
        assert_eq!(words("").count(), 0);
        assert_eq!(words("  ,. ").count(), 0);
        assert_eq!(words("één").collect::<Vec<_>>(), ["één"]);
        assert_eq!(words("…één…twee").collect::<Vec<_>>(), ["één", "twee"]);
    }

    #[test]
    fn words_split_on_punctuation() {
        let found: Vec<_> = words("De regeling (2024) is—volgens 'auto's'—klaar.").collect();
        assert_eq!(
            found,
            [
                "De", "regeling", "2024", "is", "volgens", "auto", "s", "klaar"
            ]
        );
    }

    #[test]
    fn seen_collects_non_ascii_characters() {
        let mut seen = BTreeSet::new();
        let mut out = String::new();
        fold_into("Ærø-één", &mut out, &mut seen);
        assert_eq!(out, "aeroeen");
        assert_eq!(seen.into_iter().collect::<String>(), "Æéø");
    }

    #[test]
    fn single_letters_and_long_runs_are_not_indexed() {
        assert!(!is_indexed("s"));
        assert!(is_indexed("de"));
        assert!(!is_indexed(&"a".repeat(MAX_WORD_LEN + 1)));
    }
}
