//! One page changed: update the model in place when the page keeps its place in the site,
//! and say which outputs show it. This is what lets `serve` answer an editor's save in
//! milliseconds on a site of thousands of pages.

use std::path::Path;
use std::sync::Arc;

use super::Site;
use crate::error::{Diagnostic, Error, Result};
use crate::inputs::front_matter::SortBy;
use crate::inputs::source::{PageSource, Source};
use crate::model::{self, schema};
use crate::render::plan::{self, Job};

impl Site {
    /// Applies a re-read page file in place. Returns the jobs whose output may have changed,
    /// or `None` when the change moves the page (URL, section order, terms, drafts) and the
    /// model must be derived again. On an error the site is left as it was.
    pub fn update_page(&mut self, source: Arc<PageSource>) -> Result<Option<Vec<Job>>> {
        let key = source.key.clone();
        let content = &self.model.content;
        let Some(old) = content.pages.get(&key) else {
            return Ok(None);
        };
        let sort_by = &content.sections[&old.section].source.sort_by;
        if !keeps_its_place(&old.source, &source, sort_by) {
            return Ok(None);
        }
        self.replace_page(source, true)
    }

    /// Renders page `key` again from the same file, after a shortcode template it calls
    /// changed. Returns what `update_page` returns.
    pub fn rerender_page(&mut self, key: &str) -> Result<Option<Vec<Job>>> {
        let Some(page) = self.model.content.pages.get(key) else {
            return Ok(None);
        };
        let source = Arc::clone(&page.source);
        self.replace_page(source, false)
    }

    /// Puts `source`, rendered, in the place of its page; `edited` when the file changed.
    fn replace_page(&mut self, source: Arc<PageSource>, edited: bool) -> Result<Option<Vec<Job>>> {
        let key = source.key.clone();
        let shortcodes = Arc::clone(&self.presentation.templates.shortcodes);
        let config = &self.inputs.config;
        let rendered = self.model.render_page(&source, config, Some(&*shortcodes));
        let page = self
            .model
            .content
            .pages
            .get_mut(&key)
            .expect("checked above");
        let old_text = std::mem::replace(
            &mut page.text,
            crate::model::content::Typeset::of_page(&source, &self.inputs.config),
        );
        let old_source = std::mem::replace(&mut page.source, Arc::clone(&source));
        let old_rendered = std::mem::replace(&mut page.rendered, rendered);
        let headings_changed = page.rendered.ids != old_rendered.ids;
        if let Err(error) = self.check_changed_page(&key, headings_changed) {
            let page = self
                .model
                .content
                .pages
                .get_mut(&key)
                .expect("checked above");
            page.source = old_source;
            page.rendered = old_rendered;
            page.text = old_text;
            return Err(error);
        }
        if edited {
            self.inputs.history_mut().mark_modified(&key);
            self.inputs
                .sources
                .files
                .insert(key.clone(), Source::Page(source));
            self.redate(&key);
        }
        let config = &self.inputs.config;
        let today = self.inputs.filter.now.date_naive();
        self.model.compare_editions(config, today)?;
        let views = self
            .presentation
            .views
            .with_page_replaced(&self.model, config, &key);
        self.presentation.show(views);
        let mut jobs = plan::jobs_showing(&self.model, config.feed, &key);
        if config.search {
            let editions = self.model.editions.as_ref();
            let search = model::search_index(&self.model.content, editions, config);
            let same_files = search.iter().map(|f| &f.path).eq(self
                .model
                .search
                .iter()
                .map(|f| &f.path));
            self.model.search = search;
            if !same_files {
                return Ok(None);
            }
            jobs.extend((0..self.model.search.len()).map(Job::SearchFile));
        }
        Ok(Some(jobs))
    }

    /// When page `key` last changed, now that it was edited.
    fn redate(&mut self, key: &str) {
        let file = self.inputs.content_dir().join(key);
        let page = &self.model.content.pages[key];
        let updated = page.source.updated.map(|d| d.moment);
        let last = self.inputs.history().last_modified(key, updated, &file);
        let page = self.model.content.pages.get_mut(key).expect("a page");
        page.changed.last = last;
    }

    /// The checks `derive` runs, for what one changed page can affect: its section's
    /// schema, its own links, and, when its headings changed, links into it from anywhere.
    fn check_changed_page(&mut self, key: &str, headings_changed: bool) -> Result<()> {
        let (errors, warnings) = self.page_problems(key, headings_changed);
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        let file = self.model.content.pages[key].source.file.clone();
        let kept = &mut self.model.warnings;
        if headings_changed {
            kept.retain(|w| !w.file.starts_with("content/") || w.file == Path::new("content"));
        } else {
            kept.retain(|w| w.file != file);
        }
        kept.extend(warnings);
        Ok(())
    }

    /// What the checks of a build find wrong with page `key` as the model has it now:
    /// (errors, warnings). The first kind of error found is reported alone, as a build
    /// stops at it.
    pub(super) fn page_problems(
        &self,
        key: &str,
        headings_changed: bool,
    ) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let content = &self.model.content;
        let page = &content.pages[key];
        let problems = model::shortcodes::document_problems(&content.page_document(key));
        if !problems.is_empty() {
            return (problems, Vec::new());
        }
        let problems = schema::check_section(content, &page.section);
        if !problems.is_empty() {
            return (problems, Vec::new());
        }
        let config = &self.inputs.config;
        let (base_path, severity) = (&config.base_path, config.broken_links);
        if headings_changed {
            model::check_content_links(content, base_path, severity)
        } else {
            model::check_page_links(content, key, base_path, severity)
        }
    }
}

/// Whether a changed page stays where it was: same URL, same place in its section's
/// order, same terms and aliases, still published.
pub(super) fn keeps_its_place(old: &PageSource, new: &PageSource, sort_by: &SortBy) -> bool {
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
