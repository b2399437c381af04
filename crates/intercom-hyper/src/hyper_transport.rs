//! The hyper transport: one pooled client, rustls with webpki roots, HTTP/1.1 and HTTP/2 by ALPN.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as PooledClient;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use intercom_core::transport::{
    check_content_length, AsyncHttpClient, BodySink, TransportFromConfig, MAX_HEADER_BYTES,
};
use intercom_core::{Config, Timeouts, TransportError, TransportErrorKind, TrustedRoots};
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};

use crate::first_connection::FirstConnection;

/// How long an idle pooled connection is kept.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// The largest answer body read, 64 MiB: larger is [`TransportErrorKind::BodyTooLarge`].
pub const DEFAULT_MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// An [`AsyncHttpClient`] on one pooled hyper client. Clones share the pool.
///
/// The total timeout of each request comes from its [`Timeouts`] extension; the connect timeout is the
/// connector's, set when the transport is built.
#[derive(Debug, Clone)]
pub struct HyperTransport {
    client: PooledClient<HttpsConnector<HttpConnector>, Full<Bytes>>,
    max_body_bytes: usize,
    /// An added root certificate rustls could not read: every request fails with it rather than run with
    /// fewer roots than configured.
    bad_root: Option<rustls::Error>,
    first: Arc<FirstConnection>,
}

impl Default for HyperTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl HyperTransport {
    /// A transport with the default connect timeout of [`Timeouts::default`].
    pub fn new() -> Self {
        Self::with_connect_timeout(Timeouts::default().connect)
    }

    /// A transport whose connections must be set up within `connect` (`None` for no limit).
    pub fn with_connect_timeout(connect: Option<Duration>) -> Self {
        Self::build(connect, &TrustedRoots::default())
    }

    fn build(connect: Option<Duration>, roots: &TrustedRoots) -> Self {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(connect);
        http.set_nodelay(true);
        let (store, bad_root) = root_store(roots);
        let tls = ClientConfig::builder_with_provider(rustls::crypto::ring::default_provider().into())
            .with_safe_default_protocol_versions()
            .expect("the ring provider supports the default TLS versions")
            .with_root_certificates(store)
            .with_no_client_auth();
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_all_versions()
            .wrap_connector(http);
        let client = PooledClient::builder(TokioExecutor::new())
            .http1_max_buf_size(MAX_HEADER_BYTES)
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            .build(https);
        let first = Arc::new(FirstConnection::new(POOL_IDLE_TIMEOUT - Duration::from_secs(5)));
        Self { client, max_body_bytes: DEFAULT_MAX_BODY_BYTES, bad_root, first }
    }

    /// Refuses answers larger than `bytes`.
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Sends `request` and returns the answer with its body unread.
    async fn start(&self, request: Request<Vec<u8>>) -> Result<Response<Incoming>, TransportError> {
        if let Some(bad) = &self.bad_root {
            return Err(TransportError::new(TransportErrorKind::Tls, bad.clone()));
        }
        let host = format!(
            "{}://{}",
            request.uri().scheme_str().unwrap_or(""),
            request.uri().authority().map_or("", |a| a.as_str())
        );
        let turn = self.first.wait_turn(&host).await;
        let request = request.map(|body| Full::new(Bytes::from(body)));
        let response = self.client.request(request).await.map_err(request_error)?;
        self.first.answered(&host);
        drop(turn);
        Ok(response)
    }

    async fn read_whole(&self, parts: &http::response::Parts, body: Incoming) -> Result<Vec<u8>, TransportError> {
        check_content_length(&parts.headers, self.max_body_bytes as u64)?;
        let collected = Limited::new(body, self.max_body_bytes).collect().await.map_err(|e| {
            let kind =
                if e.is::<LengthLimitError>() { TransportErrorKind::BodyTooLarge } else { TransportErrorKind::Io };
            TransportError::new(kind, e)
        })?;
        Ok(Vec::from(collected.to_bytes()))
    }

    async fn exchange(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, TransportError> {
        let (parts, body) = self.start(request).await?.into_parts();
        let bytes = self.read_whole(&parts, body).await?;
        Ok(Response::from_parts(parts, bytes))
    }

    async fn stream(
        &self,
        request: Request<Vec<u8>>,
        sink: &mut BodySink<'_>,
    ) -> Result<Response<Vec<u8>>, TransportError> {
        let (parts, mut body) = self.start(request).await?.into_parts();
        if !sink.accepts(parts.status, &parts.headers)? {
            let bytes = self.read_whole(&parts, body).await?;
            return Ok(Response::from_parts(parts, bytes));
        }
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| TransportError::new(TransportErrorKind::Io, e))?;
            if let Ok(data) = frame.into_data() {
                sink.write(&data)?;
            }
        }
        sink.finish()?;
        Ok(Response::from_parts(parts, Vec::new()))
    }
}

/// Runs `exchange` within the request's total timeout, if it has one.
async fn within_total<F: std::future::Future<Output = Result<Response<Vec<u8>>, TransportError>>>(
    total: Option<Duration>,
    exchange: F,
) -> Result<Response<Vec<u8>>, TransportError> {
    match total {
        Some(limit) => tokio::time::timeout(limit, exchange)
            .await
            .map_err(|elapsed| TransportError::new(TransportErrorKind::Timeout, elapsed))?,
        None => exchange.await,
    }
}

impl TransportFromConfig for HyperTransport {
    /// A new pool whose connector uses the configured connect timeout and trusted roots.
    fn from_config(config: &Config) -> Self {
        Self::build(config.timeouts().connect, config.trusted_roots())
    }
}

/// The built-in roots (unless turned off) and the added ones; the first added one rustls refuses, if any.
fn root_store(roots: &TrustedRoots) -> (RootCertStore, Option<rustls::Error>) {
    let mut store = RootCertStore::empty();
    if roots.builtin() {
        store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    }
    let mut bad = None;
    for der in roots.added() {
        if let Err(error) = store.add(CertificateDer::from(der.to_vec())) {
            bad.get_or_insert(error);
        }
    }
    (store, bad)
}

fn request_error(error: hyper_util::client::legacy::Error) -> TransportError {
    if let Some(tls) = rustls_error(&error) {
        return TransportError::new(TransportErrorKind::Tls, tls.clone());
    }
    let parse = std::error::Error::source(&error)
        .and_then(|s| s.downcast_ref::<hyper::Error>())
        .is_some_and(hyper::Error::is_parse);
    let kind = match (error.is_connect(), parse) {
        (true, _) => TransportErrorKind::Connect,
        (false, true) => TransportErrorKind::InvalidResponse,
        (false, false) => TransportErrorKind::Io,
    };
    TransportError::new(kind, error)
}

/// The rustls error under `error`, if the failure was TLS. rustls reports through `io::Error`, whose
/// `source()` skips the error it wraps, so each `io::Error` is opened by hand.
fn rustls_error<'e>(error: &'e (dyn std::error::Error + 'static)) -> Option<&'e rustls::Error> {
    let mut next = Some(error);
    while let Some(current) = next {
        if let Some(tls) = current.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        next = match current.downcast_ref::<std::io::Error>().and_then(std::io::Error::get_ref) {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => current.source(),
        };
    }
    None
}

/// A boxed future made in this crate: the hyper and rustls code it runs is compiled here, once, and not
/// again in every crate that sends a request.
type Exchange<'a> = Pin<Box<dyn Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send + 'a>>;

impl HyperTransport {
    fn execute_boxed(&self, request: Request<Vec<u8>>) -> Exchange<'_> {
        let total = request.extensions().get::<Timeouts>().copied().unwrap_or_default().total;
        Box::pin(within_total(total, self.exchange(request)))
    }

    fn execute_streaming_boxed<'a>(&'a self, request: Request<Vec<u8>>, sink: &'a mut BodySink<'_>) -> Exchange<'a> {
        let total = request.extensions().get::<Timeouts>().copied().unwrap_or_default().total;
        Box::pin(within_total(total, self.stream(request, sink)))
    }

    fn sleep_boxed(duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

impl AsyncHttpClient for HyperTransport {
    async fn execute(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, TransportError> {
        self.execute_boxed(request).await
    }

    async fn execute_streaming(
        &self,
        request: Request<Vec<u8>>,
        sink: &mut BodySink<'_>,
    ) -> Result<Response<Vec<u8>>, TransportError> {
        self.execute_streaming_boxed(request, sink).await
    }

    async fn sleep(&self, duration: Duration) {
        Self::sleep_boxed(duration).await
    }
}
