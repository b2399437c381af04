//! The mock's rate limit, as Intercom's: a budget of requests per fixed window (aligned to the Unix clock,
//! in whole seconds), reported on every answer in `X-RateLimit-Limit`, `-Remaining` and `-Reset` (Unix
//! seconds), and a 429 `rate_limit_exceeded` once the window is spent.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use wiremock::{Request, Respond, ResponseTemplate};

/// The rate limit the mock enforces: `requests` per `window`.
///
/// The default is generous (10,000 per 10 seconds), so the headers are there but tests don't meet the
/// limit unless they set one: `mock.set_rate_limit(MockRateLimit::new(1000, Duration::from_secs(2)))`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MockRateLimit {
    /// Requests allowed in each window.
    pub requests: u64,
    /// The window's length, in whole seconds (at least one; Intercom's is 10).
    pub window: Duration,
}

impl MockRateLimit {
    /// `requests` per `window` (rounded down to whole seconds, at least one).
    pub fn new(requests: u64, window: Duration) -> Self {
        Self { requests, window: Duration::from_secs(window.as_secs().max(1)) }
    }
}

impl Default for MockRateLimit {
    fn default() -> Self {
        Self::new(10_000, Duration::from_secs(10))
    }
}

/// What the mock admitted and refused in one window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WindowCount {
    /// Requests answered normally.
    pub admitted: u64,
    /// Requests answered 429.
    pub refused: u64,
}

#[derive(Debug, Default)]
struct State {
    limit: MockRateLimit,
    /// By the window's start, in Unix seconds.
    windows: BTreeMap<u64, WindowCount>,
}

/// The counters every responder of one mock shares.
#[derive(Debug, Clone, Default)]
pub(crate) struct Limiter(Arc<Mutex<State>>);

/// Whether a request may be answered, and the headers to send either way.
struct Decision {
    admitted: bool,
    headers: [(&'static str, String); 3],
}

impl Limiter {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn set(&self, limit: MockRateLimit) {
        self.lock().limit = limit;
    }

    pub(crate) fn windows(&self) -> Vec<(SystemTime, WindowCount)> {
        let state = self.lock();
        state.windows.iter().map(|(start, count)| (UNIX_EPOCH + Duration::from_secs(*start), *count)).collect()
    }

    fn decide(&self, now: SystemTime) -> Decision {
        let mut state = self.lock();
        let limit = state.limit;
        let length = limit.window.as_secs().max(1);
        let seconds = now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        let start = seconds - seconds % length;
        let count = state.windows.entry(start).or_default();
        let admitted = count.admitted < limit.requests;
        if admitted {
            count.admitted += 1;
        } else {
            count.refused += 1;
        }
        let remaining = limit.requests.saturating_sub(count.admitted);
        Decision {
            admitted,
            headers: [
                ("X-RateLimit-Limit", limit.requests.to_string()),
                ("X-RateLimit-Remaining", remaining.to_string()),
                ("X-RateLimit-Reset", (start + length).to_string()),
            ],
        }
    }
}

/// A responder behind the mock's rate limit.
pub(crate) struct Limited<R> {
    pub(crate) inner: R,
    pub(crate) limiter: Limiter,
}

impl<R: Respond> Respond for Limited<R> {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let decision = self.limiter.decide(SystemTime::now());
        let response = if decision.admitted { self.inner.respond(request) } else { exceeded() };
        if decision.admitted && scripts_its_own_rate_limit(&response) {
            return response;
        }
        decision.headers.into_iter().fold(response, |response, (name, value)| response.insert_header(name, value))
    }
}

/// Whether a test scripted the rate limit of this answer itself: it wrote rate-limit headers (a reset, a
/// malformed value, ...), or it is a 429 of its own (without headers, a client backs off briefly instead of
/// waiting for a window's reset). Such answers are sent as written. `ResponseTemplate` has no getters; its
/// `Debug` shows the status and the header map (lower-case names), and the unit test below pins that.
fn scripts_its_own_rate_limit(response: &ResponseTemplate) -> bool {
    let shown = format!("{response:?}");
    shown.contains("\"x-ratelimit-") || shown.contains("status_code: 429")
}

fn exceeded() -> ResponseTemplate {
    ResponseTemplate::new(429).set_body_json(serde_json::json!({
        "type": "error.list",
        "request_id": null,
        "errors": [{"code": "rate_limit_exceeded", "message": "Exceeded rate limit of the window"}],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_aligned_counted_and_refused_past_the_limit() {
        let limiter = Limiter::default();
        limiter.set(MockRateLimit::new(2, Duration::from_secs(2)));
        let at = |secs: u64| UNIX_EPOCH + Duration::from_secs(secs);
        let first = limiter.decide(at(1_800_000_001));
        assert!(first.admitted);
        assert_eq!(first.headers[1].1, "1");
        assert_eq!(first.headers[2].1, "1800000002", "the window started at an even second");
        assert!(limiter.decide(at(1_800_000_001)).admitted);
        let third = limiter.decide(at(1_800_000_001));
        assert!(!third.admitted);
        assert_eq!(third.headers[1].1, "0");
        assert!(limiter.decide(at(1_800_000_002)).admitted, "a new window");
        let windows = limiter.windows();
        assert_eq!(windows[0].1, WindowCount { admitted: 2, refused: 1 });
        assert_eq!(windows[1].1, WindowCount { admitted: 1, refused: 0 });
    }

    #[test]
    fn an_answer_with_its_own_rate_limit_headers_or_a_scripted_429_is_sent_as_written() {
        let scripted = ResponseTemplate::new(429).insert_header("X-RateLimit-Remaining", "0");
        assert!(scripts_its_own_rate_limit(&scripted));
        assert!(scripts_its_own_rate_limit(&ResponseTemplate::new(429)), "a scripted 429");
        let plain = ResponseTemplate::new(200).insert_header("X-Request-Id", "x").set_body_string("x-ratelimit-");
        assert!(!scripts_its_own_rate_limit(&plain));
        assert!(!scripts_its_own_rate_limit(&ResponseTemplate::new(503)));
    }
}
