//! The transport-agnostic core of intercom-rs.
//!
//! It turns an [`Endpoint`] into an `http::Request<Vec<u8>>` ([`build_request`]) and an
//! `http::Response<Vec<u8>>` into the endpoint's output or an [`Error`] ([`parse_response`]). It opens no
//! socket and needs no runtime: the blocking client (`intercom-ureq`), the async client (`intercom-hyper`)
//! and any HTTP client you bring ([`HttpClient`], [`AsyncHttpClient`], closures included) only move bytes.
//!
//! ```
//! use intercom_core::endpoints::ListSegments;
//! use intercom_core::{BlockingClient, Config, TransportError};
//!
//! // A transport that answers every request itself: how tests stand in for the network.
//! let transport = |request: http::Request<Vec<u8>>| -> Result<http::Response<Vec<u8>>, TransportError> {
//!     assert_eq!(request.uri(), "https://api.intercom.io/segments?include_count=true");
//!     Ok(http::Response::new(br#"{"type": "segment.list", "segments": []}"#.to_vec()))
//! };
//! let client = BlockingClient::with_transport(Config::new("token"), transport);
//! let segments = ListSegments::new().include_count(true).send(&client)?;
//! assert!(segments.segments.is_empty());
//! # Ok::<(), intercom_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod body_sink;
mod body_text;
mod bulk;
mod call;
mod client;
mod config;
mod content;
mod download;
mod endpoint;
pub mod endpoints;
mod error;
mod error_code;
mod export_file;
mod jobs;
pub mod operations;
mod options;
mod pacing;
pub mod pagination;
mod query;
mod rate_limit;
mod raw;
mod request;
mod response;
mod retry;
pub mod search;
mod sleep;
mod transport;
mod trusted_roots;
mod version;

pub use body_sink::BodySink;
pub use bulk::{Bulk, SendAll, SendAllIter, Sent};
pub use call::{Answer, Call, Step};
pub use client::{AsyncClient, BlockingClient, Execute, SendFuture, TransportFromConfig};
pub use config::{AccessToken, Config, Region, Timeouts, DEFAULT_API_VERSION, USER_AGENT};
pub use content::{ACCEPT_ENCODING, DEFAULT_MAX_DECOMPRESSED_BYTES};
pub use download::Downloaded;
pub use endpoint::{
    json_body, path_param, Binary, BodyDecodeError, Endpoint, Json, JsonOrNull, NoContent, ResponseFormat,
};
pub use error::{
    ApiError, BoxError, DecodeError, Error, PagingError, RequestLabel, TransportError, TransportErrorKind,
};
pub use error_code::ErrorCode;
pub use export_file::ExportFile;
pub use jobs::{CancelWait, ExportDownload, JobOutcome, JobState, JobStatus, JobWait, StartsJob};
pub use operations::Operation;
pub use options::{RequestOptions, WithOptions};
pub use pacing::RateLimiting;
pub use pagination::{Page, PageStyle, Pager, Paginate, Paginated};
pub use query::Query;
pub use rate_limit::RateLimit;
pub use raw::Raw;
pub use request::{build_request, INTERCOM_VERSION};
pub use response::{api_error, parse_parts, parse_response, REQUEST_ID};
pub use retry::RetryPolicy;
pub use transport::{check_content_length, AsyncHttpClient, HttpClient, MAX_HEADER_BYTES};
pub use trusted_roots::TrustedRoots;
pub use version::ApiVersion;

pub use intercom_models as models;
