//! How a client retries: the policy a user sets, and the one table of statuses worth sending again. The
//! decision for one attempt is in [`backoff`](crate::protocol::backoff).

use std::time::Duration;

use http::StatusCode;

/// How a client retries. Per client ([`Config::with_retry_policy`](crate::Config::with_retry_policy)) and
/// per request ([`RequestOptions::retry_policy`](crate::RequestOptions::retry_policy)).
///
/// - `429 Too Many Requests`: any method (the request was refused, not run), after `X-RateLimit-Reset` when
///   the answer has it, else after an exponential backoff with jitter;
/// - `408`, `500`, `502`, `503`, `504` and connections that failed before an answer: operations that are
///   safe to send twice ([`Operation::safe_to_retry`](crate::protocol::Operation::safe_to_retry): every `GET`, `PUT`
///   and `DELETE`, and the `POST`s that only read, such as searches); other `POST`s only when the request
///   opts in ([`RequestOptions::retry_post`](crate::RequestOptions::retry_post));
/// - never more than [`max_retries`](Self::max_retries) times, and never when the wait would take the total
///   past [`max_total_wait`](Self::max_total_wait).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// The first backoff (default 500 ms); it doubles on each retry.
    pub initial_backoff: Duration,
    /// The longest single backoff (default 8 s).
    pub max_backoff: Duration,
    /// The most time spent waiting across all retries of one call (default 60 s).
    pub max_total_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_total_wait: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The statuses worth sending again: `408`, `429` and the server errors `500`, `502`, `503`, `504`.
    /// `429` is retried for any method; the others only for requests safe to send twice. The one table the
    /// policy and [`Error::is_retryable`](crate::Error::is_retryable) read.
    pub const RETRYABLE_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];

    /// Never retry.
    pub fn none() -> Self {
        Self { max_retries: 0, ..Self::default() }
    }

    /// This policy with `retries` retries.
    pub fn with_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// This policy with backoffs starting at `initial` and never longer than `max`.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// This policy with at most `total` spent waiting in one call.
    pub fn with_max_total_wait(mut self, total: Duration) -> Self {
        self.max_total_wait = total;
        self
    }
}

/// Whether `status` is in [`RetryPolicy::RETRYABLE_STATUSES`].
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    RetryPolicy::RETRYABLE_STATUSES.contains(&status.as_u16())
}
