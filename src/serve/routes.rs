//! The router and its handlers. Each handler reads its request, hands the
//! work to the library's application layer on the worker pool, and
//! answers with the same JSON the command line writes.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use super::http::{
    Fail, Json, asset, error, headers_and_log, json_answer, json_written, on_pool, too_large_or_bad,
};
use super::{App, MAX_BODY, Shared};
use crate::cli::lexicon::{JsonEntry, lookup};
use klarbrev::analysis::Analysis;
use klarbrev::app;
use klarbrev::emit::{self, FileReport};
use klarbrev::template::Template;

const INDEX: &str = include_str!("../../web/index.html");
const SCRIPT: &str = include_str!("../../web/app.js");
const STYLE: &str = include_str!("../../web/style.css");

pub fn router(app: Shared) -> Router {
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

/// Scores a text in a named format with the server's rules, as the CLI
/// scores a file.
fn score_text(app: &App, text: String, format: Option<&str>) -> Result<Analysis, Fail> {
    let format = app::format_named(format)?;
    Ok(app::score(
        text,
        format,
        app.rules.registry(),
        &app.settings,
    )?)
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
        let analysis = score_text(app, req.text, req.format.as_deref())?;
        // A text has no file; it is called »brev«, as in the CLI's JSON.
        let report = FileReport::of_text("brev", analysis);
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
    /// As `--drop-fact`: the lost or changed facts that may go, each as
    /// `KIND:VALUE`.
    #[serde(default)]
    drop_facts: Vec<String>,
    /// Everything lost or changed may go (`"verdict":"allowed"`).
    #[serde(default)]
    allow_lost_facts: bool,
}

/// The facts a request lets go; a malformed one is a 422 naming it.
fn allowance(drop: &[String], all: bool) -> Result<app::Allow, Fail> {
    let drop = drop
        .iter()
        .map(|d| d.parse::<app::DropFact>())
        .collect::<Result<Vec<_>, String>>()
        .map_err(|e| Fail(StatusCode::UNPROCESSABLE_ENTITY, format!("drop_facts: {e}")))?;
    Ok(app::Allow { drop, all })
}

/// A refused rewrite or diff is answered 422, with the whole verdict.
fn judged(mut response: Response, refused: bool) -> Response {
    if refused {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    response
}

async fn rewrite_letter(State(app): State<Shared>, Json(req): Json<RewriteRequest>) -> Response {
    on_pool(app, move |app| rewrite_work(app, req)).await
}

fn rewrite_work(app: &App, req: RewriteRequest) -> Result<Response, Fail> {
    let before = score_text(app, req.text, req.format.as_deref())?;
    let request = klarbrev::rewrite::Request {
        template: req.template.filter(|t| !t.is_empty()),
        unsafe_fixes: req.unsafe_fixes,
        user: req
            .facts
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .collect(),
        config: app.rules.config.municipality.slots(),
    };
    let done = app::rewrite(
        &before,
        app.rules.registry(),
        &app.settings,
        &request,
        &allowance(&req.drop_facts, req.allow_lost_facts)?,
    )?;
    let size = 4096 + 2 * done.text().len();
    Ok(judged(
        json_answer(&done.response(None, None), size),
        done.gate.refused(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiffRequest {
    old: String,
    new: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    drop_facts: Vec<String>,
}

async fn diff_letters(State(app): State<Shared>, Json(req): Json<DiffRequest>) -> Response {
    on_pool(app, move |app| diff_work(app, req)).await
}

fn diff_work(app: &App, req: DiffRequest) -> Result<Response, Fail> {
    let old = score_text(app, req.old, req.format.as_deref())?;
    let new = score_text(app, req.new, req.format.as_deref())?;
    let diffed = app::diff(&old, &new, &allowance(&req.drop_facts, false)?);
    let size = 4096 + 2 * (old.document.text.len() + new.document.text.len());
    Ok(judged(
        json_answer(&diffed.response(None, None), size),
        diffed.gate.refused(),
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
    on_pool(app, move |_| {
        Ok(axum::Json(app::read_upload(&name, &bytes)?).into_response())
    })
    .await
}
