//! The blocking runner: worker threads send, the caller's thread pulls the input and yields results.

use std::panic::resume_unwind;
use std::sync::mpsc::Receiver;

use super::workers::{Report, Workers};
use crate::protocol::bulk::schedule::Schedule;
use crate::protocol::bulk::{Bulk, Sent};
use crate::protocol::error::Error;
use crate::protocol::request::Endpoint;

/// The results of [`BlockingClient::send_all`](crate::BlockingClient::send_all), an [`Iterator`] of
/// [`Sent`] requests.
///
/// Up to `concurrency` worker threads send the requests; the input is read on the thread that iterates,
/// only as fast as results are taken, so an endless input needs no more memory than `concurrency`
/// requests. Dropping the iterator stops it: no request starts after that (those in flight finish on their
/// threads, which then end). A panic while sending resumes on the iterating thread.
pub struct SendAllIter<'i, E: Endpoint> {
    input: Box<dyn Iterator<Item = E> + 'i>,
    schedule: Schedule<Sent<E>>,
    workers: Workers<E>,
    results: Receiver<Report<E>>,
}

impl<E: Endpoint> std::fmt::Debug for SendAllIter<'_, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SendAllIter")
            .field("in_flight", &self.schedule.in_flight())
            .field("workers", &self.workers.started())
            .finish_non_exhaustive()
    }
}

impl<'i, E> SendAllIter<'i, E>
where
    E: Endpoint + Send + 'static,
    E::Output: Send + 'static,
{
    pub(crate) fn new(
        input: impl Iterator<Item = E> + 'i,
        bulk: Bulk,
        send: impl Fn(&E) -> Result<E::Output, Error> + Send + Sync + 'static,
    ) -> Self {
        let (workers, results) = Workers::new(bulk.concurrency(), send);
        Self { input: Box::new(input), schedule: Schedule::new(bulk), workers, results }
    }
}

impl<E> Iterator for SendAllIter<'_, E>
where
    E: Endpoint + Send + 'static,
    E::Output: Send + 'static,
{
    type Item = Sent<E>;

    fn next(&mut self) -> Option<Sent<E>> {
        loop {
            let workers = &mut self.workers;
            self.schedule.start_from(&mut self.input, |index, request| workers.dispatch(index, request));
            if let Some(sent) = self.schedule.next_ready() {
                return Some(sent);
            }
            if self.schedule.is_done() {
                return None;
            }
            // Something is in flight (the schedule only waits on started requests), and this iterator holds
            // a sender, so `recv` cannot fail.
            match self.results.recv().ok()? {
                Report::Sent(sent) => self.schedule.finish(sent.index, sent),
                Report::Panicked(panic) => resume_unwind(panic),
            }
        }
    }
}
