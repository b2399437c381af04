//! A wait for a job: poll its status with backoff until it ends, within a deadline, and say how it ended.
//! [`Waiting`] decides when to poll next; both drivers run it (`wait_for` in each driver's `jobs.rs`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::protocol::job::status::JobState;

/// How a wait for a job ended. Each arm holds the last status read.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum JobOutcome<T> {
    /// The job finished its work.
    Completed(T),
    /// The job failed; `reason` is what the status said (Intercom gives no more than its status).
    Failed {
        /// The last status read.
        status: T,
        /// The failure as the API reported it, e.g. `"failed"`.
        reason: String,
    },
    /// The job was cancelled (a cancel request, or Intercom).
    Cancelled(T),
    /// The job was still running when the wait's deadline came. It goes on at Intercom: wait again with
    /// the same status request to pick it up.
    DeadlinePassed(T),
    /// The caller stopped the wait ([`CancelWait::cancel`]); the job goes on at Intercom.
    WaitCancelled(T),
}

impl<T> JobOutcome<T> {
    /// The last status read, however the wait ended.
    pub fn into_status(self) -> T {
        match self {
            JobOutcome::Completed(s)
            | JobOutcome::Failed { status: s, .. }
            | JobOutcome::Cancelled(s)
            | JobOutcome::DeadlinePassed(s)
            | JobOutcome::WaitCancelled(s) => s,
        }
    }

    /// Whether the job completed.
    pub fn is_completed(&self) -> bool {
        matches!(self, JobOutcome::Completed(_))
    }

    /// The same outcome over another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> JobOutcome<U> {
        match self {
            JobOutcome::Completed(s) => JobOutcome::Completed(f(s)),
            JobOutcome::Failed { status, reason } => JobOutcome::Failed { status: f(status), reason },
            JobOutcome::Cancelled(s) => JobOutcome::Cancelled(f(s)),
            JobOutcome::DeadlinePassed(s) => JobOutcome::DeadlinePassed(f(s)),
            JobOutcome::WaitCancelled(s) => JobOutcome::WaitCancelled(f(s)),
        }
    }
}

/// Stops a wait from another thread or task: the wait ends with [`JobOutcome::WaitCancelled`] at its next
/// check (at most a tenth of a second later). Clones share the flag. (An async wait also stops when its
/// future is dropped.)
#[derive(Debug, Clone, Default)]
pub struct CancelWait(Arc<AtomicBool>);

impl CancelWait {
    /// A handle not yet cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stops the waits that hold this handle.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Release);
    }

    /// Whether [`cancel`](Self::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// How to wait for a job: the first pause between polls, how it grows (x1.5 each poll) up to a
/// maximum, and the deadline.
///
/// ```
/// use std::time::Duration;
/// use intercom_ureq::JobWait;
///
/// let wait = JobWait::new().with_deadline(Duration::from_secs(600));
/// assert_eq!(wait.deadline(), Duration::from_secs(600));
/// ```
#[derive(Debug, Clone)]
pub struct JobWait {
    first_pause: Duration,
    max_pause: Duration,
    deadline: Duration,
    cancel: Option<CancelWait>,
}

impl Default for JobWait {
    /// Polls after 1 s, then 1.5 s, 2.25 s... up to every 30 s, for at most an hour.
    fn default() -> Self {
        Self {
            first_pause: Duration::from_secs(1),
            max_pause: Duration::from_secs(30),
            deadline: Duration::from_secs(3600),
            cancel: None,
        }
    }
}

impl JobWait {
    /// The default: polls after 1 s, growing to every 30 s, for at most an hour.
    pub fn new() -> Self {
        Self::default()
    }

    /// The first pause between polls and the longest one.
    pub fn with_pauses(mut self, first: Duration, max: Duration) -> Self {
        self.first_pause = first;
        self.max_pause = max.max(first);
        self
    }

    /// How long to wait in all before giving up with [`JobOutcome::DeadlinePassed`].
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Stops the wait when `cancel` is cancelled.
    pub fn with_cancel(mut self, cancel: CancelWait) -> Self {
        self.cancel = Some(cancel);
        self
    }

    /// The deadline.
    pub fn deadline(&self) -> Duration {
        self.deadline
    }
}

/// What a wait does next.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// The wait is over (the outcome is built from the last status and this).
    Done(Ending),
    /// Sleep this long, then ask again ([`Waiting::next`]).
    Sleep(Duration),
    /// Read the status again, then hand it over ([`Waiting::polled`]).
    Poll,
}

/// Why a wait ended.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Ending {
    State(JobState),
    Deadline,
    Cancelled,
}

/// One wait: when the next poll is due, how the pause grows, and the deadline.
#[derive(Debug)]
pub(crate) struct Waiting {
    pause: Duration,
    max_pause: Duration,
    deadline: Instant,
    due: Instant,
    cancel: Option<CancelWait>,
}

/// The furthest deadline a wait keeps.
const CENTURY: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

/// How often a pause looks at the cancel handle.
pub(crate) const CANCEL_CHECK: Duration = Duration::from_millis(100);

impl Waiting {
    pub(crate) fn new(wait: &JobWait, now: Instant) -> Self {
        Self {
            pause: wait.first_pause,
            max_pause: wait.max_pause,
            // A deadline no clock can hold (`Duration::MAX`) is a century: never a panic.
            deadline: now.checked_add(wait.deadline).unwrap_or_else(|| now + CENTURY),
            due: now,
            cancel: wait.cancel.clone(),
        }
    }

    /// After a status in `state` was read at `now`: the end, or the pause before the next poll.
    pub(crate) fn polled(&mut self, state: JobState, now: Instant) -> Next {
        if state != JobState::Running {
            return Next::Done(Ending::State(state));
        }
        if now >= self.deadline && !self.is_cancelled() {
            return Next::Done(Ending::Deadline);
        }
        self.due = now + self.pause.min(self.deadline.saturating_duration_since(now));
        self.pause = self.pause.mul_f64(1.5).min(self.max_pause);
        self.next(now)
    }

    /// While pausing, at `now`: sleep on (in slices short enough to notice a cancel), poll, or stop.
    pub(crate) fn next(&self, now: Instant) -> Next {
        if self.is_cancelled() {
            return Next::Done(Ending::Cancelled);
        }
        match self.due.saturating_duration_since(now) {
            left if left.is_zero() => Next::Poll,
            left if self.cancel.is_some() => Next::Sleep(left.min(CANCEL_CHECK)),
            left => Next::Sleep(left),
        }
    }

    fn is_cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(CancelWait::is_cancelled)
    }
}

/// The outcome of a wait that ended for `ending`, with the last status.
pub(crate) fn outcome<T>(ending: Ending, status: T) -> JobOutcome<T> {
    match ending {
        Ending::State(JobState::Completed) => JobOutcome::Completed(status),
        Ending::State(JobState::Failed(reason)) => JobOutcome::Failed { status, reason },
        Ending::State(JobState::Cancelled) => JobOutcome::Cancelled(status),
        Ending::State(JobState::Running) | Ending::Deadline => JobOutcome::DeadlinePassed(status),
        Ending::Cancelled => JobOutcome::WaitCancelled(status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_to_the_maximum_and_the_last_one_stops_at_the_deadline() {
        let t0 = Instant::now();
        let wait = JobWait::new()
            .with_pauses(Duration::from_secs(2), Duration::from_secs(4))
            .with_deadline(Duration::from_secs(9));
        let mut w = Waiting::new(&wait, t0);
        let s = Duration::from_secs;
        assert_eq!(w.polled(JobState::Running, t0), Next::Sleep(s(2)));
        assert_eq!(w.next(t0 + s(1)), Next::Sleep(s(1)), "woken early: sleep the rest");
        assert_eq!(w.next(t0 + s(2)), Next::Poll);
        assert_eq!(w.polled(JobState::Running, t0 + s(2)), Next::Sleep(s(3)));
        assert_eq!(w.polled(JobState::Running, t0 + s(5)), Next::Sleep(s(4)), "4.5 s capped at 4");
        assert_eq!(w.polled(JobState::Running, t0 + s(8)), Next::Sleep(s(1)), "only up to the deadline");
        assert_eq!(w.polled(JobState::Running, t0 + s(9)), Next::Done(Ending::Deadline));
    }

    #[test]
    fn an_end_state_ends_the_wait_before_the_deadline_or_a_cancel_is_looked_at() {
        let cancel = CancelWait::new();
        let wait = JobWait::new().with_deadline(Duration::ZERO).with_cancel(cancel.clone());
        let t0 = Instant::now();
        let mut w = Waiting::new(&wait, t0);
        let failed = JobState::Failed("failed".into());
        assert_eq!(w.polled(failed.clone(), t0), Next::Done(Ending::State(failed)));
        cancel.cancel();
        assert_eq!(w.polled(JobState::Running, t0), Next::Done(Ending::Cancelled));
        assert_eq!(outcome(Ending::Cancelled, 7), JobOutcome::WaitCancelled(7));
    }

    #[test]
    fn a_pause_is_cut_in_slices_only_when_it_can_be_cancelled() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut plain = Waiting::new(&JobWait::new().with_pauses(ms(250), ms(250)), t0);
        assert_eq!(plain.polled(JobState::Running, t0), Next::Sleep(ms(250)));
        let cancel = CancelWait::new();
        let wait = JobWait::new().with_pauses(ms(250), ms(250)).with_cancel(cancel.clone());
        let mut cancellable = Waiting::new(&wait, t0);
        assert_eq!(cancellable.polled(JobState::Running, t0), Next::Sleep(CANCEL_CHECK));
        assert_eq!(cancellable.next(t0 + ms(200)), Next::Sleep(ms(50)));
        cancel.cancel();
        assert_eq!(cancellable.next(t0 + ms(210)), Next::Done(Ending::Cancelled));
    }
}
