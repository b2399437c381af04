//! The blocking client: its call loop drives the pure [`Call`] machine (build the request, read the
//! outcome, maybe wait and retry) over an [`HttpClient`], sleeping the thread; downloads run the same loop
//! with a sink.

use std::io::Write;
use std::sync::Arc;
use std::time::SystemTime;

use crate::blocking::send_all::SendAllIter;
use crate::protocol::bulk::Bulk;
use crate::protocol::call::{Call, Step};
use crate::protocol::config::Config;
use crate::protocol::error::Error;
use crate::protocol::execute::Execute;
use crate::protocol::export_file::{Downloaded, ExportFile};
use crate::protocol::pacer::{Pacer, Permit};
use crate::protocol::rate_limit::{LastRateLimit, RateLimit};
use crate::protocol::request::Endpoint;
use crate::protocol::response::{decode_answer, Answer};
use crate::transport::{client_constructors, download, BodySink, HttpClient};

/// A blocking client over any [`HttpClient`], including a closure.
///
/// `intercom_ureq::Client` is this client over ureq.
#[derive(Debug, Clone)]
pub struct BlockingClient<T> {
    config: Config,
    transport: T,
    rate_limit: LastRateLimit,
}

client_constructors!(BlockingClient, HttpClient);

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
        let answer = self.attempts(Call::new(&self.config, endpoint), None)?;
        decode_answer(endpoint, answer)
    }

    /// The call loop: wait for the pacer, build the attempt, send it (a download streams its body into
    /// `sink`), read the outcome, sleep and go again while the `Call` says so.
    fn attempts(&self, mut call: Call<'_>, mut sink: Option<&mut BodySink<'_>>) -> Result<Answer<Vec<u8>>, Error> {
        loop {
            let permit = self.config.pacer().map(|pacer| permit(pacer, &self.config));
            let span = call.span();
            let step = span.in_scope(|| {
                let request = call.request()?;
                Ok::<_, Error>(match sink.as_deref_mut() {
                    None => call.finish(self.transport.execute(request), SystemTime::now()),
                    Some(sink) => {
                        let result = self.transport.execute_streaming(download::prepare(request, sink), sink);
                        download::settle(&mut call, sink, result)
                    }
                })
            })?;
            if let Some(permit) = permit {
                permit.answered(call.rate_limit(), call.was_refused(), SystemTime::now());
            }
            self.rate_limit.store(call.rate_limit());
            match step {
                Step::Done(result) => return result,
                Step::Retry(wait) => std::thread::sleep(wait),
            }
        }
    }

    /// Downloads `endpoint`'s file (an export) into `writer` as it arrives, retrying as the policy says
    /// until the first byte is written. Memory use does not grow with the file.
    ///
    /// An error answer is an [`Error`] as for any call, and nothing is written. A failure midway leaves
    /// the bytes written so far in `writer`: start again with a fresh writer.
    pub fn download_to<E>(&self, endpoint: &E, writer: &mut (dyn Write + Send)) -> Result<Downloaded, Error>
    where
        E: Endpoint<Output = ExportFile> + ?Sized,
    {
        let mut sink = BodySink::new(writer);
        let answer = self.attempts(Call::new(&self.config, endpoint), Some(&mut sink))?;
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

impl<T: HttpClient + Clone + Send + Sync + 'static> BlockingClient<T> {
    /// Sends every request of `requests`, `bulk.concurrency()` at a time on worker threads, and yields each
    /// with its result as it completes (or in input order with [`Bulk::in_order`]). A failure does not stop
    /// the others; each comes back with its request, to send again. The clients share this one's rate
    /// limiter, so a paced run never sends into a 429, and each request waits out refusals for up to
    /// [`Bulk::wait_budget`] (a `429` ran nothing, so giving up on it would lose the write).
    ///
    /// ```no_run
    /// use intercom_ureq::endpoints::CreateContact;
    /// use intercom_ureq::models::CreateContactRequest;
    /// use intercom_ureq::{Bulk, Client};
    /// # fn demo(client: Client) {
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
        let (client, budget) = (self.clone(), bulk.wait_budget());
        SendAllIter::new(requests.into_iter(), bulk, move |request: &E| {
            let call = Call::new(&client.config, request).with_wait_budget(budget);
            client.attempts(call, None).and_then(|answer| decode_answer(request, answer)).map(|answer| answer.value)
        })
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

/// A permit from the pacer (and the fleet's budget, when the configuration shares one), sleeping the
/// thread until the budget allows one.
fn permit(pacer: &Arc<Pacer>, config: &Config) -> Permit {
    loop {
        match pacer.try_permit(config.shared_windows()) {
            Ok(permit) => return permit,
            Err(wait) => std::thread::sleep(wait),
        }
    }
}
