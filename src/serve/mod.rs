//! `keten serve`: build the site into memory, serve it on 127.0.0.1, and rebuild what a
//! save changed, reloading the browser; show errors in the browser until they are fixed.
//! It writes nothing to disk.

pub mod http;
mod inject;
pub mod live;
pub mod watch;

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use http::{Published, Shared, Signal};
use live::{LiveSettings, LiveSite, Update};
use watch::Watcher;

use crate::editor::{self, Editor};
use crate::error::{Error, Result};
use crate::messages::Lang;
use crate::msg;

/// Ports tried after the asked one is taken.
const PORTS_TO_TRY: u16 = 20;

/// What `keten serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
    pub future: bool,
    pub poll: bool,
    /// Offer the browser editor on a bind other than loopback (`--editor-on-network`);
    /// on 127.0.0.1 or localhost it is always offered.
    pub editor_on_network: bool,
    /// The language of what `serve` prints and shows in the browser.
    pub lang: Lang,
}

/// Serves the site until Ctrl-C.
pub fn serve(options: &ServeOptions) -> Result<()> {
    // Watch events name absolute paths; the root must be one too to classify them.
    let root = options
        .root
        .canonicalize()
        .map_err(|e| Error::read(&options.root, e))?;
    let listener = bind(&options.bind, options.port, options.lang)?;
    let address = listener
        .local_addr()
        .map_err(|source| listen_error(options, source))?;
    let settings = LiveSettings {
        address: address.to_string(),
        drafts: options.drafts,
        future: options.future,
    };
    let live = Arc::new(Mutex::new(LiveSite::new(&root, settings)));
    let editor = start_editor(options, &root, address.port(), &live);
    let shared = Shared::new(options.lang, editor.clone());
    let (watcher, changes) = Watcher::start(&root, options.poll)?;
    let started = Instant::now();
    let mut reporter = Reporter {
        last_error: None,
        first: true,
        lang: options.lang,
    };
    let url = {
        let mut live = lock(&live);
        let first = live.rebuild();
        reporter.report(&shared, &live, first, started);
        format!("http://{address}{}", live.base_path())
    };
    println!(
        "{}",
        msg!("serve-serving", url = url.as_str()).text(options.lang)
    );
    let opened = match &editor {
        Some(editor) => {
            let address = editor.address(&url);
            println!(
                "{}",
                msg!("serve-editor", url = address.as_str()).text(options.lang)
            );
            if !is_loopback(&options.bind) {
                println!("{}", msg!("serve-editor-network").text(options.lang));
            }
            address
        }
        None => {
            println!("{}", msg!("serve-editor-off").text(options.lang));
            url
        }
    };
    if options.open {
        let _ = open::that(&opened);
    }
    let builder_shared = Arc::clone(&shared);
    std::thread::spawn(move || rebuild_on_change(live, watcher, changes, builder_shared, reporter));
    run_server(listener, shared, options.lang)
}

/// The browser editor, on a loopback bind or when `--editor-on-network` asks for it.
fn start_editor(
    options: &ServeOptions,
    root: &std::path::Path,
    port: u16,
    live: &Arc<Mutex<LiveSite>>,
) -> Option<Arc<Editor>> {
    if !is_loopback(&options.bind) && !options.editor_on_network {
        return None;
    }
    let settings = editor::Settings {
        root: root.to_owned(),
        lang: options.lang,
        port,
        token: editor::Token::new(),
    };
    let lent: Arc<dyn editor::Workbench> = Arc::new(Lent(Arc::clone(live)));
    Some(Arc::new(Editor::new(settings, lent)))
}

/// Whether `serve` listens only for this computer: `127.0.0.1`, `::1`, `localhost`.
pub fn is_loopback(bind: &str) -> bool {
    let host = bind.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The served site, lent to the editor between rebuilds.
struct Lent(Arc<Mutex<LiveSite>>);

impl editor::Workbench for Lent {
    fn with_site(&self, work: &mut dyn FnMut(&mut crate::site::Site)) -> bool {
        lock(&self.0).lend(work)
    }
}

/// The live site; a panic elsewhere leaves it usable (it rebuilds when stale).
fn lock(live: &Mutex<LiveSite>) -> std::sync::MutexGuard<'_, LiveSite> {
    live.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn listen_error(options: &ServeOptions, source: std::io::Error) -> Error {
    Error::Listen {
        address: format!("{}:{}", options.bind, options.port),
        source,
    }
}

/// Binds `port`, or the next free one, saying so when it had to move.
fn bind(host: &str, port: u16, lang: Lang) -> Result<TcpListener> {
    let tries = if port == 0 { 1 } else { PORTS_TO_TRY };
    for offset in 0..tries {
        let candidate = port.saturating_add(offset);
        match TcpListener::bind((host, candidate)) {
            Ok(listener) => {
                if offset > 0 {
                    let moved = msg!("serve-port-moved", port = port, other = candidate);
                    println!("{}", moved.text(lang));
                }
                return Ok(listener);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(source) => {
                return Err(Error::Listen {
                    address: format!("{host}:{candidate}"),
                    source,
                });
            }
        }
    }
    Err(Error::PortsTaken {
        host: host.to_owned(),
        first: port,
        last: port + tries - 1,
    })
}

/// How long a client may take to send a request's headers before it is dropped, so a
/// slow or stuck client cannot hold a connection open.
const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

fn run_server(listener: TcpListener, shared: Arc<Shared>, lang: Lang) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|source| Error::Listen {
            address: "the server's threads".to_owned(),
            source,
        })?;
    let address = listener.local_addr().map_err(|source| Error::Listen {
        address: "the server's socket".to_owned(),
        source,
    })?;
    let port = address.port();
    runtime.block_on(async move {
        let socket_error = |source| Error::Listen {
            address: address.to_string(),
            source,
        };
        listener.set_nonblocking(true).map_err(socket_error)?;
        let listener = tokio::net::TcpListener::from_std(listener).map_err(socket_error)?;
        let app = http::router(shared, port, lang);
        tokio::select! {
            result = accept(listener, app, lang) => result,
            _ = tokio::signal::ctrl_c() => {
                println!("{}", msg!("serve-stopped").text(lang));
                Ok(())
            }
        }
    })
}

/// Serves each connection with HTTP/1.1 and a limit on the time to send headers (axum's
/// own `serve` sets none).
async fn accept(listener: tokio::net::TcpListener, app: axum::Router, lang: Lang) -> Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(connection) => connection,
            Err(error) => {
                let message = msg!("serve-accept", reason = error.to_string());
                eprintln!("{}", message.text(lang));
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT);
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The builder: waits for changes, applies them, publishes the result; when no further
/// change is waiting, renders what the update left for later.
fn rebuild_on_change(
    live: Arc<Mutex<LiveSite>>,
    mut watcher: Watcher,
    changes: Receiver<Vec<PathBuf>>,
    shared: Arc<Shared>,
    mut reporter: Reporter,
) {
    let mut waiting: Option<Vec<PathBuf>> = None;
    loop {
        let mut paths = match waiting.take() {
            Some(paths) => paths,
            None => match changes.recv() {
                Ok(paths) => paths,
                Err(_) => return,
            },
        };
        while let Ok(more) = changes.try_recv() {
            paths.extend(more);
        }
        let _ = watcher.watch_new_folders();
        let started = Instant::now();
        let mut live = lock(&live);
        let result = live.apply(&paths);
        reporter.report(&shared, &live, result, started);
        while live.has_deferred() {
            match changes.try_recv() {
                Ok(more) => {
                    waiting = Some(more);
                    break;
                }
                Err(_) => {
                    let result = live.finish();
                    reporter.report_rest(&shared, &live, result);
                }
            }
        }
    }
}

/// Tells the terminal and the browsers what a build did; an error is printed once.
struct Reporter {
    last_error: Option<String>,
    /// The first build says "Built", later ones "Rebuilt".
    first: bool,
    lang: Lang,
}

impl Reporter {
    fn report(
        &mut self,
        shared: &Shared,
        live: &LiveSite,
        result: Result<Update>,
        started: Instant,
    ) {
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        let update = match result {
            Ok(update) => update,
            Err(error) => return self.failed(shared, live, &error),
        };
        let had_error = self.last_error.take().is_some();
        let count = update.changed.len();
        let ms = format!("{elapsed:.0}");
        let say = |message: crate::messages::Msg| println!("{}", message.text(self.lang));
        let signal = if std::mem::take(&mut self.first) {
            say(msg!("serve-built", ms = ms, count = count));
            None
        } else if had_error {
            say(msg!("serve-fixed", ms = ms));
            Some(Signal::Everything)
        } else if count > 0 {
            say(msg!("serve-rebuilt", ms = ms, count = count));
            signal_for(&update, &live.base_path())
        } else {
            None
        };
        shared.publish(published(live), None, signal);
    }

    /// The second half of an update: quietly serve it and reload the tabs it changed.
    fn report_rest(&mut self, shared: &Shared, live: &LiveSite, result: Result<Update>) {
        match result {
            Ok(update) if !update.changed.is_empty() => {
                shared.publish(
                    published(live),
                    None,
                    signal_for(&update, &live.base_path()),
                );
            }
            Ok(_) => {}
            Err(error) => self.failed(shared, live, &error),
        }
    }

    fn failed(&mut self, shared: &Shared, live: &LiveSite, error: &Error) {
        self.first = false;
        let text = error.report(self.lang);
        if self.last_error.as_deref() != Some(text.as_str()) {
            eprintln!("{text}");
            let note = if live.files().is_empty() {
                msg!("serve-never-built")
            } else {
                msg!("serve-last-good")
            };
            eprintln!("{}", note.text(self.lang));
            shared.publish(
                published(live),
                Some(text.clone()),
                Some(Signal::Everything),
            );
        }
        self.last_error = Some(text);
    }
}

/// Which open pages must reload after an update: the pages that changed; every page when
/// something they all may use changed (an image, a script); only styles when only CSS did.
fn signal_for(update: &Update, base_path: &str) -> Option<Signal> {
    if update.styles_only() {
        return Some(Signal::Styles);
    }
    let not_shown = |path: &str| {
        path.starts_with(crate::search::INDEX_FOLDER)
            || matches!(path, "sitemap.xml" | "robots.txt")
            || path.ends_with("atom.xml")
    };
    let shown: Vec<&String> = update.changed.iter().filter(|p| !not_shown(p)).collect();
    if shown.is_empty() {
        return None;
    }
    if shown.iter().any(|p| !p.ends_with(".html")) {
        return Some(Signal::Everything);
    }
    Some(Signal::Pages(
        shown.iter().map(|p| page_url(base_path, p)).collect(),
    ))
}

/// `agenda/index.html` → `/agenda/` (under the base path), as a browser's location shows it.
fn page_url(base_path: &str, path: &str) -> String {
    format!(
        "{base_path}{}",
        path.strip_suffix("index.html").unwrap_or(path)
    )
}

/// What a build serves.
fn published(live: &LiveSite) -> Published {
    Published {
        files: Arc::new(live.files().clone()),
        base_path: live.base_path(),
        sources: Arc::new(live.sources_by_url()),
    }
}
