//! The editor's requests. Reading needs this run's token (in its cookie); writing needs
//! the token and a request from a page of this server (see [`super::token`]). Every file
//! name is checked by [`super::files`] before anything is read or written.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path as UrlPath, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;

use super::files::{self, ContentFile, Opened};
use super::form::{self, Field, FieldError};
use super::page::{self, EditView, Notice};
use super::patch;
use super::problems::{self, Layout, Problem};
use super::{Editor, PREFIX, git, token};
use crate::error::Diagnostic;
use crate::inputs::front_matter::SortBy;
use crate::inputs::schema::Schema;
use crate::inputs::source::Source;
use crate::messages::Msg;
use crate::msg;
use crate::yaml::{self, YamlValue};

/// The largest upload: the size above which the image pipeline warns anyway.
const UPLOAD_LIMIT: usize = 20_000_000;

/// A form post: the pairs as sent, in order (a field with several values comes back
/// several times).
type Pairs = Vec<(String, String)>;

/// The editor's routes, under [`PREFIX`]; `serve` merges them into its own.
pub fn router(editor: Arc<Editor>) -> Router {
    let at = |path: &str| format!("{PREFIX}{path}");
    Router::new()
        .route(&at(""), get(|| async { see_other(&format!("{PREFIX}/")) }))
        .route(&at("/"), get(index))
        .route(
            &at("/editor.css"),
            get(|| async { asset("text/css; charset=utf-8", include_str!("assets/editor.css")) }),
        )
        .route(
            &at("/editor.js"),
            get(|| async {
                asset(
                    "text/javascript; charset=utf-8",
                    include_str!("assets/editor.js"),
                )
            }),
        )
        .route(&at("/bestand/{*key}"), get(open).post(save))
        .route(&at("/voorbeeld/{*key}"), get(preview_page).post(preview))
        .route(&at("/nieuw"), get(new_form).post(create))
        .route(&at("/nieuw/plan"), get(plan_json))
        .route(
            &at("/upload/{*key}"),
            post(upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT + 1_000_000)),
        )
        .route(&at("/wijzigingen"), get(changes).post(commit))
        .route(&at("/links"), get(links))
        .layer(middleware::from_fn_with_state(Arc::clone(&editor), guard))
        .with_state(editor)
}

/// Lets through what may pass: the editor's own stylesheet and script for anyone; other
/// reading for the browser with the token; writing for that browser, from this server's
/// pages only.
async fn guard(State(editor): State<Arc<Editor>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.ends_with("/editor.css") || path.ends_with("/editor.js") {
        return next.run(request).await;
    }
    let headers = request.headers();
    let reading = matches!(*request.method(), Method::GET | Method::HEAD);
    let allowed = if reading {
        editor.admits(headers)
    } else {
        token::may_write(headers, &editor.token, editor.port).is_ok()
    };
    if allowed {
        return next.run(request).await;
    }
    let body = if reading || !editor.admits(headers) {
        page::no_token()
    } else {
        let message = msg!("editor-foreign-origin").text(editor.lang);
        page::refused("Geweigerd", &message)
    };
    html(StatusCode::FORBIDDEN, body)
}

/// For `serve`'s own middleware: a visit with `?token=` (the printed address) gets the
/// cookie and is sent on to the same address without the token, so it stays out of the
/// browser's history and of links copied from the address bar.
pub fn accept_token(editor: &Editor, request: &Request) -> Option<Response> {
    let query = request.uri().query()?;
    let mut others = Vec::new();
    let mut found = false;
    for pair in query.split('&') {
        match pair.strip_prefix("token=") {
            Some(value) if editor.token.matches(value) => found = true,
            _ => others.push(pair),
        }
    }
    if !found {
        return None;
    }
    let path = request.uri().path();
    let location = if others.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", others.join("&"))
    };
    let mut response = see_other(&location);
    let cookie = token::set_cookie(&editor.token, editor.port);
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Some(response)
}

/// The policy of the editor's pages: nothing from elsewhere, no inline script or style;
/// only the editor itself may show the preview in a frame.
const EDITOR_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/// The theme's policy for a preview, which the editor's page may frame.
const PREVIEW_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

fn with_headers(
    status: StatusCode,
    content_type: &'static str,
    policy: &'static str,
    body: impl Into<Body>,
) -> Response {
    let mut response = (status, body.into()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(policy),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

fn html(status: StatusCode, body: String) -> Response {
    with_headers(status, "text/html; charset=utf-8", EDITOR_POLICY, body)
}

fn json(status: StatusCode, value: &impl Serialize) -> Response {
    let body = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned());
    with_headers(
        status,
        "application/json; charset=utf-8",
        EDITOR_POLICY,
        body,
    )
}

fn asset(content_type: &'static str, text: &'static str) -> Response {
    with_headers(StatusCode::OK, content_type, EDITOR_POLICY, text)
}

fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// A refusal as a page (or JSON for the script), in the editor's language.
fn refusal(editor: &Editor, status: StatusCode, message: &Msg, headers: &HeaderMap) -> Response {
    let text = message.text(editor.lang);
    if wants_json(headers) {
        return json(status, &serde_json::json!({ "fout": text }));
    }
    html(status, page::refused("Dat kan niet", &text))
}

/// Runs blocking work (files, git, the site's lock) off the server's threads.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work)
        .await
        .expect("the editor's work does not panic")
}

// ---- what the form knows about a file -----------------------------------------------

/// What the editor knows about a file from the site: its fields and its address.
struct Facts {
    fields: Vec<Field>,
    url: Option<String>,
}

impl Editor {
    fn facts(&self, key: &str) -> Facts {
        let section = key == "_index.md" || key.ends_with("/_index.md");
        let empty = Schema::new();
        let none = SortBy::None;
        let found = self.with_site(|site| {
            let sources = &site.inputs.sources;
            let nearest = (!section)
                .then(|| crate::new::nearest_section(sources, key))
                .flatten();
            let context = form::Context {
                section,
                schema: nearest.map_or(&empty, |s| &s.meta.schema),
                sort_by: nearest.map_or(&none, |s| &s.sort_by),
                taxonomies: &site.inputs.config.taxonomies,
            };
            let content = &site.model.content;
            let url = content
                .pages
                .get(key)
                .map(|p| p.url.clone())
                .or_else(|| content.sections.get(key).map(|s| s.url.clone()));
            Facts {
                fields: form::fields(&context),
                url,
            }
        });
        found.unwrap_or_else(|| {
            let taxonomies = crate::config::Config::load(&self.root, None)
                .map(|c| c.taxonomies)
                .unwrap_or_default();
            let context = form::Context {
                section,
                schema: &empty,
                sort_by: &none,
                taxonomies: &taxonomies,
            };
            Facts {
                fields: form::fields(&context),
                url: None,
            }
        })
    }
}

/// A file's text cut for the form: its front matter read, or `None` when it cannot be
/// (then the text box holds the whole file).
struct Cut {
    yaml: String,
    body: String,
    body_line: usize,
    front: Option<YamlValue>,
}

fn cut(text: &str) -> Cut {
    let whole = || Cut {
        yaml: String::new(),
        body: text.to_owned(),
        body_line: 1,
        front: None,
    };
    let Ok(split) = crate::inputs::front_matter::split(text, std::path::Path::new("")) else {
        return whole();
    };
    let front = if split.yaml.is_empty() {
        Ok(YamlValue::Mapping(Default::default()))
    } else {
        yaml::parse_value(split.yaml)
    };
    match front {
        Ok(front) if front.is_mapping() => Cut {
            yaml: split.yaml.to_owned(),
            body: split.body.to_owned(),
            body_line: split.body_line,
            front: Some(front),
        },
        _ => whole(),
    }
}

/// `sent` with the line endings of `original`: unchanged text keeps its exact bytes
/// (browsers send every line ending as CRLF), a file written with CRLF keeps CRLF.
fn line_endings_of(original: &str, sent: &str) -> String {
    let sent = sent.replace("\r\n", "\n");
    if original.replace("\r\n", "\n") == sent {
        return original.to_owned();
    }
    let crlf = original
        .split('\n')
        .next()
        .is_some_and(|l| l.ends_with('\r'));
    if crlf {
        sent.replace('\n', "\r\n")
    } else {
        sent
    }
}

fn value<'a>(form: &'a Pairs, name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The file as the form would have it.
struct Composed {
    /// The new text, or why it cannot be made.
    text: Result<String, Msg>,
    field_errors: Vec<FieldError>,
    whole_file: bool,
}

/// The file's text with the form's changes: the fields that changed patched into the
/// front matter, the text box as the body (or as the whole file).
fn compose(original: &str, form: &Pairs, fields: &[Field]) -> Composed {
    let sent = value(form, "_tekst").unwrap_or_default();
    let parts = cut(original);
    let whole_file = value(form, "_heel").is_some() || parts.front.is_none();
    if whole_file {
        return Composed {
            text: Ok(line_endings_of(original, sent)),
            field_errors: Vec::new(),
            whole_file,
        };
    }
    let front = parts.front.unwrap_or_default();
    let (changes, field_errors) = form::changes(fields, &front, form);
    let newline_model = if parts.body.contains('\n') {
        parts.body.clone()
    } else {
        original.to_owned()
    };
    let body = if parts.body.replace("\r\n", "\n") == sent.replace("\r\n", "\n") {
        parts.body.clone()
    } else {
        line_endings_of(&newline_model, sent)
    };
    let text = patch::apply(original, &changes, Some(&body)).map_err(|error| match error {
        patch::PatchError::Unreadable(detail) => msg!("editor-patch-unreadable", detail = detail),
        patch::PatchError::Unsafe(path) => msg!("editor-patch-unsafe", path = path),
    });
    Composed {
        text,
        field_errors,
        whole_file,
    }
}

/// Where the problems of `text` go in the form.
fn place(
    editor: &Editor,
    key: &str,
    text: &str,
    whole_file: bool,
    fields: &[Field],
    diagnostics: &[Diagnostic],
    field_errors: &[FieldError],
) -> Vec<Problem> {
    let parts = cut(text);
    let (yaml, first_line) = if whole_file || parts.front.is_none() {
        (String::new(), 1)
    } else {
        (parts.yaml, parts.body_line)
    };
    let layout = Layout {
        key,
        yaml: &yaml,
        first_line,
        fields,
    };
    problems::place(diagnostics, field_errors, &layout, editor.lang)
}

/// What a preview of `text` found, with its page stored for the frame.
struct Checked {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// The number of the stored preview, when it rendered.
    stored: Option<u64>,
}

impl Editor {
    fn check(&self, key: &str, text: &str) -> Checked {
        let preview = self.with_site(|site| site.preview(key, text));
        let Some(preview) = preview else {
            return Checked {
                errors: Vec::new(),
                warnings: Vec::new(),
                stored: None,
            };
        };
        let stored = match (&preview.html, &preview.url) {
            (Some(html), Some(url)) => Some(self.store_preview(key, with_base(html, url))),
            _ => None,
        };
        Checked {
            errors: preview.errors,
            warnings: preview.warnings,
            stored,
        }
    }
}

/// A preview page with `<base href>` set to the page's own address, so its relative
/// links and images resolve as on the site.
fn with_base(html: &str, url: &str) -> String {
    let base = format!("<base href=\"{}\">", crate::html::escape(url));
    let lower = html.to_ascii_lowercase();
    match lower.find("<head") {
        Some(at) => {
            let end = html[at..].find('>').map_or(at, |e| at + e + 1);
            format!("{}{base}{}", &html[..end], &html[end..])
        }
        None => format!("{base}{html}"),
    }
}

// ---- the handlers -------------------------------------------------------------------------

async fn index(State(editor): State<Arc<Editor>>) -> Response {
    blocking(move || {
        let mut listed = editor
            .with_site(|site| {
                site.inputs
                    .sources
                    .files
                    .values()
                    .map(|source| match source {
                        Source::Page(page) => page::Listed {
                            key: page.key.clone(),
                            title: page.meta.title.clone(),
                            draft: page.meta.draft,
                            section: false,
                        },
                        Source::Section(section) => page::Listed {
                            key: section.key.clone(),
                            title: section
                                .meta
                                .title
                                .clone()
                                .unwrap_or_else(|| section.key.clone()),
                            draft: section.meta.draft,
                            section: true,
                        },
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let folder = |key: &str| {
            crate::model::parent_dir(key.strip_suffix("/index.md").unwrap_or(key)).to_owned()
        };
        listed.sort_by(|a, b| {
            (folder(&a.key), !a.section, &a.key).cmp(&(folder(&b.key), !b.section, &b.key))
        });
        html(StatusCode::OK, page::index(&listed, editor.git))
    })
    .await
}

#[derive(serde::Deserialize, Default)]
struct OpenQuery {
    #[serde(default)]
    opgeslagen: Option<String>,
    #[serde(default)]
    toegevoegd: Option<String>,
    #[serde(default)]
    nieuw: Option<String>,
}

async fn open(
    State(editor): State<Arc<Editor>>,
    UrlPath(key): UrlPath<String>,
    Query(query): Query<OpenQuery>,
    headers: HeaderMap,
) -> Response {
    blocking(move || {
        let (file, opened) = match editor.read(&key) {
            Ok(found) => found,
            Err((status, message)) => return refusal(&editor, status, &message, &headers),
        };
        let notice = match (query.opgeslagen.as_deref(), query.toegevoegd, query.nieuw) {
            (Some("1"), _, _) => Some(Notice::Saved),
            (Some(_), _, _) => Some(Notice::Unchanged),
            (_, Some(name), _) => Some(Notice::Uploaded(name)),
            (_, _, Some(_)) => Some(Notice::Created),
            _ => None,
        };
        editor.show(&file, &opened, None, notice, StatusCode::OK)
    })
    .await
}

impl Editor {
    /// The file `key` and its bytes, or why not.
    fn read(&self, key: &str) -> Result<(ContentFile, Opened), (StatusCode, Msg)> {
        let file = files::existing(&self.root, key).map_err(|m| {
            let status = if m.id() == "editor-not-found" {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::FORBIDDEN
            };
            (status, m)
        })?;
        let opened = files::open(&file).map_err(|e| {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Msg::literal(e.report(self.lang)),
            )
        })?;
        Ok((file, opened))
    }

    /// The editor page of a file: as on disk (`sent` none), or as the form sent it back
    /// when it could not be saved.
    fn show(
        &self,
        file: &ContentFile,
        opened: &Opened,
        sent: Option<(&Pairs, Vec<Problem>)>,
        notice: Option<Notice>,
        status: StatusCode,
    ) -> Response {
        let facts = self.facts(&file.key);
        let parts = cut(&opened.text);
        let (values, text, problems, whole_file, hash) = match sent {
            Some((form, problems)) => {
                let values = facts
                    .fields
                    .iter()
                    .map(|f| form::submitted(f, form))
                    .collect();
                let text = value(form, "_tekst")
                    .unwrap_or_default()
                    .replace("\r\n", "\n");
                let whole = value(form, "_heel").is_some() || parts.front.is_none();
                let hash = value(form, "_hash").unwrap_or(&opened.hash).to_owned();
                (values, text, problems, whole, hash)
            }
            None => {
                let front = parts.front.clone().unwrap_or_default();
                let values: Vec<String> = facts
                    .fields
                    .iter()
                    .map(|f| form::current(f, &front))
                    .collect();
                let checked = self.check(&file.key, &opened.text);
                let whole = parts.front.is_none();
                let problems = place(
                    self,
                    &file.key,
                    &opened.text,
                    whole,
                    &facts.fields,
                    &checked.errors,
                    &[],
                );
                (
                    values,
                    parts.body.clone(),
                    problems,
                    whole,
                    opened.hash.clone(),
                )
            }
        };
        let title = facts
            .fields
            .iter()
            .zip(&values)
            .find(|(f, _)| f.path == "title")
            .map(|(_, v)| v.clone())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| file.key.clone());
        let page_files = files::page_files(&self.root, &file.key);
        let view = EditView {
            key: &file.key,
            title: &title,
            url: facts.url.as_deref(),
            fields: facts.fields.iter().zip(values).collect(),
            whole_file,
            text: &text,
            hash: &hash,
            notice,
            problems: &problems,
            files: &page_files,
            git: self.git,
        };
        html(status, page::edit(&view))
    }
}

async fn save(
    State(editor): State<Arc<Editor>>,
    UrlPath(key): UrlPath<String>,
    headers: HeaderMap,
    Form(form): Form<Pairs>,
) -> Response {
    blocking(move || editor.save(&key, &form, &headers)).await
}

impl Editor {
    fn save(&self, key: &str, form: &Pairs, headers: &HeaderMap) -> Response {
        let (file, opened) = match self.read(key) {
            Ok(found) => found,
            Err((status, message)) => return refusal(self, status, &message, headers),
        };
        let facts = self.facts(key);
        let composed = compose(&opened.text, form, &facts.fields);
        if value(form, "_hash") != Some(opened.hash.as_str()) {
            return self.conflict(&file, &opened, form, &composed);
        }
        let text = match composed.text {
            Ok(text) => text,
            Err(message) => {
                let notice = Notice::Error(message.text(self.lang));
                return self.show(
                    &file,
                    &opened,
                    Some((form, Vec::new())),
                    Some(notice),
                    StatusCode::UNPROCESSABLE_ENTITY,
                );
            }
        };
        let bytes = files::encode(opened.bom, &text);
        let checked = if composed.field_errors.is_empty() && bytes != opened.bytes {
            Some(self.check(key, &text))
        } else {
            None
        };
        let errors = checked.as_ref().map_or(&[][..], |c| &c.errors[..]);
        let forced = value(form, "_actie") == Some("toch");
        if !composed.field_errors.is_empty() || (!errors.is_empty() && !forced) {
            let problems = place(
                self,
                key,
                &text,
                composed.whole_file,
                &facts.fields,
                errors,
                &composed.field_errors,
            );
            return self.show(
                &file,
                &opened,
                Some((form, problems)),
                Some(Notice::NotSaved),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
        if bytes == opened.bytes {
            return see_other(&format!("{}?opgeslagen=0", page::edit_url(key)));
        }
        if let Err(error) = crate::files::write_atomically(&file.path, &bytes) {
            let notice = Notice::Error(error.report(self.lang));
            return self.show(
                &file,
                &opened,
                Some((form, Vec::new())),
                Some(notice),
                StatusCode::INTERNAL_SERVER_ERROR,
            );
        }
        see_other(&format!("{}?opgeslagen=1", page::edit_url(key)))
    }

    /// The file changed on disk since the form was opened: nothing is written; both
    /// versions are shown side by side.
    fn conflict(
        &self,
        file: &ContentFile,
        opened: &Opened,
        form: &Pairs,
        composed: &Composed,
    ) -> Response {
        let theirs = match &composed.text {
            Ok(text) => text.clone(),
            Err(_) => value(form, "_tekst").unwrap_or_default().to_owned(),
        };
        let table = git::side_by_side(&opened.text, &theirs, "Nu op schijf", "Uw versie");
        let body = page::conflict(&file.key, &table, form, &opened.hash, self.git);
        html(StatusCode::CONFLICT, body)
    }
}

/// What the script hears after a preview.
#[derive(Serialize)]
struct PreviewAnswer {
    /// The address of the rendered page for the frame, when it rendered.
    adres: Option<String>,
    /// How long the preview took, in milliseconds.
    ms: u64,
    problemen: Vec<Problem>,
    waarschuwingen: Vec<Problem>,
}

async fn preview(
    State(editor): State<Arc<Editor>>,
    UrlPath(key): UrlPath<String>,
    headers: HeaderMap,
    Form(form): Form<Pairs>,
) -> Response {
    blocking(move || {
        let started = Instant::now();
        let (_, opened) = match editor.read(&key) {
            Ok(found) => found,
            Err((status, message)) => return refusal(&editor, status, &message, &headers),
        };
        let facts = editor.facts(&key);
        let composed = compose(&opened.text, &form, &facts.fields);
        let (checked, text) = match &composed.text {
            Ok(text) => (editor.check(&key, text), text.clone()),
            Err(message) => {
                let problem = Problem {
                    field: None,
                    line: None,
                    location: format!("content/{key}"),
                    message: message.text(editor.lang),
                };
                let answer = PreviewAnswer {
                    adres: None,
                    ms: 0,
                    problemen: vec![problem],
                    waarschuwingen: Vec::new(),
                };
                return json(StatusCode::OK, &answer);
            }
        };
        let place_all = |list: &[Diagnostic], own: &[FieldError]| {
            place(
                &editor,
                &key,
                &text,
                composed.whole_file,
                &facts.fields,
                list,
                own,
            )
        };
        let answer = PreviewAnswer {
            adres: checked
                .stored
                .map(|n| format!("{PREFIX}/voorbeeld/{}?v={n}", page::href_key(&key))),
            ms: started.elapsed().as_millis() as u64,
            problemen: place_all(&checked.errors, &composed.field_errors),
            waarschuwingen: place_all(&checked.warnings, &[]),
        };
        json(StatusCode::OK, &answer)
    })
    .await
}

/// The page in the preview frame: the latest preview, or the file as saved.
async fn preview_page(
    State(editor): State<Arc<Editor>>,
    UrlPath(key): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    blocking(move || {
        if files::existing(&editor.root, &key).is_err() {
            return refusal(
                &editor,
                StatusCode::NOT_FOUND,
                &msg!("editor-not-found", path = key.as_str()),
                &headers,
            );
        }
        let stored = editor.stored_preview(&key).or_else(|| {
            let (_, opened) = editor.read(&key).ok()?;
            editor.check(&key, &opened.text);
            editor.stored_preview(&key)
        });
        match stored {
            Some(page) => with_headers(
                StatusCode::OK,
                "text/html; charset=utf-8",
                PREVIEW_POLICY,
                page.to_string(),
            ),
            None => html(
                StatusCode::OK,
                page::refused(
                    "Geen voorbeeld",
                    &msg!("editor-no-preview").text(editor.lang),
                ),
            ),
        }
    })
    .await
}

// ---- new pages --------------------------------------------------------------------------

#[derive(serde::Deserialize, Default)]
struct NewQuery {
    #[serde(default)]
    sectie: String,
    #[serde(default)]
    titel: String,
}

/// What a new page with this title in this section would be: its key and address.
struct Plan {
    key: String,
    url: String,
}

impl Editor {
    /// Every section: (key of its `_index.md`, title), by key.
    fn sections(&self) -> Vec<(String, String)> {
        self.with_site(|site| {
            site.inputs
                .sources
                .files
                .values()
                .filter_map(|source| match source {
                    Source::Section(s) => Some((
                        s.key.clone(),
                        s.meta.title.clone().unwrap_or_else(|| s.key.clone()),
                    )),
                    Source::Page(_) => None,
                })
                .collect()
        })
        .unwrap_or_default()
    }

    fn plan(&self, section: &str, title: &str) -> Result<Plan, Msg> {
        let slug = crate::url::slugify(title);
        if slug.is_empty() {
            return Err(msg!("editor-title-needed"));
        }
        let today = chrono::Local::now().date_naive();
        let planned = self.with_site(|site| {
            let Some(Source::Section(found)) = site.inputs.sources.files.get(section) else {
                return Err(msg!("editor-no-section", path = section));
            };
            let folder = crate::model::parent_dir(&found.key).to_owned();
            let name = if found.sort_by == SortBy::Date {
                format!("{}-{slug}.md", today.format("%Y-%m-%d"))
            } else {
                format!("{slug}.md")
            };
            let base = site.model.content.sections.get(section).map_or_else(
                || {
                    crate::url::folder_url(
                        &site.inputs.config.base_path,
                        &crate::url::slug_path(&folder),
                    )
                },
                |s| s.url.clone(),
            );
            let url = format!("{base}{slug}/");
            let taken = site.model.content.pages.values().find(|p| p.url == url);
            if let Some(other) = taken {
                let other = other.source.file.display().to_string();
                return Err(msg!("editor-url-taken", url = url.as_str(), other = other));
            }
            Ok(Plan {
                key: crate::url::join(&folder, &name),
                url,
            })
        });
        let plan = planned.unwrap_or_else(|| Err(msg!("editor-not-built")))?;
        files::fresh(&self.root, &plan.key)?;
        Ok(plan)
    }

    fn new_form(&self, query: &NewQuery, error: Option<Msg>, status: StatusCode) -> Response {
        let sections = self.sections();
        let title = query.titel.trim();
        let planned = (!title.is_empty()).then(|| self.plan(&query.sectie, title));
        let (planned, error) = match (planned, error) {
            (_, Some(error)) => (None, Some(error)),
            (Some(Ok(plan)), None) => (Some((format!("content/{}", plan.key), plan.url)), None),
            (Some(Err(error)), None) => (None, Some(error)),
            (None, None) => (None, None),
        };
        let view = page::NewView {
            sections: &sections,
            section: &query.sectie,
            title: &query.titel,
            planned,
            error: error.map(|e| e.text(self.lang)),
            git: self.git,
        };
        html(status, page::new_page(&view))
    }
}

async fn new_form(State(editor): State<Arc<Editor>>, Query(query): Query<NewQuery>) -> Response {
    blocking(move || editor.new_form(&query, None, StatusCode::OK)).await
}

/// For the script: the file and address a title gives, as the editor types it.
async fn plan_json(State(editor): State<Arc<Editor>>, Query(query): Query<NewQuery>) -> Response {
    blocking(move || match editor.plan(&query.sectie, query.titel.trim()) {
        Ok(plan) => json(
            StatusCode::OK,
            &serde_json::json!({ "bestand": format!("content/{}", plan.key), "adres": plan.url }),
        ),
        Err(message) => json(StatusCode::OK, &serde_json::json!({ "fout": message.text(editor.lang) })),
    })
    .await
}

async fn create(State(editor): State<Arc<Editor>>, Form(query): Form<NewQuery>) -> Response {
    blocking(move || {
        let title = query.titel.trim();
        if title.is_empty() {
            return editor.new_form(
                &query,
                Some(msg!("editor-title-needed")),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
        let plan = match editor.plan(&query.sectie, title) {
            Ok(plan) => plan,
            Err(error) => {
                return editor.new_form(&query, Some(error), StatusCode::UNPROCESSABLE_ENTITY);
            }
        };
        let theme = editor
            .with_site(|site| site.inputs.config.theme.clone())
            .flatten();
        let today = chrono::Local::now().date_naive();
        match crate::new::new_titled(&editor.root, &plan.key, theme.as_deref(), today, title) {
            Ok(_) => see_other(&format!("{}?nieuw=1", page::edit_url(&plan.key))),
            Err(error) => {
                let message = Msg::literal(error.report(editor.lang));
                editor.new_form(&query, Some(message), StatusCode::UNPROCESSABLE_ENTITY)
            }
        }
    })
    .await
}

// ---- uploads --------------------------------------------------------------------------------

async fn upload(
    State(editor): State<Arc<Editor>>,
    UrlPath(key): UrlPath<String>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let mut received: Option<(String, Vec<u8>)> = None;
    let too_big = || msg!("editor-upload-too-big", size = "> 20", limit = "20.0");
    loop {
        match multipart.next_field().await {
            Ok(Some(mut field)) if field.name() == Some("bestand") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let mut bytes = Vec::new();
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            bytes.extend_from_slice(&chunk);
                            if bytes.len() > UPLOAD_LIMIT {
                                return refusal(
                                    &editor,
                                    StatusCode::PAYLOAD_TOO_LARGE,
                                    &too_big(),
                                    &headers,
                                );
                            }
                        }
                        Ok(None) => break,
                        Err(_) => {
                            return refusal(
                                &editor,
                                StatusCode::PAYLOAD_TOO_LARGE,
                                &too_big(),
                                &headers,
                            );
                        }
                    }
                }
                received = Some((name, bytes));
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return refusal(&editor, StatusCode::PAYLOAD_TOO_LARGE, &too_big(), &headers),
        }
    }
    blocking(move || {
        let Some((name, bytes)) = received.filter(|(name, _)| !name.is_empty()) else {
            return refusal(
                &editor,
                StatusCode::BAD_REQUEST,
                &msg!("editor-upload-none"),
                &headers,
            );
        };
        let limit = editor
            .with_site(|site| site.inputs.config.images.max_source_bytes)
            .unwrap_or(UPLOAD_LIMIT as u64)
            .min(UPLOAD_LIMIT as u64);
        match files::upload(&editor.root, &key, &name, &bytes, limit) {
            Ok(done) if wants_json(&headers) => json(
                StatusCode::OK,
                &serde_json::json!({
                    "sleutel": done.key,
                    "naam": done.name,
                    "bewerk": page::edit_url(&done.key),
                    "voorbeeld": format!("{PREFIX}/voorbeeld/{}", page::href_key(&done.key)),
                    "upload": format!("{PREFIX}/upload/{}", page::href_key(&done.key)),
                }),
            ),
            Ok(done) => see_other(&format!(
                "{}?toegevoegd={}",
                page::edit_url(&done.key),
                page::href_key(&done.name)
            )),
            Err(message) => {
                let status = if message.id() == "editor-upload-too-big" {
                    StatusCode::PAYLOAD_TOO_LARGE
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                };
                if wants_json(&headers) {
                    return refusal(&editor, status, &message, &headers);
                }
                match editor.read(&key) {
                    Ok((file, opened)) => {
                        let notice = Notice::Error(message.text(editor.lang));
                        editor.show(&file, &opened, None, Some(notice), status)
                    }
                    Err((status, message)) => refusal(&editor, status, &message, &headers),
                }
            }
        }
    })
    .await
}

// ---- git ------------------------------------------------------------------------------------

#[derive(serde::Deserialize, Default)]
struct ChangesQuery {
    #[serde(default)]
    vastgelegd: Option<String>,
}

async fn changes(State(editor): State<Arc<Editor>>, Query(query): Query<ChangesQuery>) -> Response {
    blocking(move || {
        let notice = query
            .vastgelegd
            .map(|hash| msg!("editor-git-committed", hash = hash).text(editor.lang));
        editor.changes_page(notice.as_deref(), None, StatusCode::OK)
    })
    .await
}

impl Editor {
    fn changes_page(
        &self,
        notice: Option<&str>,
        error: Option<&str>,
        status: StatusCode,
    ) -> Response {
        if !self.git {
            let message = msg!("editor-git-none").text(self.lang);
            return html(StatusCode::OK, page::refused("Wijzigingen", &message));
        }
        let list = match git::changes(&self.root) {
            Ok(list) => list,
            Err(message) => {
                return html(
                    StatusCode::OK,
                    page::refused("Wijzigingen", &message.text(self.lang)),
                );
            }
        };
        let views: Vec<page::ChangedView> = list
            .iter()
            .map(|change| {
                let read = |path: &str| std::fs::read(self.root.join(path)).unwrap_or_default();
                let old = match change.kind {
                    git::Kind::Added => String::new(),
                    git::Kind::Renamed(ref from) => git::committed(&self.root, from),
                    _ => git::committed(&self.root, &change.path),
                };
                let new = match change.kind {
                    git::Kind::Deleted => Vec::new(),
                    _ => read(&change.path),
                };
                let diff = match String::from_utf8(new) {
                    Ok(new) if !new.contains('\0') && !old.contains('\0') => git::diff_table(
                        &old,
                        &new,
                        &format!("Wat er veranderd is in {}", change.path),
                    ),
                    Ok(_) | Err(_) => {
                        "<p>Een bestand dat geen tekst is (een foto of pdf).</p>".to_owned()
                    }
                };
                page::ChangedView {
                    path: change.path.clone(),
                    kind: change.kind.label(),
                    diff,
                }
            })
            .collect();
        html(status, page::changes(&views, notice, error))
    }
}

async fn commit(State(editor): State<Arc<Editor>>, Form(form): Form<Pairs>) -> Response {
    blocking(move || {
        let paths: Vec<String> = form
            .iter()
            .filter(|(name, _)| name == "bestand")
            .map(|(_, value)| value.clone())
            .collect();
        let message = value(&form, "bericht")
            .unwrap_or_default()
            .replace("\r\n", "\n");
        match git::commit(&editor.root, &paths, &message) {
            Ok(hash) => see_other(&format!(
                "{PREFIX}/wijzigingen?vastgelegd={}",
                page::href_key(&hash)
            )),
            Err(error) => {
                let text = error.text(editor.lang);
                editor.changes_page(None, Some(&text), StatusCode::UNPROCESSABLE_ENTITY)
            }
        }
    })
    .await
}

// ---- the link picker ------------------------------------------------------------------------

#[derive(Serialize)]
struct Linkable {
    sleutel: String,
    titel: String,
    adres: String,
    koppen: Vec<LinkHeading>,
}

#[derive(Serialize)]
struct LinkHeading {
    id: String,
    titel: String,
    niveau: u8,
}

async fn links(State(editor): State<Arc<Editor>>) -> Response {
    blocking(move || {
        let list = editor
            .with_site(|site| {
                let content = &site.model.content;
                let pages = content
                    .pages
                    .iter()
                    .map(|(key, p)| (key, p.title(), &p.url, &p.rendered.toc));
                let sections = content
                    .sections
                    .iter()
                    .map(|(key, s)| (key, s.title(), &s.url, &s.rendered.toc));
                let mut list: Vec<Linkable> = pages
                    .chain(sections)
                    .map(|(key, title, url, toc)| Linkable {
                        sleutel: key.clone(),
                        titel: title.to_owned(),
                        adres: url.clone(),
                        koppen: flatten(toc),
                    })
                    .collect();
                list.sort_by(|a, b| a.sleutel.cmp(&b.sleutel));
                list
            })
            .unwrap_or_default();
        json(StatusCode::OK, &list)
    })
    .await
}

fn flatten(toc: &[crate::markdown::Heading]) -> Vec<LinkHeading> {
    toc.iter()
        .flat_map(|h| {
            std::iter::once(LinkHeading {
                id: h.id.clone(),
                titel: h.title.clone(),
                niveau: h.level,
            })
            .chain(flatten(&h.children))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Pairs {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn an_unchanged_form_gives_the_same_bytes_even_with_crlf_and_a_mixed_body() {
        let fields = vec![Field {
            path: "title".into(),
            label: "Titel".into(),
            kind: form::Kind::Line,
            required: true,
            help: None,
        }];
        for original in [
            "---\ntitle: A # x\n---\n\nTekst.\n",
            "---\r\ntitle: A\r\n---\r\n\r\nTekst.\r\n",
            "---\ntitle: A\n---\r\nGemengd\nTekst.\r\n",
        ] {
            let body = cut(original)
                .body
                .replace("\r\n", "\n")
                .replace('\n', "\r\n");
            let sent = form(&[("title", "A"), ("_tekst", &body)]);
            let composed = compose(original, &sent, &fields);
            assert_eq!(composed.text.unwrap(), original);
        }
        let crlf = "---\r\ntitle: A\r\n---\r\n\r\nTekst.\r\n";
        let sent = form(&[("title", "B"), ("_tekst", "\r\nNieuw.\r\n")]);
        assert_eq!(
            compose(crlf, &sent, &fields).text.unwrap(),
            "---\r\ntitle: B\r\n---\r\n\r\nNieuw.\r\n"
        );
    }

    #[test]
    fn a_preview_gets_a_base_address() {
        assert_eq!(
            with_base("<html><head><title>t</title></head>", "/a/"),
            "<html><head><base href=\"/a/\"><title>t</title></head>"
        );
    }
}
