//! The pure layer: everything that does no I/O. Building a request and reading its answer, the call and
//! its retries, the pacer's decisions, the pager, the bulk schedule, the job-wait policy and content
//! decoding are state machines and functions here; the blocking and async drivers (`BlockingClient`,
//! `AsyncClient`) feed them answers and do the sending and sleeping. Nothing in this module imports a
//! client or a transport.
//!
//! Users of the shipped clients need none of it; it is public for those who write an endpoint of their own
//! or a client on another runtime (transports implement the traits in [`crate::transport`]).
//!
//! ```
//! use intercom_ureq::endpoints::IdentifyAdmin;
//! use intercom_ureq::protocol::{build_request, parse_response};
//! use intercom_ureq::Config;
//!
//! let endpoint = IdentifyAdmin::new();
//! let request = build_request(&Config::new("token"), &endpoint)?;
//! assert_eq!(request.uri(), "https://api.intercom.io/me");
//! let answer = http::Response::new(br#"{"type": "admin", "id": "1", "name": "Ada"}"#.to_vec());
//! assert_eq!(parse_response(&endpoint, answer)?.name.as_deref(), Some("Ada"));
//! # Ok::<(), intercom_ureq::Error>(())
//! ```

pub(crate) mod backoff;
pub(crate) mod build_request;
pub(crate) mod bulk;
pub(crate) mod call;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod error;
pub(crate) mod execute;
pub(crate) mod export;
pub(crate) mod export_file;
pub(crate) mod fin_stream;
pub(crate) mod format;
pub(crate) mod job;
pub(crate) mod json_path;
pub mod operations;
pub(crate) mod options;
pub(crate) mod pacer;
pub(crate) mod pager;
pub(crate) mod prepared;
pub(crate) mod query;
pub(crate) mod quick_clock;
pub(crate) mod rate_limit;
pub(crate) mod raw;
pub(crate) mod request;
pub(crate) mod response;
pub(crate) mod retry;
pub(crate) mod shared_budget;
pub(crate) mod sse;
pub(crate) mod trusted_roots;
pub(crate) mod version;

pub use build_request::{build_request, INTERCOM_VERSION};
pub use call::{Call, Step};
pub use config::{DEFAULT_API_VERSION, USER_AGENT};
pub use content::{ACCEPT_ENCODING, DEFAULT_MAX_DECOMPRESSED_BYTES};
pub use error::BoxError;
pub use execute::Execute;
pub use fin_stream::{FinStream, FinStreamNext, FinStreamPolicy, FinSubscriptionUrl};
pub use format::{decode_model, Binary, BodyDecodeError, Json, JsonOrNull, NoContent, ResponseFormat};
pub use operations::Operation;
pub use pager::{PageInfo, PageParts, PageStyle, Pager, Paginate, Paginated};
pub use query::Query;
pub use request::{json_body, path_param, Endpoint};
pub use response::{api_error, parse_parts, parse_response, REQUEST_ID};
pub use sse::{SseError, SseEvent, SseParser, MAX_SSE_LINE_BYTES};
