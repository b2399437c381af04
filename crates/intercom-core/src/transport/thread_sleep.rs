//! A runtime-free sleep for async transports that bring none: a thread wakes the task.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

/// Completes after `duration`, on any executor.
#[derive(Debug)]
pub(crate) struct ThreadSleep {
    until: Instant,
    duration: Duration,
    waker: Option<Arc<Mutex<Option<Waker>>>>,
}

impl ThreadSleep {
    pub(crate) fn new(duration: Duration) -> Self {
        Self { until: Instant::now() + duration, duration, waker: None }
    }
}

impl Future for ThreadSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.until {
            return Poll::Ready(());
        }
        match &self.waker {
            Some(slot) => {
                if let Ok(mut slot) = slot.lock() {
                    *slot = Some(cx.waker().clone());
                }
            }
            None => {
                let slot = Arc::new(Mutex::new(Some(cx.waker().clone())));
                let shared = Arc::clone(&slot);
                let duration = self.duration;
                std::thread::spawn(move || {
                    std::thread::sleep(duration);
                    if let Some(waker) = shared.lock().ok().and_then(|mut w| w.take()) {
                        waker.wake();
                    }
                });
                self.waker = Some(slot);
            }
        }
        Poll::Pending
    }
}
