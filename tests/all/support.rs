//! Running one endpoint through either real transport.

use intercom_core::protocol::Endpoint;
use intercom_core::{Config, Error};

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
                intercom_ureq::protocol::Execute::execute(&client, endpoint)
            })
            .await
            .expect("the blocking call panicked"),
            Transport::Hyper => {
                let client = intercom_hyper::Client::from_config(config);
                intercom_hyper::protocol::Execute::execute(&client, endpoint).await
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

/// A built request as text: method, URL, headers (sorted, the token and the SDK version redacted), body.
pub fn render_request(request: &http::Request<Vec<u8>>, token: &str) -> String {
    let mut out = format!("{} {}\n", request.method(), request.uri());
    let mut headers: Vec<_> = request.headers().iter().collect();
    headers.sort_by_key(|(name, _)| name.as_str());
    for (name, value) in headers {
        let value = value.to_str().unwrap_or("<binary>");
        let value = value.replace(token, "[redacted]").replace(env!("CARGO_PKG_VERSION"), "[version]");
        out.push_str(&format!("{name}: {value}\n"));
    }
    if !request.body().is_empty() {
        let body: serde_json::Value = serde_json::from_slice(request.body()).expect("JSON body");
        out.push('\n');
        out.push_str(&serde_json::to_string_pretty(&body).expect("JSON"));
        out.push('\n');
    }
    out
}

/// Equal as JSON, except that an integer and its decimal string count as the same id.
pub fn same_json(sent: &serde_json::Value, example: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (sent, example) {
        (Value::String(s), Value::Number(n)) | (Value::Number(n), Value::String(s)) => *s == n.to_string(),
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same_json(v, w)))
        }
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(v, w)| same_json(v, w)),
        _ => sent == example,
    }
}

/// Decodes `body` with `status` as the answer to `endpoint`, through core alone.
pub fn decode<E: intercom_core::protocol::Endpoint>(
    endpoint: &E,
    status: u16,
    body: &[u8],
) -> Result<E::Output, intercom_core::Error> {
    let response = http::Response::builder().status(status).body(body.to_vec()).expect("a valid status");
    intercom_core::protocol::parse_response(endpoint, response)
}
