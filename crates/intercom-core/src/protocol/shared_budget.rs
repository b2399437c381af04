//! A window budget that several processes share (a fleet of workers on one app's token): the interface a
//! store implements ([`SharedBudget`]; `RedisBudget` with the `redis` feature), and how a client consults one
//! without ever depending on it ([`SharedWindows`]). The store's I/O happens behind the trait, called by the
//! drivers after the local pacer granted a permit.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A rate-limit budget kept outside the process, so that every process and machine of a fleet spends one
/// window's budget together (set with [`Config::with_shared_budget`](crate::Config::with_shared_budget)).
///
/// A store must answer quickly (the call is made before each request, also on an async task) and must
/// never wait long: an error or a slow answer is treated as "the store is away", and the client paces
/// alone for a while.
pub trait SharedBudget: Send + Sync + fmt::Debug {
    /// Takes one request's slot of the window that ends at `window_end` (Unix seconds), whose budget is
    /// `limit` requests: `Ok(true)` when the slot is this request's, `Ok(false)` when the fleet has spent
    /// the window. Slots must be taken atomically across processes.
    fn take(&self, window_end: u64, limit: u64) -> Result<bool, Box<dyn std::error::Error + Send + Sync>>;
}

/// How long a client paces alone after the store failed, before it asks the store again.
pub(crate) const ALONE_AFTER_A_FAILURE: Duration = Duration::from_secs(10);

/// A configuration's shared budget, and whether it is answering.
pub(crate) struct SharedWindows {
    store: Arc<dyn SharedBudget>,
    state: Mutex<Away>,
}

/// When the store last failed, and whether that was said.
#[derive(Debug, Default)]
struct Away {
    until: Option<SystemTime>,
    warned: bool,
}

impl fmt::Debug for SharedWindows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedWindows").field("store", &self.store).finish_non_exhaustive()
    }
}

impl SharedWindows {
    pub(crate) fn new(store: Arc<dyn SharedBudget>) -> Self {
        Self { store, state: Mutex::new(Away::default()) }
    }

    fn lock(&self) -> MutexGuard<'_, Away> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// After the local pacer let a request go in the window that ends at `end` with budget `limit`
    /// (`None` while no answer has said where windows are): `None` to send it, or how long to wait (at
    /// most `max_wait`) because the fleet has spent the window. A store that fails is left alone for
    /// [`ALONE_AFTER_A_FAILURE`], with one warning: pacing goes on locally, never waiting on the store.
    pub(crate) fn admit(
        &self,
        window: Option<(SystemTime, u64)>,
        now: SystemTime,
        margin: Duration,
        max_wait: Duration,
    ) -> Option<Duration> {
        let (end, limit) = window?;
        if self.lock().until.is_some_and(|until| now < until) {
            return None;
        }
        let end_secs = end.duration_since(UNIX_EPOCH).ok()?.as_secs();
        match self.store.take(end_secs, limit) {
            Ok(true) => None,
            Ok(false) => {
                let open = end.checked_add(margin).unwrap_or(end);
                Some(open.duration_since(now).unwrap_or_default().min(max_wait))
            }
            Err(error) => {
                let mut away = self.lock();
                away.until = now.checked_add(ALONE_AFTER_A_FAILURE);
                if !std::mem::replace(&mut away.warned, true) {
                    tracing::warn!(
                        %error,
                        "the shared rate-limit budget did not answer: pacing alone (said once; asked again every \
                         10 s)"
                    );
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// A store that grants `grants` slots, then refuses, or fails when `failing`.
    #[derive(Debug, Default)]
    struct Store {
        asked: AtomicUsize,
        grants: usize,
        failing: bool,
    }

    impl SharedBudget for Store {
        fn take(&self, _window_end: u64, _limit: u64) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
            let n = self.asked.fetch_add(1, Ordering::SeqCst);
            if self.failing {
                return Err("connection refused".into());
            }
            Ok(n < self.grants)
        }
    }

    fn at(millis: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_800_000_000) + Duration::from_millis(millis)
    }

    #[test]
    fn a_spent_window_waits_for_the_next_and_an_unknown_one_asks_nothing() {
        let store = Arc::new(Store { grants: 1, ..Store::default() });
        let shared = SharedWindows::new(store.clone());
        let (margin, max) = (Duration::from_millis(50), Duration::from_secs(60));
        assert_eq!(shared.admit(None, at(0), margin, max), None);
        assert_eq!(store.asked.load(Ordering::SeqCst), 0, "no window known: the store is not asked");
        let window = Some((at(2000), 100));
        assert_eq!(shared.admit(window, at(0), margin, max), None, "the first slot");
        assert_eq!(shared.admit(window, at(500), margin, max), Some(Duration::from_millis(1550)));
        assert_eq!(shared.admit(window, at(500), margin, Duration::from_secs(1)), Some(Duration::from_secs(1)));
    }

    #[test]
    fn a_failing_store_is_left_alone_for_a_while_and_asked_again_after() {
        let store = Arc::new(Store { failing: true, ..Store::default() });
        let shared = SharedWindows::new(store.clone());
        let (margin, max, window) = (Duration::ZERO, Duration::from_secs(60), Some((at(2000), 100)));
        assert_eq!(shared.admit(window, at(0), margin, max), None, "failed: the request goes");
        assert_eq!(shared.admit(window, at(9_000), margin, max), None);
        assert_eq!(store.asked.load(Ordering::SeqCst), 1, "not asked again within 10 s");
        assert_eq!(shared.admit(window, at(10_000), margin, max), None);
        assert_eq!(store.asked.load(Ordering::SeqCst), 2, "asked again after 10 s");
    }
}
