//! The blocking runner: worker threads send, the caller's thread pulls the input and yields results.

use std::any::Any;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use crate::protocol::bulk::schedule::Schedule;
use crate::protocol::bulk::{Bulk, Sent};
use crate::protocol::error::Error;
use crate::protocol::request::Endpoint;

type SendFn<E> = Arc<dyn Fn(&E) -> Result<<E as Endpoint>::Output, Error> + Send + Sync>;

/// What a worker sends back.
enum Report<E: Endpoint> {
    Sent(Sent<E>),
    /// Sending panicked (a bug in an endpoint or transport): the panic resumes on the caller's thread.
    Panicked(Box<dyn Any + Send>),
}

/// What the workers share: the queue of requests to send and whether the run was dropped.
struct Work<E> {
    queue: Mutex<Receiver<(usize, E)>>,
    cancelled: AtomicBool,
}

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

/// The worker threads, started as requests need them, up to the concurrency.
struct Workers<E: Endpoint> {
    send: SendFn<E>,
    jobs: Sender<(usize, E)>,
    work: Arc<Work<E>>,
    results: Sender<Report<E>>,
    started: usize,
    most: usize,
}

impl<E: Endpoint> std::fmt::Debug for SendAllIter<'_, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SendAllIter")
            .field("in_flight", &self.schedule.in_flight())
            .field("workers", &self.workers.started)
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
        let (jobs, queue) = mpsc::channel();
        let (results_tx, results) = mpsc::channel();
        let work = Arc::new(Work { queue: Mutex::new(queue), cancelled: AtomicBool::new(false) });
        let workers =
            Workers { send: Arc::new(send), jobs, work, results: results_tx, started: 0, most: bulk.concurrency() };
        Self { input: Box::new(input), schedule: Schedule::new(bulk), workers, results }
    }
}

impl<E> Workers<E>
where
    E: Endpoint + Send + 'static,
    E::Output: Send + 'static,
{
    fn dispatch(&mut self, index: usize, request: E) {
        if self.started < self.most && self.spawn() {
            self.started += 1;
        }
        if self.started == 0 {
            // No thread could be started: send it here rather than never.
            let _ = self.results.send(run(&self.send, index, request));
            return;
        }
        // The workers outlive this sender only when the iterator is dropped, and then the job is not wanted.
        let _ = self.jobs.send((index, request));
    }

    fn spawn(&self) -> bool {
        let (work, send, results) = (Arc::clone(&self.work), Arc::clone(&self.send), self.results.clone());
        let worker = move || loop {
            let job = match work.queue.lock() {
                Ok(queue) => queue.recv(),
                Err(_) => return,
            };
            let Ok((index, request)) = job else { return };
            if work.cancelled.load(Ordering::Acquire) || results.send(run(&send, index, request)).is_err() {
                return;
            }
        };
        std::thread::Builder::new().name("intercom-send-all".into()).spawn(worker).is_ok()
    }
}

fn run<E: Endpoint>(send: &SendFn<E>, index: usize, request: E) -> Report<E> {
    match catch_unwind(AssertUnwindSafe(|| send(&request))) {
        Ok(result) => Report::Sent(Sent { index, request, result }),
        Err(panic) => Report::Panicked(panic),
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

impl<E: Endpoint> Drop for SendAllIter<'_, E> {
    fn drop(&mut self) {
        self.workers.work.cancelled.store(true, Ordering::Release);
    }
}
