//! Editions of the agenda: the subsections of one section (`agenda/2024-2025/`, …), one of
//! them current. Each edition after the first gets a page saying what changed since the
//! one before: speerpunten added, removed, renamed, and changed word by word.

use std::collections::BTreeMap;

use similar::{ChangeTag, TextDiff};

use chrono::NaiveDate;

use super::period::Period;
use crate::config::EditionsConfig;
use crate::error::Diagnostic;
use crate::model::{Content, Page};
use crate::msg;

/// The title of an edition's "what changed" page, as the search index shows it.
pub const CHANGES_TITLE: &str = "Wat is er veranderd";

/// Unchanged words kept around each change in a diff; longer runs are shortened.
const CONTEXT_WORDS: usize = 12;

/// One edition, by its section key.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    pub key: String,
    /// The folder name: `2024-2025`.
    pub period: String,
    /// The period the name stands for, when it is one keten reads (see [`Period`]).
    pub span: Option<Period>,
    /// Whether that period was over when the site was built.
    pub ended: bool,
    /// The edition before it, by period.
    pub previous: Option<String>,
    /// What changed since the edition before, when there is one.
    pub comparison: Option<Comparison>,
    /// The output folder and URL of its "what changed" page, when it has one.
    pub changes: Option<(String, String)>,
}

/// The editions of the site, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Editions {
    pub section: String,
    pub current: String,
    pub list: Vec<Edition>,
}

/// Finds the editions the config names; a section or current edition that does not
/// exist is an error in `config.yaml`.
pub fn collect(
    content: &Content,
    config: &EditionsConfig,
    today: NaiveDate,
) -> Result<Editions, Diagnostic> {
    let section_key = config.section_key();
    let Some(section) = content.sections.get(&section_key) else {
        return Err(Diagnostic::new(
            crate::config::CONFIG_FILE,
            msg!("editions-no-section", key = &section_key),
        ));
    };
    let current = config.edition_key(&config.current);
    if !section.subsections.contains(&current) {
        let periods: Vec<String> = section.subsections.iter().map(|k| period_of(k)).collect();
        let message = msg!(
            "editions-no-current",
            current = &config.current,
            section = &config.section
        );
        return Err(Diagnostic::new(crate::config::CONFIG_FILE, message)
            .with_hint(msg!("editions-there", periods = periods.join(", "))));
    }
    let mut keys = section.subsections.clone();
    // By period: `2025-najaar` after `2025-voorjaar`; names that are no period last.
    keys.sort_by_cached_key(|key| {
        let name = period_of(key);
        let span = Period::parse(&name);
        (span.is_none(), span, name)
    });
    let list = keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let previous = i.checked_sub(1).map(|p| keys[p].clone());
            let section = &content.sections[key];
            let changes = previous.as_ref().map(|_| {
                let folder = crate::url::join(&section.folder, &config.changes_slug);
                (folder, format!("{}{}/", section.url, config.changes_slug))
            });
            let span = Period::parse(&period_of(key));
            Edition {
                key: key.clone(),
                period: period_of(key),
                span,
                ended: span.is_some_and(|p| p.has_ended(today)),
                comparison: previous.as_deref().map(|old| compare(content, key, old)),
                previous,
                changes,
            }
        })
        .collect();
    Ok(Editions {
        section: section_key,
        current,
        list,
    })
}

/// `agenda/2024-2025/_index.md` → `2024-2025`.
fn period_of(key: &str) -> String {
    let dir = key.trim_end_matches("/_index.md");
    dir.rsplit('/').next().unwrap_or(dir).to_owned()
}

/// What changed between two editions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    /// Pages of the new edition with no counterpart in the old one.
    pub added: Vec<String>,
    /// Pages of the old edition with no counterpart in the new one.
    pub removed: Vec<String>,
    /// (new page, old page) whose titles differ.
    pub renamed: Vec<(String, String)>,
    /// (new page, old page, word diff as HTML) whose texts differ.
    pub changed: Vec<(String, String, String)>,
    pub unchanged: Vec<String>,
    /// Whether the two editions are built alike: at least half of the pages of each has
    /// a counterpart in the other. When not, "new" and "dropped" would say more than the
    /// sources do, and the page should show both editions side by side instead.
    pub comparable: bool,
}

/// Compares the pages of two editions. A page's counterpart has the same file name, or,
/// failing that, mostly the same words (a file that was renamed).
pub fn compare(content: &Content, new: &str, old: &str) -> Comparison {
    let new_pages = &content.sections[new].pages;
    let old_pages = &content.sections[old].pages;
    let pairs = pair_pages(content, new_pages, old_pages);
    let mut comparison = Comparison::default();
    for key in new_pages {
        let Some(old_key) = pairs.get(key.as_str()) else {
            comparison.added.push(key.clone());
            continue;
        };
        let (page, before) = (&content.pages[key], &content.pages[*old_key]);
        if page.source.meta.title != before.source.meta.title {
            comparison.renamed.push((key.clone(), old_key.to_string()));
        }
        if page.rendered.text.trim() != before.rendered.text.trim() {
            let diff = word_diff(&before.rendered.text, &page.rendered.text);
            comparison
                .changed
                .push((key.clone(), old_key.to_string(), diff));
        } else if page.source.meta.title == before.source.meta.title {
            comparison.unchanged.push(key.clone());
        }
    }
    let paired = pairs.len() * 2;
    comparison.comparable = paired >= new_pages.len() && paired >= old_pages.len();
    let matched: Vec<&str> = pairs.values().copied().collect();
    comparison.removed = old_pages
        .iter()
        .filter(|k| !matched.contains(&k.as_str()))
        .cloned()
        .collect();
    comparison
}

/// New page → old page: first by file name, then by shared words for what is left.
fn pair_pages<'c>(
    content: &Content,
    new: &'c [String],
    old: &'c [String],
) -> BTreeMap<&'c str, &'c str> {
    let name = |key: &str| key.rsplit('/').next().unwrap_or(key).to_owned();
    let mut pairs: BTreeMap<&str, &str> = BTreeMap::new();
    for key in new {
        if let Some(old_key) = old.iter().find(|o| name(o) == name(key)) {
            pairs.insert(key, old_key);
        }
    }
    let unmatched: Vec<&String> = new
        .iter()
        .filter(|k| !pairs.contains_key(k.as_str()))
        .collect();
    for key in unmatched {
        let taken: Vec<&str> = pairs.values().copied().collect();
        let best = old
            .iter()
            .filter(|o| !taken.contains(&o.as_str()))
            .map(|o| (similarity(&content.pages[key], &content.pages[o]), o))
            .filter(|(score, _)| *score >= 0.5)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, old_key)) = best {
            pairs.insert(key, old_key);
        }
    }
    pairs
}

/// The share of distinct words two pages have in common (Jaccard).
fn similarity(a: &Page, b: &Page) -> f64 {
    let words = |p: &Page| -> std::collections::BTreeSet<String> {
        p.rendered
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(&b).count() as f64 / union as f64
    }
}

/// A readable word-level diff as HTML: removed words in `<del>`, added in `<ins>`, long
/// unchanged stretches shortened to their edges.
pub fn word_diff(old: &str, new: &str) -> String {
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    let mut equal = String::new();
    let (mut removed, mut added) = (String::new(), String::new());
    let mut seen_change = false;
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            // A space between two changes belongs to both, so "één regeling" stays one run.
            ChangeTag::Equal
                if text.trim().is_empty() && !(removed.is_empty() && added.is_empty()) =>
            {
                removed.push_str(text);
                added.push_str(text);
            }
            ChangeTag::Equal => {
                out.push_str(&runs(&mut removed, &mut added));
                equal.push_str(text);
            }
            tag => {
                if !equal.is_empty() {
                    out.push_str(&shorten(&equal, seen_change, true));
                    equal.clear();
                }
                seen_change = true;
                if tag == ChangeTag::Delete {
                    removed.push_str(text)
                } else {
                    added.push_str(text)
                }
            }
        }
    }
    out.push_str(&runs(&mut removed, &mut added));
    out.push_str(&shorten(&equal, seen_change, false));
    out.trim().to_owned()
}

/// Writes pending removed and added words as `<del>` and `<ins>`, keeping the spaces that
/// follow them outside the marks.
fn runs(removed: &mut String, added: &mut String) -> String {
    let mut out = String::new();
    let mut trailing = "";
    for (text, element) in [(&*removed, "del"), (&*added, "ins")] {
        let trimmed = text.trim_end();
        if !trimmed.trim().is_empty() {
            out.push_str(&format!(
                "<{element}>{}</{element}>",
                crate::html::escape_text(trimmed)
            ));
            trailing = &text[trimmed.len()..];
        }
    }
    out.push_str(trailing);
    removed.clear();
    added.clear();
    out
}

/// Keeps `CONTEXT_WORDS` words of an unchanged stretch next to each change.
fn shorten(text: &str, after_change: bool, before_change: bool) -> String {
    let words: Vec<&str> = text.split_inclusive(char::is_whitespace).collect();
    if words.len() <= 2 * CONTEXT_WORDS + 1 || !(after_change || before_change) {
        return crate::html::escape_text(text);
    }
    let head: String = if after_change {
        words[..CONTEXT_WORDS].concat()
    } else {
        String::new()
    };
    let tail: String = if before_change {
        words[words.len() - CONTEXT_WORDS..].concat()
    } else {
        String::new()
    };
    let gap = if after_change && before_change {
        " … "
    } else if after_change {
        " …"
    } else {
        "… "
    };
    format!(
        "{}{gap}{}",
        crate::html::escape_text(head.trim_end()),
        crate::html::escape_text(tail.trim_start())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_without_counterparts_are_not_comparable() {
        use crate::inputs::Inputs;
        use crate::model::Model;
        let config = "base_url: https://example.org/\ntitle: T\neditions:\n  section: agenda\n  current: \"2024-2025\"\n";
        let page = |title: &str, text: &str| format!("---\ntitle: {title}\n---\n{text}\n");
        let (a, b, c) = (
            page("Leren", "Over leren en scholing."),
            page("Werken", "Over werk en werkgevers."),
            page("Borstlap", "Het rapport van de commissie."),
        );
        let files = [
            ("_index.md", "---\ntitle: Home\n---\n"),
            ("agenda/_index.md", "---\ntitle: Agenda\n---\n"),
            ("agenda/2022-2024/_index.md", "---\ntitle: Koers\n---\n"),
            ("agenda/2022-2024/leren.md", a.as_str()),
            ("agenda/2022-2024/werken.md", b.as_str()),
            (
                "agenda/2024-2025/_index.md",
                "---\ntitle: Agenda '24-'25\n---\n",
            ),
            ("agenda/2024-2025/borstlap.md", c.as_str()),
            ("agenda/2024-2025/leren.md", a.as_str()),
        ];
        let model = Model::derive(&Inputs::from_texts(config, &files)).unwrap();
        let editions = model.editions.unwrap();
        let comparison = editions.list[1].comparison.as_ref().unwrap();
        assert!(
            comparison.comparable,
            "one of two pages corresponds: {comparison:?}"
        );
        assert_eq!(comparison.unchanged, ["agenda/2024-2025/leren.md"]);
        let files = [
            files[0], files[1], files[2], files[3], files[4], files[5], files[6],
        ];
        let model = Model::derive(&Inputs::from_texts(config, &files)).unwrap();
        let editions = model.editions.unwrap();
        assert!(!editions.list[1].comparison.as_ref().unwrap().comparable);
    }

    #[test]
    fn word_diff_marks_removed_and_added_words() {
        let diff = word_diff(
            "De themagroep pleit voor één regeling.",
            "De themagroep pleit voor twee regelingen.",
        );
        assert_eq!(
            diff,
            "De themagroep pleit voor <del>één regeling.</del><ins>twee regelingen.</ins>"
        );
    }

    #[test]
    fn long_unchanged_stretches_are_shortened() {
        let old = format!("{} oud {}", "woord ".repeat(40), "eind ".repeat(40));
        let new = format!("{} nieuw {}", "woord ".repeat(40), "eind ".repeat(40));
        let diff = word_diff(&old, &new);
        assert!(diff.starts_with("… woord"), "{diff}");
        assert!(diff.contains("<del>oud</del><ins>nieuw</ins>"), "{diff}");
        assert!(diff.ends_with("eind …"), "{diff}");
    }
}
