//! Per-request options: another API version, extra headers or query pairs, a timeout.

use std::time::Duration;

use crate::protocol::retry::RetryPolicy;
use crate::protocol::version::ApiVersion;

/// Options for one request, on top of the client's configuration.
///
/// ```
/// use std::time::Duration;
/// use intercom_ureq::endpoints::ListSegments;
/// use intercom_ureq::RequestOptions;
///
/// let request = ListSegments::new().with_options(
///     RequestOptions::new().api_version("2.10").header("X-Trace", "abc").timeout(Duration::from_secs(5)),
/// );
/// # let _ = request;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    pub(crate) api_version: Option<ApiVersion>,
    pub(crate) skip_version_check: bool,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) retry_policy: Option<RetryPolicy>,
    pub(crate) retry_post: bool,
}

impl RequestOptions {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends this `Intercom-Version` instead of the client's.
    pub fn api_version(mut self, version: impl Into<ApiVersion>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// Sends the request even if its API version does not have the operation (by the SDK's table): for an
    /// operation Intercom has back-ported or given your workspace early.
    pub fn skip_version_check(mut self) -> Self {
        self.skip_version_check = true;
        self
    }

    /// Adds (or replaces) a header. An invalid name or value is an [`Error::InvalidRequest`](crate::Error::InvalidRequest) when
    /// sent.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Appends a query pair after the operation's own.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Limits the connection set-up to `timeout` for this request. The ureq transport applies it per request;
    /// the hyper transport's connector keeps the client's (its total timeout still bounds the request).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Retries this request with `policy` instead of the client's.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = Some(policy);
        self
    }

    /// Lets this `POST` be retried after a server error or a failed connection, as `GET` is. Only for
    /// requests that are safe to run twice: Intercom may have run the first one.
    pub fn retry_post(mut self) -> Self {
        self.retry_post = true;
        self
    }

    /// Limits the whole exchange to `timeout` instead of the client's total timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}
