//! The blocking Intercom client, on [ureq](https://docs.rs/ureq) 3.
//!
//! ```no_run
//! use intercom_ureq::endpoints::{IdentifyAdmin, ListSegments};
//! use intercom_ureq::Client;
//!
//! let client = Client::new("my-access-token");
//! let me = IdentifyAdmin::new().send(&client)?;
//! println!("signed in as {}", me.name.unwrap_or_default());
//! for segment in ListSegments::new().include_count(true).send(&client)?.segments {
//!     println!("{}: {:?}", segment.name.unwrap_or_default(), segment.count);
//! }
//! # Ok::<(), intercom_ureq::Error>(())
//! ```
//!
//! Everything of `intercom-core` (configuration, endpoints, errors) and `intercom-models` (as `models`) is
//! re-exported, so this crate is the only one to depend on. No async runtime is involved.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod transport;

pub use intercom_core::*;
pub use transport::UreqTransport;

/// A blocking Intercom client: a [`Config`] and one keep-alive [`UreqTransport`]. Cheap to clone (the
/// connection pool is shared).
#[derive(Debug, Clone)]
pub struct Client {
    inner: BlockingClient<UreqTransport>,
}

impl Client {
    /// A client for the US region with this access token.
    pub fn new(token: impl Into<AccessToken>) -> Self {
        Self::from_config(Config::new(token))
    }

    /// A client with this configuration.
    pub fn from_config(config: Config) -> Self {
        Self::with_transport(config, UreqTransport::new())
    }

    /// A client configured from `INTERCOM_TOKEN`, `INTERCOM_REGION` and `INTERCOM_BASE_URL`.
    pub fn from_env() -> Result<Self, Error> {
        Ok(Self::from_config(Config::from_env()?))
    }

    /// A client over a transport you configured yourself.
    pub fn with_transport(config: Config, transport: UreqTransport) -> Self {
        Self { inner: BlockingClient::new(config, transport) }
    }

    /// Sends `endpoint` and waits for its result. Same as `endpoint.send(&client)`.
    pub fn send<E: Endpoint + ?Sized>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.inner.send(endpoint)
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        self.inner.config()
    }
}

impl<E: Endpoint> Execute<E> for Client {
    type Outcome<'a>
        = Result<E::Output, Error>
    where
        Self: 'a,
        E: 'a;

    fn execute<'a>(&'a self, endpoint: &'a E) -> Self::Outcome<'a> {
        self.send(endpoint)
    }
}
