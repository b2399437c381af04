//! A quick clock for tests: the waits a client decides run shorter, so a test of a `429` whose window
//! resets in 30 seconds takes milliseconds, while the client decides exactly as it would in real time.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::protocol::rate_limit::RateLimit;

/// Makes every wait of a client (a retry's backoff, a `429`'s reset, the pacer's wait for the next window)
/// `divisor` times shorter. The retry budget still counts the waits as decided, so the same retries happen,
/// sooner. Clones share the divisor: the one who made it (the mock) can move it back to real time (1).
///
/// `intercom_mock::MockIntercom::config` has one; set it on a configuration with
/// [`Config::with_quick_clock`](crate::Config::with_quick_clock).
#[derive(Debug, Clone)]
pub struct QuickClock(Arc<AtomicU32>);

impl QuickClock {
    /// A clock `divisor` times quicker than real time (at least 1).
    pub fn new(divisor: u32) -> Self {
        Self(Arc::new(AtomicU32::new(divisor.max(1))))
    }

    /// Makes this clock and its clones `divisor` times quicker from now on (1: real time).
    pub fn set_divisor(&self, divisor: u32) {
        self.0.store(divisor.max(1), Ordering::Relaxed);
    }

    /// How many times quicker than real time.
    pub fn divisor(&self) -> u32 {
        self.0.load(Ordering::Relaxed)
    }

    /// `wait` on this clock.
    pub(crate) fn shorten(&self, wait: Duration) -> Duration {
        wait / self.divisor()
    }

    /// `limit` with its reset as far from `now` as this clock makes it (whole seconds: a reset less than a
    /// second away on this clock is now).
    pub(crate) fn shorten_reset(&self, mut limit: RateLimit, now: SystemTime) -> RateLimit {
        let now_secs = now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        if let Some(reset) = limit.reset.filter(|reset| *reset > now_secs) {
            limit.reset = Some(now_secs + (reset - now_secs) / u64::from(self.divisor()));
        }
        limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_and_resets_are_shortened_by_the_shared_divisor() {
        let clock = QuickClock::new(1000);
        let shared = clock.clone();
        assert_eq!(clock.shorten(Duration::from_secs(30)), Duration::from_millis(30));
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let limit = RateLimit { limit: Some(10), remaining: Some(0), reset: Some(1_700_000_030) };
        assert_eq!(clock.shorten_reset(limit, now).reset, Some(1_700_000_000));
        shared.set_divisor(1);
        assert_eq!(clock.shorten(Duration::from_secs(30)), Duration::from_secs(30));
        assert_eq!(clock.shorten_reset(limit, now).reset, Some(1_700_000_030));
        assert_eq!(QuickClock::new(0).divisor(), 1);
    }
}
