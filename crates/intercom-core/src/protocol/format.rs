//! How the body of a successful answer becomes an endpoint's output: JSON, JSON or nothing, no content, or
//! a file's bytes.

use intercom_decode::FromJson;
use serde::de::DeserializeOwned;

use crate::protocol::error::body_text;
use crate::protocol::json_path;

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
        Self { path: path.into(), message: message.into(), snippet: body_text::quote(body, None) }
    }
}

/// The body is JSON, decoded into the output type.
#[derive(Debug, Clone, Copy)]
pub struct Json;

impl<T: DeserializeOwned> ResponseFormat<T> for Json {
    const ACCEPT: &'static str = "application/json";

    fn decode(body: Vec<u8>) -> Result<T, BodyDecodeError> {
        decode_with(body, |bytes| serde_json::from_slice(bytes))
    }
}

/// Decodes a models type with the decoder the models crate compiled for it ([`FromJson`]): what the
/// generated endpoints call, so no crate that sends a request compiles an answer type's decoder again.
pub fn decode_model<T: FromJson>(body: Vec<u8>) -> Result<T, BodyDecodeError> {
    decode_with(body, T::from_json)
}

/// A JSON body decoded by `decode`, with what a failure needs: an empty body said so, and the path of the
/// member that failed, found from the error's position (decoding itself tracks nothing).
fn decode_with<T>(body: Vec<u8>, decode: impl FnOnce(&[u8]) -> serde_json::Result<T>) -> Result<T, BodyDecodeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(BodyDecodeError::new(".", "the body is empty", &body));
    }
    decode(&body).map_err(|e| {
        let path = json_path::path_at(&body, e.line(), e.column());
        BodyDecodeError::new(path, e.to_string(), &body)
    })
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

#[cfg(test)]
mod tests {
    use super::*;

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
