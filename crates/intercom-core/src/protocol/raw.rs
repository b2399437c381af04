//! The escape hatch: any method and path, with the client's auth, version, timeouts and errors.

use std::borrow::Cow;
use std::marker::PhantomData;

use http::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::protocol::error::{Error, RequestLabel};
use crate::protocol::execute::Execute;
use crate::protocol::format::JsonOrNull;
use crate::protocol::operations::{self, Operation};
use crate::protocol::options::RequestOptions;
use crate::protocol::prepared::Prepared;
use crate::protocol::query::Query;
use crate::protocol::request::{json_body, Endpoint};

/// A request to any path, for endpoints newer than the SDK. Its answer is JSON as `T` (default
/// `serde_json::Value`; an empty body reads as `null`).
///
/// ```
/// use intercom_ureq::Raw;
/// let request = Raw::post("/contacts/search")
///     .json(&serde_json::json!({"query": {"field": "email", "operator": "=", "value": "a@b.c"}}))?
///     .query("verbose", "true");
/// # Ok::<(), intercom_ureq::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Raw<T = serde_json::Value> {
    method: Method,
    path: String,
    query: Query,
    body: Option<Vec<u8>>,
    output: PhantomData<fn() -> T>,
}

impl Raw {
    /// A `method` request to `path` (from the root, e.g. `/contacts`; sent as given, so percent-encode ids
    /// with [`path_param`](crate::protocol::path_param)).
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self { method, path: path.into(), query: Query::new(), body: None, output: PhantomData }
    }

    /// A `GET`.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    /// A `POST`.
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path)
    }

    /// A `PUT`.
    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path)
    }

    /// A `DELETE`.
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path)
    }
}

impl<T> Raw<T> {
    /// Appends a query pair.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push(name.into(), value.into());
        self
    }

    /// Sends `body` as JSON.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self, Error> {
        self.body = json_body(body)?;
        Ok(self)
    }

    /// This request with per-request options, e.g. `skip_version_check()` for a path the SDK knows but
    /// does not list in your API version (a raw request to a known path is checked like the typed one).
    pub fn with_options(self, options: RequestOptions) -> Prepared<Self> {
        Prepared::new(self).with_options(options)
    }

    /// Decodes the answer as `U` instead.
    pub fn output<U>(self) -> Raw<U> {
        Raw { method: self.method, path: self.path, query: self.query, body: self.body, output: PhantomData }
    }

    /// Sends this request with `client`: the blocking client returns the result, the async client a future.
    pub fn send<'c, C: Execute<Self>>(self, client: &'c C) -> C::Outcome<'c>
    where
        Self: Endpoint,
    {
        client.execute(self)
    }
}

impl<T: DeserializeOwned> Endpoint for Raw<T> {
    type Output = T;
    type Format = JsonOrNull;

    /// The SDK's operation when the path matches one of its templates (so the version check and the
    /// error label use it), else the raw operation of the method.
    fn operation(&self) -> &'static Operation {
        operations::raw(&self.method, &self.path)
    }

    fn method(&self) -> Method {
        self.method.clone()
    }

    /// A raw request is judged by its method: anything but `POST` (and `PATCH`) may be repeated.
    fn is_safe_to_retry(&self) -> bool {
        matches!(self.method, Method::GET | Method::PUT | Method::DELETE | Method::HEAD | Method::OPTIONS)
    }

    fn path(&self) -> Result<String, Error> {
        if !self.path.starts_with('/') {
            return Err(Error::invalid_request(format!("raw path `{}` must start with `/`", self.path)));
        }
        Ok(self.path.clone())
    }

    fn query(&self, query: &mut Query) {
        for (name, value) in self.query.pairs() {
            query.push(name.clone(), value.clone());
        }
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        Ok(self.body.clone())
    }

    /// The operation's template when the path is one the SDK knows (no ids in errors), else the path.
    fn label(&self) -> RequestLabel {
        let operation = self.operation();
        let path = if operation.name == "Raw" { Cow::Owned(self.path.clone()) } else { Cow::Borrowed(operation.path) };
        RequestLabel { method: self.method.clone(), path }
    }
}
