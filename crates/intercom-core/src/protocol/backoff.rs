//! When to send a request again, and after how long: the decision the call machine asks after each failed
//! attempt, by the [`RetryPolicy`]. Pure: no clock, no sleep.

use std::time::{Duration, SystemTime};

use http::header::RETRY_AFTER;
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

/// A wait a server asks for further ahead than this is not a real one (a gateway's milliseconds, a
/// nonsense number): it is ignored, and the call backs off instead.
pub(crate) const IMPLAUSIBLE_WAIT: Duration = Duration::from_secs(24 * 3600);

/// Whether to try again after `attempt` ended with `outcome`, and after how long. `jitter` is a number in
/// `[0, 1)`.
///
/// A `429` was refused, not run, so it is retried whatever the method. When the answer says when to come
/// back (`Retry-After`, in seconds or as an HTTP date, else `X-RateLimit-Reset`), the call waits that long
/// and tries again however many times it takes, while the waits fit in the policy's `max_total_wait`
/// (unless the policy retries nothing); a wait that does not fit ends the call at once. A `429` that says
/// nothing usable (no header, an unreadable one, a time already past, or one more than
/// [`IMPLAUSIBLE_WAIT`] ahead) backs off and counts against `max_retries`, like the other retryable
/// outcomes.
pub(crate) fn retry_after(
    policy: &RetryPolicy,
    attempt: Attempt,
    outcome: Outcome<'_>,
    now: SystemTime,
    jitter: f64,
) -> Option<Duration> {
    let Attempt { safe, retry_post, retries_done, waited } = attempt;
    let may_repeat = safe || retry_post;
    let backoff = || {
        let doubled = policy.initial_backoff.saturating_mul(1u32.checked_shl(retries_done).unwrap_or(u32::MAX));
        let capped = doubled.min(policy.max_backoff);
        // Full jitter over the upper half: between half and all of the backoff.
        capped.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    };
    let asked = match outcome {
        Outcome::Answer(StatusCode::TOO_MANY_REQUESTS, headers) if policy.max_retries > 0 => {
            asked_wait(headers, now).filter(|wait| !wait.is_zero())
        }
        _ => None,
    };
    let wait = match (asked, outcome) {
        (Some(asked), _) => asked,
        _ if retries_done >= policy.max_retries => return None,
        (None, Outcome::Answer(StatusCode::TOO_MANY_REQUESTS, _)) => backoff(),
        (None, Outcome::Answer(status, _)) if is_retryable_status(status) && may_repeat => backoff(),
        (None, Outcome::Failed(TransportErrorKind::Connect | TransportErrorKind::Io)) if may_repeat => backoff(),
        _ => return None,
    };
    (waited.saturating_add(wait) <= policy.max_total_wait).then_some(wait)
}

/// How long the answer asks to wait: `Retry-After` (seconds, or an HTTP date), else the distance to
/// `X-RateLimit-Reset`; zero for a time already past; `None` when it asks nothing plausible (no header, an
/// unreadable one, or one more than [`IMPLAUSIBLE_WAIT`] ahead).
pub(crate) fn asked_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let retry_after = headers.get(RETRY_AFTER).and_then(|value| value.to_str().ok()).map(str::trim);
    let asked = match retry_after {
        Some(seconds) if seconds.bytes().all(|b| b.is_ascii_digit()) && !seconds.is_empty() => {
            seconds.parse::<u64>().ok().map(Duration::from_secs)
        }
        Some(date) => httpdate::parse_http_date(date).ok().map(|at| at.duration_since(now).unwrap_or_default()),
        None => None,
    };
    let asked = asked.or_else(|| RateLimit::from_headers(headers)?.reset_in(now));
    asked.filter(|wait| *wait <= IMPLAUSIBLE_WAIT)
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
        // A reset already past asks for nothing: the call backs off rather than hammering at once.
        let past: HeaderMap =
            [("x-ratelimit-reset".parse().unwrap(), (NOW - 30).to_string().parse().unwrap())].into_iter().collect();
        assert_eq!(
            decide(Method::GET, false, 0, Outcome::Answer(status(429), &past), 0.9),
            Some(Duration::from_millis(475))
        );
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        pairs.iter().map(|(name, value)| (name.parse().unwrap(), value.parse().unwrap())).collect()
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date_is_honoured_and_wins_over_the_reset() {
        let seconds = headers(&[("retry-after", "3")]);
        assert_eq!(decide(Method::POST, false, 0, Outcome::Answer(status(429), &seconds), 0.9), Some(secs(3)));
        let date = httpdate::fmt_http_date(at(NOW + 7));
        let dated = headers(&[("retry-after", &date), ("x-ratelimit-reset", &(NOW + 2).to_string())]);
        assert_eq!(decide(Method::GET, false, 0, Outcome::Answer(status(429), &dated), 0.9), Some(secs(7)));
        let past_date = headers(&[("retry-after", &httpdate::fmt_http_date(at(NOW - 5)))]);
        let backoff = decide(Method::GET, false, 0, Outcome::Answer(status(429), &past_date), 0.0);
        assert_eq!(backoff, Some(Duration::from_millis(250)), "a date already past asks for nothing");
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    /// The decision after `retries` retries and `waited` seconds of waiting, for an answer `code`.
    fn after(
        policy: &RetryPolicy,
        method: Method,
        retries: u32,
        waited: u64,
        code: u16,
        headers: &HeaderMap,
    ) -> Option<Duration> {
        retry_after(
            policy,
            attempt(&method, false, retries, secs(waited)),
            Outcome::Answer(status(code), headers),
            at(NOW),
            0.5,
        )
    }

    #[test]
    fn a_429_is_retried_past_the_retry_count_while_the_wait_budget_lasts() {
        let reset = headers(&[("x-ratelimit-reset", &(NOW + 2).to_string())]);
        let policy = RetryPolicy::default();
        let tenth = after(&policy, Method::POST, 9, 40, 429, &reset);
        assert_eq!(tenth, Some(secs(2)), "a POST refused ten times is still sent again: nothing ran");
        let spent = after(&policy, Method::POST, 9, 59, 429, &reset);
        assert_eq!(spent, None, "59 s waited: 2 more do not fit in the minute");
        let off = after(&RetryPolicy::none(), Method::GET, 0, 0, 429, &reset);
        assert_eq!(off, None, "a policy that retries nothing does not retry a 429 either");
        let server_error = after(&policy, Method::GET, 9, 40, 503, &reset);
        assert_eq!(server_error, None, "other failures keep their count");
    }

    #[test]
    fn an_implausible_wait_is_not_believed_and_the_call_backs_off() {
        for reset in [(NOW * 1000).to_string(), u64::MAX.to_string(), (NOW + 2 * 86_400).to_string()] {
            let odd = headers(&[("x-ratelimit-reset", &reset)]);
            let wait = decide(Method::GET, false, 0, Outcome::Answer(status(429), &odd), 0.0);
            assert_eq!(wait, Some(Duration::from_millis(250)), "reset {reset}");
        }
        for retry_after in ["18446744073709551615", "99999999999", "-3", "soon", "Fri, 31 Dec 9999 23:59:59 GMT"] {
            let odd = headers(&[("retry-after", retry_after)]);
            let wait = decide(Method::GET, false, 0, Outcome::Answer(status(429), &odd), 0.0);
            assert_eq!(wait, Some(Duration::from_millis(250)), "Retry-After {retry_after}");
        }
    }

    /// Header values of every kind a proxy or gateway sends, through `asked_wait` and the retry decision:
    /// never a panic, never a wait past the budget.
    #[test]
    fn no_header_value_panics_or_waits_past_the_budget() {
        let mut values: Vec<String> = [
            "",
            " ",
            "0",
            "-1",
            "1.5",
            "1e9",
            "soon",
            "18446744073709551615",
            "18446744073709551616",
            "9223372036854775807",
            "1794614920930",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Thu, 01 Jan 1970 00:00:00 GMT",
        ]
        .iter()
        .map(|v| v.to_string())
        .collect();
        let mut rng: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..500 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            values.push((rng >> (rng % 64)).to_string());
            values.push((NOW + rng % 100_000).to_string());
        }
        let policy = RetryPolicy::default();
        for value in &values {
            for name in ["retry-after", "x-ratelimit-reset"] {
                let Ok(header) = http::HeaderValue::from_str(value) else { continue };
                let headers: HeaderMap = [(http::HeaderName::from_static(name), header)].into_iter().collect();
                for now in [at(0), at(NOW), at(u32::MAX as u64 * 4)] {
                    let _ = asked_wait(&headers, now);
                    let _ = RateLimit::from_headers(&headers).map(|limit| (limit.reset_in(now), limit.resets_at()));
                    for retries in [0, 5, 40] {
                        let decided = retry_after(
                            &policy,
                            attempt(&Method::GET, false, retries, Duration::ZERO),
                            Outcome::Answer(status(429), &headers),
                            now,
                            0.7,
                        );
                        assert!(decided.is_none_or(|wait| wait <= policy.max_total_wait), "{name}: {value:?}");
                    }
                }
            }
        }
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
