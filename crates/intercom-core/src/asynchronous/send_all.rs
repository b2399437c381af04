//! The async runner: a `futures_core::Stream` that polls up to `concurrency` sends.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::protocol::bulk::schedule::Schedule;
use crate::protocol::bulk::{Bulk, Sent};
use crate::protocol::request::Endpoint;

type SendFuture<'c, E> = Pin<Box<dyn Future<Output = Sent<E>> + Send + 'c>>;
type StartFn<'c, E> = Box<dyn Fn(usize, E) -> SendFuture<'c, E> + Send + 'c>;

/// The results of [`AsyncClient::send_all`](crate::AsyncClient::send_all), a `futures_core::Stream` of
/// [`Sent`] requests.
///
/// The input is read only as results are taken, so an endless input needs no more memory than
/// `concurrency` requests. The sends run inside the stream (no task is spawned), so they progress while it
/// is polled; dropping the stream cancels those in flight and starts no other. Each wake polls every
/// request in flight: cheap at the tens of requests a rate limit allows.
pub struct SendAll<'c, E: Endpoint> {
    input: Box<dyn Iterator<Item = E> + Send + 'c>,
    schedule: Schedule<Sent<E>>,
    start: StartFn<'c, E>,
    running: Vec<SendFuture<'c, E>>,
}

impl<E: Endpoint> std::fmt::Debug for SendAll<'_, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SendAll").field("in_flight", &self.running.len()).finish_non_exhaustive()
    }
}

impl<'c, E: Endpoint> SendAll<'c, E> {
    pub(crate) fn new(
        input: impl Iterator<Item = E> + Send + 'c,
        bulk: Bulk,
        start: impl Fn(usize, E) -> SendFuture<'c, E> + Send + 'c,
    ) -> Self {
        Self { input: Box::new(input), schedule: Schedule::new(bulk), start: Box::new(start), running: Vec::new() }
    }

    /// The next finished request, or `None` when all are done: the stream without `StreamExt`.
    pub async fn next(&mut self) -> Option<Sent<E>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<E: Endpoint> Stream for SendAll<'_, E> {
    type Item = Sent<E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Sent<E>>> {
        let this = self.get_mut();
        loop {
            let (running, start) = (&mut this.running, &this.start);
            this.schedule.start_from(&mut this.input, |index, request| running.push(start(index, request)));
            if let Some(sent) = this.schedule.next_ready() {
                return Poll::Ready(Some(sent));
            }
            if this.schedule.is_done() {
                return Poll::Ready(None);
            }
            let mut finished = false;
            let schedule = &mut this.schedule;
            this.running.retain_mut(|send| match send.as_mut().poll(cx) {
                Poll::Ready(sent) => {
                    schedule.finish(sent.index, sent);
                    finished = true;
                    false
                }
                Poll::Pending => true,
            });
            if !finished {
                return Poll::Pending;
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (low, high) = self.input.size_hint();
        let pending = self.schedule.pending();
        (low + pending, high.map(|high| high + pending))
    }
}
