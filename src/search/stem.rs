//! Reducing folded words to stems, so `regelingen` and `regeling` meet in one posting list.
//!
//! Stemming happens only here, at build time: the vocabulary shards tell the browser the
//! stem of every word form the site contains, so the script needs no stemmer of its own.

use rust_stemmers::{Algorithm, Stemmer};

/// Stems folded words for one site language; words of other languages pass unchanged.
pub struct WordStemmer {
    stemmer: Option<Stemmer>,
}

impl WordStemmer {
    /// The Snowball stemmer for `language` (`nl`, `nl-NL`, `en_GB`, …).
    ///
    /// Only languages written in Latin script get one: words are folded to ASCII before
    /// stemming, which would leave a Greek or Russian stemmer nothing to recognise.
    pub fn for_language(language: &str) -> Self {
        WordStemmer {
            stemmer: algorithm(language).map(Stemmer::create),
        }
    }

    /// The stem of a folded word.
    pub fn stem(&self, folded: &str) -> String {
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(folded).into_owned(),
            None => folded.to_owned(),
        }
    }
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
