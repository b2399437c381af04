//! Worker threads that send requests for the caller's thread: what `send_all` and exports run on.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use crate::protocol::bulk::Sent;
use crate::protocol::error::Error;
use crate::protocol::request::Endpoint;

type SendFn<E> = Arc<dyn Fn(&E) -> Result<<E as Endpoint>::Output, Error> + Send + Sync>;

/// What a worker sends back.
pub(crate) enum Report<E: Endpoint> {
    Sent(Sent<E>),
    /// Sending panicked (a bug in an endpoint or transport): the panic resumes on the caller's thread.
    Panicked(Box<dyn Any + Send>),
}

/// What the workers share: the queue of requests to send and whether the run was dropped.
struct Work<E> {
    queue: Mutex<Receiver<(usize, E)>>,
    cancelled: AtomicBool,
}

/// The worker threads, started as requests need them, up to the concurrency.
pub(crate) struct Workers<E: Endpoint> {
    send: SendFn<E>,
    jobs: Sender<(usize, E)>,
    work: Arc<Work<E>>,
    results: Sender<Report<E>>,
    started: usize,
    most: usize,
}

impl<E> Workers<E>
where
    E: Endpoint + Send + 'static,
    E::Output: Send + 'static,
{
    /// Up to `most` workers sending with `send`, and where their reports arrive.
    pub(crate) fn new(
        most: usize,
        send: impl Fn(&E) -> Result<E::Output, Error> + Send + Sync + 'static,
    ) -> (Self, Receiver<Report<E>>) {
        let (jobs, queue) = mpsc::channel();
        let (results, reports) = mpsc::channel();
        let work = Arc::new(Work { queue: Mutex::new(queue), cancelled: AtomicBool::new(false) });
        (Self { send: Arc::new(send), jobs, work, results, started: 0, most }, reports)
    }

    /// Sends `request` (numbered `index`) on a worker, starting one if fewer than the most are running.
    pub(crate) fn dispatch(&mut self, index: usize, request: E) {
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

impl<E: Endpoint> Workers<E> {
    /// How many worker threads were started.
    pub(crate) fn started(&self) -> usize {
        self.started
    }
}

impl<E: Endpoint> Drop for Workers<E> {
    /// No request starts after this (those in flight finish on their threads, which then end).
    fn drop(&mut self) {
        self.work.cancelled.store(true, Ordering::Release);
    }
}
