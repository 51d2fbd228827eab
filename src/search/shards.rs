//! The files the browser reads, all JSON without spaces; `search.js` is their only reader.
//!
//! - `meta.json`: `{v: format version, n: pages, l: language, vs: vocabulary shard keys,
//!   ps: postings shard keys (two characters each, concatenated), sp: postings keys split
//!   into three-character shards, h: build hash (the script adds `?v=h` to other files),
//!   f: {non-ASCII character: its folding}}`.
//! - `v/XX.json`: `{folded word form: stem}` for the forms starting with `XX`; the stem
//!   is a number when it is that many first characters of the form (the usual case).
//! - `p/XX.json` (or `p/XXY.json` when `XX` is in `sp`): `{stem: [[forms], postings]}`;
//!   postings in base-64 digits, see [`encode_postings`].
//! - `d/N.json`: `{u: url, t: title, s: section, d: description, x: text}` of page `N`,
//!   fetched only for the results shown.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hasher;

use rayon::prelude::*;
use serde::Serialize;

use super::index::Index;
use super::word_hash::WordHasher;
use super::{SearchDocument, SearchFile};

/// Bumped whenever a file changes shape, so an old script never misreads a new index.
pub const FORMAT_VERSION: u32 = 1;

/// Excerpts come from the start of the text; the rest of a long page is not worth the
/// download (the whole text is still indexed).
pub const EXCERPT_SOURCE_BYTES: usize = 30_000;

/// The 64 characters of the postings encoding, in value order; all are safe in JSON.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A postings shard larger than this is split by the stem's third character: a query
/// for `render` should not download every stem that starts with `re`.
pub const SPLIT_SHARD_BYTES: usize = 16 * 1024;

/// The shard a folded word or stem belongs to: its first `len` characters, with `_` for
/// a missing or unusual one, so every key of a length is safe in a file name.
pub fn shard_key(word: &str, len: usize) -> String {
    let mut chars = word.chars();
    (0..len)
        .map(|_| {
            chars
                .next()
                .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                .unwrap_or('_')
        })
        .collect()
}

/// A stem as the vocabulary stores it: usually a prefix of the form, so only its length.
#[derive(Serialize)]
#[serde(untagged)]
enum StemRef<'a> {
    PrefixOfForm(usize),
    Word(&'a str),
}

/// What the script reads first.
#[derive(Serialize)]
struct Meta<'a> {
    /// Format version.
    v: u32,
    /// Number of documents, for the rarity of a word (idf).
    n: usize,
    /// Site language, as `build_index` was given it.
    l: &'a str,
    /// Vocabulary shard keys, two characters each, concatenated.
    vs: String,
    /// Postings shard keys, likewise.
    ps: String,
    /// The postings keys of `ps` whose shard was split into three-character shards.
    sp: String,
    /// Hash of every other file, appended to their URLs so caches never mix builds.
    h: String,
    /// Non-ASCII character → folding.
    f: &'a BTreeMap<char, String>,
}

/// One page as the script shows it.
#[derive(Serialize)]
struct DocumentFile<'a> {
    u: &'a str,
    t: &'a str,
    s: &'a str,
    d: &'a str,
    x: &'a str,
}

/// The `d/N.json` file of every page, under `folder`. Needs no index, so it runs
/// alongside the indexing.
pub fn document_files(documents: &[SearchDocument], folder: &str) -> Vec<SearchFile> {
    documents
        .par_iter()
        .enumerate()
        .map(|(id, document)| SearchFile {
            path: format!("{folder}/d/{id}.json"),
            bytes: document_json(document),
        })
        .collect()
}

/// The shards and `meta.json` of `index`, added to the `documents` files; every file of
/// the index except the script, under `folder` (`search-index`).
pub fn write(
    index: &Index,
    documents: Vec<SearchFile>,
    language: &str,
    folder: &str,
) -> Vec<SearchFile> {
    let vocabulary = vocabulary_shards(index);
    let (postings, split) = postings_shards(index);
    let vocabulary_keys: String = vocabulary.keys().map(String::as_str).collect();
    let postings_keys: String = postings
        .keys()
        .map(|k| &k[..2])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut files = shard_files(folder, "v", vocabulary);
    files.extend(shard_files(folder, "p", postings));
    files.extend(documents);
    let meta = Meta {
        v: FORMAT_VERSION,
        n: index.documents,
        l: language,
        vs: vocabulary_keys,
        ps: postings_keys,
        sp: split.concat(),
        h: content_hash(&files),
        f: &index.folds,
    };
    files.push(SearchFile {
        path: format!("{folder}/meta.json"),
        bytes: to_json(&meta),
    });
    files
}

fn vocabulary_shards(index: &Index) -> BTreeMap<String, Vec<u8>> {
    let mut shards: BTreeMap<String, BTreeMap<&str, StemRef>> = BTreeMap::new();
    for (form, stem) in &index.vocabulary {
        let stem_ref = if form.starts_with(stem.as_str()) {
            StemRef::PrefixOfForm(stem.len())
        } else {
            StemRef::Word(stem)
        };
        shards
            .entry(shard_key(form, 2))
            .or_default()
            .insert(form, stem_ref);
    }
    shards
        .into_par_iter()
        .map(|(key, shard)| (key, to_json(&shard)))
        .collect()
}

/// The postings shards by key, and the two-character keys that were split.
fn postings_shards(index: &Index) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let entries: Vec<(&str, PostingsEntry)> = index
        .stems
        .par_iter()
        .map(|(name, stem)| {
            (
                name.as_str(),
                (stem.forms.as_slice(), encode_postings(&stem.postings)),
            )
        })
        .collect();
    let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
    for (name, (forms, postings)) in &entries {
        let size = name.len() + postings.len() + forms.iter().map(|f| f.len() + 3).sum::<usize>();
        *sizes.entry(shard_key(name, 2)).or_default() += size;
    }
    let split: Vec<String> = sizes
        .into_iter()
        .filter(|(_, size)| *size > SPLIT_SHARD_BYTES)
        .map(|(key, _)| key)
        .collect();
    let mut shards: BTreeMap<String, BTreeMap<&str, PostingsEntry>> = BTreeMap::new();
    for (name, entry) in entries {
        let mut key = shard_key(name, 2);
        if split.binary_search(&key).is_ok() {
            key = shard_key(name, 3);
        }
        shards.entry(key).or_default().insert(name, entry);
    }
    let shards = shards
        .into_par_iter()
        .map(|(key, shard)| (key, to_json(&shard)))
        .collect();
    (shards, split)
}

/// A stem's forms and its encoded postings, written as a two-element array.
type PostingsEntry<'a> = (&'a [String], String);

fn shard_files(folder: &str, kind: &str, shards: BTreeMap<String, Vec<u8>>) -> Vec<SearchFile> {
    shards
        .into_iter()
        .map(|(key, bytes)| SearchFile {
            path: format!("{folder}/{kind}/{key}.json"),
            bytes,
        })
        .collect()
}

/// Postings as text: for each, the gap to the previous document id as a little-endian
/// base-32 number (a digit of 32 or more means "more digits follow"), then the weight as
/// one digit. A page costs two or three characters instead of some ten as a JSON array.
pub fn encode_postings(postings: &[(u32, u8)]) -> String {
    let mut out = Vec::with_capacity(postings.len() * 2);
    let mut previous = 0;
    for &(document, weight) in postings {
        let mut gap = document - previous;
        previous = document;
        while gap >= 32 {
            out.push(DIGITS[(32 | (gap & 31)) as usize]);
            gap >>= 5;
        }
        out.push(DIGITS[gap as usize]);
        out.push(DIGITS[usize::from(weight & 63)]);
    }
    String::from_utf8(out).expect("digits are ASCII")
}

fn document_json(document: &SearchDocument) -> Vec<u8> {
    to_json(&DocumentFile {
        u: document.url,
        t: document.title,
        s: document.section,
        d: document.description,
        x: truncate(document.text, EXCERPT_SOURCE_BYTES),
    })
}

/// The first `max` bytes of `text`, cut back to a word boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &text[..end];
    cut.rfind(char::is_whitespace)
        .map_or(cut, |space| &cut[..space])
}

fn to_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("index values always serialize")
}

/// A hash of every file, in order, to tell two builds apart; stable across platforms.
fn content_hash(files: &[SearchFile]) -> String {
    let per_file: Vec<u64> = files
        .par_iter()
        .map(|file| {
            let mut hasher = WordHasher::default();
            hasher.write(file.path.as_bytes());
            hasher.write(&file.bytes);
            hasher.finish()
        })
        .collect();
    let mut hasher = WordHasher::default();
    per_file.iter().for_each(|h| hasher.write_u64(*h));
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tests::decode_postings;

    #[test]
    fn postings_round_trip() {
        let postings = vec![(0, 5), (1, 63), (33, 0), (1057, 32), (40_000, 7)];
        let encoded = encode_postings(&postings);
        assert_eq!(decode_postings(&encoded), postings);
        assert_eq!(encoded, "051_W10WW1W_Wc17", "search.test.mjs decodes this");
    }

    #[test]
    fn shard_keys_are_two_safe_characters() {
        assert_eq!(shard_key("regel", 2), "re");
        assert_eq!(shard_key("regel", 3), "reg");
        assert_eq!(shard_key("x", 2), "x_");
        assert_eq!(shard_key("é1", 2), "_1");
    }

    #[test]
    fn truncation_ends_between_words() {
        assert_eq!(truncate("één twee drie", 9), "één");
        assert_eq!(truncate("kort", 9), "kort");
    }
}
