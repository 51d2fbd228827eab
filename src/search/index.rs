//! The inverted index of the whole site: every word form with its stem, and every stem
//! with its forms and the pages that contain it.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::fold::fold_char;
use super::stem::WordStemmer;
use super::terms::{ChunkTerms, Counts};
use super::word_hash::WordMap;

/// One stem: the word forms that reduce to it and the pages that contain one of them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Stem {
    /// Sorted; the script marks each of them in excerpts.
    pub forms: Vec<String>,
    /// (document id, weight), by ascending document id.
    pub postings: Vec<(u32, u8)>,
}

/// Everything the shards are written from. All maps are sorted, so the files are too.
#[derive(Debug, Default)]
pub struct Index {
    /// Folded word form → its stem.
    pub vocabulary: BTreeMap<String, String>,
    pub stems: BTreeMap<String, Stem>,
    /// Non-ASCII character → its folding, for every such character in a word of the site.
    pub folds: BTreeMap<char, String>,
    pub documents: usize,
}

impl Index {
    /// Joins the terms of runs of pages into one index; pages are numbered in order,
    /// the first page of the first run getting document id 0.
    pub fn build(chunks: &[ChunkTerms], stemmer: &WordStemmer) -> Self {
        let forms = distinct_forms(chunks);
        let stem_of: Vec<String> = forms.par_iter().map(|f| stemmer.stem(f)).collect();
        let stem_names = sorted_distinct(stem_of.iter().map(String::as_str));
        let stem_id: WordMap<&str, u32> = ids(&stem_names);
        let form_stem: WordMap<&str, u32> = forms
            .iter()
            .zip(&stem_of)
            .map(|(form, stem)| (*form, stem_id[stem.as_str()]))
            .collect();

        let mut stems = postings(chunks, &form_stem, stem_names.len());
        for (form, stem) in forms.iter().zip(&stem_of) {
            stems[stem_id[stem.as_str()] as usize]
                .forms
                .push((*form).to_owned());
        }

        let stems = stem_names
            .iter()
            .map(|s| (*s).to_owned())
            .zip(stems)
            .collect();
        Index {
            vocabulary: forms.iter().map(|f| (*f).to_owned()).zip(stem_of).collect(),
            stems,
            folds: folds(chunks),
            documents: chunks.iter().map(|c| c.pages.len()).sum(),
        }
    }
}

/// Every form of the site, sorted. Runs share most of their forms, so hashing away the
/// repeats first leaves far fewer strings to sort.
fn distinct_forms(chunks: &[ChunkTerms]) -> Vec<&str> {
    let mut distinct: WordMap<&str, ()> = WordMap::default();
    distinct.extend(
        chunks
            .iter()
            .flat_map(|c| c.forms.iter().map(|f| (f.as_str(), ()))),
    );
    sorted_distinct(distinct.into_keys())
}

fn sorted_distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut items: Vec<&str> = items.collect();
    items.par_sort_unstable();
    items.dedup();
    items
}

fn ids<'a>(names: &[&'a str]) -> WordMap<&'a str, u32> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, i as u32))
        .collect()
}

/// A `Stem` per stem id, with its postings filled in (forms still empty).
fn postings(chunks: &[ChunkTerms], form_stem: &WordMap<&str, u32>, stems: usize) -> Vec<Stem> {
    let pages: Vec<Vec<(u32, u8)>> = chunks
        .par_iter()
        .flat_map_iter(|chunk| chunk_weights(chunk, form_stem))
        .collect();
    let mut stems: Vec<Stem> = (0..stems).map(|_| Stem::default()).collect();
    for (document, page) in pages.into_iter().enumerate() {
        for (stem, weight) in page {
            stems[stem as usize]
                .postings
                .push((document as u32, weight));
        }
    }
    stems
}

/// The weights of each page of a run by stem id, sorted by stem id. Forms that share a
/// stem add up (`regeling` in the title and `regelingen` in the text).
fn chunk_weights(chunk: &ChunkTerms, form_stem: &WordMap<&str, u32>) -> Vec<Vec<(u32, u8)>> {
    let stem_of_local: Vec<u32> = chunk.forms.iter().map(|f| form_stem[f.as_str()]).collect();
    chunk
        .pages
        .iter()
        .map(|page| {
            let mut by_stem: Vec<(u32, Counts)> = page
                .iter()
                .map(|(local, counts)| (stem_of_local[*local as usize], *counts))
                .collect();
            by_stem.sort_unstable_by_key(|(stem, _)| *stem);
            by_stem
                .chunk_by(|a, b| a.0 == b.0)
                .map(|group| {
                    let mut counts = group[0].1;
                    group[1..].iter().for_each(|(_, more)| counts.merge(more));
                    (group[0].0, counts.weight())
                })
                .collect()
        })
        .collect()
}

/// The folding table for the script, keyed by lower-case character: the script lower-cases
/// a word before folding it, so `Ï` and `ï` need one entry.
fn folds(chunks: &[ChunkTerms]) -> BTreeMap<char, String> {
    let chars: BTreeSet<char> = chunks
        .iter()
        .flat_map(|c| c.chars.iter().copied())
        .collect();
    chars
        .into_iter()
        .map(|c| (lower_case(c), fold_char(c)))
        .collect()
}

/// `c` in lower case; `c` itself in the rare case that is more than one character.
fn lower_case(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::super::SearchDocument;
    use super::*;

    fn page<'a>(title: &'a str, text: &'a str) -> SearchDocument<'a> {
        SearchDocument {
            url: "/",
            title,
            section: "",
            description: "",
            headings: vec![],
            text,
        }
    }

    #[test]
    fn forms_with_one_stem_share_a_posting_list() {
        // Two runs of pages, as the parallel build makes them.
        let chunks = [
            ChunkTerms::of(&[page("Regeling", "over de regeling")]),
            ChunkTerms::of(&[page("Nieuws", "alle regelingen")]),
        ];
        let index = Index::build(&chunks, &WordStemmer::for_language("nl"));
        assert_eq!(index.documents, 2);
        let stem = &index.vocabulary["regelingen"];
        assert_eq!(stem, &index.vocabulary["regeling"]);
        let entry = &index.stems[stem];
        assert_eq!(entry.forms, ["regeling", "regelingen"]);
        let documents: Vec<u32> = entry.postings.iter().map(|p| p.0).collect();
        assert_eq!(documents, [0, 1]);
        assert!(
            entry.postings[0].1 > entry.postings[1].1,
            "title match first"
        );
    }

    #[test]
    fn non_ascii_characters_get_a_fold() {
        let chunks = [ChunkTerms::of(&[page("BEÏNVLOEDING", "")])];
        let index = Index::build(&chunks, &WordStemmer::for_language("nl"));
        assert_eq!(index.folds[&'ï'], "i");
        assert_eq!(index.folds.len(), 1);
    }
}
