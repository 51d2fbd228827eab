//! Reducing folded words to stems, so `regelingen` and `regeling` meet in one posting list.
//!
//! Stemming happens only here, at build time: the vocabulary shards tell the browser the
//! stem of every word form the site contains, so the script needs no stemmer of its own.

use rust_stemmers::{Algorithm, Stemmer};

/// Stems folded words for one site language; words of other languages pass unchanged.
pub struct WordStemmer {
    stemmer: Option<Stemmer>,
    /// Dutch stems get [`dutch_spelling`] on top of Snowball.
    dutch: bool,
}

impl WordStemmer {
    /// The Snowball stemmer for `language` (`nl`, `nl-NL`, `en_GB`, …).
    ///
    /// Only languages written in Latin script get one: words are folded to ASCII before
    /// stemming, which would leave a Greek or Russian stemmer nothing to recognise.
    pub fn for_language(language: &str) -> Self {
        let algorithm = algorithm(language);
        WordStemmer {
            stemmer: algorithm.map(Stemmer::create),
            dutch: matches!(algorithm, Some(Algorithm::Dutch)),
        }
    }

    /// The stem of a folded word.
    pub fn stem(&self, folded: &str) -> String {
        match &self.stemmer {
            Some(stemmer) if self.dutch => dutch_spelling(&stemmer.stem(folded)),
            Some(stemmer) => stemmer.stem(folded).into_owned(),
            None => folded.to_owned(),
        }
    }
}

/// Evens out the spelling changes of Dutch inflection that Snowball leaves, so that a
/// singular and its plural share a stem: a final `v` or `z` becomes `f` or `s`
/// (`bedrijven` → `bedrijv` → `bedrijf`, `huizen` → `huis`), and a doubled vowel before
/// the final consonant is made single (`sociaal` → `social`, the stem of `sociale`).
///
/// `search.js` applies the same rules (`dutchSpelling`) to a query word the site never
/// uses, so `afspraakbaan` finds the stem of `afspraakbanen`: keep the two in step.
pub fn dutch_spelling(stem: &str) -> String {
    let mut chars: Vec<char> = stem.chars().collect();
    match chars.last_mut() {
        Some(last @ 'v') => *last = 'f',
        Some(last @ 'z') => *last = 's',
        _ => {}
    }
    let n = chars.len();
    if n >= 3
        && !"aeiouy".contains(chars[n - 1])
        && chars[n - 2] == chars[n - 3]
        && "aeou".contains(chars[n - 2])
    {
        chars.remove(n - 2);
    }
    chars.into_iter().collect()
}

fn algorithm(language: &str) -> Option<Algorithm> {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    let algorithm = match primary.to_ascii_lowercase().as_str() {
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "de" => Algorithm::German,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "it" => Algorithm::Italian,
        "pt" => Algorithm::Portuguese,
        "da" => Algorithm::Danish,
        "sv" => Algorithm::Swedish,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "fi" => Algorithm::Finnish,
        "hu" => Algorithm::Hungarian,
        "ro" => Algorithm::Romanian,
        _ => return None,
    };
    Some(algorithm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_plurals_share_a_stem() {
        let dutch = WordStemmer::for_language("nl");
        assert_eq!(dutch.stem("regelingen"), dutch.stem("regeling"));
        assert_eq!(dutch.stem("gemeenten"), dutch.stem("gemeente"));
        assert_eq!(dutch.stem("beinvloeding"), dutch.stem("beinvloedingen"));
    }

    #[test]
    fn dutch_singulars_and_plurals_share_a_stem() {
        let dutch = WordStemmer::for_language("nl");
        for (one, more) in [
            ("afspraakbaan", "afspraakbanen"),
            ("bedrijf", "bedrijven"),
            ("huis", "huizen"),
            ("sociaal", "sociale"),
            ("deel", "delen"),
        ] {
            assert_eq!(dutch.stem(one), dutch.stem(more), "{one}, {more}");
        }
    }

    #[test]
    fn dutch_spelling_keeps_words_without_those_endings() {
        assert_eq!(dutch_spelling("afspraakban"), "afspraakban");
        assert_eq!(dutch_spelling("afspraakbaan"), "afspraakban");
        assert_eq!(dutch_spelling("participatie"), "participatie");
        assert_eq!(
            dutch_spelling("leeuw"),
            "leeuw",
            "no pair right before the end"
        );
        assert_eq!(
            dutch_spelling("zee"),
            "zee",
            "a vowel at the end keeps its pair"
        );
        assert_eq!(dutch_spelling("ba"), "ba");
        let english = WordStemmer::for_language("en");
        assert_eq!(
            english.stem("leaves"),
            english.stem("leave"),
            "English unchanged"
        );
    }

    #[test]
    fn region_subtags_pick_the_same_stemmer() {
        let dutch = WordStemmer::for_language("nl-NL");
        assert_eq!(dutch.stem("regelingen"), dutch.stem("regeling"));
        let english = WordStemmer::for_language("en_GB");
        assert_eq!(english.stem("pages"), english.stem("page"));
    }

    #[test]
    fn unknown_languages_keep_words_whole() {
        let none = WordStemmer::for_language("ru");
        assert_eq!(none.stem("regelingen"), "regelingen");
    }
}
