//! Rendering planned jobs in parallel into a sink, checking the links of every page
//! rendered on the way.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::context::{self, TemplateJob};
use super::links::{self, OutputIndex, PageProblem};
use super::plan::{Job, Planned};
use super::{Input, Sink, Stats, feeds};
use crate::config::Severity;
use crate::error::{Collector, Diagnostic, Error, Result};

/// What rendering produced besides the files.
#[derive(Debug, Clone, Default)]
pub struct RenderReport {
    pub stats: Stats,
    /// Links in rendered pages (mostly from templates) to files the site does not have.
    pub link_problems: Vec<Diagnostic>,
}

/// Renders and writes every planned file, checking the links in each rendered page;
/// stops at the first template error.
pub fn render_all(
    site: &Input,
    planned: &[Planned],
    index: &OutputIndex,
    sink: &dyn Sink,
) -> Result<RenderReport> {
    let found = render_jobs(site, planned, index, sink)?;
    let files = planned
        .iter()
        .filter(|p| matches!(p.job, Job::Copy(_)))
        .count();
    let problems = found
        .into_iter()
        .flat_map(|(path, messages)| messages.into_iter().map(move |m| (m, path.clone())));
    let keep_all = site.config.broken_links == Severity::Error;
    Ok(RenderReport {
        stats: Stats {
            pages: site.model.content.pages.len(),
            sections: site.model.content.sections.len(),
            files,
        },
        link_problems: group_link_problems(problems, keep_all),
    })
}

/// Renders and writes some planned files; returns the broken links found in each.
pub fn render_jobs(
    site: &Input,
    planned: &[Planned],
    index: &OutputIndex,
    sink: &dyn Sink,
) -> Result<Vec<(String, Vec<PageProblem>)>> {
    planned
        .par_iter()
        .map(|item| match &item.job {
            Job::Copy(source) => sink
                .copy(&item.path, source)
                .map(|()| (item.path.clone(), Vec::new())),
            Job::SearchFile(index) => {
                let bytes = site.model.search[*index].bytes.clone();
                sink.write(&item.path, bytes)
                    .map(|()| (item.path.clone(), Vec::new()))
            }
            job => {
                let html = render_job(site, job)?;
                let problems = rendered_link_problems(site, job, &html, index);
                sink.write(&item.path, html.into_bytes())?;
                Ok((item.path.clone(), problems))
            }
        })
        .collect()
}

/// The links of a rendered page that lead nowhere; Markdown links were checked already.
fn rendered_link_problems(
    site: &Input,
    job: &Job,
    html: &str,
    index: &OutputIndex,
) -> Vec<PageProblem> {
    let content = &site.model.content;
    let (url, rendered) = match job {
        Job::Page(key) => (
            content.pages[key].url.as_str(),
            Some(&content.pages[key].rendered),
        ),
        Job::Section { key, .. } => (
            content.sections[key].url.as_str(),
            Some(&content.sections[key].rendered),
        ),
        Job::TaxonomyList(_) | Job::TaxonomyTerm { .. } | Job::NotFound => {
            (site.config.base_path.as_str(), None)
        }
        _ => return Vec::new(),
    };
    let known = rendered.map(links::markdown_hrefs).unwrap_or_default();
    let problems = links::check_rendered(html, url, index, &known);
    match job {
        Job::Page(key) => {
            let document = content.page_document(key);
            problems
                .into_iter()
                .map(|p| p.placed_in(&document))
                .collect()
        }
        Job::Section { key, .. } => {
            let document = content.section_document(key);
            problems
                .into_iter()
                .map(|p| p.placed_in(&document))
                .collect()
        }
        _ => problems,
    }
}

/// One message per broken link, however many pages a template repeats it on.
pub fn group_link_problems(
    found: impl Iterator<Item = (PageProblem, String)>,
    keep_all: bool,
) -> Vec<Diagnostic> {
    let mut by_problem: BTreeMap<PageProblem, Vec<String>> = BTreeMap::new();
    for (problem, page) in found {
        by_problem.entry(problem).or_default().push(page);
    }
    let mut problems = Collector::new(keep_all);
    for (problem, mut pages) in by_problem {
        if let PageProblem::InContent {
            file,
            position,
            source_line,
            ..
        } = &problem
        {
            problems.add(|| {
                let mut diagnostic = Diagnostic::new(file, problem.message());
                diagnostic.position = Some(*position);
                diagnostic.source_line = Some(source_line.as_str().into());
                diagnostic.hint = problem.hint();
                diagnostic
            });
            continue;
        }
        problems.add(|| {
            pages.sort();
            let first = format!("public/{}", pages[0]);
            let message = match pages.len() {
                1 => problem.message(),
                n => crate::msg!(
                    "page-problem-on-pages",
                    problem = problem.message(),
                    count = n
                ),
            };
            let diagnostic = Diagnostic::new(first, message);
            match problem.hint() {
                Some(hint) => diagnostic.with_hint(hint),
                None => diagnostic,
            }
        });
    }
    problems.finish("public", "more-rendered-links")
}

/// Renders one output file's text.
pub fn render_job(site: &Input, job: &Job) -> Result<String> {
    if let Some(template_job) = context::for_job(site, job) {
        return render_template(site, template_job);
    }
    let content = &site.model.content;
    Ok(match job {
        Job::FirstPagerRedirect(key) => {
            let section = &content.sections[key];
            redirect_page(site, section.title(), &section.url)
        }
        Job::Alias { page } => {
            let page = &content.pages[page];
            redirect_page(site, page.title(), &page.url)
        }
        Job::Feed(section) => feeds::atom(site.config, site.model, section.as_deref(), site.today),
        Job::Sitemap => feeds::sitemap(site.config, site.model),
        Job::Robots => feeds::robots(site.config),
        Job::SecurityTxt => feeds::security_txt(site.config),
        _ => unreachable!("{job:?} has a template, or is copied"),
    })
}

fn render_template(site: &Input, job: TemplateJob) -> Result<String> {
    let TemplateJob {
        names,
        context,
        origin,
    } = job;
    let Some(name) = names.iter().find(|n| site.templates.has(n)) else {
        return Err(missing_template(site, &names[0], &origin));
    };
    site.templates
        .render(name, &context)
        .map_err(|error| match error {
            Error::Template { text, .. } => Error::Template {
                text,
                rendering: Some((origin.clone(), name.clone())),
            },
            other => other,
        })
}

fn missing_template(site: &Input, name: &str, origin: &Path) -> Error {
    let theme = site.config.theme.as_deref().unwrap_or("none");
    Error::Refused(crate::msg!(
        "template-missing",
        origin = origin,
        name = name,
        theme = theme
    ))
}

/// A tiny page that sends readers (and search engines, via the canonical link) on.
fn redirect_page(site: &Input, title: &str, url: &str) -> String {
    let title = crate::html::escape(title);
    let permalink = site.config.permalink(url);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{permalink}\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n\
         </head>\n<body>\n<p><a href=\"{url}\">{title}</a></p>\n</body>\n</html>\n",
        lang = site.config.language
    )
}
