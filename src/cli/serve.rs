//! `klarbrev serve`: the page for caseworkers and its JSON API, on their
//! own machine. The page and everything it needs are embedded; nothing is
//! written to disk; the log says method, path, status and duration, never
//! a letter's text. User text is data everywhere: it is never rendered as
//! a template, and the page builds its view from text nodes.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use axum::Router;
use axum::extract::rejection::{BytesRejection, JsonRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use super::Outcome;
use super::lexicon::{JsonEntry, lookup};
use klarbrev::analysis::analyse;
use klarbrev::diff::{self, Chunk, Summary};
use klarbrev::emit::{self, FileReport};
use klarbrev::facts::Fact;
use klarbrev::fix::Applied;
use klarbrev::rewrite::{self, Made};
use klarbrev::template::{Filled, Template};
use klarbrev::text::{Document, Format};

/// Request bodies larger than this get 413.
pub const MAX_BODY: usize = 1_000_000;

const INDEX: &str = include_str!("../../web/index.html");
const SCRIPT: &str = include_str!("../../web/app.js");
const STYLE: &str = include_str!("../../web/style.css");

/// Only the page's own resources; no inline script or style.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

#[derive(clap::Args)]
#[command(
    help_template = super::HELP_TEMPLATE,
    override_usage = "klarbrev serve [TILVALG]",
    next_help_heading = "Tilvalg"
)]
pub struct Args {
    /// Porten (0 vælger en ledig port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Adressen, der lyttes på. Standard er kun denne maskine (127.0.0.1).
    #[arg(long, default_value = "127.0.0.1", value_name = "ADRESSE")]
    bind: IpAddr,
    #[command(flatten)]
    lexicon: super::LexiconArgs,
}

struct App {
    rules: super::Rules,
    settings: klarbrev::rules::Settings,
    /// The threads that read letters, one per core.
    pool: rayon::ThreadPool,
}

type Shared = std::sync::Arc<App>;

pub fn run(args: Args) -> Outcome {
    let rules = match args.lexicon.load() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("fejl: {e}");
            return Outcome::Error;
        }
    };
    if !args.bind.is_loopback() {
        eprintln!(
            "advarsel: klarbrev lytter på {} og kan nås fra andre maskiner. Breve indeholder personoplysninger – brug kun dette på et netværk, du stoler på.",
            args.bind
        );
    }
    keep_freed_memory();
    // One thread serves the connections; the letters are read on the
    // worker pool, one per core (see `on_pool`).
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fejl: serveren kunne ikke starte: {e}");
            return Outcome::Error;
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("klarbrev-brev-{i}"))
        // A letter that trips a bug gets a 500, and the server goes on.
        .panic_handler(|_| eprintln!("fejl: et brev kunne ikke behandles (intern fejl)."))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("fejl: serveren kunne ikke starte: {e}");
            return Outcome::Error;
        }
    };
    let settings = rules.letter_settings(None);
    let app = std::sync::Arc::new(App {
        rules,
        settings,
        pool,
    });
    match runtime.block_on(serve(SocketAddr::new(args.bind, args.port), app)) {
        Ok(()) => Outcome::Fine,
        Err(e) => {
            eprintln!("fejl: {e}");
            Outcome::Error
        }
    }
}

/// glibc gives freed memory back to the system as soon as the top of a
/// heap is free. Answers of 100 KB are built and dropped thousands of
/// times a second, so that costs a page fault for every page of every
/// answer; the server keeps what it has freed instead (it stays far below
/// 50 MB, see the README).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: mallopt only sets two of the allocator's parameters, and is
    // called before the server starts any thread.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}

async fn serve(addr: SocketAddr, app: Shared) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("kan ikke lytte på {addr}: {e}"))?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("kan ikke lytte på {addr}: {e}"))?;
    println!("klarbrev kører på http://{local}/ – åbn adressen i din browser. Stop med Ctrl-C.");
    // Answers go out at once (no waiting to fill a packet).
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("klarbrev stopper.");
        })
        .await
        .map_err(|e| format!("serveren stoppede: {e}"))
}

fn router(app: Shared) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX) }),
        )
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .route(
            "/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE) }),
        )
        .route("/api/score", post(score))
        .route("/api/rewrite", post(rewrite_letter))
        .route("/api/diff", post(diff_letters))
        .route("/api/templates", get(templates))
        .route("/api/lexicon/explain", get(explain))
        .route("/api/upload", post(upload))
        .fallback(|| async { error(StatusCode::NOT_FOUND, "Siden findes ikke.") })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(headers_and_log))
        .with_state(app)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// Security headers on every response, and one log line per request:
/// method, path (never the query or body), status, duration.
async fn headers_and_log(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    eprintln!(
        "{method} {path} {} {:.1} ms",
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    response
}

#[derive(Serialize)]
struct ApiError<'a> {
    error: &'a str,
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(ApiError { error: message })).into_response()
}

/// A JSON answer written into one buffer of `capacity` bytes.
fn json_written(
    capacity: usize,
    write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> Response {
    let mut body = Vec::with_capacity(capacity);
    match write(&mut body) {
        Ok(()) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response(),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Svaret kunne ikke laves.",
        ),
    }
}

/// A serde value as a JSON answer, in one buffer of `capacity` bytes.
fn json_answer<T: Serialize>(value: &T, capacity: usize) -> Response {
    json_written(capacity, |body| {
        serde_json::to_writer(body, value).map_err(std::io::Error::from)
    })
}

/// JSON bodies with Danish errors: 415 without a JSON content type, 413
/// over the size limit, 400 for broken JSON, 422 for JSON of the wrong shape.
struct Json<T>(T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Json(v)),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Send JSON med Content-Type: application/json.",
            )),
            Err(JsonRejection::JsonSyntaxError(_)) => Err(error(
                StatusCode::BAD_REQUEST,
                "Forespørgslen er ikke gyldig JSON.",
            )),
            Err(JsonRejection::JsonDataError(e)) => Err(error(
                StatusCode::UNPROCESSABLE_ENTITY,
                &format!(
                    "Forespørgslen har ikke de rigtige felter: {}",
                    klarbrev::fmt::danish_serde_error(&e.body_text())
                ),
            )),
            Err(JsonRejection::BytesRejection(e)) => Err(too_large_or_bad(e)),
            Err(_) => Err(error(
                StatusCode::BAD_REQUEST,
                "Forespørgslen kunne ikke læses.",
            )),
        }
    }
}

fn too_large_or_bad(e: BytesRejection) -> Response {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Brevet er for stort: højst 1 MB.",
        )
    } else {
        error(StatusCode::BAD_REQUEST, "Forespørgslen kunne ikke læses.")
    }
}

/// A failed request: its status and Danish message (small, unlike a
/// whole `Response`).
struct Fail(StatusCode, String);

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        error(self.0, &self.1)
    }
}

fn parse_format(format: Option<&str>) -> Result<Format, Fail> {
    match format.unwrap_or("txt") {
        "txt" => Ok(Format::Txt),
        "markdown" => Ok(Format::Markdown),
        "tera" => Ok(Format::TeraMarkdown),
        other => Err(Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Ukendt format »{other}«: brug txt, markdown eller tera."),
        )),
    }
}

/// Analyses a text as the CLI would analyse a file called »brev«.
fn analyse_text(app: &App, text: String, format: Format) -> Result<FileReport, Fail> {
    let doc = Document::parse(text, format).map_err(|e| {
        Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            klarbrev::input::document_message(&e),
        )
    })?;
    let analysis = analyse(doc, app.rules.registry(), &app.settings);
    Ok(FileReport::of_text("brev", analysis))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreRequest {
    text: String,
    #[serde(default)]
    format: Option<String>,
}

async fn score(State(app): State<Shared>, Json(req): Json<ScoreRequest>) -> Response {
    on_pool(app, move |app| {
        let format = parse_format(req.format.as_deref())?;
        let report = analyse_text(app, req.text, format)?;
        // About 330 bytes per finding and 40 per sentence: one buffer of
        // the right size instead of a chain of copies as it grows.
        let analysis = &report.analysis;
        let size =
            2048 + 384 * analysis.findings.len() + 48 * analysis.segmentation.sentences.len();
        Ok(json_written(size, |body| {
            emit::json::write_file(body, &report)
        }))
    })
    .await
}

/// Runs the work of a request on the worker pool, first come first served,
/// so a long letter never holds up the server's connections and every
/// request waits its turn.
async fn on_pool(
    app: Shared,
    work: impl FnOnce(&App) -> Result<Response, Fail> + Send + 'static,
) -> Response {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let worker = Shared::clone(&app);
    app.pool.spawn_fifo(move || {
        let _ = tx.send(work(&worker).unwrap_or_else(Fail::into_response));
    });
    rx.await.unwrap_or_else(|_| {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Brevet kunne ikke behandles.",
        )
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RewriteRequest {
    text: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    template: Option<String>,
    #[serde(default)]
    unsafe_fixes: bool,
    #[serde(default)]
    facts: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct RewriteResponse<'a> {
    version: u32,
    text: &'a str,
    applied: &'a [Applied],
    template: Option<TemplateUse<'a>>,
    summary: &'a Summary,
    invented: &'a [Fact],
}

#[derive(Serialize)]
struct TemplateUse<'a> {
    name: &'a str,
    cue: Option<&'a str>,
    facts: &'a [Filled],
}

async fn rewrite_letter(State(app): State<Shared>, Json(req): Json<RewriteRequest>) -> Response {
    on_pool(app, move |app| rewrite_work(app, req)).await
}

fn rewrite_work(app: &App, req: RewriteRequest) -> Result<Response, Fail> {
    let format = parse_format(req.format.as_deref())?;
    let before = analyse_text(app, req.text, format)?;
    let request = rewrite::Request {
        template: req.template.filter(|t| !t.is_empty()),
        unsafe_fixes: req.unsafe_fixes,
        user: req
            .facts
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .collect(),
    };
    let done = rewrite::rewrite(
        &before.analysis,
        app.rules.registry(),
        &app.settings,
        &request,
    )
    .map_err(|e| {
        Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            klarbrev::input::capitalise(&e.to_string()),
        )
    })?;
    let (applied, template): (&[Applied], Option<TemplateUse>) = match &done.made {
        Made::Fixes(a) => (a, None),
        Made::Template {
            rendered,
            template,
            cue,
        } => (
            &[],
            Some(TemplateUse {
                name: &template.name,
                cue: cue.as_deref(),
                facts: &rendered.filled,
            }),
        ),
    };
    let size = 4096 + 2 * done.after.document.text.len();
    Ok(json_answer(
        &RewriteResponse {
            version: 1,
            text: &done.after.document.text,
            applied,
            template,
            summary: &done.summary,
            invented: &done.invented,
        },
        size,
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiffRequest {
    old: String,
    new: String,
    #[serde(default)]
    format: Option<String>,
}

#[derive(Serialize)]
struct DiffResponse<'a> {
    version: u32,
    ops: &'a [Chunk],
    summary: &'a Summary,
}

async fn diff_letters(State(app): State<Shared>, Json(req): Json<DiffRequest>) -> Response {
    on_pool(app, move |app| diff_work(app, req)).await
}

fn diff_work(app: &App, req: DiffRequest) -> Result<Response, Fail> {
    let format = parse_format(req.format.as_deref())?;
    let old = analyse_text(app, req.old, format)?;
    let new = analyse_text(app, req.new, format)?;
    let ops = diff::words(&old.analysis.document.text, &new.analysis.document.text);
    let summary = diff::summary(&old.analysis, &new.analysis);
    let size = 4096 + 2 * (old.analysis.document.text.len() + new.analysis.document.text.len());
    Ok(json_answer(
        &DiffResponse {
            version: 1,
            ops: &ops,
            summary: &summary,
        },
        size,
    ))
}

#[derive(Serialize)]
struct TemplateInfo<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    letter_type: &'a str,
    title: &'a str,
    description: &'a str,
    facts: Vec<SlotInfo<'a>>,
}

#[derive(Serialize)]
struct SlotInfo<'a> {
    name: &'a str,
    kind: &'a str,
    required: bool,
    description: &'a str,
}

async fn templates() -> Response {
    let all = match Template::all() {
        Ok(a) => a,
        Err(e) => {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                &klarbrev::input::capitalise(&e.to_string()),
            );
        }
    };
    let list: Vec<TemplateInfo> = all
        .iter()
        .map(|t| TemplateInfo {
            name: &t.name,
            letter_type: &t.letter_type,
            title: &t.title,
            description: &t.description,
            facts: t
                .slots
                .iter()
                .map(|(n, s)| SlotInfo {
                    name: n,
                    kind: &s.kind,
                    required: s.required,
                    description: &s.description,
                })
                .collect(),
        })
        .collect();
    axum::Json(list).into_response()
}

#[derive(Deserialize)]
struct ExplainQuery {
    ord: Option<String>,
}

async fn explain(State(app): State<Shared>, Query(q): Query<ExplainQuery>) -> Response {
    let Some(word) = q.ord.filter(|w| !w.trim().is_empty()) else {
        return error(
            StatusCode::BAD_REQUEST,
            "Skriv et ord: /api/lexicon/explain?ord=…",
        );
    };
    let found: Vec<JsonEntry> = lookup(app.rules.registry(), &app.settings, word.trim())
        .into_iter()
        .map(JsonEntry::of)
        .collect();
    axum::Json(found).into_response()
}

#[derive(Deserialize)]
struct UploadQuery {
    navn: Option<String>,
}

#[derive(Serialize)]
struct Uploaded {
    text: String,
    format: &'static str,
}

/// A file from the caseworker's disk, read into text (Word files through
/// the .docx reader). Nothing is kept.
async fn upload(
    State(app): State<Shared>,
    Query(q): Query<UploadQuery>,
    body: Result<axum::body::Bytes, BytesRejection>,
) -> Response {
    let bytes = match body {
        Ok(b) => b,
        Err(e) => return too_large_or_bad(e),
    };
    let name = q.navn.unwrap_or_default();
    on_pool(app, move |_| read_upload(&name, &bytes)).await
}

fn read_upload(name: &str, bytes: &[u8]) -> Result<Response, Fail> {
    let unreadable = |message: String| Fail(StatusCode::UNPROCESSABLE_ENTITY, message);
    let format = Format::from_path(std::path::Path::new(name)).unwrap_or(Format::Txt);
    let (text, format) = if format == Format::Docx {
        let doc = klarbrev::text::docx::read(bytes).map_err(|e| unreadable(e.to_string()))?;
        (doc.text, Format::Txt)
    } else {
        let d = klarbrev::text::decode(bytes)
            .map_err(|e| unreadable(klarbrev::input::capitalise(&e.to_string())))?;
        (d.text, format)
    };
    let format = match format {
        Format::Markdown => "markdown",
        Format::Tera | Format::TeraMarkdown => "tera",
        _ => "txt",
    };
    Ok(axum::Json(Uploaded { text, format }).into_response())
}
