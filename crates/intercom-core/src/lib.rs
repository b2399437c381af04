//! The transport-agnostic core of intercom-rs.
//!
//! It turns an endpoint into an `http::Request<Vec<u8>>` ([`protocol::build_request`]) and an
//! `http::Response<Vec<u8>>` into the endpoint's output or an [`Error`] ([`protocol::parse_response`]). It
//! opens no socket and needs no runtime: the blocking client (`intercom-ureq`), the async client
//! (`intercom-hyper`) and any HTTP client you bring ([`protocol::HttpClient`], [`protocol::AsyncHttpClient`],
//! closures included) only move bytes.
//!
//! The crate root holds what a user of a client needs: the clients, [`Config`], [`Error`], request options,
//! the retry policy, raw requests, bulk runs and job waits. [`endpoints`], [`models`], [`pagination`],
//! [`search`] and [`operations`] are modules; the machinery for transport and endpoint authors is in
//! [`protocol`].
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
#![cfg_attr(docsrs, feature(doc_cfg))]
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
mod execute;
mod export_file;
mod jobs;
pub mod operations;
mod options;
mod pacing;
pub mod pagination;
mod prepared;
mod query;
mod rate_limit;
mod raw;
mod request;
mod response;
mod retry;
mod retryable;
pub mod search;
mod sleep;
mod transport;
mod trusted_roots;
mod version;

pub mod protocol;

pub use bulk::{Bulk, SendAll, SendAllIter, Sent};
pub use call::Answer;
pub use client::{AsyncClient, BlockingClient, SendFuture};
pub use config::{AccessToken, Config, Region, Timeouts};
pub use download::Downloaded;
pub use error::{ApiError, DecodeError, Error, PagingError, RequestLabel, TransportError, TransportErrorKind};
pub use error_code::ErrorCode;
pub use export_file::ExportFile;
pub use jobs::{CancelWait, ExportDownload, JobOutcome, JobState, JobStatus, JobWait, StartsJob};
pub use options::RequestOptions;
pub use pacing::RateLimiting;
pub use pagination::Page;
pub use prepared::Prepared;
pub use rate_limit::RateLimit;
pub use raw::Raw;
pub use retry::RetryPolicy;
pub use trusted_roots::TrustedRoots;
pub use version::ApiVersion;

/// The HTTP status type [`Error::status`] returns (`StatusCode::NOT_FOUND`); `.as_u16()` gives the number.
pub use http::StatusCode;
pub use intercom_models as models;
/// The JSON crate of the models, re-exported: `json!` for free-form fields and [`Raw`] bodies.
pub use intercom_models::serde_json;
/// Builds a `serde_json::Value` (`json!({"plan": "pro"})`), for free-form fields and raw bodies.
pub use intercom_models::serde_json::json;
