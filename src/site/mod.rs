//! A site held whole: its [`Inputs`], the [`Model`] derived from them, and the
//! presentation (templates and the views they see). `build` makes one and renders it
//! once; `serve` keeps one and brings it up to date as files change (see [`update`]).

mod preview;
mod update;

use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::error::Result;
use crate::inputs::{Filter, Inputs};
use crate::model::Model;
use crate::render;
use crate::templates::Templates;
use crate::views::SiteView;

/// The templates and what they see.
pub struct Presentation {
    pub templates: Templates,
    pub views: Arc<SiteView>,
}

impl Presentation {
    fn new(mut templates: Templates, model: &Model, config: &Config) -> Presentation {
        let views = Arc::new(SiteView::build(model, config));
        templates.set_site(Arc::clone(&views));
        Presentation { templates, views }
    }

    /// Shows templates `views` from now on.
    fn show(&mut self, views: SiteView) {
        self.views = Arc::new(views);
        self.templates.set_site(Arc::clone(&self.views));
    }
}

/// Everything needed to render the site, and to update it.
pub struct Site {
    pub inputs: Inputs,
    pub model: Model,
    pub presentation: Presentation,
}

impl Site {
    /// Reads the whole site under `root` and derives everything from it.
    pub fn load(root: &Path, config: Config, filter: Filter) -> Result<Site> {
        let templates = Templates::load(root, &config)?;
        let inputs = Inputs::read(root, config, filter)?;
        let model = Model::derive_with(&inputs, Some(&*templates.shortcodes))?;
        let presentation = Presentation::new(templates, &model, &inputs.config);
        Ok(Site {
            inputs,
            model,
            presentation,
        })
    }

    /// What rendering reads.
    pub fn render_input(&self) -> render::Input<'_> {
        render::Input {
            root: &self.inputs.root,
            config: &self.inputs.config,
            model: &self.model,
            views: &self.presentation.views,
            templates: &self.presentation.templates,
            static_files: &self.inputs.static_files,
            today: self.inputs.filter.now.naive_utc().date(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.inputs.config
    }

    /// Reads the templates again (after one changed); the model stays as it is.
    pub fn reload_templates(&mut self) -> Result<()> {
        let mut templates = Templates::load(&self.inputs.root, &self.inputs.config)?;
        templates.set_site(Arc::clone(&self.presentation.views));
        self.presentation.templates = templates;
        Ok(())
    }

    /// Lists the static files again (after one was added or removed).
    pub fn reload_static(&mut self) -> Result<()> {
        self.inputs.reread_static()
    }

    /// Reads every content file again and derives the model and views; on an error the
    /// site is left as it was.
    pub fn reload_content(&mut self) -> Result<()> {
        let previous = self.inputs.sources.clone();
        self.inputs.reread_content()?;
        let templates = &self.presentation.templates;
        templates.data.clear();
        match Model::derive_with(&self.inputs, Some(&*templates.shortcodes)) {
            Ok(model) => {
                self.presentation
                    .show(SiteView::build(&model, &self.inputs.config));
                self.model = model;
                Ok(())
            }
            Err(error) => {
                self.inputs.sources = previous;
                Err(error)
            }
        }
    }
}
