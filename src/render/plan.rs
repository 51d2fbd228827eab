//! The plan of a build: every output file, what makes it, and the input file it comes
//! from. Pure: it reads the model only, so it is tested without rendering anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Input;
use crate::error::{Diagnostic, Error, Result};
use crate::model::pictures::Images;
use crate::model::{Asset, Content, Model, ROOT_SECTION};
use crate::url;

/// What produces one output file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Job {
    Page(String),
    /// A section's list page; `pager` counts from 1.
    Section {
        key: String,
        pager: usize,
    },
    /// `/section/page/1/`, which sends readers to `/section/`.
    FirstPagerRedirect(String),
    TaxonomyList(String),
    TaxonomyTerm {
        taxonomy: String,
        term: String,
        pager: usize,
    },
    NotFound,
    /// A page's old URL, redirecting to the page.
    Alias {
        page: String,
    },
    /// The Atom feed of the site (none) or of a section.
    Feed(Option<String>),
    Sitemap,
    Robots,
    /// `/.well-known/security.txt`, from the config.
    SecurityTxt,
    /// One file of the search index, by its place in `Model::search`.
    SearchFile(usize),
    /// What changed in an edition of the agenda since the one before.
    EditionChanges(String),
    Copy(PathBuf),
}

/// One planned output file and the input file it comes from (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub path: String,
    pub job: Job,
    pub origin: PathBuf,
}

/// `agenda/x` → `agenda/x/index.html`; the root folder gives `index.html`.
pub fn index_path(folder: &str) -> String {
    if folder.is_empty() {
        "index.html".to_owned()
    } else {
        format!("{folder}/index.html")
    }
}

fn pager_folder(folder: &str, pager: usize) -> String {
    if pager == 1 {
        folder.to_owned()
    } else {
        url::join(folder, &format!("page/{pager}"))
    }
}

/// How many list pages `items` need at `paginate_by` per page.
pub fn pager_count(items: usize, paginate_by: Option<usize>) -> usize {
    match paginate_by {
        Some(by) if by > 0 => items.div_ceil(by).max(1),
        _ => 1,
    }
}

/// Lists every output file of the site; two inputs that want one path are an error.
pub fn plan(site: &Input) -> Result<Vec<Planned>> {
    let mut planned = Vec::new();
    plan_content(site.model, &mut planned);
    plan_taxonomies(site, &mut planned);
    planned.push(Planned {
        path: "404.html".into(),
        job: Job::NotFound,
        origin: "404.html".into(),
    });
    plan_site_files(site, &mut planned);
    plan_edition_changes(site, &mut planned);
    for file in site.static_files {
        planned.push(Planned {
            path: file.output.clone(),
            job: Job::Copy(file.source.clone()),
            origin: relative(site.root, &file.source),
        });
    }
    check_clashes(&planned)?;
    Ok(planned)
}

fn plan_content(model: &Model, planned: &mut Vec<Planned>) {
    let content = &model.content;
    for (key, page) in &content.pages {
        plan_page(key, page, &model.images, planned);
    }
    for (key, section) in &content.sections {
        plan_section(key, section, &model.images, planned);
    }
    for asset in &content.loose_assets {
        for (path, job) in asset_jobs(asset, &model.images) {
            planned.push(Planned {
                path,
                job,
                origin: asset.source.clone(),
            });
        }
    }
}

/// The files an asset gives: itself, or for a processed image its copies in every size
/// and format, and under its own name the largest copy. The photo as it was uploaded,
/// with its camera and GPS data, is never published.
fn asset_jobs(asset: &Asset, images: &Images) -> Vec<(String, Job)> {
    let Some(image) = images.get(&asset.source) else {
        return vec![(asset.output.clone(), Job::Copy(asset.source.clone()))];
    };
    let folder = crate::model::parent_dir(&asset.output);
    let mut jobs: Vec<(String, Job)> = image
        .files()
        .map(|(name, cached)| (url::join(folder, name), Job::Copy(cached.to_owned())))
        .collect();
    let original_format = image.variants.iter().filter(|v| v.format == image.format);
    if let Some(largest) = original_format.max_by_key(|v| v.size.width) {
        jobs.push((asset.output.clone(), Job::Copy(largest.cached.clone())));
    }
    jobs
}

/// A page, the files beside it, and a redirect at each of its old addresses.
fn plan_page(key: &str, page: &crate::model::Page, images: &Images, planned: &mut Vec<Planned>) {
    let origin = &page.source.file;
    let mut add = |path: String, job: Job| {
        planned.push(Planned {
            path,
            job,
            origin: origin.clone(),
        })
    };
    add(index_path(&page.folder), Job::Page(key.to_owned()));
    for asset in &page.assets {
        for (path, job) in asset_jobs(asset, images) {
            add(path, job);
        }
    }
    for alias in &page.source.aliases {
        let path = if alias.ends_with(".html") {
            alias.clone()
        } else {
            index_path(alias)
        };
        add(
            path,
            Job::Alias {
                page: key.to_owned(),
            },
        );
    }
}

/// A section's list pages (with the redirect from `page/1/`) and the files beside it.
fn plan_section(
    key: &str,
    section: &crate::model::Section,
    images: &Images,
    planned: &mut Vec<Planned>,
) {
    let origin = &section.source.file;
    let mut add = |path: String, job: Job| {
        planned.push(Planned {
            path,
            job,
            origin: origin.clone(),
        })
    };
    let paginate_by = section.source.meta.paginate_by;
    for pager in 1..=pager_count(section.pages.len(), paginate_by) {
        add(
            index_path(&pager_folder(&section.folder, pager)),
            Job::Section {
                key: key.to_owned(),
                pager,
            },
        );
    }
    if paginate_by.is_some() {
        add(
            index_path(&url::join(&section.folder, "page/1")),
            Job::FirstPagerRedirect(key.to_owned()),
        );
    }
    for asset in &section.assets {
        for (path, job) in asset_jobs(asset, images) {
            add(path, job);
        }
    }
}

fn plan_taxonomies(site: &Input, planned: &mut Vec<Planned>) {
    let origin = PathBuf::from(crate::config::CONFIG_FILE);
    for taxonomy in &site.model.taxonomies {
        let name = &taxonomy.name;
        planned.push(Planned {
            path: index_path(taxonomy.folder()),
            job: Job::TaxonomyList(name.clone()),
            origin: origin.clone(),
        });
        for term in taxonomy.terms.values() {
            let pagers = pager_count(term.pages.len(), taxonomy.paginate_by);
            for pager in 1..=pagers {
                let path = index_path(&pager_folder(&term.folder(name), pager));
                let job = Job::TaxonomyTerm {
                    taxonomy: name.clone(),
                    term: term.slug.clone(),
                    pager,
                };
                planned.push(Planned {
                    path,
                    job,
                    origin: origin.clone(),
                });
            }
        }
    }
}

/// A "what changed" page in each edition that has one before it.
fn plan_edition_changes(site: &Input, planned: &mut Vec<Planned>) {
    let Some(editions) = &site.model.editions else {
        return;
    };
    for edition in &editions.list {
        let Some((folder, _)) = &edition.changes else {
            continue;
        };
        let section = &site.model.content.sections[&edition.key];
        let path = index_path(folder);
        let job = Job::EditionChanges(edition.key.clone());
        planned.push(Planned {
            path,
            job,
            origin: section.source.file.clone(),
        });
    }
}

/// Feeds, sitemap and robots.txt; a file of the same name in `static/` wins.
fn plan_site_files(site: &Input, planned: &mut Vec<Planned>) {
    let config = PathBuf::from(crate::config::CONFIG_FILE);
    let mut files = vec![
        ("sitemap.xml".to_owned(), Job::Sitemap, config.clone()),
        ("robots.txt".to_owned(), Job::Robots, config.clone()),
    ];
    if site.config.feed {
        files.push(("atom.xml".to_owned(), Job::Feed(None), config));
    }
    for (key, section) in &site.model.content.sections {
        if section.source.meta.feed {
            let path = url::join(&section.folder, "atom.xml");
            files.push((
                path,
                Job::Feed(Some(key.clone())),
                section.source.file.clone(),
            ));
        }
    }
    if site.config.security_txt.is_some() {
        files.push((
            ".well-known/security.txt".to_owned(),
            Job::SecurityTxt,
            PathBuf::from(crate::config::CONFIG_FILE),
        ));
    }
    for (index, file) in site.model.search.iter().enumerate() {
        files.push((
            file.path.clone(),
            Job::SearchFile(index),
            PathBuf::from(crate::config::CONFIG_FILE),
        ));
    }
    for (path, job, origin) in files {
        if !site.static_files.iter().any(|f| f.output == path) {
            planned.push(Planned { path, job, origin });
        }
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_owned()
}

fn check_clashes(planned: &[Planned]) -> Result<()> {
    let mut seen: BTreeMap<&str, &Planned> = BTreeMap::new();
    let mut problems = Vec::new();
    for item in planned {
        if let Some(first) = seen.insert(&item.path, item) {
            problems.push(
                Diagnostic::new(
                    &item.origin,
                    crate::msg!(
                        "clash",
                        first = &first.origin,
                        second = &item.origin,
                        path = &item.path
                    ),
                )
                .with_hint(crate::msg!("clash-hint")),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(problems))
    }
}

/// The template a job renders with, or none for files that are not rendered from one.
pub fn job_template(site: &Input, job: &Job) -> Option<String> {
    let candidates: Vec<String> = match job {
        Job::Page(key) => vec![page_template(&site.model.content, key).to_owned()],
        Job::Section { key, .. } => vec![section_template(&site.model.content, key).to_owned()],
        Job::TaxonomyList(name) => {
            vec![format!("{name}/list.html"), "taxonomy_list.html".to_owned()]
        }
        Job::TaxonomyTerm { taxonomy, .. } => {
            vec![
                format!("{taxonomy}/single.html"),
                "taxonomy_single.html".to_owned(),
            ]
        }
        Job::NotFound => vec!["404.html".to_owned()],
        Job::EditionChanges(_) => vec!["edition_changes.html".to_owned()],
        _ => return None,
    };
    candidates.into_iter().find(|name| site.templates.has(name))
}

/// The section's `template`, else `index.html` for the home page and `section.html`.
pub fn section_template<'c>(content: &'c Content, key: &str) -> &'c str {
    let default = if key == ROOT_SECTION {
        "index.html"
    } else {
        "section.html"
    };
    content.sections[key]
        .source
        .meta
        .template
        .as_deref()
        .unwrap_or(default)
}

/// The front matter's `template`, else the nearest section's `page_template`, else `page.html`.
pub fn page_template<'c>(content: &'c Content, key: &str) -> &'c str {
    let page = &content.pages[key];
    if let Some(template) = &page.source.meta.template {
        return template;
    }
    content
        .ancestors(&page.section)
        .iter()
        .rev()
        .find_map(|s| content.sections[s].source.meta.page_template.as_deref())
        .unwrap_or("page.html")
}

/// Every output that shows page `key`: the page, its neighbours, the lists of its
/// section and those above, its terms, its aliases, the feeds and the sitemap.
pub fn jobs_showing(model: &Model, feed: bool, key: &str) -> Vec<Job> {
    let page = &model.content.pages[key];
    let section = &model.content.sections[&page.section];
    let mut jobs = vec![
        Job::Page(key.to_owned()),
        Job::Alias {
            page: key.to_owned(),
        },
        Job::Sitemap,
    ];
    let neighbours = [page.position.checked_sub(1), Some(page.position + 1)];
    for neighbour in neighbours
        .into_iter()
        .flatten()
        .filter_map(|i| section.pages.get(i))
    {
        jobs.push(Job::Page(neighbour.clone()));
    }
    for ancestor in model.content.ancestors(&page.section) {
        let members = model.content.sections[&ancestor].pages.len();
        let paginate_by = model.content.sections[&ancestor].source.meta.paginate_by;
        for pager in 1..=pager_count(members, paginate_by) {
            jobs.push(Job::Section {
                key: ancestor.clone(),
                pager,
            });
        }
    }
    jobs.extend(term_jobs(model, key));
    if feed {
        jobs.push(Job::Feed(None));
    }
    for edition in model
        .editions
        .iter()
        .flat_map(|e| &e.list)
        .filter(|e| e.previous.is_some())
    {
        jobs.push(Job::EditionChanges(edition.key.clone()));
    }
    if section.source.meta.feed {
        jobs.push(Job::Feed(Some(page.section.clone())));
    }
    jobs.sort();
    jobs.dedup();
    jobs
}

/// The list pages of the taxonomies and terms page `key` has.
fn term_jobs(model: &Model, key: &str) -> Vec<Job> {
    let mut jobs = Vec::new();
    for taxonomy in &model.taxonomies {
        for term in taxonomy
            .terms
            .values()
            .filter(|t| t.pages.iter().any(|k| k == key))
        {
            jobs.push(Job::TaxonomyList(taxonomy.name.clone()));
            for pager in 1..=pager_count(term.pages.len(), taxonomy.paginate_by) {
                let (taxonomy, term) = (taxonomy.name.clone(), term.slug.clone());
                jobs.push(Job::TaxonomyTerm {
                    taxonomy,
                    term,
                    pager,
                });
            }
        }
    }
    jobs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::Inputs;

    const CONFIG: &str =
        "base_url: https://example.org/\ntitle: T\ntaxonomies:\n  - name: themas\n";

    fn model(files: &[(&str, &str)]) -> Model {
        Model::derive(&Inputs::from_texts(CONFIG, files)).expect("a model")
    }

    fn site() -> Model {
        model(&[
            ("_index.md", "---\ntitle: Home\n---\n"),
            (
                "nieuws/_index.md",
                "---\ntitle: Nieuws\nsort_by: date\npaginate_by: 2\n---\n",
            ),
            (
                "nieuws/2024-01-01-a.md",
                "---\ntitle: A\ntaxonomies:\n  themas: [Werk]\n---\n",
            ),
            (
                "nieuws/2024-02-01-b.md",
                "---\ntitle: B\naliases: [/oud/b/]\n---\n",
            ),
            ("nieuws/2024-03-01-c.md", "---\ntitle: C\n---\n"),
            ("over.md", "---\ntitle: Over\n---\n"),
        ])
    }

    #[test]
    fn jobs_showing_a_page_are_its_neighbours_lists_terms_and_feeds() {
        let model = site();
        let jobs = jobs_showing(&model, true, "nieuws/2024-02-01-b.md");
        let page = |k: &str| Job::Page(k.to_owned());
        let section = |key: &str, pager| Job::Section {
            key: key.to_owned(),
            pager,
        };
        for expected in [
            page("nieuws/2024-02-01-b.md"),
            page("nieuws/2024-01-01-a.md"),
            page("nieuws/2024-03-01-c.md"),
            section("nieuws/_index.md", 1),
            section("nieuws/_index.md", 2),
            section(ROOT_SECTION, 1),
            Job::Alias {
                page: "nieuws/2024-02-01-b.md".to_owned(),
            },
            Job::Feed(None),
            Job::Sitemap,
        ] {
            assert!(jobs.contains(&expected), "{expected:?} in {jobs:?}");
        }
        assert!(!jobs.contains(&page("over.md")));
        assert!(!jobs.iter().any(|j| matches!(j, Job::TaxonomyTerm { .. })));
        let with_term = jobs_showing(&model, false, "nieuws/2024-01-01-a.md");
        assert!(with_term.contains(&Job::TaxonomyList("themas".to_owned())));
        assert!(
            !with_term.contains(&Job::Feed(None)),
            "no site feed asked for"
        );
    }

    #[test]
    fn two_inputs_that_want_one_path_are_refused_before_anything_is_written() {
        let files = [
            ("_index.md", "---\ntitle: Home\n---\n"),
            ("a.md", "---\ntitle: A\naliases: [/b/]\n---\n"),
            ("b.md", "---\ntitle: B\n---\n"),
        ];
        let planned: Vec<Planned> = {
            let model = model(&files);
            let mut planned = Vec::new();
            plan_content(&model, &mut planned);
            planned
        };
        let error = check_clashes(&planned).unwrap_err().to_string();
        assert!(
            error.contains("`content/a.md` and `content/b.md` both write `b/index.html`")
                || error.contains("`content/b.md` and `content/a.md` both write `b/index.html`"),
            "{error}"
        );
    }

    #[test]
    fn list_pages_and_their_first_pager_redirect() {
        assert_eq!(pager_count(5, Some(2)), 3);
        assert_eq!(pager_count(0, Some(2)), 1);
        assert_eq!(pager_count(9, None), 1);
        let model = site();
        let mut planned = Vec::new();
        plan_content(&model, &mut planned);
        let paths: Vec<&str> = planned.iter().map(|p| p.path.as_str()).collect();
        for path in [
            "nieuws/index.html",
            "nieuws/page/2/index.html",
            "nieuws/page/1/index.html",
            "oud/b/index.html",
            "over/index.html",
            "index.html",
        ] {
            assert!(paths.contains(&path), "{path} in {paths:?}");
        }
    }
}
