//! Editions of the agenda: the subsections of one section (`agenda/2024-2025/`, …), one of
//! them current. Each edition after the first gets a page saying what changed since the
//! one before: speerpunten added, removed, renamed, and changed word by word.

use std::collections::BTreeMap;
use std::path::Path;

use similar::{ChangeTag, TextDiff};

use crate::config::EditionsConfig;
use crate::content::{Content, Page};
use crate::error::Diagnostic;

/// Unchanged words kept around each change in a diff; longer runs are shortened.
const CONTEXT_WORDS: usize = 12;

/// One edition, by its section key.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    pub key: String,
    /// The folder name: `2024-2025`.
    pub period: String,
    /// The edition before it, by period.
    pub previous: Option<String>,
}

/// The editions of the site, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Editions {
    pub section: String,
    pub current: String,
    pub list: Vec<Edition>,
    pub changes_slug: String,
}


/// Finds the editions the config names; a section or current edition that does not
/// exist is an error in `config.yaml`.
pub fn collect(content: &Content, config: &EditionsConfig) -> Result<Editions, Diagnostic> {
    let section_key = config.section_key();
    let Some(section) = content.sections.get(&section_key) else {
        return Err(Diagnostic::new(
            crate::config::CONFIG_FILE,
            format!("editions: there is no section `content/{section_key}`"),
        ));
    };
    let current = config.edition_key(&config.current);
    if !section.subsections.contains(&current) {
        let periods: Vec<String> = section.subsections.iter().map(|k| period_of(k)).collect();
        return Err(Diagnostic::new(
            crate::config::CONFIG_FILE,
            format!(
                "editions: the current edition `{}` is not a section in `content/{}/`",
                config.current, config.section
            ),
        )
        .with_hint(format!("editions there: {}", periods.join(", "))));
    }
    let mut keys = section.subsections.clone();
    keys.sort_by_key(|k| period_of(k));
    let list = keys
        .iter()
        .enumerate()
        .map(|(i, key)| Edition {
            key: key.clone(),
            period: period_of(key),
            previous: i.checked_sub(1).map(|p| keys[p].clone()),
        })
        .collect();
    Ok(Editions {
        section: section_key,
        current,
        list,
        changes_slug: config.changes_slug.clone(),
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
            out.push_str(&format!("<{element}>{}</{element}>", escape(trimmed)));
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
        return escape(text);
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
        escape(head.trim_end()),
        escape(tail.trim_start())
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Starts a new edition: copies the current one's folder to `content/SECTION/PERIOD/`,
/// points its links and period at the new one, drops aliases (they belong to the old
/// pages), and makes it current in `config.yaml`. Never overwrites anything.
pub fn new_edition(
    root: &Path,
    config: &EditionsConfig,
    period: &str,
) -> crate::error::Result<Copied> {
    use crate::error::Error;
    if crate::url::slugify(period) != period {
        return Err(Error::Refused(format!(
            "`{period}` cannot be a folder name; use something like 2026-2027"
        )));
    }
    let section_path = format!("content/{}", config.section.trim_matches('/'));
    let section = crate::folders::optional(root, &section_path)?.ok_or_else(|| {
        Error::Refused(format!(
            "editions: there is no section folder `{section_path}`"
        ))
    })?;
    let from = section.join(&config.current);
    let to = section.join(period);
    if to.exists() {
        return Err(Error::Refused(format!(
            "`{}` already exists; keten never overwrites an edition",
            to.display()
        )));
    }
    if crate::folders::optional(root, &format!("{section_path}/{}", config.current))?.is_none() {
        return Err(Error::Refused(format!(
            "the current edition `{}` does not exist",
            from.display()
        )));
    }
    let config_path = root.join(crate::config::CONFIG_FILE);
    let config_text =
        std::fs::read_to_string(&config_path).map_err(|e| Error::read(&config_path, e))?;
    let new_config = set_current(&config_text, &config.current, period).ok_or_else(|| {
        Error::Refused(
            "could not find `current:` under `editions:` in config.yaml; set it by hand".to_owned(),
        )
    })?;
    let copied = copy_edition(
        &from,
        &to,
        &Rewrite::new(&config.section, &config.current, period),
    )?;
    std::fs::write(&config_path, new_config).map_err(|e| Error::write(&config_path, e))?;
    Ok(copied)
}

/// The text changes a copied edition needs: its period, and links into itself.
struct Rewrite {
    replacements: Vec<(String, String)>,
}

impl Rewrite {
    fn new(section: &str, old: &str, new: &str) -> Rewrite {
        let section = section.trim_matches('/');
        let mut replacements = vec![
            (format!("@/{section}/{old}/"), format!("@/{section}/{new}/")),
            (old.to_owned(), new.to_owned()),
        ];
        if let (Some(old_short), Some(new_short)) = (short_period(old), short_period(new)) {
            replacements.push((old_short, new_short));
        }
        Rewrite { replacements }
    }

    fn apply(&self, text: &str) -> String {
        let mut text = drop_aliases(text);
        for (old, new) in &self.replacements {
            text = text.replace(old, new);
        }
        text
    }
}

/// `2024-2025` → `'24-'25`, the way the agenda's titles write a period.
fn short_period(period: &str) -> Option<String> {
    let (a, b) = period.split_once('-')?;
    (a.len() == 4 && b.len() == 4).then(|| format!("'{}-'{}", &a[2..], &b[2..]))
}

/// Removes an `aliases:` field (inline or as a list) from the front matter.
fn drop_aliases(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("aliases:") {
            skipping = line.trim_end() == "aliases:";
            continue;
        }
        if skipping && (line.starts_with(' ') || line.starts_with('-')) {
            continue;
        }
        skipping = false;
        out.push_str(line);
    }
    out
}

/// What `agenda new` copied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copied {
    pub files: usize,
    /// Symbolic links in the edition, left out: copying one would turn a file from
    /// elsewhere into a file of the site.
    pub skipped_links: Vec<std::path::PathBuf>,
}

fn copy_edition(from: &Path, to: &Path, rewrite: &Rewrite) -> crate::error::Result<Copied> {
    use crate::error::Error;
    let mut copied = Copied::default();
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::read(from, e.into()))?;
        let target = to.join(entry.path().strip_prefix(from).expect("inside the edition"));
        if entry.file_type().is_symlink() {
            copied.skipped_links.push(entry.into_path());
        } else if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| Error::write(&target, e))?;
        } else if entry.path().extension().is_some_and(|e| e == "md") {
            let text =
                std::fs::read_to_string(entry.path()).map_err(|e| Error::read(entry.path(), e))?;
            std::fs::write(&target, rewrite.apply(&text)).map_err(|e| Error::write(&target, e))?;
            copied.files += 1;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target).map_err(|e| Error::write(&target, e))?;
            copied.files += 1;
        }
    }
    Ok(copied)
}

/// `config.yaml` with the value of `current:` in the `editions:` block replaced.
fn set_current(text: &str, old: &str, new: &str) -> Option<String> {
    let mut in_editions = false;
    let mut done = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            in_editions = line.starts_with("editions:");
        }
        let key = line.trim_start();
        if in_editions && !done && key.starts_with("current:") && key.contains(old) {
            out.push_str(&line.replacen(old, new, 1));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    done.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn config_gets_the_new_current_edition() {
        let text = "title: T\neditions:\n  section: agenda\n  current: \"2024-2025\" # nu\nextra:\n  current: 2024-2025\n";
        let out = set_current(text, "2024-2025", "2026-2027").unwrap();
        assert_eq!(
            out,
            "title: T\neditions:\n  section: agenda\n  current: \"2026-2027\" # nu\nextra:\n  current: 2024-2025\n"
        );
    }

    #[test]
    fn copies_point_at_the_new_edition_and_lose_their_aliases() {
        let rewrite = Rewrite::new("agenda", "2024-2025", "2026-2027");
        let text = "---\ntitle: \"Strategische agenda '24-'25\"\naliases:\n  - /oud/\nextra:\n  periode: \"2024-2025\"\n---\nZie [x](@/agenda/2024-2025/a.md).\n";
        assert_eq!(
            rewrite.apply(text),
            "---\ntitle: \"Strategische agenda '26-'27\"\nextra:\n  periode: \"2026-2027\"\n---\nZie [x](@/agenda/2026-2027/a.md).\n"
        );
    }
}
