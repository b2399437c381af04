use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::*;

/// An in-memory search over records `(id, created_at)`: filters by the partition's range, sorts by
/// creation time (or not, to play a server that ignores the sort), and pages by offset cursors.
struct Server {
    records: Vec<(String, i64)>,
    sorted: bool,
}

impl Server {
    fn new(times: impl IntoIterator<Item = i64>) -> Self {
        let records = times.into_iter().enumerate().map(|(i, t)| (format!("c{i}"), t)).collect();
        Self { records, sorted: true }
    }

    /// The page a search asks for, read from the request's body as Intercom would: its `created_at`
    /// filters, page size and cursor.
    fn answer(&self, request: &SearchContacts) -> intercom_models::ContactList {
        let body = serde_json::to_value(&request.body).unwrap();
        let filters = body["query"]["value"].as_array().unwrap().clone();
        let keeps = |t: i64| {
            filters.iter().filter(|f| f["field"] == "created_at").all(|f| {
                let v = f["value"].as_i64().unwrap();
                match f["operator"].as_str().unwrap() {
                    ">=" => t >= v,
                    ">" => t > v,
                    "<" => t < v,
                    "<=" => t <= v,
                    other => panic!("operator {other}"),
                }
            })
        };
        let mut found: Vec<&(String, i64)> = self.records.iter().filter(|(_, t)| keeps(*t)).collect();
        if self.sorted {
            found.sort_by_key(|(_, t)| *t);
        } else {
            found.reverse();
        }
        let per_page = body["pagination"]["per_page"].as_u64().unwrap() as usize;
        let cursor = body["pagination"]["starting_after"].as_str();
        let offset: usize = cursor.map_or(0, |c| c.trim_start_matches("at-").parse().unwrap());
        let page: Vec<Value> = found
            .iter()
            .skip(offset)
            .take(per_page)
            .map(|(id, t)| json!({"type": "contact", "id": id, "created_at": t}))
            .collect();
        let end = offset + page.len();
        let next = (end < found.len()).then(|| json!({"starting_after": format!("at-{end}")}));
        serde_json::from_value(json!({
            "type": "list", "data": page, "total_count": found.len(),
            "pages": {"type": "pages", "next": next},
        }))
        .unwrap()
    }
}

fn start(export: Export<SearchContacts>) -> ExportRun<SearchContacts> {
    export.start(UNIX_EPOCH + Duration::from_secs(1_000_000)).unwrap()
}

/// A tiny deterministic shuffle: which request in flight is answered next.
fn pick(seed: &mut u64, n: usize) -> usize {
    *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    (*seed >> 33) as usize % n
}

/// Runs `run` against `server`, answering the requests in flight in a shuffled order, and returns the ids
/// handed out; `stop_after` pages ends early.
fn drive(run: &mut ExportRun<SearchContacts>, server: &Server, seed: u64, stop_after: Option<usize>) -> Vec<String> {
    drive_failing(run, server, seed, stop_after, None)
}

/// [`drive`], with the `fail`-th answer (from 0) an error instead.
fn drive_failing(
    run: &mut ExportRun<SearchContacts>,
    server: &Server,
    seed: u64,
    stop_after: Option<usize>,
    fail: Option<usize>,
) -> Vec<String> {
    let mut seed = seed;
    let mut out = Vec::new();
    let mut pending: Vec<(usize, SearchContacts)> = Vec::new();
    let mut pages = 0;
    loop {
        while let Some((id, request)) = run.next_request() {
            pending.push((id, request.unwrap()));
        }
        if pending.is_empty() || stop_after == Some(pages) {
            return out;
        }
        let (id, asked) = pending.swap_remove(pick(&mut seed, pending.len()));
        if fail == Some(pages) {
            let partition = run.partitions[id].clone();
            let error = run.on_error(id, Error::invalid_request("refused"));
            assert_eq!((error.from, error.until, error.records), (partition.from, partition.until, partition.records));
            assert!(error.to_string().contains("failed after"), "{error}");
            pages += 1;
            continue;
        }
        let page = run.on_answer(id, server.answer(&asked)).unwrap();
        pages += 1;
        out.extend(page.items.into_iter().map(|c| c.id));
    }
}

fn assert_each_once(got: &[String], server: &Server) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for id in got {
        *counts.entry(id).or_default() += 1;
    }
    let repeated: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeated.is_empty(), "handed out twice: {repeated:?}");
    let missing: Vec<_> = server.records.iter().filter(|(id, _)| !counts.contains_key(id.as_str())).collect();
    assert!(missing.is_empty(), "never handed out: {} of {}", missing.len(), server.records.len());
    assert_eq!(got.len(), server.records.len());
}

/// Records bunched at a few seconds (20 at each of several timestamps, some at the range's bounds), spread
/// thinly elsewhere, and a burst inside one second.
fn awkward_times() -> Vec<i64> {
    let mut times = Vec::new();
    for t in [0, 1, 500, 501, 999_999, 1_000_000] {
        times.extend(std::iter::repeat_n(t, 20));
    }
    times.extend((0..3_000).map(|i| (i * 331) % 1_000_001));
    times.extend(std::iter::repeat_n(777, 400));
    // One record a second for a while: the boundaries of the splits there all fall on records.
    times.extend(600_000..600_800);
    times
}

#[test]
fn every_record_is_handed_out_once_whatever_the_splits_and_the_order_of_answers() {
    let server = Server::new(awkward_times());
    for seed in 0..5 {
        let mut run = start(Export::contacts().per_page(7).concurrency(1 + seed as usize * 3));
        let got = drive(&mut run, &server, seed, None);
        assert_each_once(&got, &server);
        assert!(run.is_finished());
        assert!(run.partitions.len() > 10, "large partitions were split: {}", run.partitions.len());
        let progress = run.progress();
        assert_eq!((progress.records, progress.estimated_total), (got.len() as u64, Some(got.len() as u64)));
        assert!(run.checkpoint().is_complete());
        assert_eq!(run.checkpoint().partitions(), 1, "done neighbours merge into one range");
    }
}

#[test]
fn a_server_that_ignores_the_sort_still_gets_each_record_once() {
    let mut server = Server::new(awkward_times());
    server.sorted = false;
    let mut run = start(Export::contacts().per_page(9).concurrency(4));
    let got = drive(&mut run, &server, 7, None);
    assert_each_once(&got, &server);
}

#[test]
fn a_checkpoint_taken_after_any_page_resumes_without_repeat_or_gap() {
    let server = Server::new(awkward_times());
    // A new run from the last checkpoint for every page (one request out at a time, so nothing is lost in
    // flight): across all of them, each record once.
    let (mut checkpoint, mut got, mut total_pages) =
        (start(Export::contacts().per_page(50)).checkpoint(), Vec::new(), 0);
    while !checkpoint.is_complete() {
        let mut one = start(Export::contacts().per_page(50).concurrency(1).resume(checkpoint));
        got.extend(drive(&mut one, &server, 3, Some(1)));
        checkpoint = one.checkpoint();
        total_pages += 1;
    }
    assert_each_once(&got, &server);
    assert!(total_pages > 20);
    for stop in [0, 1, 2, 5, total_pages / 2, total_pages - 1] {
        let mut first = start(Export::contacts().per_page(50).concurrency(3));
        let mut got = drive(&mut first, &server, 3, Some(stop));
        // A killed process: what is in flight is lost; the checkpoint goes through JSON.
        let saved = serde_json::to_string(&first.checkpoint()).unwrap();
        assert!(saved.len() < 4_096, "a small checkpoint: {} bytes", saved.len());
        let checkpoint: ExportCheckpoint = serde_json::from_str(&saved).unwrap();
        assert_eq!(checkpoint.records(), got.len() as u64);
        let mut resumed = start(Export::contacts().per_page(50).concurrency(5).resume(checkpoint));
        got.extend(drive(&mut resumed, &server, 11, None));
        assert_each_once(&got, &server);
    }
}

#[test]
fn a_failed_partition_loses_nothing_the_others_read_and_is_read_again_on_resume() {
    let server = Server::new((0..2_000).map(|i| i * 500));
    let mut run = start(Export::contacts().per_page(20).concurrency(4));
    let mut got = drive_failing(&mut run, &server, 1, None, Some(4));
    assert_eq!(run.failed(), 1);
    assert!(run.is_finished());
    assert!(got.len() < server.records.len() && got.len() > 1_000, "the others were read: {}", got.len());
    let checkpoint = run.checkpoint();
    assert!(!checkpoint.is_complete());
    let mut resumed = start(Export::contacts().per_page(20).concurrency(4).resume(checkpoint));
    got.extend(drive(&mut resumed, &server, 3, None));
    assert_each_once(&got, &server);
}

#[test]
fn each_request_asks_for_its_range_in_creation_order_with_the_filters() {
    let mut run = start(
        Export::contacts()
            .updated_since(1_700_000_000)
            .filter(crate::search::contact::ROLE.eq("user"))
            .created_from(100)
            .created_before(200)
            .per_page(3),
    );
    let (id, request) = run.next_request().unwrap();
    assert_eq!(id, 0);
    assert_eq!(
        serde_json::to_value(&request.unwrap().body).unwrap(),
        json!({
            "query": {"operator": "AND", "value": [
                {"field": "created_at", "operator": ">=", "value": 100},
                {"field": "created_at", "operator": "<", "value": 200},
                {"field": "updated_at", "operator": ">=", "value": 1_700_000_000},
                {"field": "role", "operator": "=", "value": "user"},
            ]},
            "pagination": {"per_page": 3},
            "sort": {"field": "created_at", "order": "ascending"},
        })
    );
    assert!(run.next_request().is_none(), "nothing else waits");
}

#[test]
fn a_checkpoint_resumes_only_the_export_it_was_taken_from() {
    let run = start(Export::contacts().updated_since(5));
    let checkpoint = run.checkpoint();
    assert_eq!(checkpoint.next_updated_since(), 1_000_000 - 300);
    for other in [Export::contacts().updated_since(6), Export::contacts()] {
        let refused = other.resume(checkpoint.clone()).start(SystemTime::now()).unwrap_err();
        assert!(refused.to_string().contains("another export"), "{refused}");
    }
    let tickets = Export::tickets().updated_since(5).resume(checkpoint.clone()).start(SystemTime::now());
    assert!(tickets.is_err());
    assert!(Export::contacts().per_page(151).start(SystemTime::now()).is_err());
}
