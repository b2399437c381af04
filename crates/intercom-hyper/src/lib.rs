//! The async Intercom client, on [hyper](https://docs.rs/hyper) 1 with rustls (HTTP/1.1 and HTTP/2).
//!
//! ```no_run
//! use intercom_hyper::endpoints::{IdentifyAdmin, ListSegments};
//! use intercom_hyper::Client;
//!
//! # async fn run() -> Result<(), intercom_hyper::Error> {
//! let client = Client::new("my-access-token");
//! let me = IdentifyAdmin::new().send(&client).await?;
//! println!("signed in as {}", me.name.unwrap_or_default());
//! let segments = ListSegments::new().include_count(true).send(&client).await?;
//! println!("{} segments", segments.segments.len());
//! # Ok(())
//! # }
//! ```
//!
//! Everything of `intercom-core` (configuration, endpoints, errors) and `intercom-models` (as `models`) is
//! re-exported, so this crate is the only one to depend on. It needs a Tokio runtime.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod transport;

pub use intercom_core::*;
pub use transport::HyperTransport;

/// An async Intercom client: a [`Config`] and one pooled [`HyperTransport`]. Cheap to clone (the pool is
/// shared).
#[derive(Debug, Clone)]
pub struct Client {
    inner: AsyncClient<HyperTransport>,
}

impl Client {
    /// A client for the US region with this access token.
    pub fn new(token: impl Into<AccessToken>) -> Self {
        Self::from_config(Config::new(token))
    }

    /// A client with this configuration.
    pub fn from_config(config: Config) -> Self {
        let transport = HyperTransport::with_connect_timeout(config.timeouts().connect);
        Self::with_transport(config, transport)
    }

    /// A client configured from `INTERCOM_TOKEN`, `INTERCOM_REGION` and `INTERCOM_BASE_URL`.
    pub fn from_env() -> Result<Self, Error> {
        Ok(Self::from_config(Config::from_env()?))
    }

    /// A client over a transport you configured yourself.
    pub fn with_transport(config: Config, transport: HyperTransport) -> Self {
        Self { inner: AsyncClient::new(config, transport) }
    }

    /// Sends `endpoint`. Same as `endpoint.send(&client)`. Dropping the future cancels the request.
    pub async fn send<E: Endpoint + ?Sized>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.inner.send(endpoint).await
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        self.inner.config()
    }
}

impl<E> Execute<E> for Client
where
    E: Endpoint + Sync,
    E::Output: Send,
{
    type Outcome<'a>
        = SendFuture<'a, E::Output>
    where
        Self: 'a,
        E: 'a;

    fn execute<'a>(&'a self, endpoint: &'a E) -> Self::Outcome<'a> {
        Box::pin(self.send(endpoint))
    }
}
