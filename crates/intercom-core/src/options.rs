//! Per-request options: another API version, extra headers or query pairs, a timeout.

use std::time::Duration;

use crate::endpoint::Endpoint;
use crate::error::{Error, RequestLabel};
use crate::operations::Operation;
use crate::query::Query;

/// Options for one request, on top of the client's configuration.
///
/// ```
/// use std::time::Duration;
/// use intercom_core::endpoints::ListSegments;
/// use intercom_core::RequestOptions;
///
/// let request = ListSegments::new().with_options(
///     RequestOptions::new().api_version("2.10").header("X-Trace", "abc").timeout(Duration::from_secs(5)),
/// );
/// # let _ = request;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    pub(crate) api_version: Option<crate::ApiVersion>,
    pub(crate) skip_version_check: bool,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) retry_policy: Option<crate::RetryPolicy>,
    pub(crate) retry_post: bool,
}

impl RequestOptions {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends this `Intercom-Version` instead of the client's.
    pub fn api_version(mut self, version: impl Into<crate::ApiVersion>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// Sends the request even if its API version does not have the operation (by the SDK's table): for an
    /// operation Intercom has back-ported or given your workspace early.
    pub fn skip_version_check(mut self) -> Self {
        self.skip_version_check = true;
        self
    }

    /// Adds (or replaces) a header. An invalid name or value is an [`Error::InvalidRequest`] when sent.
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
    pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
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

/// An endpoint with [`RequestOptions`]; made by every endpoint's `with_options`.
#[derive(Debug, Clone, PartialEq)]
pub struct WithOptions<E> {
    /// The endpoint.
    pub endpoint: E,
    /// Its options.
    pub options: RequestOptions,
}

impl<E: Endpoint> WithOptions<E> {
    /// Sends this request with `client`: the blocking client returns the result, the async client a future.
    pub fn send<'c, C: crate::protocol::Execute<Self>>(self, client: &'c C) -> C::Outcome<'c> {
        client.execute(self)
    }
}

impl<E: crate::protocol::Paginated> WithOptions<E> {
    /// Every item across pages, each page sent with these options (see the endpoint's own `items`).
    pub fn items<C: crate::protocol::Paginate<Self>>(self, client: &C) -> C::Items<'_> {
        crate::pagination::Pager::new(self).items(client)
    }

    /// Every page, each sent with these options.
    pub fn pages<C: crate::protocol::Paginate<Self>>(self, client: &C) -> C::Pages<'_> {
        crate::pagination::Pager::new(self).pages(client)
    }

    /// The pager, to set limits first.
    pub fn paginate(self) -> crate::pagination::Pager<Self> {
        crate::pagination::Pager::new(self)
    }
}

/// A paginated endpoint with options pages like the endpoint, every page with the options.
impl<E: crate::protocol::Paginated> crate::protocol::Paginated for WithOptions<E> {
    type Item = E::Item;
    const STYLE: crate::pagination::PageStyle = E::STYLE;
    const MAX_PER_PAGE: Option<i64> = E::MAX_PER_PAGE;
    const ITEMS_PATH: &'static [&'static str] = E::ITEMS_PATH;

    fn requested_per_page(&self) -> Option<i64> {
        self.endpoint.requested_per_page()
    }

    fn split(output: Self::Output) -> crate::pagination::PageParts<Self::Item> {
        E::split(output)
    }

    fn with_body_cursor(&self, cursor: &str) -> Self {
        Self { endpoint: self.endpoint.with_body_cursor(cursor), options: self.options.clone() }
    }

    fn error_hint(&self) -> Option<&'static str> {
        self.endpoint.error_hint()
    }
}

impl<E: Endpoint> Endpoint for WithOptions<E> {
    type Output = E::Output;
    type Format = E::Format;

    fn operation(&self) -> &'static Operation {
        self.endpoint.operation()
    }

    fn method(&self) -> http::Method {
        self.endpoint.method()
    }

    fn path(&self) -> Result<String, Error> {
        self.endpoint.path()
    }

    fn query(&self, query: &mut Query) {
        self.endpoint.query(query);
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        self.endpoint.body()
    }

    fn label(&self) -> RequestLabel {
        self.endpoint.label()
    }

    fn is_safe_to_retry(&self) -> bool {
        self.endpoint.is_safe_to_retry()
    }

    fn options(&self) -> Option<&RequestOptions> {
        Some(&self.options)
    }
}
