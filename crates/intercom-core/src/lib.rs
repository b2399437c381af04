//! The transport-agnostic core of intercom-rs.
//!
//! It turns an endpoint into an `http::Request<Vec<u8>>` ([`protocol::build_request`]) and an
//! `http::Response<Vec<u8>>` into the endpoint's output or an [`Error`] ([`protocol::parse_response`]). It
//! opens no socket and needs no runtime: the blocking client (`intercom-ureq`), the async client
//! (`intercom-hyper`) and any HTTP client you bring ([`transport::HttpClient`],
//! [`transport::AsyncHttpClient`], closures included) only move bytes.
//!
//! The crate is layered, and its folders say so: [`protocol`] is everything that does no I/O (requests and
//! answers, the call and retry machine, the pacer, the pager, the bulk schedule, job waits, content
//! decoding); [`endpoints`] and [`search`] build requests on it; [`transport`] is the I/O boundary; and
//! [`blocking`] and [`asynchronous`] are the two drivers, each a thin loop around the pure machines. The
//! crate root holds what a user of a client needs: both clients, [`Config`], [`Error`], request options,
//! the retry policy, raw requests, bulk runs and job waits. docs/ARCHITECTURE.md walks a request through.
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

pub mod asynchronous;
pub mod blocking;
pub mod endpoints;
pub mod protocol;
pub mod search;
pub mod transport;

/// What both client crates re-export besides their flavour of client: configuration, errors, request
/// options, the retry policy, raw requests, bulk runs, job waits, and the modules of endpoints, models,
/// search, operations, the protocol and the transport traits. `intercom-ureq` adds the [`blocking`] flavour
/// to it, `intercom-hyper` the [`asynchronous`] one, so each crate's front page shows one client.
pub mod common {
    pub use crate::protocol::bulk::{Bulk, Sent};
    pub use crate::protocol::config::{AccessToken, Config, Region, Timeouts};
    pub use crate::protocol::error::code::ErrorCode;
    pub use crate::protocol::error::{
        ApiError, DecodeError, Error, PagingError, RequestLabel, TransportError, TransportErrorKind,
    };
    pub use crate::protocol::export::{
        Export, ExportCheckpoint, ExportError, ExportPage, ExportProgress, ExportRun, Exportable, INCREMENTAL_OVERLAP,
    };
    pub use crate::protocol::export_file::{Downloaded, ExportFile};
    pub use crate::protocol::job::{
        CancelWait, ExportDownload, JobOutcome, JobState, JobStatus, JobStatusBy, JobWait, StartsJob,
    };
    pub use crate::protocol::operations;
    pub use crate::protocol::options::RequestOptions;
    pub use crate::protocol::pacer::RateLimiting;
    pub use crate::protocol::pager::Page;
    pub use crate::protocol::prepared::Prepared;
    pub use crate::protocol::quick_clock::QuickClock;
    pub use crate::protocol::rate_limit::RateLimit;
    pub use crate::protocol::raw::Raw;
    pub use crate::protocol::response::Answer;
    pub use crate::protocol::retry::RetryPolicy;
    pub use crate::protocol::trusted_roots::TrustedRoots;
    pub use crate::protocol::version::ApiVersion;
    pub use crate::{endpoints, protocol, search, transport};

    /// The HTTP status type [`Error::status`] returns (`StatusCode::NOT_FOUND`); `.as_u16()` gives the
    /// number.
    pub use http::StatusCode;
    pub use intercom_models as models;
    /// The JSON crate of the models, re-exported: `json!` for free-form fields and [`Raw`] bodies.
    pub use intercom_models::serde_json;
    /// Builds a `serde_json::Value` (`json!({"plan": "pro"})`), for free-form fields and raw bodies.
    pub use intercom_models::serde_json::json;
}

#[doc(inline)]
pub use common::*;

/// Pagination: every paginated endpoint has `items(&client)`, `pages(&client)` and `paginate()`, which
/// page through it with one pure state machine ([`Pager`](pagination::Pager)) for every style Intercom
/// uses: an [`Iterator`] from the blocking client ([`ItemIter`](pagination::ItemIter),
/// [`PageIter`](pagination::PageIter)), a `futures_core::Stream` from the async one
/// ([`ItemStream`](pagination::ItemStream), [`PageStream`](pagination::PageStream)).
///
/// ```no_run
/// use intercom_ureq::endpoints::ListContacts;
/// # fn run(client: &intercom_ureq::Client) -> Result<(), intercom_ureq::Error> {
/// for contact in ListContacts::new().per_page(150).items(client) {
///     let contact = contact?;
///     println!("{}", contact.id);
/// }
/// # Ok(())
/// # }
/// ```
pub mod pagination {
    pub use crate::asynchronous::{ItemStream, PageStream};
    pub use crate::blocking::{ItemIter, PageIter};
    pub use crate::protocol::pager::*;
}

pub use asynchronous::{AsyncClient, ExportStream, SendAll, SendFuture};
pub use blocking::{BlockingClient, ExportIter, SendAllIter};
