//! Which request may start and which result may be yielded: the bookkeeping both bulk runners share.

use std::collections::BTreeMap;

use crate::protocol::bulk::Bulk;

/// Bulk bookkeeping over results of type `T`: requests get indexes as they start; results wait here until
/// they may be yielded (at once when unordered; when all before them are yielded otherwise).
#[derive(Debug)]
pub(crate) struct Schedule<T> {
    bulk: Bulk,
    /// The index the next request to start gets.
    started: usize,
    /// How many results were yielded: in input order, also the index of the next one to yield.
    next_to_yield: usize,
    in_flight: usize,
    input_ended: bool,
    finished: BTreeMap<usize, T>,
}

impl<T> Schedule<T> {
    pub(crate) fn new(bulk: Bulk) -> Self {
        Self { bulk, started: 0, next_to_yield: 0, in_flight: 0, input_ended: false, finished: BTreeMap::new() }
    }

    /// Whether another request may start now (if the input has one): no more than `concurrency` requests
    /// are started and not yet yielded, so that is all the memory a run holds.
    pub(crate) fn may_start(&self) -> bool {
        !self.input_ended && self.started < self.next_to_yield + self.bulk.concurrency()
    }

    /// Starts requests from `input` while the schedule allows, handing each to `launch` with its index.
    pub(crate) fn start_from<E>(&mut self, input: &mut dyn Iterator<Item = E>, mut launch: impl FnMut(usize, E)) {
        while self.may_start() {
            match input.next() {
                Some(request) => launch(self.start(), request),
                None => self.end_input(),
            }
        }
    }

    /// Records a started request; returns its index.
    pub(crate) fn start(&mut self) -> usize {
        self.in_flight += 1;
        self.started += 1;
        self.started - 1
    }

    /// The input has no more requests.
    pub(crate) fn end_input(&mut self) {
        self.input_ended = true;
    }

    /// Records the result of the request at `index`.
    pub(crate) fn finish(&mut self, index: usize, result: T) {
        self.in_flight -= 1;
        self.finished.insert(index, result);
    }

    /// The next result that may be yielded, if any.
    pub(crate) fn next_ready(&mut self) -> Option<T> {
        let (&index, _) = self.finished.first_key_value()?;
        if self.bulk.is_in_order() && index != self.next_to_yield {
            return None;
        }
        self.next_to_yield += 1;
        self.finished.remove(&index)
    }

    /// Whether every request has started, finished and been yielded.
    pub(crate) fn is_done(&self) -> bool {
        self.input_ended && self.in_flight == 0 && self.finished.is_empty()
    }

    /// Requests started and not finished.
    pub(crate) fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Requests started and not yet yielded.
    pub(crate) fn pending(&self) -> usize {
        self.in_flight + self.finished.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unordered_yields_as_finished_and_keeps_concurrency_in_flight() {
        let mut s = Schedule::new(Bulk::new(2));
        assert_eq!((s.start(), s.start()), (0, 1));
        assert!(!s.may_start(), "two in flight");
        s.finish(1, "b");
        assert!(!s.may_start(), "a result not yet taken holds its place");
        assert_eq!(s.next_ready(), Some("b"));
        assert!(s.may_start());
        assert_eq!(s.start(), 2);
        s.end_input();
        s.finish(2, "c");
        s.finish(0, "a");
        assert_eq!((s.next_ready(), s.next_ready(), s.next_ready()), (Some("a"), Some("c"), None));
        assert!(s.is_done());
    }

    #[test]
    fn in_order_holds_later_results_and_starts_no_more_than_the_window_past_the_first_unyielded() {
        let mut s = Schedule::new(Bulk::new(2).in_order());
        assert_eq!((s.start(), s.start()), (0, 1));
        s.finish(1, "b");
        assert_eq!(s.next_ready(), None, "0 is not back yet");
        assert!(!s.may_start(), "1 finished, but 0 and 1 fill the window");
        s.finish(0, "a");
        assert_eq!((s.next_ready(), s.next_ready()), (Some("a"), Some("b")));
        assert!(s.may_start());
        assert!(!s.is_done(), "the input has not ended");
        s.end_input();
        assert!(s.is_done());
    }

    #[test]
    fn a_concurrency_of_zero_means_one() {
        let mut s: Schedule<()> = Schedule::new(Bulk::new(0));
        s.start();
        assert!(!s.may_start());
    }
}
