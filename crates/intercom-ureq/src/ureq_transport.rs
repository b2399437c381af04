//! The ureq transport: moves bytes, reports failures by kind.

use std::io::{self, Read};

use http::{Request, Response};
use intercom_core::transport::{check_content_length, BodySink, HttpClient, TransportFromConfig, MAX_HEADER_BYTES};
use intercom_core::{Config, Timeouts, TransportError, TransportErrorKind, TrustedRoots};
use ureq::tls::{Certificate, RootCerts, TlsConfig};
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
    /// An added root certificate rustls could not read: every request fails with it rather than run with
    /// fewer roots than configured.
    bad_root: Option<rustls::Error>,
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
        Self::trusting(&TrustedRoots::default())
    }

    /// A transport like [`new`](Self::new) that trusts `roots` for TLS.
    pub fn trusting(roots: &TrustedRoots) -> Self {
        let config = ureq::Agent::config_builder()
            .tls_config(tls_config(roots))
            .http_status_as_error(false)
            .max_redirects(0)
            .max_response_header_size(MAX_HEADER_BYTES)
            // Headers must fit in the input buffer, or a large head reads as a disconnection.
            .input_buffer_size(MAX_HEADER_BYTES + 16 * 1024)
            // ureq keeps 3 idle connections a host: worker threads sending at once (send_all, exports)
            // would close the others after each answer and open new ones, a handshake each.
            .max_idle_connections_per_host(MAX_IDLE_PER_HOST)
            .max_idle_connections(MAX_IDLE_PER_HOST * 2)
            .build();
        let agent =
            ureq::Agent::with_parts(config, DefaultConnector::default(), RememberingResolver::new(REMEMBER_FOR));
        Self { agent, max_body_bytes: DEFAULT_MAX_BODY_BYTES, bad_root: unreadable_root(roots) }
    }

    /// A transport over your own agent. It must be built with `http_status_as_error(false)`, or error
    /// answers arrive as transport failures without their body.
    pub fn from_agent(agent: ureq::Agent) -> Self {
        Self { agent, max_body_bytes: DEFAULT_MAX_BODY_BYTES, bad_root: None }
    }

    /// Refuses answers larger than `bytes`.
    pub fn max_body_bytes(mut self, bytes: u64) -> Self {
        self.max_body_bytes = bytes;
        self
    }
}

impl TransportFromConfig for UreqTransport {
    /// A new agent trusting the configured roots; the timeouts come with each request.
    fn from_config(config: &Config) -> Self {
        Self::trusting(config.trusted_roots())
    }
}

impl UreqTransport {
    /// Sends `request` and returns the answer's head and unread body.
    fn start(&self, request: Request<Vec<u8>>) -> Result<(http::response::Parts, ureq::Body), TransportError> {
        if let Some(bad) = &self.bad_root {
            return Err(TransportError::new(TransportErrorKind::Tls, bad.clone()));
        }
        let timeouts = request.extensions().get::<Timeouts>().copied().unwrap_or_default();
        let request = self
            .agent
            .configure_request(request)
            .timeout_connect(timeouts.connect)
            .timeout_global(timeouts.total)
            .build();
        Ok(self.agent.run(request).map_err(transport_error)?.into_parts())
    }

    fn read_whole(&self, parts: &http::response::Parts, body: &mut ureq::Body) -> Result<Vec<u8>, TransportError> {
        check_content_length(&parts.headers, self.max_body_bytes)?;
        body.with_config().limit(self.max_body_bytes).read_to_vec().map_err(transport_error)
    }
}

impl HttpClient for UreqTransport {
    fn execute(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, TransportError> {
        let (parts, mut body) = self.start(request)?;
        let bytes = self.read_whole(&parts, &mut body)?;
        Ok(Response::from_parts(parts, bytes))
    }

    fn execute_streaming(
        &self,
        request: Request<Vec<u8>>,
        sink: &mut BodySink<'_>,
    ) -> Result<Response<Vec<u8>>, TransportError> {
        let (parts, mut body) = self.start(request)?;
        if !sink.accepts(parts.status, &parts.headers)? {
            let bytes = self.read_whole(&parts, &mut body)?;
            return Ok(Response::from_parts(parts, bytes));
        }
        // Unlimited: the bytes go to the caller's writer, not to memory.
        let mut reader = body.with_config().limit(u64::MAX).reader();
        let mut buffer = vec![0u8; STREAM_BUFFER_BYTES];
        loop {
            let read = reader.read(&mut buffer).map_err(|e| TransportError::new(io_kind(&e), e))?;
            if read == 0 {
                break;
            }
            sink.write(&buffer[..read])?;
        }
        sink.finish()?;
        Ok(Response::from_parts(parts, Vec::new()))
    }
}

/// Idle connections kept to one host: as many as requests a bulk run or an export has out at once.
const MAX_IDLE_PER_HOST: usize = 32;
/// The chunk a streamed download is read in.
const STREAM_BUFFER_BYTES: usize = 64 * 1024;

/// ureq trusts either its built-in roots or a given list, so added roots come with a copy of the same
/// Mozilla set as certificates.
fn tls_config(roots: &TrustedRoots) -> TlsConfig {
    if roots.is_default() {
        return TlsConfig::default();
    }
    let builtin = if roots.builtin() { webpki_root_certs::TLS_SERVER_ROOT_CERTS } else { &[] };
    let certificates = builtin
        .iter()
        .map(|der| Certificate::from_der(der.as_ref()).to_owned())
        .chain(roots.added().map(|der| Certificate::from_der(der).to_owned()));
    TlsConfig::builder().root_certs(RootCerts::from(certificates)).build()
}

/// ureq skips root certificates it cannot read; this finds the first, so the transport can refuse to run.
fn unreadable_root(roots: &TrustedRoots) -> Option<rustls::Error> {
    let mut store = rustls::RootCertStore::empty();
    roots.added().find_map(|der| store.add(rustls::pki_types::CertificateDer::from(der)).err())
}

fn transport_error(error: ureq::Error) -> TransportError {
    // rustls reports a failed handshake as an `io::Error` wrapping its own error.
    let tls = match &error {
        ureq::Error::Io(io) => io.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()),
        _ => None,
    };
    if let Some(tls) = tls {
        return TransportError::new(TransportErrorKind::Tls, tls.clone());
    }
    let kind = match &error {
        ureq::Error::Timeout(_) => TransportErrorKind::Timeout,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => TransportErrorKind::Connect,
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => TransportErrorKind::Tls,
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
