//! Intercom's rate-limit headers, and the last ones a client saw.

use std::sync::{Arc, Mutex};
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

    /// How long until the window resets, seen from `now`; zero if it is past; `None` without a reset, or
    /// for one no clock can hold (a header such as `18446744073709551615`).
    pub fn reset_in(&self, now: SystemTime) -> Option<Duration> {
        Some(self.resets_at()?.duration_since(now).unwrap_or(Duration::ZERO))
    }

    /// When the window resets, as a time; `None` without a reset, or for one no clock can hold.
    pub fn resets_at(&self) -> Option<SystemTime> {
        UNIX_EPOCH.checked_add(Duration::from_secs(self.reset?))
    }

    /// How long from now until the window resets; zero if it is past.
    pub fn time_until_reset(&self) -> Option<Duration> {
        self.reset_in(SystemTime::now())
    }

    /// Whether the window is used up (`remaining` is 0): the next request waits for the reset (the clients'
    /// pacing does that for you) or gets a `429`.
    pub fn is_exhausted(&self) -> bool {
        self.remaining == Some(0)
    }

    /// How many requests the window has used, when both `limit` and `remaining` are known.
    pub fn used(&self) -> Option<u64> {
        Some(self.limit?.saturating_sub(self.remaining?))
    }
}

impl std::fmt::Display for RateLimit {
    /// `rate limit 0 of 10000 left, resets at 2026-11-22T10:00:00Z`, leaving out what the answer did not say.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("rate limit")?;
        match (self.remaining, self.limit) {
            (Some(remaining), Some(limit)) => write!(f, " {remaining} of {limit} left")?,
            (Some(remaining), None) => write!(f, " {remaining} left")?,
            (None, Some(limit)) => write!(f, " of {limit}")?,
            (None, None) => {}
        }
        if let Some(reset) = self.reset {
            let sep = if self.remaining.is_some() || self.limit.is_some() { "," } else { "" };
            write!(f, "{sep} resets at {}", utc(reset))?;
        }
        Ok(())
    }
}

/// The rate-limit state of a client's last answer, shared by its clones.
#[derive(Debug, Clone, Default)]
pub(crate) struct LastRateLimit(Arc<Mutex<Option<RateLimit>>>);

impl LastRateLimit {
    /// Keeps `limit` when an answer reported one.
    pub(crate) fn store(&self, limit: Option<RateLimit>) {
        if let (Some(limit), Ok(mut slot)) = (limit, self.0.lock()) {
            *slot = Some(limit);
        }
    }

    /// The last one kept.
    pub(crate) fn get(&self) -> Option<RateLimit> {
        self.0.lock().ok().and_then(|slot| *slot)
    }
}

/// Unix seconds as an RFC 3339 UTC time (`2026-11-22T10:00:00Z`), by the civil-from-days algorithm.
fn utc(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3_600, rest % 3_600 / 60, rest % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn displays_what_it_knows_in_words() {
        let full = RateLimit { limit: Some(10_000), remaining: Some(0), reset: Some(1_795_341_600) };
        assert_eq!(full.to_string(), "rate limit 0 of 10000 left, resets at 2026-11-22T10:00:00Z");
        let partial = RateLimit { limit: None, remaining: Some(3), reset: None };
        assert_eq!(partial.to_string(), "rate limit 3 left");
        let reset_only = RateLimit { reset: Some(0), ..RateLimit::default() };
        assert_eq!(reset_only.to_string(), "rate limit resets at 1970-01-01T00:00:00Z");
        assert_eq!(super::utc(951_825_600), "2000-02-29T12:00:00Z");
    }

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
        assert_eq!(limit.resets_at(), Some(now + Duration::from_secs(60)));
        assert_eq!(limit.time_until_reset(), Some(Duration::ZERO), "a reset in 2023 is past");
        let never = RateLimit { reset: Some(u64::MAX), ..RateLimit::default() };
        assert_eq!((never.resets_at(), never.reset_in(now)), (None, None), "no clock holds it: no panic");
        assert!(never.to_string().starts_with("rate limit resets at "), "{never}");
    }

    #[test]
    fn says_whether_the_window_is_used_up() {
        let spent = RateLimit { limit: Some(1000), remaining: Some(0), reset: None };
        assert!(spent.is_exhausted());
        assert_eq!(spent.used(), Some(1000));
        let fresh = RateLimit { limit: Some(1000), remaining: Some(998), reset: None };
        assert!(!fresh.is_exhausted());
        assert_eq!(fresh.used(), Some(2));
        assert!(!RateLimit::default().is_exhausted());
        assert_eq!(RateLimit::default().used(), None);
    }
}
