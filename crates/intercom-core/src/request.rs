//! Turning an endpoint into an `http::Request`.

use std::fmt::Write as _;

use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::Request;

use crate::config::Config;
use crate::endpoint::{encode_query_value, Endpoint, ResponseFormat};
use crate::error::Error;

/// The header that selects the API version.
pub const INTERCOM_VERSION: &str = "intercom-version";

/// Builds the HTTP request for `endpoint`: URL, `Authorization: Bearer`, `Accept`, `Content-Type` (with a
/// body), `Intercom-Version` and `User-Agent`, plus the configured [`Timeouts`](crate::Timeouts) as an extension. The
/// `Authorization` value is marked sensitive, so `Debug` of the request does not show it.
pub fn build_request<E: Endpoint + ?Sized>(config: &Config, endpoint: &E) -> Result<Request<Vec<u8>>, Error> {
    let path = endpoint.path()?;
    let query = endpoint.query();
    let mut url = String::with_capacity(config.base_url().len() + path.len() + 16 * query.len());
    url.push_str(config.base_url());
    url.push_str(&path);
    for (i, (name, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        let _ = write!(url, "{}={}", encode_query_value(name), encode_query_value(value));
    }

    let body = endpoint.body()?;
    let mut builder = Request::builder()
        .method(endpoint.operation().method.clone())
        .uri(&url)
        .header(AUTHORIZATION, bearer(config)?)
        .header(ACCEPT, <E::Format as ResponseFormat<E::Output>>::ACCEPT)
        .header(INTERCOM_VERSION, header_value("Intercom-Version", config.api_version())?)
        .header(USER_AGENT, header_value("User-Agent", config.user_agent())?)
        .extension(config.timeouts());
    if body.is_some() {
        builder = builder.header(CONTENT_TYPE, "application/json");
    }
    builder.body(body.unwrap_or_default()).map_err(|e| Error::invalid_request(format!("cannot build {url}: {e}")))
}

fn bearer(config: &Config) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::try_from(format!("Bearer {}", config.token().expose_secret()))
        .map_err(|_| Error::invalid_request("the access token contains characters not allowed in a header"))?;
    value.set_sensitive(true);
    Ok(value)
}

fn header_value(name: &str, value: &str) -> Result<HeaderValue, Error> {
    HeaderValue::try_from(value).map_err(|_| {
        Error::invalid_request(format!("the {name} header `{value}` has characters not allowed in a header"))
    })
}
