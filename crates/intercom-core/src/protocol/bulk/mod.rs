//! Many requests at once: a collection of endpoints sent with bounded concurrency, each result yielded as
//! it completes (or in input order), with its request, so failures can be sent again. The blocking driver
//! runs them on worker threads (`SendAllIter`), the async driver as a `futures_core::Stream` (`SendAll`);
//! both follow one [`schedule::Schedule`].

pub(crate) mod schedule;

use std::time::Duration;

use crate::protocol::error::Error;
use crate::protocol::request::Endpoint;

/// How [`send_all`](crate::BlockingClient::send_all) runs its requests: how many at once, and whether
/// results come in input order.
///
/// ```
/// use intercom_ureq::Bulk;
///
/// let bulk = Bulk::new(32).in_order();
/// assert_eq!(bulk.concurrency(), 32);
/// assert!(bulk.is_in_order());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bulk {
    concurrency: usize,
    in_order: bool,
    wait_budget: Duration,
}

impl Default for Bulk {
    /// 16 requests at once, results as they complete.
    fn default() -> Self {
        Self::new(16)
    }
}

impl Bulk {
    /// At most `concurrency` requests (at least one) started and not yet yielded, results as they complete.
    pub const fn new(concurrency: usize) -> Self {
        Self {
            concurrency: if concurrency == 0 { 1 } else { concurrency },
            in_order: false,
            wait_budget: Self::DEFAULT_WAIT_BUDGET,
        }
    }

    /// The default of [`with_wait_budget`](Self::with_wait_budget): ten minutes.
    pub const DEFAULT_WAIT_BUDGET: Duration = Duration::from_secs(600);

    /// How long each request of the run may spend waiting to be let through (default
    /// [`DEFAULT_WAIT_BUDGET`](Self::DEFAULT_WAIT_BUDGET)) when the policy it is sent with allows less: a
    /// `429` means Intercom ran nothing, so a bulk run waits out refusals (other processes spending the same
    /// budget) instead of giving up on a write. Other failures are retried as the policy says.
    pub const fn with_wait_budget(mut self, budget: Duration) -> Self {
        self.wait_budget = budget;
        self
    }

    /// How long each request may spend waiting to be let through.
    pub const fn wait_budget(&self) -> Duration {
        self.wait_budget
    }

    /// Yields results in the order of the input. A slow request then holds back the results after it (and
    /// the requests after those: no more than `concurrency` are ever started and not yet yielded).
    pub const fn in_order(mut self) -> Self {
        self.in_order = true;
        self
    }

    /// The most requests in flight at once.
    pub const fn concurrency(&self) -> usize {
        self.concurrency
    }

    /// Whether results come in input order.
    pub const fn is_in_order(&self) -> bool {
        self.in_order
    }
}

/// One request of a bulk run, given back with its result: `index` is its place in the input (from 0).
///
/// A request that failed after its retries comes back whole, so the caller can keep the failures and send
/// them again.
#[derive(Debug)]
pub struct Sent<E: Endpoint> {
    /// The request's position in the input, from 0.
    pub index: usize,
    /// The request as it was given.
    pub request: E,
    /// What sending it gave, after retries.
    pub result: Result<E::Output, Error>,
}

impl<E: Endpoint> Sent<E> {
    /// Whether the request succeeded.
    pub fn is_ok(&self) -> bool {
        self.result.is_ok()
    }
}
