//! The machinery under the clients, for those who write a transport, an endpoint of their own or a client
//! on another runtime: the transport traits, building a request and reading its answer, the call state
//! machine, and what an endpoint is made of. Users of the shipped clients need none of it.

pub use crate::body_sink::BodySink;
pub use crate::call::{Call, Step};
pub use crate::client::TransportFromConfig;
pub use crate::config::{DEFAULT_API_VERSION, USER_AGENT};
pub use crate::content::{ACCEPT_ENCODING, DEFAULT_MAX_DECOMPRESSED_BYTES};
pub use crate::endpoint::{
    json_body, path_param, Binary, BodyDecodeError, Endpoint, Json, JsonOrNull, NoContent, ResponseFormat,
};
pub use crate::error::BoxError;
pub use crate::execute::Execute;
pub use crate::operations::Operation;
pub use crate::pagination::{PageStyle, Pager, Paginate, Paginated};
pub use crate::query::Query;
pub use crate::request::{build_request, INTERCOM_VERSION};
pub use crate::response::{api_error, parse_parts, parse_response, REQUEST_ID};
pub use crate::transport::{check_content_length, AsyncHttpClient, HttpClient, MAX_HEADER_BYTES};
