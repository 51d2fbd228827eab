//! The site as `serve` holds it: rendered into memory, and brought up to date file by
//! file as editors save, so the browser shows a change within milliseconds. Whatever fails,
//! the last good site stays.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::watch::{Change, classify};
use crate::config::{Config, Severity};
use crate::error::{Error, Result};
use crate::inputs::Filter;
use crate::inputs::source::{self, Source};
use crate::render::links::{self, OutputIndex, PageProblem};
use crate::render::{self, Job, Planned, Sink};
use crate::site::Site;
use crate::templates::shortcodes::Shortcodes;

/// One file of the served site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Bytes(Arc<[u8]>),
    /// A static file or asset, read from its source when asked for.
    File(PathBuf),
}

/// How `serve` builds: the address it is reached at, and which pages it shows.
#[derive(Debug, Clone)]
pub struct LiveSettings {
    /// `127.0.0.1:1111`; permalinks point here while serving.
    pub address: String,
    pub drafts: bool,
    pub future: bool,
}

/// What an update changed, for the browser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    /// Output paths whose content changed, appeared or disappeared.
    pub changed: Vec<String>,
}

impl Update {
    /// Only stylesheets changed: the browser can refresh them without a reload.
    pub fn styles_only(&self) -> bool {
        !self.changed.is_empty() && self.changed.iter().all(|p| p.ends_with(".css"))
    }
}

/// The served site and what is needed to update it.
pub struct LiveSite {
    root: PathBuf,
    settings: LiveSettings,
    /// The last site that built, or none yet.
    built: Option<Built>,
    files: HashMap<String, Output>,
    link_problems: BTreeMap<String, Vec<PageProblem>>,
    /// Jobs of the last update still to render (see [`LiveSite::finish`]).
    deferred: BTreeSet<Job>,
}

/// A site that built, with its plan and what each job's template uses.
struct Built {
    site: Site,
    planned: Vec<Planned>,
    index: OutputIndex,
    /// Jobs whose templates read other pages (`get_page`): they follow every content change.
    global_jobs: BTreeSet<Job>,
    /// Each job's template closure, to find what a template change touches.
    job_templates: HashMap<Job, BTreeSet<String>>,
    /// After a failed update the model may be half-updated: rebuild it all next time.
    stale: bool,
}

impl LiveSite {
    pub fn new(root: &Path, settings: LiveSettings) -> LiveSite {
        LiveSite {
            root: root.to_owned(),
            settings,
            built: None,
            files: HashMap::new(),
            link_problems: BTreeMap::new(),
            deferred: BTreeSet::new(),
        }
    }

    /// The served file at an output path (`agenda/index.html`).
    pub fn file(&self, path: &str) -> Option<&Output> {
        self.files.get(path)
    }

    /// The path the site lives under (`/`, or `/g40/`), from its `base_url`.
    pub fn base_path(&self) -> String {
        self.built
            .as_ref()
            .map_or_else(|| "/".to_owned(), |b| b.site.config().base_path.clone())
    }

    /// Every served file by output path.
    pub fn files(&self) -> &HashMap<String, Output> {
        &self.files
    }

    /// The content file behind each page and section, by the URL it is served at
    /// (`/agenda/` → `agenda/_index.md`): for the editor's link on each page.
    pub fn sources_by_url(&self) -> HashMap<String, String> {
        let Some(built) = &self.built else {
            return HashMap::new();
        };
        let content = &built.site.model.content;
        let pages = content
            .pages
            .iter()
            .map(|(key, p)| (p.url.clone(), key.clone()));
        let sections = content
            .sections
            .iter()
            .map(|(key, s)| (s.url.clone(), key.clone()));
        pages.chain(sections).collect()
    }

    /// Lends the last site that built to `work` (the editor's preview); `false` when none
    /// has built. Should `work` fail half-way, the site is built again from scratch next.
    pub(crate) fn lend(&mut self, work: &mut dyn FnMut(&mut Site)) -> bool {
        let Some(built) = self.built.as_mut() else {
            return false;
        };
        let stale = std::mem::replace(&mut built.stale, true);
        work(&mut built.site);
        built.stale = stale;
        true
    }

    /// Every output path, sorted (for tests and comparisons).
    pub fn paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self.files.keys().map(String::as_str).collect();
        paths.sort();
        paths
    }

    /// Builds everything from scratch.
    pub fn rebuild(&mut self) -> Result<Update> {
        let config = Config::load(&self.root, None)?;
        let base_url = format!("http://{}{}", self.settings.address, config.base_path);
        let config = Config::load(&self.root, Some(&base_url))?;
        let filter = Filter {
            drafts: self.settings.drafts,
            future: self.settings.future,
            now: chrono::Local::now().fixed_offset(),
        };
        let mut built = Built::plan(Site::load(&self.root, config, filter)?)?;
        self.deferred.clear();
        let planned = built.planned.clone();
        let update = self.render(&built, &planned, true)?;
        built.stale = false;
        self.built = Some(built);
        Ok(update)
    }

    /// Brings the site up to date after files under the root changed.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Result<Update> {
        let Some(mut built) = self.built.take().filter(|b| !b.stale) else {
            return self.rebuild();
        };
        let result = self.apply_changes(&mut built, paths);
        built.stale = result.is_err();
        match result {
            Ok(Some(update)) => {
                self.built = Some(built);
                Ok(update)
            }
            Ok(None) => self.rebuild(),
            Err(error) => {
                self.built = Some(built);
                Err(error)
            }
        }
    }

    /// `None` when the change needs a rebuild from scratch.
    fn apply_changes(&mut self, built: &mut Built, paths: &[PathBuf]) -> Result<Option<Update>> {
        let config = built.site.config();
        let changes: Vec<Change> = paths
            .iter()
            .map(|p| classify(&self.root, config.theme.as_deref(), p))
            .collect();
        if changes.contains(&Change::Everything) {
            return Ok(None);
        }
        let mut plan = Plan::default();
        built.templates_changed(&changes, &mut plan)?;
        built.static_changed(&changes, &mut plan)?;
        built.content_changed(&self.root, &changes, &mut plan)?;
        if plan.replan {
            built.replan()?;
        }
        let jobs: Vec<Planned> = if plan.everything {
            self.deferred.clear();
            built.planned.clone()
        } else {
            self.deferred
                .extend(plan.jobs.difference(&plan.first).cloned());
            built
                .planned
                .iter()
                .filter(|p| plan.first.contains(&p.job))
                .cloned()
                .collect()
        };
        let mut update = self.render(built, &jobs, plan.replan)?;
        update.changed.extend(plan.static_paths);
        update.changed.sort();
        update.changed.dedup();
        Ok(Some(update))
    }

    /// Whether the last update left outputs to render.
    pub fn has_deferred(&self) -> bool {
        !self.deferred.is_empty()
    }

    /// Renders what the last updates left for later: the lists, feeds and pages that show
    /// a changed page, after the page itself is served.
    pub fn finish(&mut self) -> Result<Update> {
        let deferred = std::mem::take(&mut self.deferred);
        let Some(built) = self.built.take() else {
            return Ok(Update::default());
        };
        let jobs: Vec<Planned> = built
            .planned
            .iter()
            .filter(|p| deferred.contains(&p.job))
            .cloned()
            .collect();
        let result = self.render(&built, &jobs, false);
        self.built = Some(built);
        if result.is_err()
            && let Some(built) = &mut self.built
        {
            built.stale = true;
        }
        result
    }

    /// Renders `jobs` into memory and, when every check passes, serves the result.
    /// `complete` says the jobs are the whole plan, so anything else is gone.
    fn render(&mut self, built: &Built, jobs: &[Planned], complete: bool) -> Result<Update> {
        let site = &built.site;
        let sink = MemorySink::default();
        let found = render::render_jobs(&site.render_input(), jobs, &built.index, &sink)?;
        if site.config().broken_links == Severity::Error {
            // Only pages with broken links are kept, so this stays small (usually empty).
            let mut problems = if complete {
                BTreeMap::new()
            } else {
                self.link_problems.clone()
            };
            for (path, messages) in found {
                if messages.is_empty() {
                    problems.remove(&path);
                } else {
                    problems.insert(path, messages);
                }
            }
            check_links(site, &built.index, &problems)?;
            self.link_problems = problems;
        }
        Ok(self.serve(sink.into_files(), complete))
    }

    fn serve(&mut self, rendered: Vec<(String, Output)>, complete: bool) -> Update {
        let mut changed = Vec::new();
        if complete {
            let kept: BTreeSet<&str> = rendered.iter().map(|(p, _)| p.as_str()).collect();
            let gone: Vec<String> = self
                .files
                .keys()
                .filter(|p| !kept.contains(p.as_str()))
                .cloned()
                .collect();
            for path in gone {
                self.files.remove(&path);
                changed.push(path);
            }
        }
        for (path, output) in rendered {
            if self.files.get(&path) != Some(&output) {
                changed.push(path.clone());
                self.files.insert(path, output);
            }
        }
        changed.sort();
        Update { changed }
    }
}

impl Built {
    /// Plans a freshly loaded site.
    fn plan(site: Site) -> Result<Built> {
        let mut built = Built {
            site,
            planned: Vec::new(),
            index: OutputIndex::new(std::iter::empty(), "/"),
            global_jobs: BTreeSet::new(),
            job_templates: HashMap::new(),
            stale: true,
        };
        built.replan()?;
        Ok(built)
    }

    /// Lists every output file again, and what each job's template uses.
    fn replan(&mut self) -> Result<()> {
        let input = self.site.render_input();
        self.planned = render::plan(&input)?;
        let paths = self.planned.iter().map(|p| p.path.as_str());
        self.index = OutputIndex::new(paths, &input.config.base_path);
        self.job_templates.clear();
        self.global_jobs.clear();
        let deps = &input.templates.deps;
        let mut closures: HashMap<String, (BTreeSet<String>, bool)> = HashMap::new();
        for item in &self.planned {
            let Some(name) = render::plan::job_template(&input, &item.job) else {
                continue;
            };
            let (closure, global) = closures.entry(name.clone()).or_insert_with(|| {
                let closure = deps.closure(&name);
                let global = deps.looks_up_site(&closure);
                (closure, global)
            });
            if *global {
                self.global_jobs.insert(item.job.clone());
            }
            self.job_templates.insert(item.job.clone(), closure.clone());
        }
        Ok(())
    }

    fn templates_changed(&mut self, changes: &[Change], plan: &mut Plan) -> Result<()> {
        let names: Vec<&str> = changes.iter().filter_map(Change::template).collect();
        if names.is_empty() {
            return Ok(());
        }
        let before = self.site.presentation.templates.files.clone();
        let shortcodes_before = Arc::clone(&self.site.presentation.templates.shortcodes);
        self.site.reload_templates()?;
        self.shortcodes_changed(&shortcodes_before, plan)?;
        if self.site.presentation.templates.files != before {
            plan.everything = true;
            plan.replan = true;
            return Ok(());
        }
        for (job, closure) in &self.job_templates {
            if names.iter().any(|n| closure.contains(*n)) {
                plan.jobs.insert(job.clone());
                plan.first.insert(job.clone());
            }
        }
        Ok(())
    }

    /// Renders again the Markdown of the pages that call a shortcode whose template
    /// changed, and what shows them; a shortcode added or removed, or one a section calls,
    /// derives the model again.
    fn shortcodes_changed(&mut self, before: &Shortcodes, plan: &mut Plan) -> Result<()> {
        let shortcodes = Arc::clone(&self.site.presentation.templates.shortcodes);
        let names = match shortcodes.changed_since(before) {
            Some(names) if names.is_empty() => return Ok(()),
            Some(names) => names,
            None => return self.everything_again(plan),
        };
        let calls = |rendered: &crate::markdown::Rendered| {
            rendered.shortcodes.iter().any(|n| names.contains(n))
        };
        let content = &self.site.model.content;
        if content.sections.values().any(|s| calls(&s.rendered)) {
            return self.everything_again(plan);
        }
        let pages: Vec<String> = content
            .pages
            .iter()
            .filter(|(_, page)| calls(&page.rendered))
            .map(|(key, _)| key.clone())
            .collect();
        for key in pages {
            match self.site.rerender_page(&key)? {
                Some(jobs) => {
                    plan.first.insert(Job::Page(key));
                    plan.jobs.extend(jobs);
                    plan.jobs.extend(self.global_jobs.iter().cloned());
                }
                None => return self.everything_again(plan),
            }
        }
        Ok(())
    }

    /// Derives the model again and renders everything.
    fn everything_again(&mut self, plan: &mut Plan) -> Result<()> {
        self.site.reload_content()?;
        plan.replan = true;
        plan.everything = true;
        Ok(())
    }

    fn static_changed(&mut self, changes: &[Change], plan: &mut Plan) -> Result<()> {
        let outputs: Vec<String> = changes
            .iter()
            .filter_map(Change::static_output)
            .map(str::to_owned)
            .collect();
        if outputs.is_empty() {
            return Ok(());
        }
        let listed = |site: &Site| -> Vec<String> {
            site.inputs
                .static_files
                .iter()
                .map(|f| f.output.clone())
                .collect()
        };
        let before = listed(&self.site);
        self.site.reload_static()?;
        if before != listed(&self.site) {
            plan.replan = true;
            plan.everything = true;
        }
        plan.static_paths.extend(outputs);
        Ok(())
    }

    fn content_changed(&mut self, root: &Path, changes: &[Change], plan: &mut Plan) -> Result<()> {
        let keys: Vec<&str> = changes.iter().filter_map(Change::content_key).collect();
        if keys.is_empty() {
            return Ok(());
        }
        match self.update_pages_in_place(root, &keys)? {
            Some(jobs) if jobs.is_empty() => {}
            Some(jobs) => {
                plan.first.extend(
                    jobs.iter()
                        .filter(|j| matches!(j, Job::Page(k) if keys.contains(&k.as_str())))
                        .cloned(),
                );
                plan.jobs.extend(jobs);
                plan.jobs.extend(self.global_jobs.iter().cloned());
            }
            None => {
                self.site.reload_content()?;
                plan.replan = true;
                plan.everything = true;
            }
        }
        Ok(())
    }

    /// The quick way: every changed file is a known page that keeps its place. `None`
    /// when any change is of another kind (a new file, a section, a move).
    fn update_pages_in_place(&mut self, root: &Path, keys: &[&str]) -> Result<Option<Vec<Job>>> {
        let mut jobs = Vec::new();
        for key in keys {
            let Some(Source::Page(old)) = self.site.inputs.sources.files.get(*key) else {
                return Ok(None);
            };
            let Ok(bytes) = std::fs::read(root.join(crate::folders::CONTENT).join(key)) else {
                return Ok(None);
            };
            let file = source::display_path(key);
            let text = crate::text::decode(bytes, &file)?;
            let new = Arc::new(source::parse_page(key, &text, old.bundle)?);
            if new == *old {
                continue;
            }
            match self.site.update_page(new)? {
                Some(shown) => jobs.extend(shown),
                None => return Ok(None),
            }
        }
        Ok(Some(jobs))
    }
}

/// Broken links in Markdown and in rendered pages fail the update as they fail a build.
fn check_links(
    site: &Site,
    index: &OutputIndex,
    rendered: &BTreeMap<String, Vec<PageProblem>>,
) -> Result<()> {
    let mut problems = links::check_markdown_links(&site.model.content, index, true);
    let found = rendered
        .iter()
        .flat_map(|(path, messages)| messages.iter().map(move |m| (m.clone(), path.clone())));
    problems.extend(render::execute::group_link_problems(found, true));
    let (errors, _) = site.config().broken_links.split(problems);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(errors))
    }
}

/// What an update must do.
#[derive(Default)]
struct Plan {
    jobs: BTreeSet<Job>,
    /// Of `jobs`, those the editor is looking at: the changed pages themselves. The rest
    /// is rendered right after the browser was told.
    first: BTreeSet<Job>,
    everything: bool,
    replan: bool,
    static_paths: Vec<String>,
}

/// Collects rendered files in memory.
#[derive(Default)]
struct MemorySink {
    files: Mutex<Vec<(String, Output)>>,
}

impl MemorySink {
    fn into_files(self) -> Vec<(String, Output)> {
        self.files
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn push(&self, path: &str, output: Output) {
        let mut files = self
            .files
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        files.push((path.to_owned(), output));
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        self.push(path, Output::Bytes(bytes.into()));
        Ok(())
    }

    fn copy(&self, path: &str, source: &Path) -> Result<()> {
        self.push(path, Output::File(source.to_owned()));
        Ok(())
    }
}
