//! Clients over any transport, and the [`Execute`] trait behind every endpoint's `send`.
//!
//! Both clients drive the same [`Call`] state machine (build the request, read the outcome, maybe wait and
//! retry); they differ only in how they call the transport and how they sleep.

use std::future::Future;
use std::pin::Pin;

use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use tracing::Instrument;

use crate::body_sink::BodySink;
use crate::bulk::{Bulk, SendAll, SendAllIter, Sent};
use crate::call::{Answer, Call, Step};
use crate::config::{AccessToken, Config};
use crate::download;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::execute::Execute;
use crate::pacing::{permit_async, permit_blocking};
use crate::rate_limit::RateLimit;
use crate::transport::{AsyncHttpClient, HttpClient};

/// A transport that a client can build by itself from its configuration, which gives the client the
/// constructors `new(token)`, `from_config(config)` and `from_env()`.
pub trait TransportFromConfig {
    /// The transport for `config`.
    fn from_config(config: &Config) -> Self;
}

/// `new(token)`, `from_config(config)` and `from_env()` for a client over a transport that builds itself.
macro_rules! constructors {
    ($client:ident, $transport:ident) => {
        impl<T: $transport + TransportFromConfig> $client<T> {
            /// A client for the US region with this access token.
            pub fn new(token: impl Into<AccessToken>) -> Self {
                Self::from_config(Config::new(token))
            }

            /// A client with this configuration.
            pub fn from_config(config: Config) -> Self {
                let transport = T::from_config(&config);
                Self::with_transport(config, transport)
            }

            /// A client configured by [`Config::from_env`].
            pub fn from_env() -> Result<Self, Error> {
                Ok(Self::from_config(Config::from_env()?))
            }
        }
    };
}

/// A blocking client over any [`HttpClient`], including a closure.
///
/// `intercom_ureq::Client` is this client over ureq.
#[derive(Debug, Clone)]
pub struct BlockingClient<T> {
    config: Config,
    transport: T,
    rate_limit: LastRateLimit,
}

constructors!(BlockingClient, HttpClient);

impl<T: HttpClient> BlockingClient<T> {
    /// A client that sends through `transport`.
    pub fn with_transport(config: Config, transport: T) -> Self {
        Self { config, transport, rate_limit: LastRateLimit::default() }
    }

    /// Sends `endpoint`, retrying as the policy says, and waits for its result.
    pub fn send<E: Endpoint + ?Sized>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.send_with_answer(endpoint).map(|answer| answer.value)
    }

    /// Like [`send`](Self::send), with the answer's status, headers, rate limit and request id.
    pub fn send_with_answer<E: Endpoint + ?Sized>(&self, endpoint: &E) -> Result<Answer<E::Output>, Error> {
        self.attempts(endpoint, None)
    }

    /// The call loop: wait for the pacer, build the attempt, send it (a download streams its body into
    /// `sink`), read the outcome, sleep and go again while the `Call` says so.
    pub(crate) fn attempts<E: Endpoint + ?Sized>(
        &self,
        endpoint: &E,
        mut sink: Option<&mut BodySink<'_>>,
    ) -> Result<Answer<E::Output>, Error> {
        let mut call = Call::new(&self.config, endpoint);
        loop {
            let permit = self.config.pacer().map(permit_blocking);
            let span = call.span();
            let step = span.in_scope(|| {
                let request = call.request()?;
                Ok::<_, Error>(match sink.as_deref_mut() {
                    None => call.finish(self.transport.execute(request), SystemTime::now()),
                    Some(sink) => {
                        let result = self.transport.execute_streaming(download::prepare(request, sink), sink);
                        download::settle(&mut call, endpoint, sink, result)
                    }
                })
            })?;
            if let Some(permit) = permit {
                permit.answered(call.rate_limit(), SystemTime::now());
            }
            self.rate_limit.store(call.rate_limit());
            match step {
                Step::Done(result) => return result,
                Step::Retry(wait) => std::thread::sleep(wait),
            }
        }
    }

    /// The rate-limit state of the last answer this client (or a clone) received.
    pub fn last_rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit.get()
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }
}

impl<T: HttpClient + Clone + Send + Sync + 'static> BlockingClient<T> {
    /// Sends every request of `requests`, `bulk.concurrency()` at a time on worker threads, and yields each
    /// with its result as it completes (or in input order with [`Bulk::in_order`]). A failure does not stop
    /// the others; each comes back with its request, to send again. The clients share this one's rate
    /// limiter, so a paced run never sends into a 429.
    ///
    /// ```no_run
    /// use intercom_core::endpoints::CreateContact;
    /// use intercom_core::models::CreateContactRequest;
    /// use intercom_core::Bulk;
    /// # fn demo(client: intercom_core::BlockingClient<fn(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, intercom_core::TransportError>>) {
    /// let emails = ["ada@example.com", "alan@example.com"];
    /// let requests = emails.iter().map(|email| CreateContact::new(CreateContactRequest::new().email(*email)));
    /// let failed: Vec<_> = client.send_all(requests, Bulk::new(32)).filter(|sent| !sent.is_ok()).collect();
    /// # }
    /// ```
    pub fn send_all<'i, E>(&self, requests: impl IntoIterator<Item = E> + 'i, bulk: Bulk) -> SendAllIter<'i, E>
    where
        E: Endpoint + Send + 'static,
        E::Output: Send + 'static,
    {
        let client = self.clone();
        SendAllIter::new(requests.into_iter(), bulk, move |request: &E| client.send(request))
    }
}

impl<T: HttpClient, E: Endpoint> Execute<E> for BlockingClient<T> {
    type Outcome<'c>
        = Result<E::Output, Error>
    where
        Self: 'c,
        E: 'c;

    fn execute<'c>(&'c self, endpoint: E) -> Self::Outcome<'c>
    where
        E: 'c,
    {
        self.send(&endpoint)
    }
}

/// An async client over any [`AsyncHttpClient`], including a closure. It needs no particular runtime.
///
/// `intercom_hyper::Client` is this client over hyper.
#[derive(Debug, Clone)]
pub struct AsyncClient<T> {
    config: Config,
    transport: T,
    rate_limit: LastRateLimit,
}

constructors!(AsyncClient, AsyncHttpClient);

impl<T: AsyncHttpClient> AsyncClient<T> {
    /// A client that sends through `transport`.
    pub fn with_transport(config: Config, transport: T) -> Self {
        Self { config, transport, rate_limit: LastRateLimit::default() }
    }

    /// Sends `endpoint`, retrying as the policy says. Dropping the future cancels the request.
    pub async fn send<E: Endpoint + ?Sized>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.send_with_answer(endpoint).await.map(|answer| answer.value)
    }

    /// Like [`send`](Self::send), with the answer's status, headers, rate limit and request id.
    pub async fn send_with_answer<E: Endpoint + ?Sized>(&self, endpoint: &E) -> Result<Answer<E::Output>, Error> {
        self.attempts(endpoint, None).await
    }

    /// The call loop; see [`BlockingClient::attempts`]. Sleeps with the transport's timer.
    pub(crate) async fn attempts<E: Endpoint + ?Sized>(
        &self,
        endpoint: &E,
        mut sink: Option<&mut BodySink<'_>>,
    ) -> Result<Answer<E::Output>, Error> {
        let mut call = Call::new(&self.config, endpoint);
        loop {
            let permit = match self.config.pacer() {
                Some(pacer) => Some(permit_async(pacer, |wait| self.transport.sleep(wait)).await),
                None => None,
            };
            let span = call.span();
            let step = async {
                let request = call.request()?;
                Ok::<_, Error>(match sink.as_deref_mut() {
                    None => call.finish(self.transport.execute(request).await, SystemTime::now()),
                    Some(sink) => {
                        let request = download::prepare(request, sink);
                        let result = self.transport.execute_streaming(request, sink).await;
                        download::settle(&mut call, endpoint, sink, result)
                    }
                })
            }
            .instrument(span)
            .await?;
            if let Some(permit) = permit {
                permit.answered(call.rate_limit(), SystemTime::now());
            }
            self.rate_limit.store(call.rate_limit());
            match step {
                Step::Done(result) => return result,
                Step::Retry(wait) => self.transport.sleep(wait).await,
            }
        }
    }

    /// The rate-limit state of the last answer this client (or a clone) received.
    pub fn last_rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit.get()
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }
}

impl<T: AsyncHttpClient> AsyncClient<T> {
    /// Sends every request of `requests`, `bulk.concurrency()` at a time, and yields each with its result as
    /// it completes (or in input order with [`Bulk::in_order`]): a `futures_core::Stream` that needs no
    /// particular runtime. A failure does not stop the others; each comes back with its request, to send
    /// again. Dropping the stream cancels the requests in flight and starts no other.
    pub fn send_all<'c, E, I>(&'c self, requests: I, bulk: Bulk) -> SendAll<'c, E>
    where
        I: IntoIterator<Item = E>,
        I::IntoIter: Send + 'c,
        E: Endpoint + Send + Sync + 'c,
        E::Output: Send,
    {
        SendAll::new(requests.into_iter(), bulk, move |index, request| {
            Box::pin(async move {
                let result = self.send(&request).await;
                Sent { index, request, result }
            })
        })
    }
}

/// The future an async client returns from `endpoint.send(&client)`: it owns the request, so it can be
/// joined with others or spawned.
pub type SendFuture<'c, O> = Pin<Box<dyn Future<Output = Result<O, Error>> + Send + 'c>>;

impl<T, E> Execute<E> for AsyncClient<T>
where
    T: AsyncHttpClient,
    E: Endpoint + Send + Sync,
    E::Output: Send,
{
    type Outcome<'c>
        = SendFuture<'c, E::Output>
    where
        Self: 'c,
        E: 'c;

    fn execute<'c>(&'c self, endpoint: E) -> Self::Outcome<'c>
    where
        E: 'c,
    {
        Box::pin(async move { self.send(&endpoint).await })
    }
}

/// The rate-limit state of a client's last answer, shared by its clones.
#[derive(Debug, Clone, Default)]
struct LastRateLimit(Arc<Mutex<Option<RateLimit>>>);

impl LastRateLimit {
    fn store(&self, limit: Option<RateLimit>) {
        if let (Some(limit), Ok(mut slot)) = (limit, self.0.lock()) {
            *slot = Some(limit);
        }
    }

    fn get(&self) -> Option<RateLimit> {
        self.0.lock().ok().and_then(|slot| *slot)
    }
}
