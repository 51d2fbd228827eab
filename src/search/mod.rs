//! Client-side site search: the build writes a sharded index under `search-index/`, and
//! a small script (`search.js`) searches it in the browser, fetching only the shards a
//! query needs.
//!
//! Stemming and folding happen here, at build time. The vocabulary shards map every
//! word form the site contains to its stem, so the script needs no stemmer: it folds the
//! query, looks its words up, and reads the posting lists of their stems.

mod fold;
mod index;
mod shards;
mod stem;
mod terms;
#[cfg(test)]
mod tests;
mod word_hash;

use rayon::prelude::*;

use self::index::Index;
use self::stem::WordStemmer;
use self::terms::ChunkTerms;

/// The folder of the output that holds the index and the script.
pub const INDEX_FOLDER: &str = "search-index";

/// Pages read by one task: enough that each task's word list is mostly hits, few
/// enough that two cores share the work evenly.
const PAGES_PER_CHUNK: usize = 128;

/// The browser script, emitted as `search-index/search.js`.
pub const SCRIPT: &str = include_str!("search.js");

/// One page to index; text is plain text (no HTML), headings are the page's heading texts.
#[derive(Debug, Clone)]
pub struct SearchDocument<'a> {
    pub url: &'a str,
    pub title: &'a str,
    /// Title of the page's section, shown with the result.
    pub section: &'a str,
    pub description: &'a str,
    pub headings: Vec<&'a str>,
    pub text: &'a str,
}

/// One file to write, relative to the output folder, e.g. `search-index/v/ge.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Builds every index file plus the browser script (`search-index/search.js`).
///
/// Document ids follow the order of `documents`; the same input always gives the same
/// bytes. `language` (`nl`, `en-GB`, …) picks the stemmer and the script's texts.
pub fn build_index(documents: &[SearchDocument], language: &str) -> Vec<SearchFile> {
    let (index, document_files) = rayon::join(
        || index_of(documents, language),
        || shards::document_files(documents, INDEX_FOLDER),
    );
    let mut files = shards::write(&index, document_files, language, INDEX_FOLDER);
    files.push(SearchFile {
        path: format!("{INDEX_FOLDER}/search.js"),
        bytes: SCRIPT.as_bytes().to_vec(),
    });
    files
}

/// Reads runs of pages in parallel and joins their terms into one index.
fn index_of(documents: &[SearchDocument], language: &str) -> Index {
    let chunks: Vec<ChunkTerms> = documents
        .par_chunks(PAGES_PER_CHUNK)
        .map(ChunkTerms::of)
        .collect();
    Index::build(&chunks, &WordStemmer::for_language(language))
}
