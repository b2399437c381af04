//! The request for one page: the operation's request with the cursor applied.

use crate::endpoint::Endpoint;
use crate::error::{Error, RequestLabel};
use crate::operations::Operation;
use crate::options::RequestOptions;
use crate::query::Query;

/// One page's request: the endpoint, with a query parameter set (cursor, page, scroll) or its path and query
/// taken from a `next` URL. Only the URL's path and query are used: the request goes to the client's base
/// URL, so the token never follows a link to another host.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRequest<E> {
    endpoint: E,
    set: Option<(&'static str, String)>,
    url: Option<String>,
}

impl<E> PageRequest<E> {
    pub(crate) fn first(endpoint: E) -> Self {
        Self { endpoint, set: None, url: None }
    }

    pub(crate) fn with_query(endpoint: E, name: &'static str, value: String) -> Self {
        Self { endpoint, set: Some((name, value)), url: None }
    }

    pub(crate) fn with_url(endpoint: E, url: &str) -> Self {
        // Keep `/path?query` (verbatim, so cursors are not re-encoded), drop scheme and host.
        let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
        let path_and_query = match after_scheme.find('/') {
            Some(i) if url.contains("://") => &after_scheme[i..],
            _ if url.starts_with('/') => url,
            _ => "/",
        };
        Self { endpoint, set: None, url: Some(path_and_query.to_owned()) }
    }

    /// The operation's request underneath.
    pub fn endpoint(&self) -> &E {
        &self.endpoint
    }
}

impl<E: Endpoint> Endpoint for PageRequest<E> {
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

    fn label(&self) -> RequestLabel {
        self.endpoint.label()
    }

    fn is_safe_to_retry(&self) -> bool {
        self.endpoint.is_safe_to_retry()
    }

    fn options(&self) -> Option<&RequestOptions> {
        self.endpoint.options()
    }
}
