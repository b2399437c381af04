//! A request ready to send: an endpoint with its per-request options and, for a page after the first,
//! the cursor or `next` URL applied. The one wrapper `with_options` and the pager both make.

use crate::protocol::error::{Error, RequestLabel};
use crate::protocol::format::BodyDecodeError;
use crate::protocol::operations::Operation;
use crate::protocol::options::RequestOptions;
use crate::protocol::query::Query;
use crate::protocol::request::Endpoint;

/// An endpoint with [`RequestOptions`] (from every endpoint's `with_options`), or one page's request (from
/// the pager: a query parameter set, such as a cursor, or the path and query of a `next` URL). Only a
/// URL's path and query are used: the request goes to the client's base URL, so the token never follows a
/// link to another host.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared<E> {
    endpoint: E,
    options: Option<RequestOptions>,
    set: Option<(&'static str, String)>,
    url: Option<String>,
}

impl<E> Prepared<E> {
    /// `endpoint` as it is.
    pub fn new(endpoint: E) -> Self {
        Self { endpoint, options: None, set: None, url: None }
    }

    /// Sends with `options` (replacing any set before).
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        self.options = Some(options);
        self
    }

    /// The operation's request underneath.
    pub fn endpoint(&self) -> &E {
        &self.endpoint
    }

    /// The per-request options, if any.
    pub fn request_options(&self) -> Option<&RequestOptions> {
        self.options.as_ref()
    }

    /// This request with query parameter `name` set to `value` (the pager's cursor, page or scroll).
    pub(crate) fn with_query(&self, name: &'static str, value: String) -> Self
    where
        E: Clone,
    {
        Self { set: Some((name, value)), url: None, ..self.clone() }
    }

    /// This request sent to the path and query of `url` (the pager's `next` link).
    pub(crate) fn with_url(&self, url: &str) -> Self
    where
        E: Clone,
    {
        // Keep `/path?query` (verbatim, so cursors are not re-encoded), drop scheme and host.
        let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
        let path_and_query = match after_scheme.find('/') {
            Some(i) if url.contains("://") => &after_scheme[i..],
            _ if url.starts_with('/') => url,
            _ => "/",
        };
        Self { set: None, url: Some(path_and_query.to_owned()), ..self.clone() }
    }

    /// Another endpoint with the same options (the pager's next body cursor).
    pub(crate) fn with_endpoint(&self, endpoint: E) -> Self {
        Self { endpoint, options: self.options.clone(), set: None, url: None }
    }
}

impl<E: Endpoint> Endpoint for Prepared<E> {
    type Output = E::Output;
    type Format = E::Format;

    fn operation(&self) -> &'static Operation {
        self.endpoint.operation()
    }

    fn method(&self) -> http::Method {
        self.endpoint.method()
    }

    fn path(&self) -> Result<String, Error> {
        match &self.url {
            Some(path_and_query) => Ok(path_and_query.clone()),
            None => self.endpoint.path(),
        }
    }

    fn query(&self, query: &mut Query) {
        if self.url.is_some() {
            // A `next` URL carries the operation's own query (per-request pairs are added by build_request).
            return;
        }
        self.endpoint.query(query);
        if let Some((name, value)) = &self.set {
            query.set(name, value.clone());
        }
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        self.endpoint.body()
    }

    fn decode(&self, body: Vec<u8>) -> Result<Self::Output, BodyDecodeError> {
        self.endpoint.decode(body)
    }

    fn label(&self) -> RequestLabel {
        self.endpoint.label()
    }

    fn is_safe_to_retry(&self) -> bool {
        self.endpoint.is_safe_to_retry()
    }

    fn options(&self) -> Option<&RequestOptions> {
        self.options.as_ref().or_else(|| self.endpoint.options())
    }
}
