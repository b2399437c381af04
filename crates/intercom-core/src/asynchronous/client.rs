//! The async client: its call loop drives the pure [`Call`] machine (build the request, read the outcome,
//! maybe wait and retry) over an [`AsyncHttpClient`], sleeping with the transport's timer; downloads run
//! the same loop with a sink. It needs no particular runtime.

use std::future::Future;
use std::io::Write;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use tracing::Instrument;

use crate::asynchronous::send_all::SendAll;
use crate::protocol::bulk::{Bulk, Sent};
use crate::protocol::call::{Call, Step};
use crate::protocol::config::Config;
use crate::protocol::error::Error;
use crate::protocol::execute::Execute;
use crate::protocol::export_file::{Downloaded, ExportFile};
use crate::protocol::pacer::{Pacer, Permit};
use crate::protocol::rate_limit::{LastRateLimit, RateLimit};
use crate::protocol::request::Endpoint;
use crate::protocol::response::{decode_answer, Answer};
use crate::transport::{client_constructors, download, AsyncHttpClient, BodySink};

/// An async client over any [`AsyncHttpClient`], including a closure. It needs no particular runtime.
///
/// `intercom_hyper::Client` is this client over hyper. Cloning it is cheap (its parts are shared), and the
/// clones share the configuration, the transport's connections and the pacer.
#[derive(Debug)]
pub struct AsyncClient<T> {
    config: Arc<Config>,
    transport: Arc<T>,
    rate_limit: LastRateLimit,
}

impl<T> Clone for AsyncClient<T> {
    fn clone(&self) -> Self {
        Self { config: self.config.clone(), transport: self.transport.clone(), rate_limit: self.rate_limit.clone() }
    }
}

client_constructors!(AsyncClient, AsyncHttpClient);

impl<T: AsyncHttpClient> AsyncClient<T> {
    /// A client that sends through `transport`.
    pub fn with_transport(config: Config, transport: T) -> Self {
        Self { config: Arc::new(config), transport: Arc::new(transport), rate_limit: LastRateLimit::default() }
    }

    /// Sends `endpoint`, retrying as the policy says. Dropping the future cancels the request.
    pub async fn send<E: Endpoint + ?Sized>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.send_with_answer(endpoint).await.map(|answer| answer.value)
    }

    /// Like [`send`](Self::send), with the answer's status, headers, rate limit and request id.
    pub async fn send_with_answer<E: Endpoint + ?Sized>(&self, endpoint: &E) -> Result<Answer<E::Output>, Error> {
        let answer = self.attempts(Call::new(&self.config, endpoint), None).await?;
        decode_answer(endpoint, answer)
    }

    /// The call loop: wait for the pacer, build the attempt, send it (a download streams its body into
    /// `sink`), read the outcome, sleep with the transport's timer and go again while the `Call` says so.
    ///
    /// Boxed, and the same for every endpoint: it is compiled once per transport, and each endpoint's
    /// future only awaits it and decodes the body.
    fn attempts<'a>(&'a self, call: Call<'a>, sink: Option<&'a mut BodySink<'_>>) -> SendFuture<'a, Answer<Vec<u8>>> {
        Box::pin(self.attempt_loop(call, sink))
    }

    async fn attempt_loop(
        &self,
        mut call: Call<'_>,
        mut sink: Option<&mut BodySink<'_>>,
    ) -> Result<Answer<Vec<u8>>, Error> {
        loop {
            let permit = match self.config.pacer() {
                Some(pacer) => Some(self.permit(pacer).await),
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
                        download::settle(&mut call, sink, result)
                    }
                })
            }
            .instrument(span)
            .await?;
            if let Some(permit) = permit {
                permit.answered(call.rate_limit(), call.was_refused(), SystemTime::now());
            }
            self.rate_limit.store(call.rate_limit());
            match step {
                Step::Done(result) => return result,
                Step::Retry(wait) => self.transport.sleep(wait).await,
            }
        }
    }

    /// A permit from the pacer (and the fleet's budget, when the configuration shares one), sleeping with
    /// the transport's timer until the budget allows one.
    async fn permit(&self, pacer: &Arc<Pacer>) -> Permit {
        loop {
            match pacer.try_permit(self.config.shared_windows()) {
                Ok(permit) => return permit,
                Err(wait) => self.transport.sleep(wait).await,
            }
        }
    }

    /// Downloads `endpoint`'s file (an export) into `writer` as it arrives; see
    /// [`BlockingClient::download_to`](crate::BlockingClient::download_to). The writes happen on the
    /// polling task: give a buffered writer (a `BufWriter` over a file is quick enough for any runtime).
    pub async fn download_to<E>(&self, endpoint: &E, writer: &mut (dyn Write + Send)) -> Result<Downloaded, Error>
    where
        E: Endpoint<Output = ExportFile> + Sync + ?Sized,
    {
        let mut sink = BodySink::new(writer);
        let answer = self.attempts(Call::new(&self.config, endpoint), Some(&mut sink)).await?;
        Ok(download::downloaded(answer, sink.written()))
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
    /// again. Each request waits out refusals (`429`) for up to [`Bulk::wait_budget`]. Dropping the stream
    /// cancels the requests in flight and starts no other.
    pub fn send_all<'c, E, I>(&'c self, requests: I, bulk: Bulk) -> SendAll<'c, E>
    where
        I: IntoIterator<Item = E>,
        I::IntoIter: Send + 'c,
        E: Endpoint + Send + Sync + 'c,
        E::Output: Send,
    {
        let budget = bulk.wait_budget();
        SendAll::new(requests.into_iter(), bulk, move |index, request| {
            Box::pin(async move {
                let call = Call::new(&self.config, &request).with_wait_budget(budget);
                let answer = self.attempts(call, None).await;
                let result = answer.and_then(|answer| decode_answer(&request, answer)).map(|answer| answer.value);
                Sent { index, request, result }
            })
        })
    }
}

/// A boxed future of a call's result. `endpoint.send(&client)` returns a `SendFuture<'static, _>`: it owns
/// the request and a clone of the client, so it can be joined with others, stored, or spawned
/// (`tokio::spawn(GetContact::new(id).send(&client))`).
pub type SendFuture<'c, O> = Pin<Box<dyn Future<Output = Result<O, Error>> + Send + 'c>>;

impl<T, E> Execute<E> for AsyncClient<T>
where
    T: AsyncHttpClient + 'static,
    E: Endpoint + Send + Sync + 'static,
    E::Output: Send,
{
    type Outcome<'c>
        = SendFuture<'static, E::Output>
    where
        Self: 'c,
        E: 'c;

    fn execute<'c>(&'c self, endpoint: E) -> Self::Outcome<'c>
    where
        E: 'c,
    {
        let client = self.clone();
        Box::pin(async move { client.send(&endpoint).await })
    }
}
