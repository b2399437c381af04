//! Running one endpoint through either real transport.

use intercom_core::{Config, Endpoint, Error};

/// The two shipped transports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// `intercom_ureq::Client`, called on a blocking thread.
    Ureq,
    /// `intercom_hyper::Client`.
    Hyper,
}

impl Transport {
    pub const BOTH: [Transport; 2] = [Transport::Ureq, Transport::Hyper];

    /// Sends `endpoint` with a fresh client of this transport, through the endpoint's own `send`.
    pub async fn send<E>(self, config: Config, endpoint: E) -> Result<E::Output, Error>
    where
        E: Endpoint + Send + Sync + 'static,
        E::Output: Send + 'static,
    {
        match self {
            Transport::Ureq => tokio::task::spawn_blocking(move || {
                let client = intercom_ureq::Client::from_config(config);
                intercom_ureq::Execute::execute(&client, &endpoint)
            })
            .await
            .expect("the blocking call panicked"),
            Transport::Hyper => {
                let client = intercom_hyper::Client::from_config(config);
                intercom_hyper::Execute::execute(&client, &endpoint).await
            }
        }
    }
}

/// The path and query of a received request, as sent.
pub fn path_and_query(request: &wiremock::Request) -> String {
    match request.url.query() {
        Some(query) => format!("{}?{}", request.url.path(), query),
        None => request.url.path().to_owned(),
    }
}

/// A header of a received request, or `""`.
pub fn header<'r>(request: &'r wiremock::Request, name: &str) -> &'r str {
    request.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}
