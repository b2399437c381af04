//! Pacing under Intercom's rate limit: a budget of requests per window, read from the `X-RateLimit-*`
//! headers of the answers, spent before each request and waited for when it runs out, so that a client
//! waits for the reset instead of sending into a 429. Shared by every clone of a configuration (so by every
//! client, thread and task built from it). Pure state: the drivers sleep (`permit` in each driver).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::protocol::rate_limit::RateLimit;
use crate::protocol::shared_budget::SharedWindows;

/// How a client paces its requests under the rate limit ([`Config::with_rate_limiting`]).
///
/// The default, [`RateLimiting::from_headers`], paces by what the answers report; [`off`](Self::off)
/// leaves only the retries after a 429. See docs/RESILIENCE.md.
///
/// [`Config::with_rate_limiting`]: crate::Config::with_rate_limiting
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimiting {
    on: bool,
    limit: Option<u64>,
    window: Duration,
    margin: Duration,
    max_wait: Duration,
}

impl Default for RateLimiting {
    fn default() -> Self {
        Self::from_headers()
    }
}

impl RateLimiting {
    /// Paces by the rate-limit headers of the answers: the first request goes alone (the others wait for
    /// its answer, which tells the budget), then never more requests in a window than the answers say
    /// remain (less those still in flight). Answers without the headers leave requests unpaced.
    pub const fn from_headers() -> Self {
        Self {
            on: true,
            limit: None,
            window: Duration::from_secs(10),
            margin: Duration::from_millis(50),
            max_wait: Self::DEFAULT_MAX_WAIT,
        }
    }

    /// The default of [`with_max_wait`](Self::with_max_wait): one minute, six of Intercom's 10-second
    /// windows.
    pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(60);

    /// No pacing: requests go as they come, and a 429 is retried after its reset (the retry policy).
    pub const fn off() -> Self {
        Self { on: false, ..Self::from_headers() }
    }

    /// Also assumes `requests` per `window` before the first answer has said anything, and for a new
    /// window until its first answer (Intercom: about 1,666 per 10 seconds for 10,000 a minute). What the
    /// answers report wins. `window` is also the first guess of the window's length, 10 seconds by default.
    pub const fn with_limit(mut self, requests: u64, window: Duration) -> Self {
        self.limit = Some(requests);
        self.window = window;
        self
    }

    /// Waits this long past a window's reset before spending the next window's budget (default 50 ms), so
    /// that a clock a little ahead of Intercom's does not send into the window that is ending.
    pub const fn with_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The longest the pacer makes a request wait (default [`DEFAULT_MAX_WAIT`](Self::DEFAULT_MAX_WAIT)), and
    /// so the furthest ahead a reset it believes: an answer whose `X-RateLimit-Reset` is further ahead (a
    /// gateway's milliseconds, a nonsense value, a reset an hour away) is not believed, a warning says so
    /// once, and pacing goes on with what it knew. A wait is also never longer than the window it waits
    /// for.
    pub const fn with_max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = max_wait;
        self
    }

    /// The longest the pacer makes a request wait.
    pub const fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// Whether requests are paced.
    pub const fn is_on(&self) -> bool {
        self.on
    }
}

/// The window as this client knows it.
#[derive(Debug, Default)]
struct Window {
    /// The budget of a window, from `X-RateLimit-Limit` (or the configured limit).
    limit: Option<u64>,
    /// How long a window lasts: configured, then learned from two resets.
    length: Duration,
    learned_length: bool,
    /// When the current window ends, if one is known or assumed.
    end: Option<SystemTime>,
    /// The end of the last window an answer reported.
    last_reported_end: Option<SystemTime>,
    /// The least `remaining` any answer of the current window reported: the server's latest count seen
    /// (it only falls within a window). `None` while the window is assumed.
    least_remaining: Option<u64>,
    /// Requests started in the current window.
    started: u64,
    /// Requests started and not yet answered.
    in_flight: u64,
    /// Whether any request was answered (or failed) yet.
    heard: bool,
    /// How many requests may be in flight at once, lowered when answers are refused (`429`) although
    /// pacing let them go, raised again as answers come back accepted: `None` while nothing was refused.
    in_flight_cap: Option<f64>,
    /// The window in which the cap was last lowered: it is lowered once a window, however many refusals
    /// that window brings.
    lowered_in: Option<SystemTime>,
    /// The window in which the cap was last raised: once a window too.
    raised_in: Option<SystemTime>,
}

impl Window {
    /// Additive increase, multiplicative decrease of the requests let in flight at once: a refusal (an
    /// answer `429` that pacing did not foresee, so other processes spend the same budget) halves the cap,
    /// once per window; an accepted answer in a window where the cap has not changed yet raises it by one,
    /// until it is out of the way again. The feedback comes once a window (every process's burst meets the
    /// others' when the window opens), so the cap moves once a window.
    fn adapt_in_flight_cap(&mut self, refused: bool, window: Option<SystemTime>) {
        if refused {
            if self.lowered_in.is_some() && self.lowered_in == window {
                return;
            }
            let in_flight = (self.in_flight as f64).max(1.0);
            let cap = self.in_flight_cap.map_or(in_flight, |cap| cap.min(in_flight));
            self.in_flight_cap = Some((cap / 2.0).max(1.0));
            self.lowered_in = window;
        } else if let Some(cap) = self.in_flight_cap {
            if window.is_none() || window == self.lowered_in || window == self.raised_in {
                return;
            }
            let raised = cap + 1.0;
            self.in_flight_cap = (raised < UNCAPPED).then_some(raised);
            self.raised_in = window;
        }
    }

    /// Requests that may still start in the current window. Every answered request is in the least
    /// `remaining` (its own answer, or a later one, reported it), so only those in flight are unknown,
    /// and they are all taken off: safe, and exact once they are answered.
    fn available(&self) -> u64 {
        match self.least_remaining {
            Some(remaining) => remaining.saturating_sub(self.in_flight),
            None => self.limit.unwrap_or(u64::MAX).saturating_sub(self.started),
        }
    }
}

/// The end of the first window after `now`, when windows of `length` follow one another from `end` (a
/// window that ended long ago, or a clock that jumped, gives the window that starts now).
fn next_window_end(end: SystemTime, length: Duration, now: SystemTime) -> SystemTime {
    let passed = now.duration_since(end).unwrap_or_default().as_nanos();
    let windows = u32::try_from(passed / length.as_nanos()).ok().and_then(|n| n.checked_add(1));
    windows
        .and_then(|n| length.checked_mul(n))
        .and_then(|ahead| end.checked_add(ahead))
        .or_else(|| now.checked_add(length))
        .unwrap_or(now)
}

/// The end of the clock-aligned window of `length` that holds `now` (windows of 10 s end at :00, :10, ...);
/// `None` where the arithmetic leaves what a clock holds.
fn aligned_window_end(now: SystemTime, length: Duration) -> Option<SystemTime> {
    let since_epoch = now.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    let length = length.as_nanos().max(1_000_000);
    let end = (since_epoch / length).checked_add(1)?.checked_mul(length)?;
    UNIX_EPOCH.checked_add(Duration::from_nanos(u64::try_from(end).ok()?))
}

/// An in-flight cap raised this far is out of the way (more than a bulk run sends at once): dropped.
const UNCAPPED: f64 = 64.0;

/// How often requests waiting for an answer in flight (the first one, or one that may free budget) look
/// again.
const ANSWER_POLL: Duration = Duration::from_millis(5);

/// The pacing state shared by the clones of one configuration.
#[derive(Debug)]
pub(crate) struct Pacer {
    settings: RateLimiting,
    window: Mutex<Window>,
    /// Whether a reset was already ignored (and said so): the warning is given once per pacer.
    warned: AtomicBool,
}

/// The right to send one request; give it the answer's rate limit with [`Permit::answered`]. Dropped (after
/// its answer, or without one for a cancelled call), it frees its place in flight.
#[derive(Debug)]
pub(crate) struct Permit {
    pacer: Arc<Pacer>,
    window: Option<(SystemTime, u64)>,
}

impl Pacer {
    pub(crate) fn new(settings: RateLimiting) -> Self {
        let window = Window { limit: settings.limit, length: settings.window, ..Window::default() };
        Self { settings, window: Mutex::new(window), warned: AtomicBool::new(false) }
    }

    pub(crate) fn settings(&self) -> RateLimiting {
        self.settings
    }

    fn lock(&self) -> MutexGuard<'_, Window> {
        self.window.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A permit to send now, or how long to wait before asking again (never longer than
    /// [`RateLimiting::max_wait`]).
    pub(crate) fn reserve(self: &Arc<Self>, now: SystemTime) -> Result<Permit, Duration> {
        let mut w = self.lock();
        let margin = self.settings.margin;
        if let Some(end) = w.end {
            if end.checked_add(margin).is_none_or(|open| now >= open) {
                // The next window, assumed full (with the last limit reported) until its first answer.
                let length = w.length.max(Duration::from_millis(1));
                w.end = w.limit.map(|_| next_window_end(end, length, now));
                w.least_remaining = None;
                w.started = 0;
            }
        } else if self.settings.limit.is_some() && w.last_reported_end.is_none() {
            // Windows are aligned to the clock (as Intercom's and the mock's are), so that the processes of a
            // fleet assume the same window before any answer has said where it ends.
            w.end = aligned_window_end(now, w.length).or_else(|| now.checked_add(w.length));
        }
        if w.in_flight_cap.is_some_and(|cap| w.in_flight as f64 >= cap.floor()) {
            // Others spend this budget too (answers were refused): fewer at once until answers come back.
            return Err(ANSWER_POLL);
        }
        if !w.heard && w.in_flight > 0 && self.settings.limit.is_none() {
            // Nothing known of the budget yet: a burst could be past it before the first answer says so.
            return Err(ANSWER_POLL);
        }
        if let Some(end) = w.end {
            if w.available() == 0 {
                let open = end.checked_add(margin).unwrap_or(end);
                let until_next_window = open.duration_since(now).unwrap_or_default().min(self.settings.max_wait);
                // With requests in flight the count may be understated (one counted by the server and still
                // in flight is taken off twice until its answer comes): look again soon.
                let understated = w.least_remaining.is_some() && w.in_flight > 0;
                return Err(if understated { until_next_window.min(ANSWER_POLL) } else { until_next_window });
            }
        }
        w.started += 1;
        w.in_flight += 1;
        // Where the window is, once an answer has said it: what a shared budget keys its slots by.
        let known = w.last_reported_end.is_some() || self.settings.limit.is_some();
        let window = match (w.end, w.limit) {
            (Some(end), Some(limit)) if known => Some((end, limit)),
            _ => None,
        };
        Ok(Permit { pacer: Arc::clone(self), window })
    }

    fn answered(&self, rate_limit: Option<RateLimit>, refused: bool, now: SystemTime) {
        let mut w = self.lock();
        w.heard = true;
        // The window the answer belongs to: its reset, else the one the pacer knows, else the clock's.
        let window = rate_limit.and_then(|r| r.resets_at()).or(w.end).or_else(|| aligned_window_end(now, w.length));
        w.adapt_in_flight_cap(refused, window);
        let Some(reported) = rate_limit else { return };
        if let Some(limit) = reported.limit {
            w.limit = Some(limit);
        }
        let (Some(remaining), Some(reset)) = (reported.remaining, reported.resets_at()) else { return };
        if reset <= now {
            // A reset in the past says nothing about the window ahead.
            return;
        }
        if now.checked_add(self.settings.max_wait).is_some_and(|furthest| reset > furthest) {
            drop(w);
            self.ignore_reset(&reported, now);
            return;
        }
        match w.last_reported_end {
            Some(last) if reset < last => return, // an answer from an earlier window, overtaken
            Some(last) if reset == last => {
                if w.end == Some(reset) {
                    w.least_remaining = Some(w.least_remaining.map_or(remaining, |least| least.min(remaining)));
                }
                return;
            }
            Some(last) => {
                let length = reset.duration_since(last).unwrap_or_default();
                w.length = if w.learned_length { w.length.min(length) } else { length };
                w.learned_length = true;
            }
            None => {}
        }
        // The first answer of a window newer than any reported: it wins over what was assumed.
        w.end = Some(reset);
        w.least_remaining = Some(remaining);
        w.last_reported_end = Some(reset);
    }
}

impl Pacer {
    /// Says, once per pacer, that an answer's reset was too far ahead to believe.
    fn ignore_reset(&self, reported: &RateLimit, now: SystemTime) {
        if !self.warned.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                reset = reported.reset,
                ahead = ?reported.reset_in(now),
                max_wait = ?self.settings.max_wait,
                "intercom answered an X-RateLimit-Reset further ahead than pacing waits: not believed (pacing goes \
                 on with what it knew; this is said once)"
            );
        }
    }

    /// A permit to send now, or (logged) how long to wait before asking again: what each driver's
    /// `permit` loop calls. With a shared budget, the fleet's window must have room too.
    pub(crate) fn try_permit(self: &Arc<Self>, shared: Option<&SharedWindows>) -> Result<Permit, Duration> {
        let now = SystemTime::now();
        let permit = self.reserve(now).inspect_err(|wait| {
            tracing::debug!(?wait, "intercom rate-limit window spent: waiting for its reset");
        })?;
        let (margin, max_wait) = (self.settings.margin, self.settings.max_wait);
        match shared.and_then(|shared| shared.admit(permit.window(), now, margin, max_wait)) {
            None => Ok(permit),
            Some(wait) => {
                tracing::debug!(?wait, "intercom rate-limit window spent by the fleet: waiting for its reset");
                Err(wait)
            }
        }
    }
}

impl Permit {
    /// The window this permit was granted in (its end) and that window's budget, once answers have said
    /// where windows are.
    pub(crate) fn window(&self) -> Option<(SystemTime, u64)> {
        self.window
    }

    /// Records what the answer to this request said of the rate limit (`None` for no answer, or none
    /// reported), and whether it was refused (`429`).
    pub(crate) fn answered(self, rate_limit: Option<RateLimit>, refused: bool, now: SystemTime) {
        self.pacer.answered(rate_limit, refused, now);
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut w = self.pacer.lock();
        w.in_flight = w.in_flight.saturating_sub(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: u64 = 1_800_000_000;

    fn at(millis: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(T0) + Duration::from_millis(millis)
    }

    fn limit(limit: u64, remaining: u64, reset_secs_after_t0: u64) -> Option<RateLimit> {
        Some(RateLimit { limit: Some(limit), remaining: Some(remaining), reset: Some(T0 + reset_secs_after_t0) })
    }

    fn pacer(settings: RateLimiting) -> Arc<Pacer> {
        Arc::new(Pacer::new(settings))
    }

    /// Up to `most` permits at `now`, kept (a permit dropped unanswered frees its place).
    fn take(p: &Arc<Pacer>, now: SystemTime, most: usize) -> Vec<Permit> {
        std::iter::from_fn(|| p.reserve(now).ok()).take(most).collect()
    }

    #[test]
    fn the_first_request_goes_alone_then_never_past_what_remains() {
        let p = pacer(RateLimiting::from_headers());
        let first = p.reserve(at(0)).unwrap();
        assert_eq!(p.reserve(at(0)).unwrap_err(), ANSWER_POLL, "the first answer is awaited");
        first.answered(limit(5, 4, 2), false, at(10));
        // 4 remain in the window ending at T0+2.
        let held = take(&p, at(20), 10);
        assert_eq!(held.len(), 4);
        assert_eq!(p.reserve(at(30)).unwrap_err(), ANSWER_POLL, "an answer in flight may free some");
        for (permit, remaining) in held.into_iter().zip([3, 2, 1, 0]) {
            permit.answered(limit(5, remaining, 2), false, at(40));
        }
        assert_eq!(p.reserve(at(50)).unwrap_err(), Duration::from_millis(2000), "all answered: to the reset");
        // At the reset (and the margin), the next window is assumed full: 5, the reported limit, for the
        // configured length (10 s) until an answer says when it ends.
        let mut next = take(&p, at(2050), 10);
        assert_eq!(next.len(), 5);
        assert_eq!(p.reserve(at(2050)).unwrap_err(), Duration::from_millis(12_000 - 2050 + 50));
        next.pop().unwrap().answered(limit(5, 4, 4), false, at(2060));
        for permit in next {
            permit.answered(limit(5, 0, 4), false, at(2070));
        }
        assert_eq!(p.reserve(at(2080)).unwrap_err(), Duration::from_millis(4000 + 50 - 2080), "reported: T0+4");
        // Two reported resets, 2 s apart: the window after T0+4 is assumed to end at T0+6.
        assert_eq!(take(&p, at(4050), 10).len(), 5);
        assert_eq!(p.reserve(at(4050)).unwrap_err(), Duration::from_millis(6000 + 50 - 4050));
    }

    #[test]
    fn thirty_two_waiters_at_the_reset_spend_only_the_window_budget() {
        let p = pacer(RateLimiting::from_headers());
        p.reserve(at(0)).unwrap().answered(limit(10, 0, 1), false, at(5));
        let waits: Vec<_> = (0..32).map(|_| p.reserve(at(6)).unwrap_err()).collect();
        assert!(waits.iter().all(|w| *w == Duration::from_millis(1000 + 50 - 6)));
        let woken: Vec<_> = (0..32).map(|_| p.reserve(at(1050))).collect();
        assert_eq!(woken.iter().filter(|r| r.is_ok()).count(), 10, "the limit, not 32");
    }

    #[test]
    fn a_reset_in_the_past_and_missing_or_partial_headers_change_nothing() {
        let p = pacer(RateLimiting::from_headers());
        p.reserve(at(0)).unwrap().answered(limit(10, 0, 0), false, at(500));
        assert!(p.reserve(at(600)).is_ok(), "a reset at T0 is in the past at T0+0.5 s");
        p.reserve(at(600)).unwrap().answered(None, false, at(700));
        let partial = RateLimit { remaining: Some(0), ..RateLimit::default() };
        p.reserve(at(700)).unwrap().answered(Some(partial), false, at(800));
        assert!(p.reserve(at(800)).is_ok(), "remaining without a reset is not enough to stop");
    }

    #[test]
    fn a_limit_that_changes_mid_run_is_followed() {
        let p = pacer(RateLimiting::from_headers());
        p.reserve(at(0)).unwrap().answered(limit(10, 9, 1), false, at(1));
        p.reserve(at(1)).unwrap().answered(limit(4, 0, 1), false, at(2));
        assert!(p.reserve(at(3)).is_err(), "the lower remaining wins within a window");
        let next: Vec<_> = (0..5).map(|_| p.reserve(at(1100))).collect();
        assert_eq!(next.iter().filter(|r| r.is_ok()).count(), 4, "the new limit for the next window");
    }

    #[test]
    fn requests_in_flight_are_taken_off_until_answered_so_an_overtaken_answer_costs_nothing() {
        let p = pacer(RateLimiting::from_headers());
        p.reserve(at(0)).unwrap().answered(limit(100, 99, 1), false, at(1));
        let mut ten: Vec<_> = (0..10).map(|_| p.reserve(at(2)).unwrap()).collect();
        assert_eq!(p.lock().available(), 89, "99 remain, 10 in flight");
        // The server saw all ten; the last one's answer comes first: 89 remain, nine still in flight.
        ten.pop().unwrap().answered(limit(100, 89, 1), false, at(3));
        assert_eq!(p.lock().available(), 80, "the nine may not be counted yet: taken off");
        // Their answers come, older (higher) counts change nothing, and nothing is lost for good.
        for permit in ten {
            permit.answered(limit(100, 95, 1), false, at(4));
        }
        assert_eq!(p.lock().available(), 89);
        assert_eq!(take(&p, at(5), 100).len(), 89);
    }

    #[test]
    fn a_configured_limit_paces_before_the_first_answer() {
        let p = pacer(RateLimiting::from_headers().with_limit(3, Duration::from_secs(1)));
        let sent: Vec<_> = (0..4).map(|_| p.reserve(at(0))).collect();
        assert_eq!(sent.iter().filter(|r| r.is_ok()).count(), 3);
        assert_eq!(sent[3].as_ref().unwrap_err(), &Duration::from_millis(1050));
    }

    #[test]
    fn a_cancelled_request_frees_its_place_in_flight() {
        let p = pacer(RateLimiting::from_headers());
        let cancelled = p.reserve(at(0)).unwrap();
        drop(cancelled);
        assert!(p.reserve(at(0)).is_ok(), "the cancelled first request no longer holds the others back");
        p.reserve(at(0)).unwrap().answered(None, false, at(1));
        p.reserve(at(0)).unwrap().answered(limit(10, 5, 1), false, at(1));
        assert_eq!(take(&p, at(2), 10).len(), 5, "no phantom request in flight is taken off what remains");
    }

    #[test]
    fn a_reset_further_ahead_than_the_longest_wait_is_not_believed() {
        let p = pacer(RateLimiting::from_headers());
        // A gateway's milliseconds, with nothing remaining: pacing would wait 57,000 years.
        let millis = RateLimit { limit: Some(100), remaining: Some(0), reset: Some((T0 + 2) * 1000) };
        p.reserve(at(0)).unwrap().answered(Some(millis), false, at(10));
        assert!(p.reserve(at(20)).is_ok(), "not believed: requests go on");
        let max = RateLimit { limit: Some(100), remaining: Some(0), reset: Some(u64::MAX) };
        p.reserve(at(30)).unwrap().answered(Some(max), false, at(40));
        let hour = RateLimit { limit: Some(100), remaining: Some(0), reset: Some(T0 + 3600) };
        p.reserve(at(50)).unwrap().answered(Some(hour), false, at(60));
        assert!(p.reserve(at(70)).is_ok(), "an hour ahead is past the one-minute bound");
        // What was known before goes on: a believable window is still paced.
        p.reserve(at(80)).unwrap().answered(limit(100, 0, 2), false, at(90));
        assert_eq!(p.reserve(at(100)).unwrap_err(), Duration::from_millis(2000 + 50 - 100));
        // A longer bound believes the hour, and still waits no longer than the bound.
        let patient = pacer(RateLimiting::from_headers().with_max_wait(Duration::from_secs(7200)));
        patient.reserve(at(0)).unwrap().answered(Some(hour), false, at(10));
        assert_eq!(patient.reserve(at(20)).unwrap_err(), Duration::from_millis(3_600_000 + 50 - 20));
    }

    /// Arbitrary rate-limit reports at arbitrary times: never a panic, never a wait past the bound.
    #[test]
    fn no_report_makes_a_wait_longer_than_the_bound() {
        let mut rng: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        for settings in
            [RateLimiting::from_headers(), RateLimiting::from_headers().with_limit(3, Duration::from_secs(2))]
        {
            let p = pacer(settings);
            let mut now = at(0);
            for _ in 0..2_000 {
                now += Duration::from_millis(next() % 3_000);
                let reset = match next() % 6 {
                    0 => u64::MAX,
                    1 => (T0 + next() % 100) * 1000,
                    2 => T0 + next() % 100,
                    3 => next(),
                    4 => 0,
                    _ => T0 + 100_000 + next() % 10,
                };
                let report = RateLimit { limit: Some(next() % 200), remaining: Some(next() % 5), reset: Some(reset) };
                match p.reserve(now) {
                    Ok(permit) => permit.answered(Some(report), false, now),
                    Err(wait) => assert!(wait <= settings.max_wait(), "{wait:?} after {report:?}"),
                }
            }
        }
    }

    #[test]
    fn refusals_halve_what_goes_at_once_once_a_window_and_accepted_answers_raise_it_again() {
        let p = pacer(RateLimiting::from_headers());
        p.reserve(at(0)).unwrap().answered(limit(1000, 900, 2), false, at(1));
        let mut held = take(&p, at(2), 16);
        assert_eq!(held.len(), 16, "900 remain: pacing lets 16 go");
        // Refused although 900 remained: others spend the budget. Sixteen were in flight: eight may be.
        held.pop().unwrap().answered(None, true, at(3));
        held.pop().unwrap().answered(None, true, at(4));
        assert_eq!(p.lock().in_flight_cap, Some(8.0), "halved once in the window, not twice");
        assert_eq!(p.reserve(at(5)).unwrap_err(), ANSWER_POLL, "14 in flight, 8 allowed");
        for permit in held.drain(..6) {
            permit.answered(limit(1000, 800, 2), false, at(6));
        }
        assert_eq!(p.lock().in_flight_cap, Some(8.0), "not raised in the window that lowered it");
        assert_eq!(p.lock().in_flight, 8);
        assert!(p.reserve(at(7)).is_err(), "8 in flight: the cap");
        // The next window's first accepted answer raises the cap by one: one more may go.
        held.pop().unwrap().answered(limit(1000, 990, 4), false, at(2100));
        held.pop().unwrap().answered(limit(1000, 980, 4), false, at(2110));
        assert_eq!(p.lock().in_flight_cap, Some(9.0), "raised once in the window");
        assert!(p.reserve(at(2120)).is_ok());
        // A refusal in a later window halves again.
        held.pop().unwrap().answered(limit(1000, 0, 6), true, at(4100));
        assert_eq!(p.lock().in_flight_cap, Some(3.0), "half of the six in flight, fewer than the cap");
        // Accepted answers, window after window, raise the cap back out of the way.
        let mut w = p.lock();
        for window in 0..100 {
            w.adapt_in_flight_cap(false, Some(at(10_000 + window * 2000)));
        }
        assert_eq!(w.in_flight_cap, None);
    }

    #[test]
    fn a_configured_window_is_aligned_to_the_clock_so_a_fleet_agrees_on_it() {
        let p = pacer(RateLimiting::from_headers().with_limit(3, Duration::from_secs(10)));
        let permits: Vec<_> = (0..3).map(|_| p.reserve(at(3500)).unwrap()).collect();
        assert_eq!(permits[0].window(), Some((at(10_000), 3)), "the window of :00 to :10, whoever asks");
        assert_eq!(p.reserve(at(3500)).unwrap_err(), Duration::from_millis(10_000 + 50 - 3500));
    }

    #[test]
    fn answers_without_headers_still_move_the_cap_once_a_window_of_the_clock() {
        let p = pacer(RateLimiting::from_headers());
        let mut held = take(&p, at(0), 1);
        held.pop().unwrap().answered(None, false, at(1));
        let mut held = take(&p, at(2), 8);
        held.pop().unwrap().answered(None, true, at(3));
        held.pop().unwrap().answered(None, true, at(4));
        assert_eq!(p.lock().in_flight_cap, Some(4.0), "bare 429s: halved once in the clock's window");
        held.pop().unwrap().answered(None, false, at(10_500));
        assert_eq!(p.lock().in_flight_cap, Some(5.0), "raised in the next one");
    }
}
