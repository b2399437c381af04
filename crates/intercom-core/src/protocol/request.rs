//! What a request is: the [`Endpoint`] trait (one type per operation, saying what to send and what comes
//! back), and the two helpers endpoints build their path and body with.

use std::borrow::Cow;
use std::fmt;

use percent_encoding::utf8_percent_encode;
use serde::Serialize;

use crate::protocol::error::{Error, RequestLabel};
use crate::protocol::format::{BodyDecodeError, ResponseFormat};
use crate::protocol::operations::Operation;
use crate::protocol::options::RequestOptions;
use crate::protocol::query::{Query, UNRESERVED};

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

    /// Decodes the body of a successful answer with [`Self::Format`]. Generated endpoints implement it
    /// with a concrete body, so each answer type's decoder is compiled once, in this crate, instead of in
    /// every crate that sends the request; an endpoint of your own can keep this default.
    fn decode(&self, body: Vec<u8>) -> Result<Self::Output, BodyDecodeError> {
        <Self::Format as ResponseFormat<Self::Output>>::decode(body)
    }

    /// Per-request options (see [`RequestOptions`]); none by default.
    fn options(&self) -> Option<&RequestOptions> {
        None
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
}
