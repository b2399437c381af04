//! The hyper transport: one pooled client, rustls with webpki roots, HTTP/1.1 and HTTP/2 by ALPN.

use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as PooledClient;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use intercom_core::{
    check_content_length, AsyncHttpClient, Config, Timeouts, TransportError, TransportErrorKind, TransportFromConfig,
    MAX_HEADER_BYTES,
};

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
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(connect);
        http.set_nodelay(true);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .expect("the ring provider supports the default TLS versions")
            .https_or_http()
            .enable_all_versions()
            .wrap_connector(http);
        let client = PooledClient::builder(TokioExecutor::new())
            .http1_max_buf_size(MAX_HEADER_BYTES)
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(Duration::from_secs(60))
            .build(https);
        Self { client, max_body_bytes: DEFAULT_MAX_BODY_BYTES }
    }

    /// Refuses answers larger than `bytes`.
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    async fn exchange(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, TransportError> {
        let request = request.map(|body| Full::new(Bytes::from(body)));
        let response = self.client.request(request).await.map_err(|e| {
            let parse = std::error::Error::source(&e)
                .and_then(|s| s.downcast_ref::<hyper::Error>())
                .is_some_and(hyper::Error::is_parse);
            let kind = match (e.is_connect(), parse) {
                (true, _) => TransportErrorKind::Connect,
                (false, true) => TransportErrorKind::InvalidResponse,
                (false, false) => TransportErrorKind::Io,
            };
            TransportError::new(kind, e)
        })?;
        let (parts, body) = response.into_parts();
        check_content_length(&parts.headers, self.max_body_bytes as u64)?;
        let collected = Limited::new(body, self.max_body_bytes).collect().await.map_err(|e| {
            let kind =
                if e.is::<LengthLimitError>() { TransportErrorKind::BodyTooLarge } else { TransportErrorKind::Io };
            TransportError::new(kind, e)
        })?;
        Ok(Response::from_parts(parts, Vec::from(collected.to_bytes())))
    }
}

impl TransportFromConfig for HyperTransport {
    /// A new pool whose connector uses the configured connect timeout.
    fn from_config(config: &Config) -> Self {
        Self::with_connect_timeout(config.timeouts().connect)
    }
}

#[async_trait::async_trait]
impl AsyncHttpClient for HyperTransport {
    async fn execute(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, TransportError> {
        let total = request.extensions().get::<Timeouts>().copied().unwrap_or_default().total;
        match total {
            Some(limit) => tokio::time::timeout(limit, self.exchange(request))
                .await
                .map_err(|elapsed| TransportError::new(TransportErrorKind::Timeout, elapsed))?,
            None => self.exchange(request).await,
        }
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }
}
