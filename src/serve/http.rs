//! What every handler needs from HTTP: security headers and the log line,
//! Danish JSON errors with fitting statuses, JSON bodies read and written,
//! and running a request's work on the worker pool.

use std::time::Instant;

use axum::extract::rejection::{BytesRejection, JsonRejection};
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::{App, Shared};

/// Only the page's own resources; no inline script or style.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Security headers on every response, and one log line per request:
/// method, path (never the query or body), status, duration.
pub async fn headers_and_log(request: Request, next: Next) -> Response {
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

/// One of the embedded files of the page.
pub fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

#[derive(Serialize)]
struct ApiError<'a> {
    error: &'a str,
}

/// `{"error":"…"}` with a status.
pub fn error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(ApiError { error: message })).into_response()
}

/// A JSON answer written into one buffer of `capacity` bytes.
pub fn json_written(
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
pub fn json_answer<T: Serialize>(value: &T, capacity: usize) -> Response {
    json_written(capacity, |body| {
        serde_json::to_writer(body, value).map_err(std::io::Error::from)
    })
}

/// JSON bodies with Danish errors: 415 without a JSON content type, 413
/// over the size limit, 400 for broken JSON, 422 for JSON of the wrong shape.
pub struct Json<T>(pub T);

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

/// 413 for a body over the limit, 400 for any other unreadable body.
pub fn too_large_or_bad(e: BytesRejection) -> Response {
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
pub struct Fail(pub StatusCode, pub String);

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        error(self.0, &self.1)
    }
}

/// Whatever the application layer refuses is the request's fault: 422,
/// with the message as a sentence of its own.
impl From<klarbrev::app::AppError> for Fail {
    fn from(e: klarbrev::app::AppError) -> Fail {
        Fail(StatusCode::UNPROCESSABLE_ENTITY, e.sentence())
    }
}

/// Runs the work of a request on the worker pool, first come first served,
/// so a long letter never holds up the server's connections and every
/// request waits its turn.
pub async fn on_pool(
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
