//! Which word forms pages contain, and where: the per-page half of indexing, run on
//! runs of pages in parallel.

use std::collections::BTreeSet;

use super::SearchDocument;
use super::fold::{fold_into, is_indexed, words};
use super::word_hash::WordMap;

/// Where a word form occurs in one page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub title: bool,
    /// How many headings contain it.
    pub headings: u32,
    pub description: bool,
    /// How often it occurs in the body text.
    pub text: u32,
}

/// Weights fit six bits, so a posting costs one character of the encoded list.
/// Bit 5 marks a title match: the script ranks those first.
pub const TITLE_BIT: u8 = 32;

/// Bit 4 marks a heading match: the script ranks those next, above any page that has the
/// word only in its description or text.
pub const HEADING_BIT: u8 = 16;

impl Counts {
    /// Adds the counts of another form with the same stem.
    pub fn merge(&mut self, other: &Counts) {
        self.title |= other.title;
        self.headings += other.headings;
        self.description |= other.description;
        self.text += other.text;
    }

    /// The weight of the page for this word: a title bit and a heading bit, so a title
    /// outranks a heading and a heading outranks any amount of body text; below them the
    /// description, more headings and the body text, where more occurrences count
    /// logarithmically (a page that says `regeling` forty times is not forty times as
    /// relevant).
    pub fn weight(&self) -> u8 {
        let text = 2 * (1 + self.text).ilog2();
        let more_headings = 2 * self.headings.saturating_sub(1).min(2);
        let description = if self.description { 3 } else { 0 };
        let rest = (text + more_headings + description).min(u32::from(HEADING_BIT) - 1) as u8;
        let heading = if self.headings > 0 { HEADING_BIT } else { 0 };
        let title = if self.title { TITLE_BIT } else { 0 };
        title | heading | rest
    }
}

/// The terms of a run of pages. Each distinct form is stored once per run, and pages
/// refer to it by a local id: allocating a string per form per page cost more than the
/// rest of the indexing together.
#[derive(Debug, Default)]
pub struct ChunkTerms {
    /// Local id → folded form.
    pub forms: Vec<String>,
    /// Per page: (local id, counts), one entry per form the page contains.
    pub pages: Vec<Vec<(u32, Counts)>>,
    /// Every non-ASCII character met in a word, for the script's folding table.
    pub chars: BTreeSet<char>,
}

impl ChunkTerms {
    /// Reads the title, headings, description and text of each of `documents`.
    pub fn of(documents: &[SearchDocument]) -> Self {
        let mut reader = Reader::default();
        let pages = documents.iter().map(|d| reader.page(d)).collect();
        let mut forms = vec![String::new(); reader.ids.len()];
        for (form, id) in reader.ids {
            forms[id as usize] = form;
        }
        ChunkTerms {
            forms,
            pages,
            chars: reader.chars,
        }
    }
}

/// The state of reading one run of pages.
#[derive(Default)]
struct Reader {
    ids: WordMap<String, u32>,
    chars: BTreeSet<char>,
    /// Counts of the current page by local id; all default between pages.
    counts: Vec<Counts>,
    /// The local ids the current page touched, to collect and reset only those.
    touched: Vec<u32>,
    folded: String,
}

impl Reader {
    fn page(&mut self, document: &SearchDocument) -> Vec<(u32, Counts)> {
        self.add(document.title, |_, c| c.title = true);
        for heading in &document.headings {
            // A heading counts once per form, however often the form occurs in it.
            let mut in_heading = Vec::new();
            self.add(heading, |id, c| {
                if !in_heading.contains(&id) {
                    in_heading.push(id);
                    c.headings += 1;
                }
            });
        }
        self.add(document.description, |_, c| c.description = true);
        self.add(document.text, |_, c| c.text += 1);
        let counts = &mut self.counts;
        self.touched
            .drain(..)
            .map(|id| (id, std::mem::take(&mut counts[id as usize])))
            .collect()
    }

    /// Calls `count` with the local id and counts of every indexed word form in `text`.
    fn add(&mut self, text: &str, mut count: impl FnMut(u32, &mut Counts)) {
        for word in words(text) {
            fold_into(word, &mut self.folded, &mut self.chars);
            if !is_indexed(&self.folded) {
                continue;
            }
            let id = self.id();
            let counts = &mut self.counts[id as usize];
            if *counts == Counts::default() {
                self.touched.push(id);
            }
            // Every `count` leaves the counts non-default, so a form is touched once.
            count(id, counts);
        }
    }

    /// The local id of the form in `folded`; most words repeat, so look up by `&str`
    /// and allocate only for a new one.
    fn id(&mut self) -> u32 {
        if let Some(&id) = self.ids.get(self.folded.as_str()) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(self.folded.clone(), id);
        self.counts.push(Counts::default());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document<'a>(title: &'a str, headings: Vec<&'a str>, text: &'a str) -> SearchDocument<'a> {
        SearchDocument {
            url: "/a/",
            title,
            section: "",
            description: "Over de regeling",
            headings,
            text,
        }
    }

    fn counts(terms: &ChunkTerms, page: usize, form: &str) -> Counts {
        let id = terms.forms.iter().position(|f| f == form).expect("form") as u32;
        let entry = terms.pages[page].iter().find(|(i, _)| *i == id);
        entry.map(|(_, c)| *c).unwrap_or_default()
    }

    #[test]
    fn counts_record_each_field() {
        let doc = document(
            "Regeling",
            vec!["Regeling en regeling", "Aanvraag"],
            "regeling, Regeling",
        );
        let terms = ChunkTerms::of(&[doc]);
        let expected = Counts {
            title: true,
            headings: 1,
            description: true,
            text: 2,
        };
        assert_eq!(counts(&terms, 0, "regeling"), expected);
        assert!(!counts(&terms, 0, "aanvraag").title);
    }

    #[test]
    fn pages_of_one_run_keep_their_own_counts() {
        let first = document("Eerste", vec![], "regeling");
        let second = document("Tweede", vec![], "regeling regeling regeling");
        let terms = ChunkTerms::of(&[first, second]);
        assert_eq!(counts(&terms, 0, "regeling").text, 1);
        assert_eq!(counts(&terms, 1, "regeling").text, 3);
        assert!(!counts(&terms, 1, "eerste").title, "page 2 starts clean");
        assert_eq!(terms.forms.iter().filter(|f| *f == "regeling").count(), 1);
    }

    #[test]
    fn title_matches_outweigh_everything_else() {
        let title_only = Counts {
            title: true,
            ..Counts::default()
        };
        let everywhere_but_title = Counts {
            title: false,
            headings: 10,
            description: true,
            text: 1000,
        };
        assert!(title_only.weight() > everywhere_but_title.weight());
        assert!(everywhere_but_title.weight() < TITLE_BIT);
    }

    #[test]
    fn heading_matches_outweigh_description_and_text() {
        let heading_once = Counts {
            headings: 1,
            ..Counts::default()
        };
        let description_and_text = Counts {
            description: true,
            text: 1000,
            ..Counts::default()
        };
        assert!(heading_once.weight() > description_and_text.weight());
        assert!(heading_once.weight() & HEADING_BIT != 0);
        assert!(description_and_text.weight() < HEADING_BIT);
        let title = Counts {
            title: true,
            ..Counts::default()
        };
        assert!(title.weight() > heading_once.weight());
    }

    #[test]
    fn weight_grows_slowly_with_repetition() {
        let once = Counts {
            text: 1,
            ..Counts::default()
        };
        let often = Counts {
            text: 40,
            ..Counts::default()
        };
        assert!(once.weight() < often.weight());
        assert!(often.weight() < 8 * once.weight());
    }
}
