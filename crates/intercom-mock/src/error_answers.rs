//! Error answers in Intercom's shape for any operation and status, for the statuses no example records.

use std::time::{SystemTime, UNIX_EPOCH};

use wiremock::ResponseTemplate;

/// Intercom's error code for a status, as its answers use them.
fn code_for(status: u16) -> &'static str {
    match status {
        400 => "parameter_invalid",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        409 => "conflict",
        422 => "parameter_invalid",
        429 => "rate_limit_exceeded",
        500 => "server_error",
        502..=504 => "service_unavailable",
        _ => "error",
    }
}

/// A well-formed `error.list` answer of `status`, made up (the mock's own request id, a code for the status,
/// the status's reason as the message).
pub fn error_answer(status: u16) -> ResponseTemplate {
    let reason = http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Error");
    ResponseTemplate::new(status).insert_header("X-Request-Id", "intercom-mock").set_body_json(serde_json::json!({
        "type": "error.list",
        "request_id": "intercom-mock",
        "errors": [{"code": code_for(status), "message": reason}],
    }))
}

/// A `429` as Intercom sends it when the window is spent: no requests remain until `reset`.
pub fn rate_limited_answer(reset: SystemTime) -> ResponseTemplate {
    let reset = reset.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
    error_answer(429)
        .insert_header("X-RateLimit-Limit", "10000")
        .insert_header("X-RateLimit-Remaining", "0")
        .insert_header("X-RateLimit-Reset", reset.to_string())
}
