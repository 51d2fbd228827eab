//! The development server's HTTP side: files of the site from memory, live reload over
//! server-sent events, and the error overlay. It only ever serves files of the site: a
//! path that tries to leave it is simply not found.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::{Stream, StreamExt, wrappers::BroadcastStream};

use super::inject;
use super::live::Output;
use crate::editor::Editor;
use crate::messages::Lang;
use crate::url::percent_decode;

/// What the server shows: the last good site, and the current error if there is one.
#[derive(Clone, Default)]
pub struct Snapshot {
    pub files: Arc<HashMap<String, Output>>,
    pub error: Option<String>,
    /// Counts the changes pages were told about; a page knows the one it was served at.
    pub generation: u64,
    /// The generation in which each page (by URL path) last changed.
    changed_at: Arc<HashMap<String, u64>>,
    /// The generation of the last change to every page (an error, a rebuild of all).
    everything_at: u64,
    /// The site's base path (`/` or `/g40/`): the site is served under it, as it will be.
    pub base_path: String,
    /// The language of the server's own pages and messages.
    pub lang: Lang,
    /// The content file of each page and section by its URL, for the editor's link.
    pub sources: Arc<HashMap<String, String>>,
}

impl Snapshot {
    /// Whether the page at `path`, served at generation `since`, is out of date.
    fn changed_since(&self, path: &str, since: u64) -> bool {
        self.everything_at > since || self.changed_at.get(path).is_some_and(|g| *g > since)
    }
}

/// What open pages are told after a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// These pages changed (URL paths, `/agenda/`): only tabs showing them reload.
    Pages(Vec<String>),
    /// Only stylesheets changed: every tab refreshes its styles.
    Styles,
    /// Every page: an error to show, or one gone.
    Everything,
}

/// The files of a build and the base path they are served under.
pub struct Published {
    pub files: Arc<HashMap<String, Output>>,
    pub base_path: String,
    /// The content file behind each page's URL.
    pub sources: Arc<HashMap<String, String>>,
}

/// What the builder and the request handlers share.
pub struct Shared {
    snapshot: RwLock<Snapshot>,
    /// To every open page: `reload 7 /a/ /b/`, `reload 7 *` or `css 7`.
    signals: broadcast::Sender<String>,
    /// The browser editor, when this run offers it.
    editor: Option<Arc<Editor>>,
}

impl Shared {
    pub(crate) fn new(lang: Lang, editor: Option<Arc<Editor>>) -> Arc<Shared> {
        let (signals, _) = broadcast::channel(64);
        Arc::new(Shared {
            snapshot: RwLock::new(Snapshot {
                lang,
                ..Snapshot::default()
            }),
            signals,
            editor,
        })
    }

    /// Serves `files` (and `error`) from now on, and tells open pages what changed.
    pub fn publish(&self, site: Published, error: Option<String>, signal: Option<Signal>) {
        let mut snapshot = self.snapshot.write().unwrap_or_else(|p| p.into_inner());
        snapshot.files = site.files;
        snapshot.base_path = site.base_path;
        snapshot.sources = site.sources;
        snapshot.error = error;
        let Some(signal) = signal else { return };
        snapshot.generation += 1;
        let generation = snapshot.generation;
        let message = match signal {
            Signal::Pages(paths) => {
                let changed_at = Arc::make_mut(&mut snapshot.changed_at);
                for path in &paths {
                    changed_at.insert(path.clone(), generation);
                }
                format!("reload {generation} {}", paths.join(" "))
            }
            Signal::Styles => format!("css {generation}"),
            Signal::Everything => {
                snapshot.everything_at = generation;
                format!("reload {generation} *")
            }
        };
        drop(snapshot);
        let _ = self.signals.send(message);
    }

    fn current(&self) -> Snapshot {
        self.snapshot
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// The routes: the site, plus the server's own files under `/__keten/` (the editor's
/// under `/__keten/bewerk/`, when offered). Only requests addressed to this server on
/// `port` are answered (see [`host_allowed`]).
pub fn router(shared: Arc<Shared>, port: u16, lang: Lang) -> Router {
    let editor = shared.editor.clone();
    let editor_routes = match &editor {
        Some(editor) => crate::editor::router(Arc::clone(editor)),
        None => Router::new(),
    };
    Router::new()
        .route("/__keten/events", get(events))
        .route(
            "/__keten/live.js",
            get(|| async {
                asset(
                    "text/javascript; charset=utf-8",
                    include_str!("assets/live.js"),
                )
            }),
        )
        .route(
            "/__keten/live.css",
            get(|| async { asset("text/css; charset=utf-8", include_str!("assets/live.css")) }),
        )
        .fallback(site_file)
        .with_state(shared)
        .merge(editor_routes)
        .layer(axum::middleware::from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| {
                let editor = editor.clone();
                async move {
                    let accepted = editor
                        .as_deref()
                        .and_then(|e| crate::editor::accept_token(e, &request));
                    match accepted {
                        Some(response) => response,
                        None => next.run(request).await,
                    }
                }
            },
        ))
        .layer(axum::middleware::from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| async move {
                let host = request
                    .headers()
                    .get(header::HOST)
                    .and_then(|h| h.to_str().ok());
                if host.is_some_and(|h| host_allowed(h, port)) {
                    next.run(request).await
                } else {
                    (
                        StatusCode::FORBIDDEN,
                        crate::msg!("serve-forbidden").text(lang),
                    )
                        .into_response()
                }
            },
        ))
}

/// Whether a request's `Host` names this server: `localhost` or an IP address, with the
/// port it listens on. Another name means a web page elsewhere resolved its own domain to
/// this computer (DNS rebinding) to read the site; it gets 403, as Vite and
/// webpack-dev-server do.
pub fn host_allowed(host: &str, port: u16) -> bool {
    let (name, host_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with(':') && p.chars().all(|c| c.is_ascii_digit()) => {
            (name, p.parse::<u16>().ok())
        }
        _ => (host, None),
    };
    if host_port.unwrap_or(80) != port {
        return false;
    }
    let name = name.to_ascii_lowercase();
    let ip = name.trim_start_matches('[').trim_end_matches(']');
    name == "localhost" || ip.parse::<std::net::IpAddr>().is_ok()
}

fn asset(content_type: &'static str, text: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response()
}

/// The page says where it is and which generation it shows; if it changed since (while
/// the page was loading), it hears so at once.
#[derive(serde::Deserialize)]
struct Listener {
    #[serde(default)]
    path: String,
    #[serde(default)]
    since: u64,
}

async fn events(
    State(shared): State<Arc<Shared>>,
    Query(listener): Query<Listener>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.signals.subscribe();
    let now = shared.current();
    let first = if now.changed_since(&listener.path, listener.since) {
        format!("reload {} *", now.generation)
    } else {
        format!("ok {}", now.generation)
    };
    let later = BroadcastStream::new(receiver)
        .filter_map(|signal| signal.ok().map(|s| Ok(Event::default().data(s))));
    Sse::new(tokio_stream::once(Ok(Event::default().data(first))).chain(later))
        .keep_alive(KeepAlive::default())
}

async fn site_file(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    let snapshot = shared.current();
    if snapshot.files.is_empty() {
        let building = crate::msg!("serve-building").text(snapshot.lang);
        let error = snapshot.error.as_deref().unwrap_or(&building);
        let page = inject::error_page(error, snapshot.generation, snapshot.lang);
        return html_response(StatusCode::INTERNAL_SERVER_ERROR, page);
    }
    let request = uri.path();
    let inside = match snapshot.base_path.as_str() {
        "/" | "" => Some(request),
        base => request
            .strip_prefix(base.trim_end_matches('/'))
            .filter(|rest| rest.is_empty() || rest.starts_with('/')),
    };
    let inside = inside.map(|rest| if rest.is_empty() { "/" } else { rest });
    let Some(path) = inside.and_then(output_path) else {
        return not_found(&snapshot).await;
    };
    if let Some(output) = snapshot.files.get(&path) {
        let bar = shared
            .editor
            .as_ref()
            .filter(|editor| editor.admits(&headers))
            .and_then(|editor| {
                Some(editor.bar(snapshot.sources.get(&percent_decode(uri.path()))?))
            });
        return respond(&path, output, &snapshot, StatusCode::OK, bar.as_deref()).await;
    }
    let folder = format!("{path}/index.html");
    if !uri.path().ends_with('/') && snapshot.files.contains_key(&folder) {
        // One leading slash: `//agenda/` would send the browser to the host `agenda`.
        let location = format!("/{}/", uri.path().trim_start_matches('/'));
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response();
    }
    not_found(&snapshot).await
}

fn not_found_text(lang: Lang) -> String {
    crate::msg!("serve-not-found").text(lang)
}

async fn not_found(snapshot: &Snapshot) -> Response {
    match snapshot.files.get("404.html") {
        Some(page) => respond("404.html", page, snapshot, StatusCode::NOT_FOUND, None).await,
        None => (StatusCode::NOT_FOUND, not_found_text(snapshot.lang)).into_response(),
    }
}

async fn respond(
    path: &str,
    output: &Output,
    snapshot: &Snapshot,
    status: StatusCode,
    bar: Option<&str>,
) -> Response {
    let bytes: Vec<u8> = match output {
        Output::Bytes(bytes) => bytes.to_vec(),
        Output::File(source) => match tokio::fs::read(source).await {
            Ok(bytes) => bytes,
            Err(_) => {
                return (StatusCode::NOT_FOUND, not_found_text(snapshot.lang)).into_response();
            }
        },
    };
    if path.ends_with(".html") {
        let html = String::from_utf8_lossy(&bytes);
        let page = inject::inject(
            &html,
            snapshot.error.as_deref(),
            snapshot.generation,
            snapshot.lang,
            bar,
        );
        return html_response(status, page);
    }
    let content_type = content_type(path);
    let mut response = (status, Body::from(bytes)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn html_response(status: StatusCode, html: String) -> Response {
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    (status, headers, html).into_response()
}

/// The media type for a file name; text types say they are UTF-8.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.subtype().as_str(),
            "javascript" | "json" | "xml" | "svg"
        );
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// The output path a request path names (`/agenda/` → `agenda/index.html`), or `None`
/// when it tries to leave the site (`..`, encoded or not, backslashes, NUL).
pub fn output_path(request_path: &str) -> Option<String> {
    let decoded = percent_decode(request_path);
    let rest = decoded.strip_prefix('/')?;
    let mut parts = Vec::new();
    for part in rest.split('/') {
        match part {
            "" => {}
            "." | ".." => return None,
            p if p.contains(['\\', '\0']) => return None,
            p => parts.push(p),
        }
    }
    let path = parts.join("/");
    if path.is_empty() {
        Some("index.html".to_owned())
    } else if decoded.ends_with('/') {
        Some(format!("{path}/index.html"))
    } else {
        Some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_output_files() {
        assert_eq!(output_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            output_path("/agenda/").as_deref(),
            Some("agenda/index.html")
        );
        assert_eq!(
            output_path("/css/site.css").as_deref(),
            Some("css/site.css")
        );
        assert_eq!(
            output_path("/papers/jaar%20verslag.pdf").as_deref(),
            Some("papers/jaar verslag.pdf")
        );
    }

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for path in [
            "/../config.yaml",
            "/a/../../x",
            "/%2e%2e/config.yaml",
            "/a/%2E%2E/%2e%2e/x",
            "/a\\..\\x",
            "/%00",
        ] {
            assert_eq!(output_path(path), None, "{path}");
        }
    }

    #[test]
    fn only_requests_for_this_server_are_answered() {
        for host in [
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "LOCALHOST:1111",
            "192.168.1.5:1111",
        ] {
            assert!(host_allowed(host, 1111), "{host}");
        }
        for host in [
            "evil.example:1111",
            "localhost:2222",
            "localhost",
            "127.0.0.1.evil.example:1111",
        ] {
            assert!(!host_allowed(host, 1111), "{host}");
        }
        assert!(host_allowed("localhost", 80));
    }

    #[test]
    fn content_types_for_site_files() {
        assert_eq!(content_type("a.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("a.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("a.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("a.pdf"), "application/pdf");
        assert_eq!(content_type("a.woff2"), "font/woff2");
    }
}
