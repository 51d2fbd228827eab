//! The variables of each template job, taken from the views: which templates may render
//! it (the first that exists wins), what they see, and which input file it comes from.

use std::path::PathBuf;

use tera::{Context, Value};

use super::Input;
use super::plan::{Job, page_template, pager_count, section_template};
use crate::config::CONFIG_FILE;
use crate::views::shapes::{Paginator, value};

/// A job rendered with a template.
pub struct TemplateJob {
    /// Candidate templates, most specific first.
    pub names: Vec<String>,
    pub context: Context,
    /// The input file it comes from, for messages.
    pub origin: PathBuf,
}

/// The template job for `job`, or none when `job` is not rendered with a template.
pub fn for_job(site: &Input, job: &Job) -> Option<TemplateJob> {
    let content = &site.model.content;
    let views = site.views;
    let mut context = Context::new();
    let (names, url, origin) = match job {
        Job::Page(key) => {
            let page = &content.pages[key];
            context.insert_value("page", views.page_with_neighbours(content, key));
            let names = vec![page_template(content, key).to_owned()];
            (names, page.url.clone(), page.source.file.clone())
        }
        Job::Section { key, pager } => {
            let section = &content.sections[key];
            let section_value = views.sections[key].clone();
            let paginator = section
                .source
                .meta
                .paginate_by
                .map(|by| paginator(&section_value, &section.url, by, *pager));
            context.insert_value("section", section_value);
            context.insert_value("paginator", paginator.unwrap_or_else(Value::none));
            let names = vec![section_template(content, key).to_owned()];
            (names, section.url.clone(), section.source.file.clone())
        }
        Job::TaxonomyList(name) => {
            let taxonomy = site.model.taxonomies.iter().find(|t| &t.name == name)?;
            context.insert_value("taxonomy", views.taxonomies[name].clone());
            let names = vec![format!("{name}/list.html"), "taxonomy_list.html".to_owned()];
            (names, taxonomy.url.clone(), PathBuf::from(CONFIG_FILE))
        }
        Job::TaxonomyTerm {
            taxonomy,
            term,
            pager,
        } => {
            let found = site.model.taxonomies.iter().find(|t| &t.name == taxonomy)?;
            let url = found.terms.get(term)?.url.clone();
            let term_value = views
                .terms
                .get(&(taxonomy.clone(), term.clone()))
                .cloned()
                .unwrap_or_else(Value::none);
            let paginator = found
                .paginate_by
                .map(|by| paginator(&term_value, &url, by, *pager));
            context.insert_value("taxonomy", views.taxonomies[taxonomy].clone());
            context.insert_value("term", term_value);
            context.insert_value("paginator", paginator.unwrap_or_else(Value::none));
            let names = vec![
                format!("{taxonomy}/single.html"),
                "taxonomy_single.html".to_owned(),
            ];
            (names, url, PathBuf::from(CONFIG_FILE))
        }
        Job::NotFound => {
            return Some(TemplateJob {
                names: vec!["404.html".to_owned()],
                context,
                origin: PathBuf::from("404.html"),
            });
        }
        Job::EditionChanges(key) => {
            let editions = site.model.editions.as_ref()?;
            let edition = editions.list.iter().find(|e| &e.key == key)?;
            let previous = edition.previous.as_ref()?;
            let section = &content.sections[key];
            context.insert_value("edition", views.sections[key].clone());
            context.insert_value("previous", views.sections[previous].clone());
            context.insert_value("changes", views.changes[key].clone());
            let url = edition.changes.as_ref()?.1.clone();
            let names = vec!["edition_changes.html".to_owned()];
            (names, url, section.source.file.clone())
        }
        _ => return None,
    };
    context.insert("current_url", &site.config.permalink(&url));
    context.insert("current_path", &url);
    Some(TemplateJob {
        names,
        context,
        origin,
    })
}

/// Zola's paginator: the pages of this pager and links to the others.
fn paginator(owner: &Value, url: &str, by: usize, current: usize) -> Value {
    let pages = owner
        .get_from_path("pages")
        .and_then(Value::as_array)
        .unwrap_or(&[]);
    let total = pager_count(pages.len(), Some(by));
    let pager_url = |n: usize| {
        if n == 1 {
            url.to_owned()
        } else {
            format!("{url}page/{n}/")
        }
    };
    let link = |n: usize| (1..=total).contains(&n).then(|| pager_url(n));
    value(&Paginator {
        paginate_by: by,
        pages: pages
            .iter()
            .skip((current - 1) * by)
            .take(by)
            .cloned()
            .collect(),
        current_index: current,
        number_pagers: total,
        total_pages: pages.len(),
        first: pager_url(1),
        last: pager_url(total),
        previous: link(current.wrapping_sub(1)),
        next: link(current + 1),
    })
}
