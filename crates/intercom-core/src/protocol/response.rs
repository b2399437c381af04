//! Turning an `http::Response` into an endpoint's output (an [`Answer`], with what came with it) or an
//! [`Error`].

use http::header::HeaderMap;
use http::{Response, StatusCode};
use intercom_models::{ErrorBody, ErrorItem};

use crate::protocol::content::{self, ContentError, DEFAULT_MAX_DECOMPRESSED_BYTES};
use crate::protocol::error::body_text;
use crate::protocol::error::{ApiError, DecodeError, Error, RequestLabel};
use crate::protocol::rate_limit::RateLimit;
use crate::protocol::request::Endpoint;

/// A successful answer and what came with it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Answer<T> {
    /// The decoded output.
    pub value: T,
    /// The HTTP status.
    pub status: StatusCode,
    /// The answer's headers.
    pub headers: HeaderMap,
    /// The rate-limit state the answer reported.
    pub rate_limit: Option<RateLimit>,
    /// The `X-Request-Id` header.
    pub request_id: Option<String>,
    /// How many attempts the call took (1 without retries).
    pub attempts: u32,
}

/// The header Intercom uses for its request id.
pub const REQUEST_ID: &str = "x-request-id";

/// Reads the answer to `endpoint`: its output on success, else an [`Error::Api`] (error status, or a success
/// status with an `error.list` body) or an [`Error::Decode`].
///
/// A gzip or deflate body is decompressed first (up to
/// [`DEFAULT_MAX_DECOMPRESSED_BYTES`](crate::protocol::DEFAULT_MAX_DECOMPRESSED_BYTES)).
pub fn parse_response<E: Endpoint + ?Sized>(endpoint: &E, response: Response<Vec<u8>>) -> Result<E::Output, Error> {
    let (mut parts, body) = response.into_parts();
    let body = decompressed(endpoint.label(), parts.status, &mut parts.headers, body, DEFAULT_MAX_DECOMPRESSED_BYTES)?;
    parse_parts(endpoint, parts.status, &parts.headers, body)
}

/// The body decompressed by its `Content-Encoding` (the headers lose the encoding), or the error a user
/// reads: too large once decompressed, or corrupt data of its encoding.
pub(crate) fn decompressed(
    request: RequestLabel,
    status: StatusCode,
    headers: &mut HeaderMap,
    body: Vec<u8>,
    cap: usize,
) -> Result<Vec<u8>, Error> {
    match content::decode(headers, &body, cap) {
        Ok(decoded) => Ok(decoded.unwrap_or(body)),
        Err(ContentError::TooLarge(source)) => Err(Error::from_transport(request, source)),
        Err(ContentError::Corrupt { encoding, message }) => Err(Error::Decode(Box::new(DecodeError {
            request,
            status,
            path: ".".into(),
            message: format!("the {encoding}-compressed body cannot be decompressed ({message})"),
            snippet: body_text::quote(&body, Some(&encoding)),
            request_id: header_request_id(headers),
        }))),
    }
}

/// [`parse_response`] on an answer already split into status, headers and body.
pub fn parse_parts<E: Endpoint + ?Sized>(
    endpoint: &E,
    status: StatusCode,
    headers: &HeaderMap,
    body: Vec<u8>,
) -> Result<E::Output, Error> {
    let body = check_parts(&endpoint.label(), status, headers, body)?;
    decode_body(endpoint, status, headers, body)
}

/// The body of a successful answer, or the [`Error::Api`] its status or an `error.list` body says.
pub(crate) fn check_parts(
    label: &RequestLabel,
    status: StatusCode,
    headers: &HeaderMap,
    body: Vec<u8>,
) -> Result<Vec<u8>, Error> {
    if !status.is_success() || is_error_list(&body) {
        return Err(api_error(label.clone(), status, headers, body));
    }
    Ok(body)
}

/// A call's answer (checked, its body still bytes) decoded into `endpoint`'s output.
pub(crate) fn decode_answer<E: Endpoint + ?Sized>(
    endpoint: &E,
    answer: Answer<Vec<u8>>,
) -> Result<Answer<E::Output>, Error> {
    let Answer { value: body, status, headers, rate_limit, request_id, attempts } = answer;
    let value = decode_body(endpoint, status, &headers, body)?;
    Ok(Answer { value, status, headers, rate_limit, request_id, attempts })
}

/// The endpoint's output from a successful answer's body, or an [`Error::Decode`] naming where it failed.
fn decode_body<E: Endpoint + ?Sized>(
    endpoint: &E,
    status: StatusCode,
    headers: &HeaderMap,
    body: Vec<u8>,
) -> Result<E::Output, Error> {
    // A body the transport did not decompress is described, not quoted, if it cannot be read.
    let encoded = content_encoding(headers).and_then(|encoding| body_text::describe(&body, Some(encoding)));
    endpoint.decode(body).map_err(|failure| {
        Error::Decode(Box::new(DecodeError {
            request: endpoint.label(),
            status,
            path: failure.path,
            message: failure.message,
            snippet: encoded.unwrap_or(failure.snippet),
            request_id: header_request_id(headers),
        }))
    })
}

/// Builds the [`ApiError`] for an answer, whatever its body holds.
pub fn api_error(request: RequestLabel, status: StatusCode, headers: &HeaderMap, body: Vec<u8>) -> Error {
    let parsed: Option<ErrorBody> = serde_json::from_slice(&body).ok();
    let (errors, body_request_id) = match parsed {
        // Some operations answer `{"error_key": ..., "message": ...}` instead of an error list.
        Some(b) if b.errors.is_empty() && b.error_key.is_some() => {
            let mut item = ErrorItem::default();
            (item.code, item.message) = (b.error_key, b.message);
            (vec![item], b.request_id)
        }
        Some(b) => (b.errors, b.request_id),
        None => (Vec::new(), None),
    };
    Error::Api(Box::new(ApiError {
        request,
        status,
        errors,
        request_id: body_request_id.filter(|id| !id.is_empty()).or_else(|| header_request_id(headers)),
        body: String::from_utf8_lossy(&body).into_owned(),
        hint: None,
        rate_limit: RateLimit::from_headers(headers),
        body_description: body_text::describe(&body, content_encoding(headers)),
        canonical: canonical_link(headers),
        scroll_expired: false,
    }))
}

/// The target of a `Link: <target>; rel="canonical"` header (of any of its links).
fn canonical_link(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .find(|link| link.split(';').skip(1).any(|p| matches!(p.trim(), "rel=\"canonical\"" | "rel=canonical")))
        .and_then(|link| link.split(';').next())
        .map(|target| target.trim().trim_start_matches('<').trim_end_matches('>').to_owned())
        .filter(|target| !target.is_empty())
}

fn content_encoding(headers: &HeaderMap) -> Option<&str> {
    headers.get(http::header::CONTENT_ENCODING).and_then(|v| v.to_str().ok())
}

pub(crate) fn header_request_id(headers: &HeaderMap) -> Option<String> {
    headers.get(REQUEST_ID).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// Whether a success body is Intercom's `{"type": "error.list", ...}`. Intercom writes `type` first, so only
/// a body whose start mentions `"error.list"` pays for the confirming parse.
fn is_error_list(body: &[u8]) -> bool {
    let head = &body[..body.len().min(256)];
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        && head.windows(12).any(|w| w == b"\"error.list\"")
        && serde_json::from_slice::<ErrorBody>(body).is_ok_and(|b| b.r#type.as_deref() == Some("error.list"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::{CreateDataEvent, IdentifyAdmin};
    use intercom_models::CreateDataEventRequest;

    fn answer(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Response<Vec<u8>> {
        let mut builder = Response::builder().status(status);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(body.to_vec()).unwrap()
    }

    #[test]
    fn an_empty_error_body_still_names_status_and_header_request_id() {
        let err = parse_response(&IdentifyAdmin::new(), answer(503, &[("x-request-id", "abc")], b"")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Intercom answered 503 Service Unavailable to GET /me with an empty body [request id abc]"
        );
        assert!(err.is_retryable());
    }

    #[test]
    fn a_body_request_id_wins_over_the_header_and_a_null_one_falls_back() {
        let body = br#"{"type":"error.list","request_id":"from-body","errors":[{"code":"x"}]}"#;
        let err =
            parse_response(&IdentifyAdmin::new(), answer(400, &[("x-request-id", "from-header")], body)).unwrap_err();
        assert_eq!(err.request_id(), Some("from-body"));
        let body = br#"{"type":"error.list","request_id":null,"errors":[{"code":"x","message":null}]}"#;
        let err =
            parse_response(&IdentifyAdmin::new(), answer(400, &[("x-request-id", "from-header")], body)).unwrap_err();
        assert_eq!(err.request_id(), Some("from-header"));
        assert_eq!(err.to_string(), "Intercom answered 400 Bad Request to GET /me: x [request id from-header]");
    }

    #[test]
    fn a_merged_contact_names_the_contact_it_was_merged_into() {
        let body =
            br#"{"type":"error.list","request_id":"r1","errors":[{"code":"contact_merged","message":"merged"}]}"#;
        let link = [("link", r#"</contacts/6762f0d01bb69f9f2193bb7d>; rel="canonical""#)];
        let err = parse_response(&IdentifyAdmin::new(), answer(410, &link, body)).unwrap_err();
        assert_eq!(err.merged_into(), Some("6762f0d01bb69f9f2193bb7d"));
        assert_eq!(
            err.to_string(),
            "Intercom answered 410 Gone to GET /me: contact_merged: merged [request id r1]; the contact was merged \
             into 6762f0d01bb69f9f2193bb7d: use that id"
        );
        let other = [("link", r#"</contacts/abc>; rel="next""#)];
        assert_eq!(parse_response(&IdentifyAdmin::new(), answer(410, &other, body)).unwrap_err().merged_into(), None);
        assert_eq!(parse_response(&IdentifyAdmin::new(), answer(404, &link, body)).unwrap_err().merged_into(), None);
    }

    #[test]
    fn an_error_key_body_reads_as_one_error() {
        let body = br#"{"error_key": "invalid_phone_number", "message": "Invalid phone number"}"#;
        let err = parse_response(&IdentifyAdmin::new(), answer(400, &[], body)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Intercom answered 400 Bad Request to GET /me: invalid_phone_number: Invalid phone number [no request id]"
        );
    }

    #[test]
    fn invalid_utf8_is_kept_lossily_and_never_panics() {
        let err = parse_response(&IdentifyAdmin::new(), answer(500, &[], b"\xff\xfe oops")).unwrap_err();
        assert_eq!(err.as_api().unwrap().body, "\u{fffd}\u{fffd} oops");
        let err = parse_response(&IdentifyAdmin::new(), answer(200, &[], b"\xff\xfe")).unwrap_err();
        assert!(matches!(err, Error::Decode(_)), "{err:?}");
    }

    #[test]
    fn a_long_body_is_cut_in_the_snippet() {
        let body = format!("{{\"type\": \"admin\", \"id\": [{}]}}", "1,".repeat(500));
        let Err(Error::Decode(decode)) = parse_response(&IdentifyAdmin::new(), answer(200, &[], body.as_bytes()))
        else {
            panic!("expected a decode error")
        };
        assert_eq!(decode.path, "id");
        assert_eq!(decode.snippet.chars().count(), 201);
        assert!(decode.snippet.ends_with('…'));
    }

    #[test]
    fn no_content_ignores_whatever_body_comes() {
        let endpoint = CreateDataEvent::new(CreateDataEventRequest::for_email("e", 1, "a@b.c"));
        assert_eq!(parse_response(&endpoint, answer(202, &[], b"")).unwrap(), ());
        assert_eq!(parse_response(&endpoint, answer(200, &[], b"{}")).unwrap(), ());
        assert!(parse_response(&endpoint, answer(401, &[], b"{}")).is_err());
    }

    #[test]
    fn only_a_leading_error_list_type_marks_a_success_as_an_error() {
        assert!(is_error_list(b" {\"type\":\"error.list\",\"errors\":[]}"));
        assert!(!is_error_list(b"{\"type\":\"admin\",\"name\":\"error.list\"}"));
        assert!(!is_error_list(b"[\"error.list\"]"));
        assert!(!is_error_list(b""));
    }
}
