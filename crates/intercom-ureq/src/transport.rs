//! The ureq transport: moves bytes, reports failures by kind.

use std::io;

use http::{Request, Response};
use intercom_core::{
    check_content_length, Config, HttpClient, Timeouts, TransportError, TransportErrorKind, TransportFromConfig,
    MAX_HEADER_BYTES,
};
use ureq::unversioned::transport::DefaultConnector;

use crate::resolver::{RememberingResolver, REMEMBER_FOR};

/// The largest answer body read, 64 MiB: larger is [`TransportErrorKind::BodyTooLarge`].
pub const DEFAULT_MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

/// An [`HttpClient`] on one ureq [`Agent`](ureq::Agent): keep-alive connections, no redirects followed,
/// error statuses returned as answers (core reads them), rustls with webpki roots.
#[derive(Debug, Clone)]
pub struct UreqTransport {
    agent: ureq::Agent,
    max_body_bytes: u64,
}

impl Default for UreqTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl UreqTransport {
    /// A transport with its own agent. The agent remembers resolved addresses for 30 seconds, so requests on
    /// a pooled connection skip DNS (ureq would otherwise resolve each time, on a new thread when a timeout
    /// is set; docs/PERFORMANCE.md).
    pub fn new() -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_response_header_size(MAX_HEADER_BYTES)
            // Headers must fit in the input buffer, or a large head reads as a disconnection.
            .input_buffer_size(MAX_HEADER_BYTES + 16 * 1024)
            .build();
        let agent =
            ureq::Agent::with_parts(config, DefaultConnector::default(), RememberingResolver::new(REMEMBER_FOR));
        Self { agent, max_body_bytes: DEFAULT_MAX_BODY_BYTES }
    }

    /// A transport over your own agent. It must be built with `http_status_as_error(false)`, or error
    /// answers arrive as transport failures without their body.
    pub fn from_agent(agent: ureq::Agent) -> Self {
        Self { agent, max_body_bytes: DEFAULT_MAX_BODY_BYTES }
    }

    /// Refuses answers larger than `bytes`.
    pub fn max_body_bytes(mut self, bytes: u64) -> Self {
        self.max_body_bytes = bytes;
        self
    }
}

impl TransportFromConfig for UreqTransport {
    /// A new agent; the timeouts come with each request.
    fn from_config(_config: &Config) -> Self {
        Self::new()
    }
}

impl HttpClient for UreqTransport {
    fn execute(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, TransportError> {
        let timeouts = request.extensions().get::<Timeouts>().copied().unwrap_or_default();
        let request = self
            .agent
            .configure_request(request)
            .timeout_connect(timeouts.connect)
            .timeout_global(timeouts.total)
            .build();
        let response = self.agent.run(request).map_err(transport_error)?;
        let (parts, mut body) = response.into_parts();
        check_content_length(&parts.headers, self.max_body_bytes)?;
        let bytes = body.with_config().limit(self.max_body_bytes).read_to_vec().map_err(transport_error)?;
        Ok(Response::from_parts(parts, bytes))
    }
}

fn transport_error(error: ureq::Error) -> TransportError {
    let kind = match &error {
        ureq::Error::Timeout(_) => TransportErrorKind::Timeout,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed | ureq::Error::Tls(_) => TransportErrorKind::Connect,
        ureq::Error::Rustls(_) => TransportErrorKind::Connect,
        ureq::Error::BodyExceedsLimit(_) => TransportErrorKind::BodyTooLarge,
        ureq::Error::Protocol(_) | ureq::Error::LargeResponseHeader(..) => TransportErrorKind::InvalidResponse,
        ureq::Error::Io(e) => io_kind(e),
        _ => TransportErrorKind::Other,
    };
    TransportError::new(kind, error)
}

fn io_kind(error: &io::Error) -> TransportErrorKind {
    match error.kind() {
        io::ErrorKind::ConnectionRefused | io::ErrorKind::AddrNotAvailable => TransportErrorKind::Connect,
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => TransportErrorKind::Timeout,
        _ => TransportErrorKind::Io,
    }
}
