//! The browser editor of `keten serve`: where an editor writes, checks and saves a page
//! on their own computer, offline, with nothing to install but keten.
//!
//! It lives under [`PREFIX`] on the `serve` address and only there: `keten build` never
//! writes any of it. Its pages are made on the server (Dutch, no script or style of
//! another host, one small script and one stylesheet of its own), and work without
//! JavaScript; with it, the preview follows the typing and the toolbar helps.
//!
//! - [`form`]: the fields of a file, from its section's schema and the declared terms;
//! - [`patch`]: the front matter changed field by field, every other byte kept;
//! - [`files`]: which files may be opened, uploads, pages becoming folders;
//! - [`git`]: changed files, their diffs, a commit;
//! - [`token`]: the per-run secret and the origin check every writing request passes;
//! - [`page`]: the HTML; [`routes`]: the requests.
//!
//! The site itself stays with `serve`, which lends it (see [`Workbench`]) for a preview
//! or for what the form needs to know.

pub mod files;
pub mod form;
pub mod git;
pub mod page;
pub mod patch;
mod problems;
mod routes;
pub mod token;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::messages::Lang;
use crate::site::Site;

pub use routes::{accept_token, router};
pub use token::Token;

/// Where the editor's pages are: a path no site can have (`serve` keeps `/__keten/` for
/// itself).
pub const PREFIX: &str = "/__keten/bewerk";

/// The site as `serve` holds it, lent to the editor for a moment.
pub trait Workbench: Send + Sync {
    /// Runs `work` on the last site that built; `false` when none has built yet.
    fn with_site(&self, work: &mut dyn FnMut(&mut Site)) -> bool;
}

/// What the editor is started with.
pub struct Settings {
    pub root: PathBuf,
    pub lang: Lang,
    /// The port `serve` listens on (the cookie is named after it).
    pub port: u16,
    pub token: Token,
}

/// The editor of one `serve` run.
pub struct Editor {
    root: PathBuf,
    lang: Lang,
    port: u16,
    token: Token,
    site: Arc<dyn Workbench>,
    /// The latest preview of each file, by key, for the preview frame to load.
    previews: Mutex<HashMap<String, Arc<str>>>,
    /// Numbers the previews, so the frame's address changes with each.
    counter: AtomicU64,
    /// Whether the site is in a git repository (the changes view).
    git: bool,
}

impl Editor {
    pub fn new(settings: Settings, site: Arc<dyn Workbench>) -> Editor {
        let git = git::is_repository(&settings.root);
        Editor {
            git,
            root: settings.root,
            lang: settings.lang,
            port: settings.port,
            token: settings.token,
            site,
            previews: Mutex::new(HashMap::new()),
            counter: AtomicU64::new(0),
        }
    }

    /// The address `serve` prints: the site, with the token that lets this browser edit.
    pub fn address(&self, site_url: &str) -> String {
        format!("{site_url}?token={}", self.token.as_str())
    }

    /// Whether a request comes from the browser that opened the printed address.
    pub fn admits(&self, headers: &axum::http::HeaderMap) -> bool {
        token::has_cookie(headers, &self.token, self.port)
    }

    /// What `serve` adds to a page of the site for a browser that may edit: links to the
    /// editor of its file, to every file, and to the changes.
    pub fn bar(&self, key: &str) -> String {
        page::bar(key)
    }

    /// Runs `work` on the served site, if it has built.
    fn with_site<T>(&self, mut work: impl FnMut(&mut Site) -> T) -> Option<T> {
        let mut result = None;
        self.site.with_site(&mut |site| result = Some(work(site)));
        result
    }

    fn store_preview(&self, key: &str, html: String) -> u64 {
        let number = self.counter.fetch_add(1, Ordering::Relaxed) + 1;
        let mut previews = self.previews.lock().unwrap_or_else(|p| p.into_inner());
        previews.insert(key.to_owned(), Arc::from(html));
        number
    }

    fn stored_preview(&self, key: &str) -> Option<Arc<str>> {
        let previews = self.previews.lock().unwrap_or_else(|p| p.into_inner());
        previews.get(key).cloned()
    }
}
