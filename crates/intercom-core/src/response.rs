//! Turning an `http::Response` into an endpoint's output or an [`Error`].

use http::header::HeaderMap;
use http::{Response, StatusCode};
use intercom_models::ErrorBody;

use crate::endpoint::{Endpoint, ResponseFormat};
use crate::error::{ApiError, DecodeError, Error, RequestLabel};

/// The header Intercom uses for its request id.
pub const REQUEST_ID: &str = "x-request-id";

/// Reads the answer to `endpoint`: its output on success, else an [`Error::Api`] (error status, or a success
/// status with an `error.list` body) or an [`Error::Decode`].
pub fn parse_response<E: Endpoint + ?Sized>(endpoint: &E, response: Response<Vec<u8>>) -> Result<E::Output, Error> {
    let (parts, body) = response.into_parts();
    if !parts.status.is_success() || is_error_list(&body) {
        return Err(api_error(endpoint.label(), parts.status, &parts.headers, body));
    }
    match <E::Format as ResponseFormat<E::Output>>::decode(body) {
        Ok(output) => Ok(output),
        Err(failure) => Err(Error::Decode(Box::new(DecodeError {
            request: endpoint.label(),
            status: parts.status,
            path: failure.path,
            message: failure.message,
            snippet: failure.snippet,
            request_id: header_request_id(&parts.headers),
        }))),
    }
}

/// Builds the [`ApiError`] for an answer, whatever its body holds.
pub fn api_error(request: RequestLabel, status: StatusCode, headers: &HeaderMap, body: Vec<u8>) -> Error {
    let parsed: Option<ErrorBody> = serde_json::from_slice(&body).ok();
    let (errors, body_request_id) = match parsed {
        Some(b) => (b.errors, b.request_id),
        None => (Vec::new(), None),
    };
    Error::Api(Box::new(ApiError {
        request,
        status,
        errors,
        request_id: body_request_id.filter(|id| !id.is_empty()).or_else(|| header_request_id(headers)),
        body: String::from_utf8_lossy(&body).into_owned(),
    }))
}

fn header_request_id(headers: &HeaderMap) -> Option<String> {
    headers.get(REQUEST_ID).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// Whether a body is Intercom's `{"type": "error.list", ...}`. Intercom writes `type` first; the cheap prefix
/// test keeps a full second parse off the success path.
fn is_error_list(body: &[u8]) -> bool {
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let head = &body[start..body.len().min(start + 64)];
    head.starts_with(b"{") && head.windows(12).any(|w| w == b"\"error.list\"")
}
