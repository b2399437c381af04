//! Partitioned exports through both clients against the mock: each record once, whatever the splits, a
//! kill at any point, a failing partition; incremental runs read only what changed.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use intercom_core::endpoints::SearchContacts;
use intercom_core::{Config, Export, ExportCheckpoint};
use intercom_mock::{error_answer, MockIntercom};
use serde_json::{json, Value};
use wiremock::{Match, Request};

use crate::support::Transport;

/// What one run of an export gave.
struct Ran {
    ids: Vec<String>,
    checkpoint: ExportCheckpoint,
    failed: usize,
    errors: Vec<String>,
    estimated_total: Option<u64>,
}

/// Runs `export` through `transport`, stopping (as a killed process would) after `stop_after` pages.
async fn run(transport: Transport, config: Config, export: Export<SearchContacts>, stop_after: Option<usize>) -> Ran {
    let take = move |pages: &mut usize| {
        *pages += 1;
        stop_after.is_some_and(|stop| *pages > stop)
    };
    match transport {
        Transport::Ureq => tokio::task::spawn_blocking(move || {
            let client = intercom_ureq::Client::from_config(config);
            let mut export = client.export(export).expect("an export");
            let (mut ids, mut errors, mut pages) = (Vec::new(), Vec::new(), 0);
            while !take(&mut pages) {
                match export.next() {
                    Some(Ok(page)) => ids.extend(page.items.into_iter().map(|c| c.id)),
                    Some(Err(error)) => errors.push(error.to_string()),
                    None => break,
                }
            }
            let estimated_total = export.progress().estimated_total;
            Ran { ids, checkpoint: export.checkpoint(), failed: export.failed(), errors, estimated_total }
        })
        .await
        .expect("the blocking export panicked"),
        Transport::Hyper => {
            let client = intercom_hyper::Client::from_config(config);
            let mut export = client.export(export).expect("an export");
            let (mut ids, mut errors, mut pages) = (Vec::new(), Vec::new(), 0);
            while !take(&mut pages) {
                match export.next().await {
                    Some(Ok(page)) => ids.extend(page.items.into_iter().map(|c| c.id)),
                    Some(Err(error)) => errors.push(error.to_string()),
                    None => break,
                }
            }
            let estimated_total = export.progress().estimated_total;
            Ran { ids, checkpoint: export.checkpoint(), failed: export.failed(), errors, estimated_total }
        }
    }
}

/// 2,000 contacts: 40 at each of a few seconds (the data set's first and last among them), the rest
/// spread, a burst of 200 in one second, and 500 one second apart.
fn contacts() -> Vec<Value> {
    let mut times = Vec::new();
    for t in [1_600_000_000, 1_600_000_001, 1_650_000_000, 1_699_999_999] {
        times.extend(std::iter::repeat_n(t, 40));
    }
    times.extend((0..1_140).map(|i| 1_600_000_000 + (i * 43_853) % 100_000_000));
    times.extend(std::iter::repeat_n(1_620_000_000, 200));
    // One a second for a while: the boundaries of the splits there all fall on contacts.
    times.extend(1_680_000_000..1_680_000_500);
    times
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            json!({"type": "contact", "id": format!("c{i}"), "email": format!("user{i}@example.com"),
                   "created_at": t, "updated_at": t + (i as i64 % 7) * 1_000_000})
        })
        .collect()
}

fn assert_each_once(ids: &[String], expected: &[Value], context: &str) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for id in ids {
        *counts.entry(id).or_default() += 1;
    }
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).map(|(id, _)| *id).collect();
    assert!(twice.is_empty(), "{context}: handed out twice: {twice:?}");
    let missing = expected.iter().filter(|c| !counts.contains_key(c["id"].as_str().unwrap())).count();
    assert_eq!((missing, ids.len()), (0, expected.len()), "{context}: every contact, once");
}

fn export() -> Export<SearchContacts> {
    Export::contacts().created_before(1_700_000_000).per_page(20).concurrency(6)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_hands_out_every_contact_once_through_either_client() {
    let data = contacts();
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.insert("/contacts", data.clone());
        let ran = run(transport, mock.config(), export(), None).await;
        assert_each_once(&ran.ids, &data, &format!("{transport:?}"));
        assert!(ran.errors.is_empty(), "{transport:?}: {:?}", ran.errors);
        assert!(ran.checkpoint.is_complete());
        assert_eq!(ran.checkpoint.records(), data.len() as u64);
        assert_eq!(ran.estimated_total, Some(data.len() as u64), "{transport:?}: the estimate ends exact");
        let searches = mock.server().received_requests().await.unwrap_or_default();
        // Every page of 20 once, plus the first page of each partition that was split.
        assert!(searches.len() >= 100 && searches.len() < 125, "{transport:?}: {} requests", searches.len());
        let sent: Value = searches[0].body_json().unwrap();
        assert_eq!(sent["sort"], json!({"field": "created_at", "order": "ascending"}));
        assert_eq!(sent["query"]["value"][1], json!({"field": "created_at", "operator": "<", "value": 1_700_000_000}));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_export_resumes_from_its_saved_checkpoint_without_repeat_or_gap() {
    let data = contacts();
    for transport in Transport::BOTH {
        for stop in [0, 1, 3, 17, 40] {
            let mock = MockIntercom::start().await;
            mock.insert("/contacts", data.clone());
            let first = run(transport, mock.config(), export(), Some(stop)).await;
            let saved = serde_json::to_vec(&first.checkpoint).unwrap();
            let checkpoint: ExportCheckpoint = serde_json::from_slice(&saved).unwrap();
            assert_eq!(checkpoint.records(), first.ids.len() as u64);
            let rest = run(transport, mock.config(), export().resume(checkpoint), None).await;
            let mut ids = first.ids;
            ids.extend(rest.ids);
            assert_each_once(&ids, &data, &format!("{transport:?}, killed after {stop} pages"));
        }
    }
}

/// Matches the `n`-th search it sees (from 1), and no other.
struct NthSearch(AtomicUsize, usize);

impl Match for NthSearch {
    fn matches(&self, request: &Request) -> bool {
        request.url.path() == "/contacts/search" && self.0.fetch_add(1, Ordering::SeqCst) + 1 == self.1
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_partition_is_reported_the_others_finish_and_a_resume_reads_it() {
    let data = contacts();
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.insert("/contacts", data.clone());
        wiremock::Mock::given(NthSearch(AtomicUsize::new(0), 12))
            .respond_with(error_answer(400))
            .with_priority(1)
            .mount(mock.server())
            .await;
        let first = run(transport, mock.config(), export(), None).await;
        assert_eq!((first.failed, first.errors.len()), (1, 1), "{transport:?}: {:?}", first.errors);
        assert!(first.errors[0].contains("partition of records created in ["), "{}", first.errors[0]);
        assert!(first.errors[0].contains("400"), "{}", first.errors[0]);
        assert!(!first.checkpoint.is_complete());
        assert!(first.ids.len() > data.len() / 2, "{transport:?}: the others were read ({})", first.ids.len());
        let rest = run(transport, mock.config(), export().resume(first.checkpoint), None).await;
        let mut ids = first.ids;
        ids.extend(rest.ids);
        assert_each_once(&ids, &data, &format!("{transport:?}, after a failed partition"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incremental_export_reads_what_changed_since_the_last_run() {
    let data = contacts();
    let since = 1_640_000_000;
    let changed: Vec<Value> = data.iter().filter(|c| c["updated_at"].as_i64().unwrap() >= since).cloned().collect();
    assert!(changed.len() > 100 && changed.len() < data.len());
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.insert("/contacts", data.clone());
        let ran = run(transport, mock.config(), export().updated_since(since), None).await;
        assert_each_once(&ran.ids, &changed, &format!("{transport:?}, updated since {since}"));
        let next = ran.checkpoint.next_updated_since();
        assert_eq!(next, ran.checkpoint.started_at() - 300, "the next run overlaps this one by five minutes");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_changes_during_an_export_comes_in_the_next_incremental_run() {
    let data = contacts();
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.insert("/contacts", data.clone());
        // The first run stops after 30 pages; meanwhile a contact it has read changes and one is created.
        let full = Export::contacts().per_page(20).concurrency(6);
        let first = run(transport, mock.config(), full.clone(), Some(30)).await;
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        let read = &first.ids[0];
        let mut changed = data.iter().find(|c| c["id"] == read.as_str()).unwrap().clone();
        changed["email"] = json!("changed@example.com");
        changed["updated_at"] = json!(now);
        let created = json!({"type": "contact", "id": "created-during", "created_at": now, "updated_at": now});
        mock.insert("/contacts", [changed, created]);
        let rest = run(transport, mock.config(), full.resume(first.checkpoint), None).await;
        let mut ids = first.ids.clone();
        ids.extend(rest.ids);
        // Created in the run's last second, it may be in the run or not; the next run has it either way.
        ids.retain(|id| id != "created-during");
        assert_each_once(&ids, &data, &format!("{transport:?}: the run itself, each contact of its start once"));

        let since = rest.checkpoint.next_updated_since();
        let next = run(transport, mock.config(), Export::contacts().per_page(20).updated_since(since), None).await;
        let mut got = next.ids.clone();
        got.sort();
        assert_eq!(got, [read.clone(), "created-during".to_owned()], "{transport:?}: the next run reads the changes");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conversations_and_tickets_export_like_contacts() {
    let records = |kind: &str| -> Vec<Value> {
        (0..700)
            .map(|i| {
                json!({"type": kind, "id": format!("{kind}-{i}"), "created_at": 1_650_000_000 + (i % 350) * 17,
                            "updated_at": 1_650_000_000})
            })
            .collect()
    };
    let mock = MockIntercom::start().await;
    let (conversations, tickets) = (records("conversation"), records("ticket"));
    mock.insert("/conversations", conversations.clone());
    mock.insert("/tickets", tickets.clone());
    let client = intercom_hyper::Client::from_config(mock.config());

    let mut export = client.export(Export::conversations().per_page(20)).expect("an export");
    let mut ids = Vec::new();
    while let Some(page) = export.next().await {
        ids.extend(page.expect("a page").items.into_iter().map(|c| c.id));
    }
    assert_each_once(&ids, &conversations, "conversations");

    let config = mock.config();
    let ids = tokio::task::spawn_blocking(move || {
        let client = intercom_ureq::Client::from_config(config);
        let pages = client.export(Export::tickets().per_page(20)).expect("an export");
        pages.flat_map(|page| page.expect("a page").items.into_iter().map(|t| t.id)).collect::<Vec<_>>()
    })
    .await
    .unwrap();
    assert_each_once(&ids, &tickets, "tickets");
}
