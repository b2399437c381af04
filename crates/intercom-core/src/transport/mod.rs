//! The I/O boundary: the two transport traits (how a client moves a request's bytes and brings back the
//! answer's), the sink a download streams into, and the timer async transports without one fall back on.
//!
//! A transport does no more than move bytes: it never reads status codes or bodies. Closures implement both
//! traits, so a test can stand in for the network with a function that checks the request it gets.
//! `intercom-ureq` and `intercom-hyper` are transports; docs/TRANSPORTS.md shows how to write one.

mod body_sink;
pub(crate) mod download;
#[cfg(feature = "redis")]
mod redis_budget;
mod thread_sleep;

use std::future::Future;
use std::time::Duration;

use http::{HeaderMap, Request, Response};

pub use body_sink::BodySink;
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis_budget::RedisBudget;

pub use crate::protocol::shared_budget::SharedBudget;

use crate::protocol::config::Config;
use crate::protocol::error::{TransportError, TransportErrorKind};

/// The most header bytes an answer may have, in every shipped transport (hyper's default read buffer):
/// more is [`TransportErrorKind::InvalidResponse`].
pub const MAX_HEADER_BYTES: usize = 8192 + 4096 * 100;

/// For transports: refuses an answer whose `Content-Length` is over `max` bytes before its body is read,
/// so a huge (or lying) answer costs neither the wait nor the memory.
pub fn check_content_length(headers: &HeaderMap, max: u64) -> Result<(), TransportError> {
    let declared = headers.get(http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.trim().parse::<u64>().ok());
    match declared {
        Some(length) if length > max => Err(TransportError::new(
            TransportErrorKind::BodyTooLarge,
            format!("Content-Length {length} is over the {max}-byte limit"),
        )),
        _ => Ok(()),
    }
}

/// A blocking HTTP client.
///
/// Implemented by `intercom_ureq`'s transport and by any
/// `Fn(Request<Vec<u8>>) -> Result<Response<Vec<u8>>, TransportError>`.
pub trait HttpClient {
    /// Sends `request` and returns the whole answer, whatever its status.
    fn execute(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, TransportError>;

    /// Like [`execute`](Self::execute), but the body of an answer `sink` [accepts](BodySink::accepts) is
    /// written to it as it arrives and the response comes back with an empty body: how an export of any
    /// size is downloaded through a fixed buffer. No body size cap applies to what goes to the sink.
    ///
    /// The default reads the whole answer with `execute`, then writes it (right for closures and tests);
    /// the shipped transports stream.
    fn execute_streaming(
        &self,
        request: Request<Vec<u8>>,
        sink: &mut BodySink<'_>,
    ) -> Result<Response<Vec<u8>>, TransportError> {
        write_whole(self.execute(request)?, sink)
    }
}

/// A whole answer into `sink`, when it accepts it.
fn write_whole(response: Response<Vec<u8>>, sink: &mut BodySink<'_>) -> Result<Response<Vec<u8>>, TransportError> {
    if !sink.accepts(response.status(), response.headers())? {
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    sink.write(&body)?;
    sink.finish()?;
    Ok(Response::from_parts(parts, Vec::new()))
}

impl<F> HttpClient for F
where
    F: Fn(Request<Vec<u8>>) -> Result<Response<Vec<u8>>, TransportError>,
{
    fn execute(&self, request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, TransportError> {
        self(request)
    }
}

/// An async HTTP client.
///
/// Implemented by `intercom_hyper`'s transport and by any `Fn(Request<Vec<u8>>) -> impl Future` returning
/// `Result<Response<Vec<u8>>, TransportError>`. Dropping the returned future must cancel the request.
///
/// The methods return `Send` futures, so a call can be spawned on a multi-thread runtime; implement them
/// with `async fn` (the future an `async fn` makes is `Send` when what it holds is).
pub trait AsyncHttpClient: Send + Sync {
    /// Sends `request` and returns the whole answer, whatever its status.
    fn execute(
        &self,
        request: Request<Vec<u8>>,
    ) -> impl Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send;

    /// Like [`execute`](Self::execute), but the body of an answer `sink` [accepts](BodySink::accepts) is
    /// written to it as it arrives and the response comes back with an empty body (see
    /// [`HttpClient::execute_streaming`]). The default reads the whole answer, then writes it.
    fn execute_streaming(
        &self,
        request: Request<Vec<u8>>,
        sink: &mut BodySink<'_>,
    ) -> impl Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send {
        async move { write_whole(self.execute(request).await?, sink) }
    }

    /// Waits `duration` between retries. The default works on any executor (a thread wakes the task);
    /// transports on a runtime use its timer.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        thread_sleep::ThreadSleep::new(duration)
    }
}

impl<F, Fut> AsyncHttpClient for F
where
    F: Fn(Request<Vec<u8>>) -> Fut + Send + Sync,
    Fut: Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send,
{
    fn execute(
        &self,
        request: Request<Vec<u8>>,
    ) -> impl Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send {
        self(request)
    }
}

/// A transport that a client can build by itself from its configuration, which gives the client the
/// constructors `new(token)`, `from_config(config)` and `from_env()`.
pub trait TransportFromConfig {
    /// The transport for `config`.
    fn from_config(config: &Config) -> Self;
}

/// `new(token)`, `from_config(config)` and `from_env()` for a client over a transport that builds itself.
macro_rules! client_constructors {
    ($client:ident, $transport:ident) => {
        impl<T: $transport + $crate::transport::TransportFromConfig> $client<T> {
            /// A client for the US region with this access token.
            pub fn new(token: impl Into<$crate::protocol::config::AccessToken>) -> Self {
                Self::from_config($crate::protocol::config::Config::new(token))
            }

            /// A client with this configuration.
            pub fn from_config(config: $crate::protocol::config::Config) -> Self {
                let transport = T::from_config(&config);
                Self::with_transport(config, transport)
            }

            /// A client configured by [`Config::from_env`]($crate::Config::from_env).
            pub fn from_env() -> Result<Self, $crate::protocol::error::Error> {
                Ok(Self::from_config($crate::protocol::config::Config::from_env()?))
            }
        }
    };
}

pub(crate) use client_constructors;
