//! When to send a request again, and after how long: the decision the call machine asks after each failed
//! attempt, by the [`RetryPolicy`]. Pure: no clock, no sleep.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

use crate::protocol::error::TransportErrorKind;
use crate::protocol::rate_limit::RateLimit;
use crate::protocol::retry::{is_retryable_status, RetryPolicy};

/// What an attempt ended with, as far as retrying goes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome<'a> {
    /// An answer with this status.
    Answer(StatusCode, &'a HeaderMap),
    /// No answer.
    Failed(TransportErrorKind),
}

/// The facts of an attempt that decide whether to repeat it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attempt {
    /// Whether the operation is safe to send twice.
    pub safe: bool,
    /// Whether the request lets a `POST` be repeated.
    pub retry_post: bool,
    /// Retries made so far.
    pub retries_done: u32,
    /// Time spent waiting so far.
    pub waited: Duration,
}

/// Whether to try again after `attempt` ended with `outcome`, and after how long. `jitter` is a number in
/// `[0, 1)`.
pub(crate) fn retry_after(
    policy: &RetryPolicy,
    attempt: Attempt,
    outcome: Outcome<'_>,
    now: SystemTime,
    jitter: f64,
) -> Option<Duration> {
    let Attempt { safe, retry_post, retries_done, waited } = attempt;
    if retries_done >= policy.max_retries {
        return None;
    }
    let may_repeat = safe || retry_post;
    let backoff = || {
        let doubled = policy.initial_backoff.saturating_mul(1u32.checked_shl(retries_done).unwrap_or(u32::MAX));
        let capped = doubled.min(policy.max_backoff);
        // Full jitter over the upper half: between half and all of the backoff.
        capped.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    };
    let wait = match outcome {
        Outcome::Answer(status, headers) if status == StatusCode::TOO_MANY_REQUESTS => {
            match RateLimit::from_headers(headers).and_then(|limit| limit.reset_in(now)) {
                Some(until_reset) => until_reset,
                None => backoff(),
            }
        }
        Outcome::Answer(status, _) if is_retryable_status(status) && may_repeat => backoff(),
        Outcome::Failed(TransportErrorKind::Connect | TransportErrorKind::Io) if may_repeat => backoff(),
        _ => return None,
    };
    (waited.saturating_add(wait) <= policy.max_total_wait).then_some(wait)
}

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use http::Method;

    use super::*;

    const NOW: u64 = 1_700_000_000;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn attempt(method: &Method, retry_post: bool, retries_done: u32, waited: Duration) -> Attempt {
        let safe = *method != Method::POST;
        Attempt { safe, retry_post, retries_done, waited }
    }

    fn decide(method: Method, post: bool, retries: u32, outcome: Outcome<'_>, jitter: f64) -> Option<Duration> {
        retry_after(&RetryPolicy::default(), attempt(&method, post, retries, Duration::ZERO), outcome, at(NOW), jitter)
    }

    fn status(code: u16) -> StatusCode {
        StatusCode::from_u16(code).unwrap()
    }

    #[test]
    fn a_429_waits_for_the_reset_header_for_any_method() {
        let headers: HeaderMap =
            [("x-ratelimit-reset".parse().unwrap(), (NOW + 3).to_string().parse().unwrap())].into_iter().collect();
        let wait = decide(Method::POST, false, 0, Outcome::Answer(status(429), &headers), 0.9);
        assert_eq!(wait, Some(Duration::from_secs(3)));
        let past: HeaderMap =
            [("x-ratelimit-reset".parse().unwrap(), (NOW - 30).to_string().parse().unwrap())].into_iter().collect();
        assert_eq!(decide(Method::GET, false, 0, Outcome::Answer(status(429), &past), 0.9), Some(Duration::ZERO));
    }

    #[test]
    fn without_a_reset_header_backoff_doubles_with_jitter_and_is_capped() {
        let none = HeaderMap::new();
        let wait = |retries, jitter| decide(Method::GET, false, retries, Outcome::Answer(status(429), &none), jitter);
        assert_eq!(wait(0, 0.0), Some(Duration::from_millis(250)));
        assert_eq!(wait(0, 1.0), Some(Duration::from_millis(500)));
        assert_eq!(wait(1, 1.0), Some(Duration::from_millis(1000)));
        let policy = RetryPolicy::default().with_max_retries(40);
        let long = retry_after(
            &policy,
            attempt(&Method::GET, false, 39, Duration::ZERO),
            Outcome::Answer(status(503), &none),
            at(NOW),
            1.0,
        );
        assert_eq!(long, Some(Duration::from_secs(8)), "capped, and no overflow at 2^39");
    }

    #[test]
    fn server_errors_retry_idempotent_methods_and_post_only_when_asked() {
        let none = HeaderMap::new();
        for code in [408, 500, 502, 503, 504] {
            assert!(decide(Method::GET, false, 0, Outcome::Answer(status(code), &none), 0.5).is_some(), "{code}");
            assert!(decide(Method::DELETE, false, 0, Outcome::Answer(status(code), &none), 0.5).is_some(), "{code}");
            assert!(decide(Method::POST, false, 0, Outcome::Answer(status(code), &none), 0.5).is_none(), "{code}");
            assert!(decide(Method::POST, true, 0, Outcome::Answer(status(code), &none), 0.5).is_some(), "{code}");
        }
        for code in [400, 401, 404, 409, 422, 501] {
            assert!(decide(Method::GET, true, 0, Outcome::Answer(status(code), &none), 0.5).is_none(), "{code}");
        }
    }

    #[test]
    fn failed_connections_retry_like_server_errors_but_timeouts_do_not() {
        assert!(decide(Method::GET, false, 0, Outcome::Failed(TransportErrorKind::Connect), 0.5).is_some());
        assert!(decide(Method::PUT, false, 0, Outcome::Failed(TransportErrorKind::Io), 0.5).is_some());
        assert!(decide(Method::POST, false, 0, Outcome::Failed(TransportErrorKind::Io), 0.5).is_none());
        assert!(decide(Method::GET, false, 0, Outcome::Failed(TransportErrorKind::Timeout), 0.5).is_none());
        assert!(decide(Method::GET, false, 0, Outcome::Failed(TransportErrorKind::BodyTooLarge), 0.5).is_none());
    }

    #[test]
    fn retries_and_total_wait_are_bounded() {
        let none = HeaderMap::new();
        assert!(decide(Method::GET, false, 2, Outcome::Answer(status(503), &none), 0.5).is_none(), "2 retries done");
        let far: HeaderMap =
            [("x-ratelimit-reset".parse().unwrap(), (NOW + 3600).to_string().parse().unwrap())].into_iter().collect();
        assert!(
            decide(Method::GET, false, 0, Outcome::Answer(status(429), &far), 0.5).is_none(),
            "an hour is past the cap"
        );
        let policy = RetryPolicy::default();
        let spent = retry_after(
            &policy,
            attempt(&Method::GET, false, 1, Duration::from_secs(60)),
            Outcome::Answer(status(503), &none),
            at(NOW),
            0.5,
        );
        assert!(spent.is_none(), "the budget is spent");
        let off = retry_after(
            &RetryPolicy::none(),
            attempt(&Method::GET, false, 0, Duration::ZERO),
            Outcome::Answer(status(503), &none),
            at(NOW),
            0.5,
        );
        assert!(off.is_none());
    }
}
