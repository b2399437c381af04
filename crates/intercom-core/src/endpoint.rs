//! The endpoint trait: one type per operation, saying what to send and what comes back.

use std::borrow::Cow;
use std::fmt;

use percent_encoding::utf8_percent_encode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, RequestLabel};
use crate::operations::Operation;
use crate::options::RequestOptions;
use crate::query::{Query, UNRESERVED};

/// One operation of the API with its parameters: what to send, and what a success returns.
///
/// Building the HTTP request ([`build_request`](crate::protocol::build_request)) and reading the answer
/// ([`parse_response`](crate::protocol::parse_response)) are pure functions of an endpoint; transports only move bytes.
pub trait Endpoint {
    /// What a successful call returns.
    type Output;
    /// How the body of a successful answer becomes [`Self::Output`].
    type Format: ResponseFormat<Self::Output>;

    /// The operation this endpoint calls: its spec id, method and path template.
    fn operation(&self) -> &'static Operation;

    /// The HTTP method: the operation's.
    fn method(&self) -> http::Method {
        self.operation().method.clone()
    }

    /// The request path, with path parameters filled in and percent-encoded (see [`path_param`]).
    fn path(&self) -> Result<String, Error>;

    /// Adds the query parameters (unencoded) to `query`.
    fn query(&self, query: &mut Query) {
        let _ = query;
    }

    /// The JSON body, when the operation takes one (see [`json_body`]).
    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        Ok(None)
    }

    /// Names the request in errors and logs: method and path template, no ids.
    fn label(&self) -> RequestLabel {
        let operation = self.operation();
        RequestLabel { method: operation.method.clone(), path: Cow::Borrowed(operation.path) }
    }

    /// Whether a failed attempt may be sent again: the operation's
    /// [`safe_to_retry`](Operation::safe_to_retry).
    fn is_safe_to_retry(&self) -> bool {
        self.operation().safe_to_retry
    }

    /// Per-request options (see [`RequestOptions`]); none by default.
    fn options(&self) -> Option<&RequestOptions> {
        None
    }
}

/// Turns the body of a successful answer into an endpoint's output.
pub trait ResponseFormat<T> {
    /// The `Accept` header to send.
    const ACCEPT: &'static str;
    /// Decodes the body.
    fn decode(body: Vec<u8>) -> Result<T, BodyDecodeError>;
}

/// Why a body could not be decoded: where, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyDecodeError {
    /// Where in the JSON decoding stopped (`.` for the top level).
    pub path: String,
    /// What was wrong there.
    pub message: String,
    /// The start of the body, or what it is when it is not text ("a gzip-compressed body of 1.2 MB").
    pub snippet: String,
}

impl BodyDecodeError {
    /// A failure at `path` of `body`.
    pub fn new(path: impl Into<String>, message: impl Into<String>, body: &[u8]) -> Self {
        Self { path: path.into(), message: message.into(), snippet: crate::body_text::quote(body, None) }
    }
}

/// The body is JSON, decoded into the output type.
#[derive(Debug, Clone, Copy)]
pub struct Json;

impl<T: DeserializeOwned> ResponseFormat<T> for Json {
    const ACCEPT: &'static str = "application/json";

    fn decode(body: Vec<u8>) -> Result<T, BodyDecodeError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(BodyDecodeError::new(".", "the body is empty", &body));
        }
        // The fast path tracks nothing; only a failure is decoded again to say where it failed.
        if let Ok(value) = serde_json::from_slice(&body) {
            return Ok(value);
        }
        let mut de = serde_json::Deserializer::from_slice(&body);
        let value = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| BodyDecodeError::new(e.path().to_string(), e.inner().to_string(), &body))?;
        de.end().map_err(|e| BodyDecodeError::new(".", e.to_string(), &body))?;
        Ok(value)
    }
}

/// The body is JSON, and an empty body reads as `null` (for raw requests, whose answer may be anything).
#[derive(Debug, Clone, Copy)]
pub struct JsonOrNull;

impl<T: DeserializeOwned> ResponseFormat<T> for JsonOrNull {
    const ACCEPT: &'static str = "application/json";

    fn decode(body: Vec<u8>) -> Result<T, BodyDecodeError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return <Json as ResponseFormat<T>>::decode(b"null".to_vec());
        }
        <Json as ResponseFormat<T>>::decode(body)
    }
}

/// The answer has no body worth reading (`202 Accepted`, `204 No Content`, an empty `200`): the output is `()`.
#[derive(Debug, Clone, Copy)]
pub struct NoContent;

impl ResponseFormat<()> for NoContent {
    const ACCEPT: &'static str = "application/json";

    fn decode(_body: Vec<u8>) -> Result<(), BodyDecodeError> {
        Ok(())
    }
}

/// The body is a file, returned as bytes.
#[derive(Debug, Clone, Copy)]
pub struct Binary;

impl<T: From<Vec<u8>>> ResponseFormat<T> for Binary {
    const ACCEPT: &'static str = "application/octet-stream";

    fn decode(body: Vec<u8>) -> Result<T, BodyDecodeError> {
        Ok(T::from(body))
    }
}

/// Percent-encodes one path parameter, so an id or email with `/`, `+`, `@` or spaces stays one segment.
///
/// An empty value is an [`Error::InvalidRequest`] naming the parameter, since it would call another path.
pub fn path_param<'a>(name: &str, value: &'a str) -> Result<impl fmt::Display + 'a, Error> {
    if value.is_empty() {
        return Err(Error::invalid_request(format!("path parameter `{name}` is empty")));
    }
    Ok(utf8_percent_encode(value, UNRESERVED))
}

/// Serializes a request body to JSON.
/// A field that cannot be encoded (a free-form object field given a string) is named in the error.
pub fn json_body<T: Serialize + ?Sized>(body: &T) -> Result<Option<Vec<u8>>, Error> {
    let mut out = Vec::with_capacity(128);
    let mut serializer = serde_json::Serializer::new(&mut out);
    match serde_path_to_error::serialize(body, &mut serializer) {
        Ok(()) => Ok(Some(out)),
        Err(e) => Err(Error::invalid_request(format!(
            "the request body cannot be encoded as JSON: at `{}`: {}",
            e.path(),
            e.inner()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_params_stay_one_segment() {
        let encoded = path_param("contact_id", "a/b+c@d e").unwrap().to_string();
        assert_eq!(encoded, "a%2Fb%2Bc%40d%20e");
        assert_eq!(path_param("id", "AZaz09-._~").unwrap().to_string(), "AZaz09-._~");
        assert_eq!(path_param("id", "é").unwrap().to_string(), "%C3%A9");
        let err = path_param("note_id", "").err().unwrap();
        assert_eq!(err.to_string(), "invalid request: path parameter `note_id` is empty");
    }

    #[test]
    fn json_decoding_names_the_path_of_the_error() {
        #[derive(Debug, serde::Deserialize)]
        struct Page {
            #[allow(dead_code)]
            data: Vec<Item>,
        }
        #[derive(Debug, serde::Deserialize)]
        struct Item {
            #[allow(dead_code)]
            created_at: i64,
        }
        let err =
            <Json as ResponseFormat<Page>>::decode(br#"{"data": [{"created_at": 1}, {"created_at": "x"}]}"#.to_vec())
                .unwrap_err();
        assert_eq!(err.path, "data[1].created_at");
        assert!(err.message.starts_with("invalid type: string \"x\", expected i64"), "{}", err.message);

        let err = <Json as ResponseFormat<Page>>::decode(b"  \n".to_vec()).unwrap_err();
        assert_eq!(err.message, "the body is empty");

        let err = <Json as ResponseFormat<Page>>::decode(br#"{"data": []} trailing"#.to_vec()).unwrap_err();
        assert!(err.message.starts_with("trailing characters"), "{}", err.message);

        let err = <Json as ResponseFormat<Page>>::decode(br#"{"data": [{"created_at": 1"#.to_vec()).unwrap_err();
        assert!(err.message.starts_with("EOF while parsing"), "{}", err.message);
    }
}
