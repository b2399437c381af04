//! Intercom's rate-limit headers.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::HeaderMap;

/// The rate-limit state an answer reports (`X-RateLimit-Limit`, `-Remaining`, `-Reset`). A header that is
/// missing or not a number is `None`, never an error.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RateLimit {
    /// Requests allowed in the current window.
    pub limit: Option<u64>,
    /// Requests left in the current window.
    pub remaining: Option<u64>,
    /// When the window resets, in Unix seconds.
    pub reset: Option<u64>,
}

fn number(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

impl RateLimit {
    /// Reads the headers; `None` when none of the three is there and readable.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let limit = Self {
            limit: number(headers, "x-ratelimit-limit"),
            remaining: number(headers, "x-ratelimit-remaining"),
            reset: number(headers, "x-ratelimit-reset"),
        };
        (limit != Self::default()).then_some(limit)
    }

    /// How long until the window resets, seen from `now`; zero if it is past.
    pub fn reset_in(&self, now: SystemTime) -> Option<Duration> {
        let reset = UNIX_EPOCH + Duration::from_secs(self.reset?);
        Some(reset.duration_since(now).unwrap_or(Duration::ZERO))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (k.parse().unwrap(), v.parse().unwrap())).collect()
    }

    #[test]
    fn reads_what_is_there_and_ignores_what_is_malformed() {
        let all = headers(&[
            ("X-RateLimit-Limit", "1000"),
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "1700000060"),
        ]);
        assert_eq!(
            RateLimit::from_headers(&all),
            Some(RateLimit { limit: Some(1000), remaining: Some(0), reset: Some(1_700_000_060) })
        );
        let odd =
            headers(&[("X-RateLimit-Limit", "-5"), ("X-RateLimit-Remaining", " 7 "), ("X-RateLimit-Reset", "soon")]);
        assert_eq!(RateLimit::from_headers(&odd), Some(RateLimit { limit: None, remaining: Some(7), reset: None }));
        assert_eq!(RateLimit::from_headers(&headers(&[("X-RateLimit-Reset", "x")])), None);
        assert_eq!(RateLimit::from_headers(&HeaderMap::new()), None);
    }

    #[test]
    fn reset_in_is_never_negative() {
        let limit = RateLimit { reset: Some(1_700_000_060), ..RateLimit::default() };
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(limit.reset_in(now), Some(Duration::from_secs(60)));
        assert_eq!(limit.reset_in(now + Duration::from_secs(600)), Some(Duration::ZERO));
        assert_eq!(RateLimit::default().reset_in(now), None);
    }
}
