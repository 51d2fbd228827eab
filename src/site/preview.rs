//! A content file's text as the site would show it, before it is saved: for the browser
//! editor of `serve`. The text goes through the same parsing, checks, views and templates
//! as a build, and the site is left exactly as it was; nothing is written.

use std::sync::Arc;

use super::Site;
use super::update::keeps_its_place;
use crate::error::{Diagnostic, Error, Result};
use crate::inputs::source::{self, Source};
use crate::messages::Msg;
use crate::model::Model;
use crate::model::content::Typeset;
use crate::render::{self, Job};
use crate::views::SiteView;

/// What a preview found.
#[derive(Debug, Default)]
pub struct Preview {
    /// The page as the site renders it, when it could be rendered.
    pub html: Option<String>,
    /// Where the page is on the site (`/agenda/2024-2025/borstlap/`).
    pub url: Option<String>,
    /// What would fail a build, with file and line.
    pub errors: Vec<Diagnostic>,
    /// What a build would warn about in this file.
    pub warnings: Vec<Diagnostic>,
}

impl Site {
    /// Renders content file `key` as if its text were `text`, and runs a build's checks on
    /// it. The site is left as it was.
    pub fn preview(&mut self, key: &str, text: &str) -> Preview {
        let parsed = if key == "_index.md" || key.ends_with("/_index.md") {
            source::parse_section(key, text).map(|s| Source::Section(Arc::new(s)))
        } else {
            let bundle = match self.inputs.sources.files.get(key) {
                Some(Source::Page(page)) => page.bundle,
                _ => key.ends_with("/index.md"),
            };
            source::parse_page(key, text, bundle).map(|p| Source::Page(Arc::new(p)))
        };
        let parsed = match parsed {
            Ok(parsed) => parsed,
            Err(diagnostic) => return Preview::failed(vec![diagnostic]),
        };
        if let Source::Page(page) = &parsed
            && self.keeps_place(page)
        {
            return self.preview_in_place(Arc::clone(page));
        }
        self.preview_derived(key, parsed)
    }

    /// Whether the page is in the model and the new text leaves it where it is.
    fn keeps_place(&self, page: &source::PageSource) -> bool {
        let content = &self.model.content;
        content.pages.get(&page.key).is_some_and(|old| {
            let sort_by = &content.sections[&old.section].source.sort_by;
            keeps_its_place(&old.source, page, sort_by)
        })
    }

    /// The quick way, for a page that stays where it is: its Markdown is rendered again
    /// and put in its place for the time of one render, then the old one goes back.
    fn preview_in_place(&mut self, source: Arc<source::PageSource>) -> Preview {
        let key = source.key.clone();
        let config = &self.inputs.config;
        let shortcodes = Arc::clone(&self.presentation.templates.shortcodes);
        let rendered = self.model.render_page(&source, config, Some(&*shortcodes));
        let typeset = Typeset::of_page(&source, config);
        let page = self.model.content.pages.get_mut(&key).expect("checked");
        let old_text = std::mem::replace(&mut page.text, typeset);
        let old_source = std::mem::replace(&mut page.source, source);
        let old_rendered = std::mem::replace(&mut page.rendered, rendered);
        let headings_changed = page.rendered.ids != old_rendered.ids;
        let (errors, warnings) = self.page_problems(&key, headings_changed);
        let views =
            self.presentation
                .views
                .with_page_replaced(&self.model, &self.inputs.config, &key);
        let rendered = self.render_with(&ModelRef::Own, views, &Job::Page(key.clone()));
        let page = self.model.content.pages.get_mut(&key).expect("checked");
        page.text = old_text;
        page.source = old_source;
        page.rendered = old_rendered;
        let url = self.model.content.pages[&key].url.clone();
        Preview::of(rendered, url, errors, warnings, &key)
    }

    /// The sure way, for a new page, a section, or a page that moves (another URL, order
    /// or terms): the model is derived again with the new text in place of the file's.
    /// A draft is shown as `--drafts` would show it.
    fn preview_derived(&mut self, key: &str, parsed: Source) -> Preview {
        let is_draft = match &parsed {
            Source::Page(page) => page.meta.draft,
            Source::Section(section) => section.meta.draft,
        };
        let previous_source = self.inputs.sources.files.insert(key.to_owned(), parsed);
        let previous_filter = self.inputs.filter;
        if is_draft || !self.model_has(key) {
            self.inputs.filter.drafts = true;
        }
        let shortcodes = Arc::clone(&self.presentation.templates.shortcodes);
        let derived = Model::derive_with(&self.inputs, Some(&*shortcodes));
        self.inputs.filter = previous_filter;
        match previous_source {
            Some(source) => self.inputs.sources.files.insert(key.to_owned(), source),
            None => self.inputs.sources.files.remove(key),
        };
        let model = match derived {
            Ok(model) => model,
            Err(error) => return Preview::failed(diagnostics(error, key)),
        };
        let (job, url) = if let Some(page) = model.content.pages.get(key) {
            (Job::Page(key.to_owned()), page.url.clone())
        } else if let Some(section) = model.content.sections.get(key) {
            let job = Job::Section {
                key: key.to_owned(),
                pager: 1,
            };
            (job, section.url.clone())
        } else {
            let message = crate::msg!("editor-not-published");
            return Preview::failed(vec![Diagnostic::new(source::display_path(key), message)]);
        };
        let file = source::display_path(key);
        let warnings: Vec<Diagnostic> = model
            .warnings
            .iter()
            .filter(|w| w.file == file)
            .cloned()
            .collect();
        let views = SiteView::build(&model, &self.inputs.config);
        let rendered = self.render_with(&ModelRef::Other(&model), views, &job);
        Preview::of(rendered, url, Vec::new(), warnings, key)
    }

    fn model_has(&self, key: &str) -> bool {
        let content = &self.model.content;
        content.pages.contains_key(key) || content.sections.contains_key(key)
    }

    /// Renders `job` with `views` shown to the templates, then shows them the site's own
    /// views again.
    fn render_with(&mut self, model: &ModelRef, views: SiteView, job: &Job) -> Result<String> {
        let views = Arc::new(views);
        self.presentation.templates.set_site(Arc::clone(&views));
        let model = match model {
            ModelRef::Own => &self.model,
            ModelRef::Other(model) => model,
        };
        let input = render::Input {
            root: &self.inputs.root,
            config: &self.inputs.config,
            model,
            views: &views,
            templates: &self.presentation.templates,
            static_files: &self.inputs.static_files,
            today: self.inputs.filter.now.naive_utc().date(),
        };
        let result = render::execute::render_job(&input, job);
        let own = Arc::clone(&self.presentation.views);
        self.presentation.templates.set_site(own);
        result
    }
}

/// Which model a preview renders with.
enum ModelRef<'m> {
    /// The site's own (with the page put in place).
    Own,
    /// One derived for the preview.
    Other(&'m Model),
}

impl Preview {
    fn failed(errors: Vec<Diagnostic>) -> Preview {
        Preview {
            errors,
            ..Preview::default()
        }
    }

    fn of(
        rendered: Result<String>,
        url: String,
        mut errors: Vec<Diagnostic>,
        warnings: Vec<Diagnostic>,
        key: &str,
    ) -> Preview {
        let html = match rendered {
            Ok(html) => Some(html),
            Err(error) => {
                errors.extend(diagnostics(error, key));
                None
            }
        };
        Preview {
            html,
            url: Some(url),
            errors,
            warnings,
        }
    }
}

/// An error as the problems it stands for; one that is not about lines of a file (a
/// template error) is named after the file being previewed.
fn diagnostics(error: Error, key: &str) -> Vec<Diagnostic> {
    match error {
        Error::Input(list) => list,
        other => vec![Diagnostic::new(
            source::display_path(key),
            Msg::literal(other.to_string()),
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::inputs::Filter;

    fn site(dir: &std::path::Path) -> Site {
        let write = |path: &str, text: &str| {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("config.yaml", "base_url: https://example.org/\ntitle: T\n");
        write("content/_index.md", "---\ntitle: Home\n---\nWelkom.\n");
        write(
            "content/nieuws/_index.md",
            "---\ntitle: Nieuws\nsort_by: title\n---\n",
        );
        write(
            "content/nieuws/a.md",
            "---\ntitle: Aap\n---\nEerste tekst.\n",
        );
        write(
            "content/nieuws/b.md",
            "---\ntitle: Beer\n---\nZie [a](@/nieuws/a.md).\n",
        );
        let config = Config::load(dir, None).unwrap();
        let filter = Filter {
            drafts: false,
            future: false,
            now: chrono::Local::now().fixed_offset(),
        };
        Site::load(dir, config, filter).unwrap()
    }

    fn page_html(site: &Site, key: &str) -> String {
        render::execute::render_job(&site.render_input(), &Job::Page(key.to_owned())).unwrap()
    }

    #[test]
    fn a_preview_shows_the_new_text_and_leaves_the_site_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut site = site(dir.path());
        let before = page_html(&site, "nieuws/a.md");
        let preview = site.preview("nieuws/a.md", "---\ntitle: Aap\n---\nNieuwe tekst.\n");
        assert!(preview.errors.is_empty(), "{:?}", preview.errors);
        assert!(preview.html.unwrap().contains("Nieuwe tekst."));
        assert_eq!(preview.url.as_deref(), Some("/nieuws/a/"));
        assert_eq!(page_html(&site, "nieuws/a.md"), before);
        // A new title moves the page in its section (sorted by title): the sure way.
        let preview = site.preview("nieuws/a.md", "---\ntitle: Zebra\n---\nTekst.\n");
        assert!(preview.html.unwrap().contains("Zebra"));
        assert_eq!(page_html(&site, "nieuws/a.md"), before);
    }

    #[test]
    fn a_preview_reports_what_a_build_would_refuse() {
        let dir = tempfile::tempdir().unwrap();
        let mut site = site(dir.path());
        let preview = site.preview(
            "nieuws/b.md",
            "---\ntitle: Beer\n---\n\n[x](@/nergens.md)\n",
        );
        assert_eq!(preview.errors.len(), 1, "{:?}", preview.errors);
        assert_eq!(preview.errors[0].position.map(|p| p.line), Some(5));
        let preview = site.preview("nieuws/b.md", "---\ntitel: Beer\n---\n");
        assert!(preview.html.is_none());
        assert_eq!(preview.errors[0].position.map(|p| p.line), Some(2));
        let preview = site.preview("nieuws/_index.md", "---\ntitle: Berichten\n---\nLijst.\n");
        assert!(preview.html.unwrap().contains("Berichten"));
    }
}
