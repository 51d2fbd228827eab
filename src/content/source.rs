//! One content file read and parsed on its own, so a changed file can be re-read alone.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::front_matter::{self, Date, PageMeta, SectionMeta, SortBy};
use super::url::{contained_path, slugify, split_date_prefix};
use crate::error::{Diagnostic, Position};

/// A parsed page file, before it is placed in the site.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSource {
    pub key: String,
    /// The path shown in messages: `content/…`.
    pub file: PathBuf,
    pub meta: PageMeta,
    pub yaml: String,
    pub body: String,
    pub body_line: usize,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub slug: String,
    /// Output paths (relative, no leading `/`) of the page's old URLs.
    pub aliases: Vec<String>,
    pub bundle: bool,
}

/// A parsed `_index.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionSource {
    pub key: String,
    pub file: PathBuf,
    pub meta: SectionMeta,
    pub sort_by: SortBy,
    pub yaml: String,
    pub body: String,
    pub body_line: usize,
}

/// A parsed file; shared (not copied) by the site model that places it.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Page(Arc<PageSource>),
    Section(Arc<SectionSource>),
}

impl Source {
    pub fn key(&self) -> &str {
        match self {
            Source::Page(p) => &p.key,
            Source::Section(s) => &s.key,
        }
    }
}

/// How messages name a content file.
pub fn display_path(key: &str) -> PathBuf {
    Path::new("content").join(key)
}

/// Reads the bytes of a file as UTF-8, pointing at the first bad byte if they are not.
/// A byte order mark (Notepad writes one) is dropped; a NUL character is refused, since
/// no web page may hold one and it is invisible in most editors.
pub fn decode(bytes: Vec<u8>, file: &Path) -> Result<String, Diagnostic> {
    let mut text = utf8(bytes, file)?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if let Some(offset) = text.find('\0') {
        let position = Position::at_offset(&text, offset);
        return Err(Diagnostic::new(
            file,
            "the file contains a NUL character (byte 0x00), which a web page may not hold",
        )
        .at(&text, position)
        .with_hint("it is invisible in most editors: delete this line and type it again"));
    }
    Ok(text)
}

fn utf8(bytes: Vec<u8>, file: &Path) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let text = String::from_utf8_lossy(&bytes[..valid]).into_owned();
        let position = Position::at_offset(&text, valid);
        Diagnostic::new(
            file,
            format!("the file is not valid UTF-8 (byte 0x{:02X})", bytes[valid]),
        )
        .at(&text, position)
        .with_hint("save the file with the encoding UTF-8 in your editor")
    })
}

/// Parses a section file's text.
pub fn parse_section(key: &str, text: &str) -> Result<SectionSource, Diagnostic> {
    let file = display_path(key);
    let split = front_matter::split(text, &file)?;
    let meta = front_matter::parse_section(&split, &file)?;
    let sort_by = SortBy::parse(meta.sort_by.as_deref(), split.yaml, &file)?;
    Ok(SectionSource {
        key: key.to_owned(),
        file,
        meta,
        sort_by,
        yaml: split.yaml.to_owned(),
        body: split.body.to_owned(),
        body_line: split.body_line,
    })
}

/// Parses a page file's text; `bundle` says it is a folder's `index.md`.
pub fn parse_page(key: &str, text: &str, bundle: bool) -> Result<PageSource, Diagnostic> {
    let file = display_path(key);
    let split = front_matter::split(text, &file)?;
    let meta = front_matter::parse_page(&split, text, &file)?;
    let yaml = split.yaml;
    let (stem, name_date) = split_date_prefix(file_stem(key, bundle));
    let date = match front_matter::parse_date(meta.date.as_deref(), "date", yaml, &file)? {
        Some(date) => Some(date),
        None => name_date.and_then(Date::from_day_text),
    };
    let updated = front_matter::parse_date(meta.updated.as_deref(), "updated", yaml, &file)?;
    let slug = page_slug(meta.slug.as_deref(), stem, yaml, &file)?;
    let aliases = alias_paths(&meta.aliases, yaml, &file)?;
    Ok(PageSource {
        key: key.to_owned(),
        file,
        meta,
        yaml: yaml.to_owned(),
        body: split.body.to_owned(),
        body_line: split.body_line,
        date,
        updated,
        slug,
        aliases,
        bundle,
    })
}

/// `nieuws/x.md` → `x`; a bundle `papers/x/index.md` → `x`.
fn file_stem(key: &str, bundle: bool) -> &str {
    let path = if bundle {
        key.rsplit_once('/').map_or(key, |(dir, _)| dir)
    } else {
        key
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

fn page_slug(
    written: Option<&str>,
    stem: &str,
    yaml: &str,
    file: &Path,
) -> Result<String, Diagnostic> {
    let Some(written) = written else {
        let slug = slugify(stem);
        return Ok(if slug.is_empty() {
            "pagina".to_owned()
        } else {
            slug
        });
    };
    if written.contains(['/', '\\']) || written.contains("..") {
        return Err(front_matter::field_error(
            yaml,
            file,
            "slug",
            format!("`slug` `{written}` would leave the output folder"),
        )
        .with_hint("a slug is one word or words joined by hyphens, without `/` or `..`"));
    }
    let slug = slugify(written);
    if slug.is_empty() {
        return Err(front_matter::field_error(
            yaml,
            file,
            "slug",
            format!("`slug` `{written}` has no letters or digits to make a URL from"),
        ));
    }
    Ok(slug)
}

fn alias_paths(aliases: &[String], yaml: &str, file: &Path) -> Result<Vec<String>, Diagnostic> {
    aliases
        .iter()
        .map(|alias| {
            contained_path(alias)
                .filter(|p| !p.is_empty())
                .ok_or_else(|| {
                    front_matter::field_error(
                        yaml,
                        file,
                        "aliases",
                        format!("alias `{alias}` would leave the output folder"),
                    )
                    .with_hint("write an old address of this site, such as /oud/adres/")
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_file_name_gives_date_and_slug() {
        let page = parse_page(
            "nieuws/2019-11-12-uitnodiging.md",
            "---\ntitle: U\n---\n",
            false,
        )
        .unwrap();
        assert_eq!(page.slug, "uitnodiging");
        assert_eq!(page.date.unwrap().to_iso(), "2019-11-12");
    }

    #[test]
    fn bundle_slug_is_its_folder() {
        let page = parse_page("papers/één-paper/index.md", "---\ntitle: P\n---\n", true).unwrap();
        assert_eq!(page.slug, "een-paper");
    }

    #[test]
    fn slug_that_leaves_the_folder_is_refused_at_its_line() {
        let error = parse_page("a.md", "---\ntitle: A\nslug: ../../etc\n---\n", false).unwrap_err();
        assert!(error.message.contains("would leave the output folder"));
        assert_eq!(error.position, Some(Position { line: 3, column: 7 }));
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let error =
            decode(b"---\ntitle: caf\xe9\n".to_vec(), Path::new("content/a.md")).unwrap_err();
        assert_eq!(
            error.position,
            Some(Position {
                line: 2,
                column: 11
            })
        );
        assert!(error.message.contains("0xE9"));
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_nul_is_refused() {
        let file = Path::new("content/a.md");
        let text = decode(b"\xef\xbb\xbf---\ntitle: A\n---\n".to_vec(), file).unwrap();
        assert!(text.starts_with("---\n"));
        let error = decode(b"---\ntitle: A\n---\nTe\0kst\n".to_vec(), file).unwrap_err();
        assert_eq!(error.position, Some(Position { line: 4, column: 3 }));
    }

    #[test]
    fn alias_outside_the_output_is_refused() {
        let error = parse_page(
            "a.md",
            "---\ntitle: A\naliases: [\"../../x\"]\n---\n",
            false,
        )
        .unwrap_err();
        assert!(error.message.contains("alias"));
    }
}
