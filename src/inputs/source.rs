//! One content file read and parsed on its own, so a changed file can be re-read alone.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::front_matter::{self, Date, PageMeta, SectionMeta, SortBy};
use crate::error::Diagnostic;
use crate::msg;
pub use crate::text::decode;
use crate::url::{contained_path, slugify, split_date_prefix};

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
            msg!("slug-leaves", value = written),
        )
        .with_hint(msg!("slug-leaves-hint")));
    }
    let slug = slugify(written);
    if slug.is_empty() {
        return Err(front_matter::field_error(
            yaml,
            file,
            "slug",
            msg!("slug-empty", value = written),
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
                        msg!("alias-leaves", value = alias),
                    )
                    .with_hint(msg!("alias-leaves-hint"))
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Position;

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
        assert!(
            error
                .message
                .english()
                .contains("would leave the output folder")
        );
        assert_eq!(error.position, Some(Position { line: 3, column: 7 }));
    }

    #[test]
    fn alias_outside_the_output_is_refused() {
        let error = parse_page(
            "a.md",
            "---\ntitle: A\naliases: [\"../../x\"]\n---\n",
            false,
        )
        .unwrap_err();
        assert!(error.message.english().contains("alias"));
    }
}
