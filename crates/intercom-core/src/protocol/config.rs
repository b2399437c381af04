//! Client configuration: access token, region or base URL, API version and user agent.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::Uri;

use crate::protocol::error::Error;
use crate::protocol::pacer::{Pacer, RateLimiting};
use crate::protocol::quick_clock::QuickClock;
use crate::protocol::retry::RetryPolicy;
use crate::protocol::shared_budget::{SharedBudget, SharedWindows};
use crate::protocol::trusted_roots::TrustedRoots;
use crate::protocol::version::ApiVersion;

/// The `Intercom-Version` sent when none is chosen: the newest stable version, [`ApiVersion::LATEST`].
pub const DEFAULT_API_VERSION: ApiVersion = ApiVersion::LATEST;

/// The `User-Agent` of every request: `intercom-rs/<crate version>`.
pub const USER_AGENT: &str = concat!("intercom-rs/", env!("CARGO_PKG_VERSION"));

/// How long a request may take, attached to every request built by core as an `http` extension.
///
/// Transports read it with `request.extensions().get::<Timeouts>()` and report an expiry as
/// [`TransportErrorKind::Timeout`](crate::TransportErrorKind::Timeout).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timeouts {
    /// Time to set up the connection (DNS, TCP and TLS); `None` for no limit.
    pub connect: Option<Duration>,
    /// Time for the whole exchange, from sending to the last byte of the answer; `None` for no limit.
    pub total: Option<Duration>,
}

impl Default for Timeouts {
    /// 10 seconds to connect, 60 seconds in all.
    fn default() -> Self {
        Self { connect: Some(Duration::from_secs(10)), total: Some(Duration::from_secs(60)) }
    }
}

/// An Intercom access token. Its `Debug` never shows the secret, and it has no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The secret itself, for building the `Authorization` header.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

impl From<&str> for AccessToken {
    fn from(token: &str) -> Self {
        Self::new(token)
    }
}

impl From<String> for AccessToken {
    fn from(token: String) -> Self {
        Self(token)
    }
}

/// Where an Intercom workspace's data is hosted; each region has its own API host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Region {
    /// `https://api.intercom.io`
    #[default]
    Us,
    /// `https://api.eu.intercom.io`
    Eu,
    /// `https://api.au.intercom.io`
    Au,
}

impl Region {
    /// The region's API base URL.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::Us => "https://api.intercom.io",
            Region::Eu => "https://api.eu.intercom.io",
            Region::Au => "https://api.au.intercom.io",
        }
    }
}

impl std::str::FromStr for Region {
    type Err = Error;

    /// Reads `us`, `eu` or `au`, in any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "us" => Ok(Region::Us),
            "eu" => Ok(Region::Eu),
            "au" => Ok(Region::Au),
            other => Err(Error::configuration(format!("unknown region `{other}`: expected us, eu or au"))),
        }
    }
}

/// Everything a client needs besides its transport. Cheap to clone.
///
/// ```
/// use intercom_ureq::{Config, Region};
/// let config = Config::new("my-token").with_region(Region::Eu).with_api_version("2.14");
/// assert_eq!(config.base_url(), "https://api.eu.intercom.io");
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    token: AccessToken,
    base_url: String,
    api_version: ApiVersion,
    check_versions: bool,
    user_agent: String,
    timeouts: Timeouts,
    retry_policy: RetryPolicy,
    compression: bool,
    max_decompressed_bytes: usize,
    trusted_roots: TrustedRoots,
    /// `None` when pacing is off; shared by the clones.
    pacer: Option<Arc<Pacer>>,
    shared: Option<Arc<SharedWindows>>,
    quick_clock: Option<QuickClock>,
}

impl Config {
    /// A configuration for the US region and API version [`DEFAULT_API_VERSION`].
    pub fn new(token: impl Into<AccessToken>) -> Self {
        Self {
            token: token.into(),
            base_url: Region::Us.base_url().to_owned(),
            api_version: DEFAULT_API_VERSION,
            check_versions: true,
            user_agent: USER_AGENT.to_owned(),
            timeouts: Timeouts::default(),
            retry_policy: RetryPolicy::default(),
            compression: true,
            max_decompressed_bytes: crate::protocol::content::DEFAULT_MAX_DECOMPRESSED_BYTES,
            trusted_roots: TrustedRoots::default(),
            pacer: Some(Arc::new(Pacer::new(RateLimiting::default()))),
            shared: None,
            quick_clock: None,
        }
    }

    /// Reads `INTERCOM_TOKEN` (required), `INTERCOM_REGION` (`us`, `eu` or `au`) and `INTERCOM_BASE_URL`
    /// from the environment.
    pub fn from_env() -> Result<Self, Error> {
        let token = std::env::var("INTERCOM_TOKEN")
            .ok()
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| Error::configuration("INTERCOM_TOKEN is not set"))?;
        let mut config = Config::new(token.trim());
        if let Ok(region) = std::env::var("INTERCOM_REGION") {
            config = config.with_region(region.parse()?);
        }
        if let Ok(url) = std::env::var("INTERCOM_BASE_URL") {
            config = config.with_base_url(&url)?;
        }
        Ok(config)
    }

    /// Sends requests to `region`'s API host.
    pub fn with_region(mut self, region: Region) -> Self {
        self.base_url = region.base_url().to_owned();
        self
    }

    /// Sends requests to a custom base URL, such as a proxy or a mock server.
    ///
    /// The URL must be `https://`; plain `http://` is accepted for loopback hosts only (`localhost`,
    /// `127.0.0.0/8`, `[::1]`), so a token is never sent in clear over a network by mistake. Use
    /// [`with_insecure_base_url`](Self::with_insecure_base_url) to opt out.
    pub fn with_base_url(self, url: &str) -> Result<Self, Error> {
        let uri = parse_base_url(url)?;
        match uri.scheme_str() {
            Some("https") => {}
            Some("http") if is_loopback(uri.host().unwrap_or_default()) => {}
            _ => {
                return Err(Error::configuration(format!(
                    "base URL `{url}` must use https:// (http:// is allowed for loopback hosts only)"
                )))
            }
        }
        self.with_insecure_base_url(url)
    }

    /// Sends requests to `url` even over plain `http://` to a non-loopback host.
    pub fn with_insecure_base_url(mut self, url: &str) -> Result<Self, Error> {
        parse_base_url(url)?;
        self.base_url = url.trim_end_matches('/').to_owned();
        Ok(self)
    }

    /// Sets the `Intercom-Version` header: `ApiVersion::V2_11`, or any string (`"2.11"`, a version newer
    /// than this SDK).
    pub fn with_api_version(mut self, version: impl Into<ApiVersion>) -> Self {
        self.api_version = version.into();
        self
    }

    /// Whether to refuse, before sending, an operation that the request's (known) API version does not have
    /// (default: on). Turn it off when Intercom has given your workspace an operation early; one request can
    /// do the same with [`RequestOptions::skip_version_check`](crate::RequestOptions::skip_version_check).
    pub fn with_version_check(mut self, check: bool) -> Self {
        self.check_versions = check;
        self
    }

    /// Whether operations are checked against the API version before sending.
    pub fn checks_versions(&self) -> bool {
        self.check_versions
    }

    /// Appends `product` (e.g. `"my-app/1.2"`) to the `User-Agent`.
    pub fn with_user_agent_suffix(mut self, product: &str) -> Self {
        self.user_agent = format!("{USER_AGENT} {product}");
        self
    }

    /// Limits the time of the whole exchange (default 60 s); `None` for no limit.
    pub fn with_timeout(mut self, total: Option<Duration>) -> Self {
        self.timeouts.total = total;
        self
    }

    /// Limits the time to set up a connection (default 10 s); `None` for no limit.
    pub fn with_connect_timeout(mut self, connect: Option<Duration>) -> Self {
        self.timeouts.connect = connect;
        self
    }

    /// Paces requests under the rate limit (default: [`RateLimiting::from_headers`]; `RateLimiting::off()`
    /// for none). Every client built from this configuration, or from a clone of it, shares one budget:
    /// set it before cloning.
    pub fn with_rate_limiting(mut self, rate_limiting: RateLimiting) -> Self {
        self.pacer = rate_limiting.is_on().then(|| Arc::new(Pacer::new(rate_limiting)));
        self
    }

    /// How requests are paced under the rate limit.
    pub fn rate_limiting(&self) -> RateLimiting {
        self.pacer.as_ref().map_or(RateLimiting::off(), |pacer| pacer.settings())
    }

    pub(crate) fn pacer(&self) -> Option<&Arc<Pacer>> {
        self.pacer.as_ref()
    }

    /// Keeps the rate-limit budget of each window in `store` too, so that every process (and machine)
    /// configured with the same store spends one budget together: after the local pacer lets a request go,
    /// it takes a slot of the window in the store, and waits for the next window when the fleet has spent
    /// this one. Needs pacing on (the default). A store that fails or is slow never holds a request: the
    /// client paces alone (a warning says so once) and asks the store again ten seconds later. With the
    /// `redis` feature, `transport::RedisBudget` keeps the budget in Redis. docs/RESILIENCE.md, "Fleets".
    pub fn with_shared_budget(mut self, store: impl SharedBudget + 'static) -> Self {
        self.shared = Some(Arc::new(SharedWindows::new(Arc::new(store))));
        self
    }

    /// Whether a shared budget is set ([`with_shared_budget`](Self::with_shared_budget)).
    pub fn has_shared_budget(&self) -> bool {
        self.shared.is_some()
    }

    pub(crate) fn shared_windows(&self) -> Option<&SharedWindows> {
        self.shared.as_deref()
    }

    /// Retries with `policy` (default: [`RetryPolicy::default`], 2 retries).
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// Whether to ask for compressed answers (`Accept-Encoding: gzip, deflate`; default on). Compressed
    /// answers are decompressed either way, asked for or not.
    pub fn with_compression(mut self, compression: bool) -> Self {
        self.compression = compression;
        self
    }

    /// Refuses answers that decompress to more than `bytes` (default 64 MiB) with
    /// [`TransportErrorKind::BodyTooLarge`](crate::TransportErrorKind::BodyTooLarge).
    pub fn with_max_decompressed_bytes(mut self, bytes: usize) -> Self {
        self.max_decompressed_bytes = bytes;
        self
    }

    /// Also trusts the certificate authority `der` (one DER-encoded X.509 certificate) for TLS, beside the
    /// built-in Mozilla roots: a corporate proxy that re-signs traffic, or a test server's self-signed
    /// certificate. The transport reads it when it is built, so set it before building the client.
    pub fn with_root_certificate(mut self, der: impl Into<Vec<u8>>) -> Self {
        self.trusted_roots = self.trusted_roots.with_der(der.into());
        self
    }

    /// Also trusts every certificate of a PEM file (`-----BEGIN CERTIFICATE-----` blocks), as
    /// [`with_root_certificate`](Self::with_root_certificate) does for one. A file without a certificate,
    /// or with one that does not decode, is an error.
    pub fn with_root_certificates_pem(mut self, pem: &[u8]) -> Result<Self, Error> {
        self.trusted_roots = self.trusted_roots.with_pem(pem)?;
        Ok(self)
    }

    /// Whether the built-in Mozilla roots are trusted (default on). Turn them off to trust only the
    /// certificates added, for instance behind a proxy that intercepts all TLS.
    pub fn with_builtin_roots(mut self, trust: bool) -> Self {
        self.trusted_roots = self.trusted_roots.with_builtin(trust);
        self
    }

    /// The certificate authorities the transport trusts.
    pub fn trusted_roots(&self) -> &TrustedRoots {
        &self.trusted_roots
    }

    /// Whether requests ask for compressed answers.
    pub fn compression(&self) -> bool {
        self.compression
    }

    /// The most bytes an answer may decompress to.
    pub fn max_decompressed_bytes(&self) -> usize {
        self.max_decompressed_bytes
    }

    /// Runs this configuration's waits on `clock`: for tests (the mock's configuration has one), never
    /// needed against Intercom.
    pub fn with_quick_clock(mut self, clock: QuickClock) -> Self {
        self.quick_clock = Some(clock);
        self
    }

    pub(crate) fn quick_clock(&self) -> Option<&QuickClock> {
        self.quick_clock.as_ref().filter(|clock| clock.divisor() > 1)
    }

    /// The retry policy of every call.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry_policy
    }

    /// The timeouts given to every request.
    pub fn timeouts(&self) -> Timeouts {
        self.timeouts
    }

    /// The access token.
    pub fn token(&self) -> &AccessToken {
        &self.token
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The `Intercom-Version` sent with every request.
    pub fn api_version(&self) -> &ApiVersion {
        &self.api_version
    }

    /// The `User-Agent` sent with every request.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }
}

fn parse_base_url(url: &str) -> Result<Uri, Error> {
    let uri: Uri = url.parse().map_err(|e| Error::configuration(format!("base URL `{url}` is not a URL: {e}")))?;
    if uri.scheme().is_none() || uri.host().is_none() {
        return Err(Error::configuration(format!("base URL `{url}` needs a scheme and a host")));
    }
    if uri.query().is_some() {
        return Err(Error::configuration(format!("base URL `{url}` must not have a query")));
    }
    Ok(uri)
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_map_to_the_three_hosts() {
        assert_eq!(Config::new("t").base_url(), "https://api.intercom.io");
        assert_eq!(Config::new("t").with_region(Region::Eu).base_url(), "https://api.eu.intercom.io");
        assert_eq!(Config::new("t").with_region(Region::Au).base_url(), "https://api.au.intercom.io");
        assert_eq!("EU".parse::<Region>().unwrap(), Region::Eu);
        assert!("mars".parse::<Region>().unwrap_err().to_string().contains("mars"));
    }

    #[test]
    fn defaults_to_version_2_16_and_names_the_sdk() {
        let config = Config::new("t");
        assert_eq!(config.api_version(), &ApiVersion::V2_16);
        assert!(config.checks_versions());
        assert_eq!(config.user_agent(), concat!("intercom-rs/", env!("CARGO_PKG_VERSION")));
        assert_eq!(config.clone().with_api_version("2.9").api_version(), &ApiVersion::V2_9);
        assert_eq!(config.with_api_version("2.99").api_version().as_str(), "2.99");
    }

    #[test]
    fn debug_never_shows_the_token() {
        let config = Config::new("secret-token-123");
        let shown = format!("{config:?} {:?}", config.token());
        assert!(!shown.contains("secret-token-123"), "{shown}");
        assert!(shown.contains("redacted"), "{shown}");
    }

    #[test]
    fn base_urls_must_be_https_unless_loopback() {
        for ok in ["https://proxy.example.com/", "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"] {
            assert!(Config::new("t").with_base_url(ok).is_ok(), "{ok}");
        }
        assert_eq!(Config::new("t").with_base_url("https://x.example/").unwrap().base_url(), "https://x.example");
        for bad in ["http://api.intercom.io", "http://10.0.0.1", "ftp://x", "not a url", "/relative", "https://x?q=1"] {
            let err = Config::new("t").with_base_url(bad).unwrap_err();
            assert!(matches!(err, Error::Configuration { .. }), "{bad}: {err}");
        }
        assert!(Config::new("t").with_insecure_base_url("http://10.0.0.1").is_ok());
    }
}
