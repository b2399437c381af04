//! Exports: every record of a search, read through many cursors at once and handed out exactly once.
//!
//! A cursor asks for page n+1 only once page n has arrived, so one listing goes as fast as the round trip
//! allows, not as fast as Intercom would serve it. An export splits the records by creation time into
//! partitions, `[from, until)` in whole seconds, each read by a search cursor of its own, several at once
//! under the client's pacer. The ranges never overlap and leave no gap, and a record's `created_at` never
//! changes, so each record belongs to exactly one partition: no repeat at a boundary, whatever the
//! splitting did. A partition whose first page announces many pages (`total_count`) is cut into smaller
//! ones and that page dropped (one request per split; no record is handed out from it, so none can come
//! twice); a partition one second wide is read through, whatever its size.
//!
//! [`ExportRun`] is the pure state machine; the blocking client drives it as an [`Iterator`]
//! (`client.export(..)`). Its [`ExportCheckpoint`] says which ranges are done and where each cursor stands,
//! counting exactly the records handed out so far: saved with them, it resumes a killed export without
//! repeating or losing a record.

mod exportable;
mod partition;

use std::marker::PhantomData;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use exportable::Exportable;
use partition::{split, Partition, Stage};

use crate::protocol::error::{Error, PagingError, RequestLabel};
use crate::search::{Field, Number, Order, Search};

/// How far before an export's start [`ExportCheckpoint::next_updated_since`] goes back: Intercom's search
/// index takes a moment to see a change, so the next incremental run reads this much again.
pub const INCREMENTAL_OVERLAP: Duration = Duration::from_secs(300);

/// A partition whose first page announces more than this many pages is split.
const SPLIT_ABOVE_PAGES: u64 = 32;
/// The pages each new partition is meant to hold.
const PAGES_PER_PARTITION: u64 = 16;
/// The most partitions one split makes.
const MOST_PIECES: u64 = 32;

const CREATED_AT: Field<Number> = Field::new("created_at");
const UPDATED_AT: Field<Number> = Field::new("updated_at");

/// What to export: a resource, optionally narrowed, and how to read it. Start with [`Export::contacts`],
/// [`Export::conversations`] or [`Export::tickets`]; hand it to a client's `export`.
///
/// ```
/// use intercom_ureq::search::contact;
/// use intercom_ureq::Export;
///
/// let nightly = Export::contacts()
///     .updated_since(1_733_000_000)
///     .filter(contact::ROLE.eq("user"))
///     .concurrency(8);
/// # let _ = nightly;
/// ```
///
/// Companies have no search, so no export: their listing stops at 10,000 and their scroll reads one page
/// at a time (`ScrollOverAllCompanies`).
#[derive(Debug, Clone)]
pub struct Export<E> {
    filter: Option<Search>,
    updated_since: Option<i64>,
    created_from: i64,
    created_before: Option<i64>,
    per_page: i64,
    concurrency: usize,
    resume: Option<ExportCheckpoint>,
    endpoint: PhantomData<fn() -> E>,
}

impl<E: Exportable> Default for Export<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: Exportable> Export<E> {
    /// Every record of `E`'s search: 150 a page, 8 partitions read at once.
    pub fn new() -> Self {
        Self {
            filter: None,
            updated_since: None,
            created_from: 0,
            created_before: None,
            per_page: crate::search::MAX_PER_PAGE,
            concurrency: 8,
            resume: None,
            endpoint: PhantomData,
        }
    }

    /// Only the records `search` matches (its sort and page size are the export's own). It is combined
    /// with the export's time ranges in one group, so it may nest one group deep at most.
    pub fn filter(mut self, search: Search) -> Self {
        self.filter = Some(search);
        self
    }

    /// Only records updated at or after `unix_seconds`: an incremental run. The last run's
    /// [`ExportCheckpoint::next_updated_since`] says where the next one starts.
    pub fn updated_since(mut self, unix_seconds: i64) -> Self {
        self.updated_since = Some(unix_seconds);
        self
    }

    /// Only records created at or after `unix_seconds`.
    pub fn created_from(mut self, unix_seconds: i64) -> Self {
        self.created_from = unix_seconds;
        self
    }

    /// Only records created before `unix_seconds` (by default, the second after the export starts).
    pub fn created_before(mut self, unix_seconds: i64) -> Self {
        self.created_before = Some(unix_seconds);
        self
    }

    /// Records a page: 1 to 150 (the default), checked when the export starts.
    pub fn per_page(mut self, per_page: i64) -> Self {
        self.per_page = per_page;
        self
    }

    /// How many partitions are read at once (at least 1; 8 by default). The client's pacer still keeps
    /// every request within the rate limit.
    pub fn concurrency(mut self, partitions: usize) -> Self {
        self.concurrency = partitions.max(1);
        self
    }

    /// Goes on from `checkpoint` (of an export of the same resource, filter and `updated_since`): done
    /// ranges are not read again, the others continue from their cursors.
    pub fn resume(mut self, checkpoint: ExportCheckpoint) -> Self {
        self.resume = Some(checkpoint);
        self
    }

    /// The state machine of this export, started at `now`. An invalid page size, a filter Intercom would
    /// refuse, or a checkpoint of another export is an [`Error::InvalidRequest`].
    pub fn start(self, now: SystemTime) -> Result<ExportRun<E>, Error> {
        if !(1..=crate::search::MAX_PER_PAGE).contains(&self.per_page) {
            return Err(Error::invalid_request(format!(
                "an export page of {} records; Intercom allows 1 to {}",
                self.per_page,
                crate::search::MAX_PER_PAGE
            )));
        }
        let filter = match &self.filter {
            Some(search) => Some(serde_json::to_value(&search.clone().build()?.query).unwrap_or(Value::Null)),
            None => None,
        };
        let now_seconds = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        let fresh = || ExportCheckpoint {
            resource: E::RESOURCE.to_owned(),
            filter: filter.clone(),
            updated_since: self.updated_since,
            started_at: now_seconds,
            records: 0,
            partitions: vec![Partition::new(self.created_from, self.created_before.unwrap_or(now_seconds + 1), None)],
        };
        let checkpoint = match self.resume.clone() {
            None => fresh(),
            Some(checkpoint) => {
                if checkpoint.resource != E::RESOURCE
                    || checkpoint.filter != filter
                    || checkpoint.updated_since != self.updated_since
                {
                    return Err(Error::invalid_request(format!(
                        "the checkpoint is of another export ({} with its own filter and updated_since); resume \
                         it with the export it was taken from",
                        checkpoint.resource
                    )));
                }
                checkpoint
            }
        };
        Ok(ExportRun {
            per_page: self.per_page as u64,
            concurrency: self.concurrency,
            filter: self.filter,
            filter_json: filter,
            updated_since: self.updated_since,
            started_at: checkpoint.started_at,
            records: checkpoint.records,
            records_before: checkpoint.records,
            clock: Instant::now(),
            partitions: checkpoint.partitions,
            in_flight: 0,
            endpoint: PhantomData,
        })
    }
}

/// The records of one page of an export, with the creation-time range of the partition they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportPage<T> {
    /// The records, each handed out once across the export.
    pub items: Vec<T>,
    /// The first creation time (Unix seconds) of the partition this page came from.
    pub from: i64,
    /// The first creation time past that partition.
    pub until: i64,
}

/// A partition that could not be read (after the client's retries): the others go on, and a checkpoint
/// keeps this one to be read again when the export is resumed.
#[derive(Debug)]
pub struct ExportError {
    /// The first creation time (Unix seconds) of the partition.
    pub from: i64,
    /// The first creation time past the partition.
    pub until: i64,
    /// Records of the partition handed out before it failed (they are not handed out again).
    pub records: u64,
    /// What went wrong.
    pub error: Error,
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the export's partition of records created in [{}, {}) failed after {} records: {}",
            self.from, self.until, self.records, self.error
        )
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// How far an export has come, for a progress bar.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportProgress {
    /// Records handed out so far (across resumes).
    pub records: u64,
    /// How many records the export will hand out, from the searches' `total_count`s (`None` before the
    /// first answer).
    pub estimated_total: Option<u64>,
    /// Partitions whose records were all handed out.
    pub partitions_done: usize,
    /// Partitions so far (splitting adds some).
    pub partitions: usize,
    /// Time since this run started.
    pub elapsed: Duration,
    /// The time left at this run's pace so far (`None` until there is a pace and an estimate).
    pub estimated_remaining: Option<Duration>,
}

/// Where an export stands: small, serializable (serde), and exact. It counts the records handed out so
/// far and no others, so a caller that saves it with the records it stored resumes without a repeat or a
/// gap ([`Export::resume`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportCheckpoint {
    resource: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    filter: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    updated_since: Option<i64>,
    started_at: i64,
    records: u64,
    partitions: Vec<Partition>,
}

impl ExportCheckpoint {
    /// Records handed out up to this checkpoint.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Whether every partition was read to its end.
    pub fn is_complete(&self) -> bool {
        self.partitions.iter().all(|p| p.stage == Stage::Done)
    }

    /// When the export started (Unix seconds); it covers the records created before then.
    pub fn started_at(&self) -> i64 {
        self.started_at
    }

    /// Where the next incremental run starts ([`Export::updated_since`]): the start of this one, less
    /// [`INCREMENTAL_OVERLAP`]. Records changed or created while this export ran come again in the next
    /// run, some of them twice across the two runs (keep the one with the latest `updated_at`).
    pub fn next_updated_since(&self) -> i64 {
        self.started_at - INCREMENTAL_OVERLAP.as_secs() as i64
    }

    /// How many ranges it keeps (done neighbours are merged).
    pub fn partitions(&self) -> usize {
        self.partitions.len()
    }
}

/// The pure state machine of an export: which partition to ask for next, and what each answer means.
///
/// A driver asks [`next_request`](Self::next_request) for requests until it says `None` (the concurrency is
/// reached or nothing waits), sends them, and hands each answer to [`on_answer`](Self::on_answer) (or the
/// error to [`on_error`](Self::on_error)) when it hands the page out; [`is_finished`](Self::is_finished)
/// says when nothing is left.
#[derive(Debug)]
pub struct ExportRun<E> {
    per_page: u64,
    concurrency: usize,
    filter: Option<Search>,
    /// The filter as a checkpoint records it, built once.
    filter_json: Option<Value>,
    updated_since: Option<i64>,
    started_at: i64,
    records: u64,
    records_before: u64,
    clock: Instant,
    partitions: Vec<Partition>,
    in_flight: usize,
    endpoint: PhantomData<fn() -> E>,
}

impl<E: Exportable> ExportRun<E> {
    /// The next request to send, with the number the answer must be handed back with; `None` when
    /// [`concurrency`](Export::concurrency) requests are out or no partition waits.
    pub fn next_request(&mut self) -> Option<(usize, Result<E, Error>)> {
        if self.in_flight >= self.concurrency {
            return None;
        }
        let id = self.partitions.iter().position(|p| p.stage == Stage::Waiting)?;
        let partition = &mut self.partitions[id];
        partition.stage = Stage::InFlight;
        self.in_flight += 1;
        let mut filters = vec![CREATED_AT.ge(partition.from), CREATED_AT.lt(partition.until)];
        filters.extend(self.updated_since.map(|since| UPDATED_AT.ge(since)));
        filters.extend(self.filter.clone());
        let search = Search::all(filters).sort(CREATED_AT, Order::Ascending).per_page(self.per_page as i64);
        let request = E::search(search).map(|request| match &partition.cursor {
            Some(cursor) => request.with_body_cursor(cursor),
            None => request,
        });
        Some((id, request))
    }

    /// Reads the answer for partition `id`: the records to hand out now. A partition whose cursor comes
    /// back unchanged fails with a [`PagingError`] (following it would never end).
    pub fn on_answer(&mut self, id: usize, output: E::Output) -> Result<ExportPage<E::Item>, ExportError> {
        self.in_flight = self.in_flight.saturating_sub(1);
        let parts = E::split(output);
        let total = parts.total_count.and_then(|n| u64::try_from(n).ok());
        let next = parts.info.next_cursor.filter(|c| !c.is_empty());
        let per_page = self.per_page;
        let partition = &mut self.partitions[id];
        let first = partition.cursor.is_none() && partition.records == 0;
        if first {
            partition.expected = total.or(partition.expected);
        }
        let big = total.is_some_and(|t| t > per_page * SPLIT_ABOVE_PAGES);
        if first && big && next.is_some() && partition.width() > 1 {
            return Ok(self.split_whole(id, total.unwrap_or_default()));
        }
        let (from, until) = (partition.from, partition.until);
        match next {
            Some(cursor) if partition.cursor.as_deref() == Some(cursor.as_str()) => {
                partition.stage = Stage::Failed;
                let reason = format!("the answer pointed again at the cursor `{cursor}`, already followed");
                let records = partition.records;
                let request =
                    RequestLabel { method: http::Method::POST, path: format!("/{}/search", E::RESOURCE).into() };
                let error = PagingError { request, reason, items: records as usize, pages: 0 };
                return Err(ExportError { from, until, records, error: Error::Paging(Box::new(error)) });
            }
            Some(cursor) => {
                partition.cursor = Some(cursor);
                partition.stage = Stage::Waiting;
            }
            None => partition.stage = Stage::Done,
        }
        partition.records += parts.items.len() as u64;
        self.records += parts.items.len() as u64;
        Ok(ExportPage { items: parts.items, from, until })
    }

    /// The first page of a partition too large for one cursor: its range is cut into new partitions (this
    /// one keeps the first piece) and the page is dropped, since whether its records come first in the range
    /// depends on the sort being kept, which a client cannot check.
    fn split_whole(&mut self, id: usize, total: u64) -> ExportPage<E::Item> {
        let partition = &self.partitions[id];
        let (from, until) = (partition.from, partition.until);
        let pieces = total.div_ceil(self.per_page * PAGES_PER_PARTITION).clamp(2, MOST_PIECES);
        let mut pieces = split(from, until, pieces, total).into_iter();
        if let Some(first) = pieces.next() {
            self.partitions[id] = first;
        }
        self.partitions.extend(pieces);
        ExportPage { items: Vec::new(), from, until }
    }

    /// Reads a failed request for partition `id`: the partition stops (a checkpoint keeps it to be read
    /// again), the others go on.
    pub fn on_error(&mut self, id: usize, error: Error) -> ExportError {
        self.in_flight = self.in_flight.saturating_sub(1);
        let partition = &mut self.partitions[id];
        partition.stage = Stage::Failed;
        ExportError { from: partition.from, until: partition.until, records: partition.records, error }
    }

    /// How many requests may be out at once.
    pub fn concurrency(&self) -> usize {
        self.concurrency
    }

    /// Requests out and not yet handed back.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Whether nothing is left to ask for or wait on.
    pub fn is_finished(&self) -> bool {
        self.in_flight == 0 && !self.partitions.iter().any(|p| p.stage == Stage::Waiting)
    }

    /// Partitions that failed in this run (a resumed export reads them again).
    pub fn failed(&self) -> usize {
        self.partitions.iter().filter(|p| p.stage == Stage::Failed).count()
    }

    /// Where the export stands now: exactly the records handed out so far.
    pub fn checkpoint(&self) -> ExportCheckpoint {
        let mut partitions: Vec<Partition> = self.partitions.clone();
        for partition in &mut partitions {
            if matches!(partition.stage, Stage::InFlight | Stage::Failed) {
                partition.stage = Stage::Waiting;
            }
        }
        partitions.sort_by_key(|p| p.from);
        let mut merged: Vec<Partition> = Vec::with_capacity(partitions.len());
        for partition in partitions {
            match merged.last_mut() {
                Some(last)
                    if last.stage == Stage::Done && partition.stage == Stage::Done && last.until == partition.from =>
                {
                    last.until = partition.until;
                    last.records += partition.records;
                    last.expected = Some(last.records);
                }
                _ => merged.push(partition),
            }
        }
        ExportCheckpoint {
            resource: E::RESOURCE.to_owned(),
            filter: self.filter_json.clone(),
            updated_since: self.updated_since,
            started_at: self.started_at,
            records: self.records,
            partitions: merged,
        }
    }

    /// How far the export has come.
    pub fn progress(&self) -> ExportProgress {
        // Known once a first page has answered (or a checkpoint brought what earlier runs learned).
        let known = self.partitions.iter().any(|p| p.expected.is_some() || p.records > 0 || p.stage == Stage::Done);
        let estimated_total = known.then(|| {
            self.partitions
                .iter()
                .map(|p| if p.stage == Stage::Done { p.records } else { p.records.max(p.expected.unwrap_or(0)) })
                .sum::<u64>()
        });
        let elapsed = self.clock.elapsed();
        let read = self.records - self.records_before;
        let estimated_remaining = estimated_total.filter(|_| read > 0).map(|total| {
            let left = total.saturating_sub(self.records) as f64;
            Duration::from_secs_f64(elapsed.as_secs_f64() * left / read as f64)
        });
        ExportProgress {
            records: self.records,
            estimated_total,
            partitions_done: self.partitions.iter().filter(|p| p.stage == Stage::Done).count(),
            partitions: self.partitions.len(),
            elapsed,
            estimated_remaining,
        }
    }
}

#[cfg(test)]
use crate::endpoints::SearchContacts;

#[cfg(test)]
mod tests;
