//! How an endpoint becomes an `http::Request`: URL, headers, version, timeouts.

use http::header::{HeaderName, HeaderValue, ACCEPT, ACCEPT_ENCODING, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::Request;

use crate::protocol::config::Config;
use crate::protocol::content;
use crate::protocol::error::Error;
use crate::protocol::format::ResponseFormat;
use crate::protocol::operations::Operation;
use crate::protocol::query::Query;
use crate::protocol::request::Endpoint;
use crate::protocol::version::ApiVersion;

/// The header that selects the API version.
pub const INTERCOM_VERSION: &str = "intercom-version";

/// Builds the HTTP request for `endpoint`: URL, `Authorization: Bearer`, `Accept`, `Content-Type` (with a
/// body), `Intercom-Version` and `User-Agent`, plus the configured [`Timeouts`](crate::protocol::config::Timeouts) as an extension. The
/// `Authorization` value is marked sensitive, so `Debug` of the request does not show it.
pub fn build_request<E: Endpoint + ?Sized>(config: &Config, endpoint: &E) -> Result<Request<Vec<u8>>, Error> {
    let options = endpoint.options();
    let path = endpoint.path()?;
    let mut query = Query::new();
    endpoint.query(&mut query);
    // Per-request pairs go after the operation's own, on every request (each page's included).
    for (name, value) in options.map(|o| o.query.as_slice()).unwrap_or_default() {
        query.push(name.clone(), value.clone());
    }
    let mut url = String::with_capacity(config.base_url().len() + path.len() + 32 * query.pairs().len());
    url.push_str(config.base_url());
    url.push_str(&path);
    query.write_to(&mut url);

    // A Preview endpoint is Preview whatever the client's version; a request's own version wins over both.
    let operation_version = endpoint.operation().preview.then_some(&ApiVersion::PREVIEW);
    let api_version =
        options.and_then(|o| o.api_version.as_ref()).or(operation_version).unwrap_or(config.api_version());
    let skip_check = !config.checks_versions() || options.is_some_and(|o| o.skip_version_check);
    if !skip_check {
        check_version(endpoint.operation(), api_version)?;
    }
    let mut timeouts = config.timeouts();
    if let Some(total) = options.and_then(|o| o.timeout) {
        timeouts.total = Some(total);
    }
    if let Some(connect) = options.and_then(|o| o.connect_timeout) {
        timeouts.connect = Some(connect);
    }
    let body = endpoint.body()?;
    let mut builder = Request::builder()
        .method(endpoint.method())
        .uri(&url)
        .header(AUTHORIZATION, bearer(config)?)
        .header(ACCEPT, <E::Format as ResponseFormat<E::Output>>::ACCEPT)
        .header(INTERCOM_VERSION, header_value("Intercom-Version", api_version.as_str())?)
        .header(USER_AGENT, header_value("User-Agent", config.user_agent())?)
        .extension(timeouts);
    if body.is_some() {
        builder = builder.header(CONTENT_TYPE, "application/json");
    }
    if config.compression() {
        builder = builder.header(ACCEPT_ENCODING, content::ACCEPT_ENCODING);
    }
    let mut request = builder
        .body(body.unwrap_or_default())
        .map_err(|e| Error::invalid_request(format!("cannot build {url}: {e}")))?;
    for (name, value) in options.map(|o| o.headers.as_slice()).unwrap_or_default() {
        let name = HeaderName::try_from(name.as_str())
            .map_err(|_| Error::invalid_request(format!("`{name}` is not a valid header name")))?;
        let value = header_value(name.as_str(), value)?;
        request.headers_mut().insert(name, value);
    }
    Ok(request)
}

/// Refuses an operation that a known API version does not have.
fn check_version(operation: &Operation, version: &ApiVersion) -> Result<(), Error> {
    if operation.availability(version) != Some(false) {
        return Ok(());
    }
    if let Some(other) = crate::protocol::operations::at_version(operation, version) {
        return Err(Error::invalid_request(format!(
            "{} ({} {}) is not in API {version}: there this method and path is {}, another operation with \
             another answer (Intercom has {} in {}). Send {} instead, or this one with one of those versions",
            operation.name,
            operation.method,
            operation.path,
            other.name,
            operation.name,
            ranges(operation.versions),
            other.name
        )));
    }
    Err(Error::invalid_request(format!(
        "{} ({} {}) is not in API {version}: Intercom has it in {}. Send it with one of those versions \
         (RequestOptions::api_version), or use RequestOptions::skip_version_check if Intercom has enabled it \
         for your workspace",
        operation.name,
        operation.method,
        operation.path,
        ranges(operation.versions)
    )))
}

/// Versions as runs of the known ones: `2.12–2.16, Preview`.
fn ranges(versions: &[ApiVersion]) -> String {
    let mut runs: Vec<Vec<&str>> = Vec::new();
    let mut open = false;
    for known in ApiVersion::KNOWN {
        if versions.contains(known) && *known != ApiVersion::PREVIEW {
            match runs.last_mut() {
                Some(run) if open => run.push(known.as_str()),
                _ => runs.push(vec![known.as_str()]),
            }
            open = true;
        } else {
            open = false;
        }
    }
    let mut out: Vec<String> = runs
        .iter()
        .map(|run| match run.as_slice() {
            [one] => (*one).to_owned(),
            [first, .., last] => format!("{first}–{last}"),
            [] => String::new(),
        })
        .collect();
    if versions.contains(&ApiVersion::PREVIEW) {
        out.push("Preview".to_owned());
    }
    out.join(", ")
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
