//! End-to-end tests of the index format: a Rust copy of the script's lookup steps reads
//! the files `build_index` wrote, so a format change that breaks the script breaks here.
//! `writes_node_fixture` also feeds `search.test.mjs`, which runs the real script.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::shards::shard_key;
use super::*;

/// How many forms starting with the last, half-typed word are tried (the script's
/// `PREFIX_FORMS`).
const PREFIX_FORMS: usize = 30;

/// The inverse of `shards::encode_postings`, as the script decodes it.
pub fn decode_postings(encoded: &str) -> Vec<(u32, u8)> {
    const DIGITS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    let values: Vec<u32> = encoded
        .chars()
        .map(|c| DIGITS.find(c).expect("a digit") as u32)
        .collect();
    let (mut out, mut i, mut document) = (Vec::new(), 0, 0);
    while i < values.len() {
        let (mut gap, mut shift) = (0, 0);
        while values[i] >= 32 {
            gap |= (values[i] & 31) << shift;
            shift += 5;
            i += 1;
        }
        gap |= values[i] << shift;
        document += gap;
        out.push((document, values[i + 1] as u8));
        i += 2;
    }
    out
}

/// The files of one built index, read the way the browser would: by path.
struct Site(BTreeMap<String, Vec<u8>>);

impl Site {
    fn build(documents: &[SearchDocument], language: &str) -> Self {
        Site(
            build_index(documents, language)
                .into_iter()
                .map(|f| (f.path, f.bytes))
                .collect(),
        )
    }

    fn json(&self, path: &str) -> Value {
        let bytes = &self.0[&format!("{INDEX_FOLDER}/{path}")];
        serde_json::from_slice(bytes).expect("valid JSON")
    }

    fn has_shard(&self, kind: &str, key: &str) -> bool {
        let keys = self.json("meta.json")[kind].as_str().unwrap().to_owned();
        keys.as_bytes().chunks(2).any(|k| k == key.as_bytes())
    }

    /// Folds a query word as the script does: lower case first, then meta's table for
    /// non-ASCII characters (the script falls back to Unicode decomposition for a
    /// character the site never uses; `deunicode` stands in for that here).
    fn fold(&self, word: &str) -> String {
        let table = &self.json("meta.json")["f"];
        word.to_lowercase()
            .chars()
            .map(|c| match c {
                'a'..='z' | '0'..='9' => c.to_string(),
                c if c.is_ascii() => String::new(),
                c => table[c.to_string()]
                    .as_str()
                    .map_or_else(|| fold::fold_char(c), str::to_owned),
            })
            .collect()
    }

    /// The stems a query word stands for, as the script finds them.
    fn stems(&self, word: &str, last: bool) -> BTreeSet<String> {
        let key = shard_key(word, 2);
        if !self.has_shard("vs", &key) {
            return BTreeSet::new();
        }
        let shard = self.json(&format!("v/{key}.json"));
        let shard = shard.as_object().unwrap();
        let stem = |form: &str| match &shard[form] {
            Value::Number(n) => form[..n.as_u64().unwrap() as usize].to_owned(),
            other => other.as_str().unwrap().to_owned(),
        };
        let mut stems: BTreeSet<String> = shard.get(word).map(|_| stem(word)).into_iter().collect();
        if last {
            let mut forms: Vec<&String> = shard
                .keys()
                .filter(|f| f.starts_with(word) && *f != word)
                .collect();
            forms.sort_by_key(|f| (f.len(), f.to_string()));
            stems.extend(forms.into_iter().take(PREFIX_FORMS).map(|f| stem(f)));
        }
        if stems.is_empty() {
            // An unseen inflection: the longest known form or stem it starts with.
            let known = shard.keys().cloned().chain(shard.keys().map(|f| stem(f)));
            let best = known
                .filter(|k| {
                    k.len() >= 3 && word.starts_with(k.as_str()) && word.len() - k.len() <= 4
                })
                .max_by_key(|k| k.len());
            stems.extend(best.map(|k| if shard.contains_key(&k) { stem(&k) } else { k }));
        }
        stems
    }

    /// Page weights for one stem, from its postings shard.
    fn postings(&self, stem: &str) -> Vec<(u32, u8)> {
        let mut key = shard_key(stem, 2);
        if !self.has_shard("ps", &key) {
            return Vec::new();
        }
        if self.has_shard("sp", &key) {
            key = shard_key(stem, 3);
        }
        let shard = self.json(&format!("p/{key}.json"));
        shard[stem][1]
            .as_str()
            .map(decode_postings)
            .unwrap_or_default()
    }

    /// The URLs of the pages found for `query`, best first (AND; OR when AND finds none).
    fn search(&self, query: &str) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for word in fold::words(query)
            .map(|w| self.fold(w))
            .filter(|w| fold::is_indexed(w))
        {
            if !words.contains(&word) {
                words.push(word);
            }
        }
        // Only a word still being typed is matched as a prefix.
        let typing = query.chars().next_back().is_some_and(fold::is_word_char);
        let per_word: Vec<BTreeMap<u32, u8>> = words
            .iter()
            .enumerate()
            .map(|(i, word)| {
                let mut found = BTreeMap::new();
                for stem in self.stems(word, typing && i + 1 == words.len()) {
                    for (doc, weight) in self.postings(&stem) {
                        let best = found.entry(doc).or_insert(weight);
                        *best = (*best).max(weight);
                    }
                }
                found
            })
            .collect();
        let all: BTreeSet<u32> = per_word.iter().flat_map(|m| m.keys().copied()).collect();
        let and: Vec<u32> = all
            .iter()
            .copied()
            .filter(|d| per_word.iter().all(|m| m.contains_key(d)))
            .collect();
        let mut found = if and.is_empty() {
            all.into_iter().collect()
        } else {
            and
        };
        let score = |d: &u32| -> (usize, u32) {
            let titles = per_word
                .iter()
                .filter(|m| m.get(d).is_some_and(|w| w & 32 != 0))
                .count();
            (
                titles,
                per_word
                    .iter()
                    .filter_map(|m| m.get(d))
                    .map(|&w| u32::from(w))
                    .sum(),
            )
        };
        found.sort_by_key(|d| std::cmp::Reverse(score(d)));
        found
            .into_iter()
            .map(|d| {
                self.json(&format!("d/{d}.json"))["u"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    }
}

fn page<'a>(url: &'a str, title: &'a str, text: &'a str) -> SearchDocument<'a> {
    SearchDocument {
        url,
        title,
        section: "Onderwerpen",
        description: "",
        headings: vec![],
        text,
    }
}

/// The small Dutch site both the Rust and the Node tests search.
fn fixture() -> Vec<SearchDocument<'static>> {
    vec![
        SearchDocument {
            description: "Wat de regeling regelt.",
            headings: vec!["Voor wie is de regeling?"],
            ..page(
                "/regeling/",
                "Een regeling voor iedereen",
                "De regeling geldt voor alle inwoners. Zie ook de <script>alert(1)</script> tekst & meer.",
            )
        },
        page(
            "/gemeente/",
            "Over de gemeente",
            "De gemeente werkt samen met andere overheden aan participatie.",
        ),
        page(
            "/beinvloeding/",
            "Beïnvloeding van beleid",
            "Inwoners kunnen het beleid beïnvloeden: dat heet beïnvloeding.",
        ),
        page(
            "/nieuws/",
            "Nieuws",
            "Het college bespreekt de nieuwe regelingen voor gemeenten en de participatiewet.",
        ),
    ]
}

fn urls(found: &[&str]) -> Vec<String> {
    found.iter().map(|u| (*u).to_owned()).collect()
}

#[test]
fn plural_query_finds_the_singular_page() {
    let site = Site::build(&fixture(), "nl");
    let found = site.search("regelingen");
    assert_eq!(
        found,
        urls(&["/regeling/", "/nieuws/"]),
        "title match ranks first"
    );
}

#[test]
fn unseen_inflection_finds_the_known_form() {
    let site = Site::build(&fixture()[..1], "nl");
    assert_eq!(site.search("regelingen"), urls(&["/regeling/"]));
    let site = Site::build(&fixture()[1..2], "nl");
    assert_eq!(site.search("gemeenten"), urls(&["/gemeente/"]));
}

#[test]
fn unseen_form_in_mid_query_finds_its_stem() {
    let site = Site::build(&fixture(), "nl");
    assert_eq!(site.search("inwoner beleid"), urls(&["/beinvloeding/"]));
}

#[test]
fn finished_last_word_is_not_a_prefix() {
    let site = Site::build(&fixture(), "nl");
    assert!(site.search("partic ").is_empty());
}

#[test]
fn diacritics_fold_both_ways() {
    let site = Site::build(&fixture(), "nl");
    assert_eq!(site.search("beinvloeding"), urls(&["/beinvloeding/"]));
    assert_eq!(site.search("BEÏNVLOEDING"), urls(&["/beinvloeding/"]));
}

#[test]
fn last_word_matches_as_a_prefix() {
    let site = Site::build(&fixture(), "nl");
    assert_eq!(site.search("partic"), urls(&["/gemeente/", "/nieuws/"]));
    assert_eq!(
        site.search("gemeente partic"),
        urls(&["/gemeente/", "/nieuws/"])
    );
}

#[test]
fn and_falls_back_to_or() {
    let site = Site::build(&fixture(), "nl");
    assert_eq!(site.search("college regeling"), urls(&["/nieuws/"]));
    assert_eq!(site.search("beleid college").len(), 2);
}

#[test]
fn large_shards_split_by_third_character() {
    let texts: Vec<String> = (0..3000)
        .map(|i| format!("regel rekening recht {i}"))
        .collect();
    let documents: Vec<SearchDocument> = texts.iter().map(|t| page("/", "Pagina", t)).collect();
    let site = Site::build(&documents, "nl");
    assert!(site.has_shard("sp", "re"));
    assert!(site.0.contains_key("search-index/p/rek.json"));
    assert!(!site.0.contains_key("search-index/p/re.json"));
    assert_eq!(site.search("rekening").len(), 3000);
}

#[test]
fn same_input_gives_identical_files() {
    let first = build_index(&fixture(), "nl");
    let second = build_index(&fixture(), "nl");
    assert_eq!(first, second);
    let paths: Vec<&str> = first.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"search-index/meta.json"));
    assert!(paths.contains(&"search-index/search.js"));
    assert!(paths.contains(&"search-index/d/3.json"));
}

#[test]
fn documents_keep_text_escaped_as_json() {
    let site = Site::build(&fixture(), "nl");
    let document = site.json("d/0.json");
    assert_eq!(document["u"], "/regeling/");
    assert!(
        document["x"].as_str().unwrap().contains("<script>"),
        "the script escapes it"
    );
}

/// Writes the fixture index for `search.test.mjs` (to `$KETEN_SEARCH_FIXTURE`, or a
/// folder in the system's temporary folder) and checks what is on disk: every file the
/// index has, each JSON file valid, every shard the metadata names present.
#[test]
fn writes_node_fixture() {
    let root = std::env::var_os("KETEN_SEARCH_FIXTURE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("keten-search-fixture"));
    let files = build_index(&fixture(), "nl");
    for file in &files {
        let path = root.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &file.bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    for file in &files {
        let written = std::fs::read(root.join(&file.path)).unwrap();
        assert_eq!(written, file.bytes, "{}", file.path);
        if file.path.ends_with(".json") {
            serde_json::from_slice::<Value>(&written)
                .unwrap_or_else(|e| panic!("{} is not JSON: {e}", file.path));
        }
    }
    let meta: Value =
        serde_json::from_slice(&std::fs::read(root.join("search-index/meta.json")).unwrap())
            .unwrap();
    assert!(meta.is_object(), "{meta}");
}
