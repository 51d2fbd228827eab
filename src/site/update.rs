//! One page changed: update the model in place when the page keeps its place in the site,
//! and say which outputs show it. This is what lets `serve` answer an editor's save in
//! milliseconds on a site of thousands of pages.

use std::path::Path;
use std::sync::Arc;

use super::Site;
use crate::content::front_matter::SortBy;
use crate::content::source::{PageSource, Source};
use crate::content::{self, schema};
use crate::error::{Error, Result};
use crate::render::Job;

impl Site {
    /// Applies a re-read page file in place. Returns the jobs whose output may have changed,
    /// or `None` when the change moves the page (URL, section order, terms, drafts) and the
    /// model must be derived again. On an error the model is left as it was.
    pub fn update_page(&mut self, source: Arc<PageSource>) -> Result<Option<Vec<Job>>> {
        let key = source.key.clone();
        let Some(old) = self.content.pages.get(&key) else {
            return Ok(None);
        };
        let sort_by = &self.content.sections[&old.section].source.sort_by;
        if !keeps_its_place(&old.source, &source, sort_by) {
            return Ok(None);
        }
        let rendered = self.content.render_page(&source, &self.config);
        self.history.mark_modified(&key);
        let page = self.content.pages.get_mut(&key).expect("checked above");
        let old_source = std::mem::replace(&mut page.source, Arc::clone(&source));
        let old_rendered = std::mem::replace(&mut page.rendered, rendered);
        let headings_changed = page.rendered.ids != old_rendered.ids;
        if let Err(error) = self.check_changed_page(&key, headings_changed) {
            let page = self.content.pages.get_mut(&key).expect("checked above");
            page.source = old_source;
            page.rendered = old_rendered;
            return Err(error);
        }
        self.sources.files.insert(key.clone(), Source::Page(source));
        let file = self.root.join("content").join(&key);
        let page = self.content.pages.get_mut(&key).expect("checked above");
        page.changed.last = self.history.last_modified(&key, None, &file);
        // The template functions share the view; let go of it so it is updated in place
        // rather than copied (a copy of thousands of pages costs milliseconds per save).
        self.templates.release_site();
        let view = Arc::make_mut(&mut self.view);
        view.replace_page(&mut self.content, &self.config, &self.taxonomies, &key);
        if let Some(editions) = &self.editions {
            view.editions = super::editions_value(editions, &self.content, view);
        }
        self.templates.set_site(Arc::clone(&self.view));
        let mut jobs = self.jobs_showing(&key);
        if self.config.search {
            let search = super::search_index(&self.content, &self.config);
            let same_files = search
                .iter()
                .map(|f| &f.path)
                .eq(self.search.iter().map(|f| &f.path));
            self.search = search;
            if !same_files {
                return Ok(None);
            }
            jobs.extend((0..self.search.len()).map(Job::SearchFile));
        }
        Ok(Some(jobs))
    }

    /// The checks `derive` runs, for what one changed page can affect: its section's
    /// schema, its own links, and, when its headings changed, links into it from anywhere.
    fn check_changed_page(&mut self, key: &str, headings_changed: bool) -> Result<()> {
        let page = &self.content.pages[key];
        let problems = schema::check_section(&self.content, &page.section);
        if !problems.is_empty() {
            return Err(Error::Input(problems));
        }
        let (base_path, severity) = (&self.config.base_path, self.config.broken_links);
        let (errors, warnings) = if headings_changed {
            content::check_content_links(&self.content, base_path, severity)
        } else {
            content::check_page_links(&self.content, key, base_path, severity)
        };
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        let file = page.source.file.clone();
        if headings_changed {
            self.warnings
                .retain(|w| !w.file.starts_with("content/") || w.file == Path::new("content"));
        } else {
            self.warnings.retain(|w| w.file != file);
        }
        self.warnings.extend(warnings);
        Ok(())
    }

    /// Every output that shows page `key`: the page, its neighbours, the lists of its
    /// section and those above, its terms, its aliases, the feeds and the sitemap.
    pub fn jobs_showing(&self, key: &str) -> Vec<Job> {
        let page = &self.content.pages[key];
        let section = &self.content.sections[&page.section];
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
        for ancestor in self.content.ancestors(&page.section) {
            let members = self.content.sections[&ancestor].pages.len();
            let paginate_by = self.content.sections[&ancestor].source.meta.paginate_by;
            for pager in 1..=crate::render::pager_count(members, paginate_by) {
                jobs.push(Job::Section {
                    key: ancestor.clone(),
                    pager,
                });
            }
        }
        jobs.extend(self.term_jobs(key));
        if self.config.feed {
            jobs.push(Job::Feed(None));
        }
        for edition in self
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
}

impl Site {
    /// The list pages of the taxonomies and terms page `key` has.
    fn term_jobs(&self, key: &str) -> Vec<Job> {
        let mut jobs = Vec::new();
        for taxonomy in &self.taxonomies {
            for term in taxonomy
                .terms
                .values()
                .filter(|t| t.pages.iter().any(|k| k == key))
            {
                jobs.push(Job::TaxonomyList(taxonomy.name.clone()));
                for pager in 1..=crate::render::pager_count(term.pages.len(), taxonomy.paginate_by)
                {
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
}

/// Whether a changed page stays where it was: same URL, same place in its section's
/// order, same terms and aliases, still published.
fn keeps_its_place(old: &PageSource, new: &PageSource, sort_by: &SortBy) -> bool {
    let same_order = match sort_by {
        SortBy::Title => old.meta.title == new.meta.title,
        SortBy::Extra(field) => old.meta.extra.get(field) == new.meta.extra.get(field),
        SortBy::Date | SortBy::Weight | SortBy::None => true,
    };
    same_order
        && old.slug == new.slug
        && old.bundle == new.bundle
        && old.date == new.date
        && old.meta.weight == new.meta.weight
        && old.meta.draft == new.meta.draft
        && old.meta.taxonomies == new.meta.taxonomies
        && old.aliases == new.aliases
}
