//! A runtime-free sleep for async transports that bring none: a thread wakes the task.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

/// Completes after `duration`, on any executor.
#[derive(Debug)]
pub(crate) struct ThreadSleep {
    until: Option<Instant>,
    duration: Duration,
    waker: Option<Arc<Mutex<Option<Waker>>>>,
}

impl ThreadSleep {
    pub(crate) fn new(duration: Duration) -> Self {
        // A duration no clock can hold (`Duration::MAX`) never ends, and never panics.
        Self { until: Instant::now().checked_add(duration), duration, waker: None }
    }
}

impl Future for ThreadSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.until.is_some_and(|until| Instant::now() >= until) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sleep_no_clock_can_hold_is_pending_not_a_panic() {
        let mut cx = Context::from_waker(Waker::noop());
        let mut forever = ThreadSleep::new(Duration::MAX);
        assert!(Pin::new(&mut forever).poll(&mut cx).is_pending());
        let mut done = ThreadSleep::new(Duration::ZERO);
        assert!(Pin::new(&mut done).poll(&mut cx).is_ready());
    }
}
