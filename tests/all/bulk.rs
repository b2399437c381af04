//! Bulk work through both clients: pacing under the mock's rate limit (counted per window at the mock),
//! and `send_all`'s ordering, error isolation, cancellation and bounded input reading.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use http::{Request, Response};
use intercom_core::endpoints::{CreateContact, GetContact, IdentifyAdmin};
use intercom_core::models::CreateContactRequest;
use intercom_core::{AsyncClient, BlockingClient, Bulk, Config, RateLimiting, RetryPolicy, Sent, TransportError};
use intercom_mock::{MockIntercom, MockRateLimit, WindowCount};
use wiremock::ResponseTemplate;

use crate::support::Transport;

fn creates(count: usize) -> Vec<CreateContact> {
    (0..count).map(|i| CreateContact::new(CreateContactRequest::new().email(format!("c{i}@example.com")))).collect()
}

/// Sends `requests` with `send_all` through a fresh client of `transport`, returning every result.
async fn send_all<E>(transport: Transport, config: Config, requests: Vec<E>, bulk: Bulk) -> Vec<Sent<E>>
where
    E: intercom_core::protocol::Endpoint + Send + Sync + 'static,
    E::Output: Send + 'static,
{
    match transport {
        Transport::Ureq => tokio::task::spawn_blocking(move || {
            intercom_ureq::Client::from_config(config).send_all(requests, bulk).collect()
        })
        .await
        .expect("the blocking run panicked"),
        Transport::Hyper => {
            let client = intercom_hyper::Client::from_config(config);
            let mut stream = client.send_all(requests, bulk);
            let mut all = Vec::new();
            while let Some(sent) = stream.next().await {
                all.push(sent);
            }
            all
        }
    }
}

fn emails(sent: &[Sent<CreateContact>]) -> BTreeSet<String> {
    sent.iter().filter_map(|s| s.request.body.email.clone()).collect()
}

/// Per window, from `since` on: (admitted, refused).
fn windows_since(mock: &MockIntercom, since: SystemTime) -> Vec<WindowCount> {
    let second_before = since - Duration::from_secs(1);
    mock.rate_limit_windows().into_iter().filter(|(start, _)| *start > second_before).map(|(_, c)| c).collect()
}

async fn paced_run_stays_under_the_limit(transport: Transport) {
    let mock = MockIntercom::start().await;
    mock.set_rate_limit(MockRateLimit::new(20, Duration::from_secs(1)));
    let sent = send_all(transport, mock.config(), creates(70), Bulk::new(32)).await;
    assert_eq!(sent.len(), 70, "{transport:?}");
    let failed: Vec<_> = sent.iter().filter_map(|s| s.result.as_ref().err()).collect();
    assert!(failed.is_empty(), "{transport:?}: {failed:?}");
    assert_eq!(emails(&sent), emails_of(creates(70)), "{transport:?}: each request once");
    let windows = mock.rate_limit_windows();
    assert_eq!(windows.iter().map(|(_, c)| c.admitted).sum::<u64>(), 70, "{transport:?}: {windows:?}");
    for (start, count) in &windows {
        assert_eq!(count.refused, 0, "{transport:?}: a 429 in the window at {start:?}: {windows:?}");
        assert!(count.admitted <= 20, "{transport:?}: over the limit at {start:?}: {windows:?}");
    }
}

fn emails_of(requests: Vec<CreateContact>) -> BTreeSet<String> {
    requests.into_iter().filter_map(|r| r.body.email).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paced_runs_of_32_at_once_never_go_over_the_limit_of_a_window() {
    tokio::join!(paced_run_stays_under_the_limit(Transport::Ureq), paced_run_stays_under_the_limit(Transport::Hyper));
}

async fn unpaced_run_meets_429s(transport: Transport) {
    let mock = MockIntercom::start().await;
    mock.set_rate_limit(MockRateLimit::new(20, Duration::from_secs(1)));
    let config = mock.config().with_rate_limiting(RateLimiting::off()).with_retry_policy(RetryPolicy::none());
    let sent = send_all(transport, config, creates(70), Bulk::new(32)).await;
    let refused: u64 = mock.rate_limit_windows().iter().map(|(_, c)| c.refused).sum();
    let failures: Vec<_> = sent.iter().filter(|s| !s.is_ok()).collect();
    assert!(refused > 0, "{transport:?}: 32 at once against 20 a second must meet the limit");
    assert_eq!(failures.len() as u64, refused, "{transport:?}: every 429 comes back, none other");
    assert!(failures.iter().all(|s| s.result.as_ref().is_err_and(|e| e.is_rate_limited())));
    assert_eq!(emails(&sent), emails_of(creates(70)), "{transport:?}: failures come back with their request");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_pacing_the_same_run_meets_429s_and_each_failure_comes_back_with_its_request() {
    tokio::join!(unpaced_run_meets_429s(Transport::Ureq), unpaced_run_meets_429s(Transport::Hyper));
}

async fn lowered_limit_is_followed(transport: Transport) {
    let mock = MockIntercom::start().await;
    mock.set_rate_limit(MockRateLimit::new(40, Duration::from_secs(1)));
    let config = mock.config().with_retry_policy(RetryPolicy::default().with_max_retries(3));
    let (config, rerun) = (config.clone(), config);
    let first = send_all(transport, config, creates(50), Bulk::new(16)).await;
    let changed = SystemTime::now();
    mock.set_rate_limit(MockRateLimit::new(15, Duration::from_secs(1)));
    let second = send_all(transport, rerun, creates(45), Bulk::new(16)).await;
    assert!(first.iter().chain(&second).all(|s| s.is_ok()), "{transport:?}: retries absorb the change");
    let after: Vec<_> = windows_since(&mock, changed).into_iter().skip(1).collect();
    let with_429 = after.iter().filter(|c| c.refused > 0).count();
    assert!(with_429 <= 1, "{transport:?}: refused in more than the window of the change: {after:?}");
    assert!(after.iter().all(|c| c.admitted <= 15), "{transport:?}: {after:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_limit_lowered_mid_run_is_followed_from_the_next_window() {
    tokio::join!(lowered_limit_is_followed(Transport::Ureq), lowered_limit_is_followed(Transport::Hyper));
}

/// Answers with `remaining: 0` and a reset that must not hold the next request back.
async fn headers_that_say_nothing_usable_do_not_hold_requests(transport: Transport) {
    let past = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs() - 100;
    let answers = [
        vec![
            ("X-RateLimit-Limit", "5".to_owned()),
            ("X-RateLimit-Remaining", "0".to_owned()),
            ("X-RateLimit-Reset", past.to_string()),
        ],
        vec![("X-RateLimit-Remaining", "0".to_owned()), ("X-RateLimit-Reset", "in ten seconds".to_owned())],
        vec![("X-RateLimit-Remaining", "0".to_owned())],
        vec![("X-RateLimit-Limit", "soon".to_owned()), ("X-RateLimit-Remaining", "none".to_owned())],
    ];
    for headers in answers {
        let mock = MockIntercom::start().await;
        let body = serde_json::json!({"type": "admin", "id": "1"});
        let answer = headers
            .iter()
            .fold(ResponseTemplate::new(200).set_body_json(body), |t, (k, v)| t.insert_header(*k, v.as_str()));
        mock.respond("IdentifyAdmin", answer).await;
        let started = Instant::now();
        let sent = send_all(transport, mock.config(), vec![IdentifyAdmin::new(); 4], Bulk::new(1)).await;
        assert!(sent.iter().all(|s| s.is_ok()), "{transport:?} {headers:?}");
        // Pacing on a window it cannot place would wait out a whole assumed window (10 s) here.
        assert!(started.elapsed() < Duration::from_secs(3), "{transport:?} {headers:?}: {:?}", started.elapsed());
        mock.assert_received("IdentifyAdmin", 4).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_in_the_past_and_missing_or_malformed_headers_do_not_hold_requests() {
    tokio::join!(
        headers_that_say_nothing_usable_do_not_hold_requests(Transport::Ureq),
        headers_that_say_nothing_usable_do_not_hold_requests(Transport::Hyper)
    );
}

/// The runner's own behaviour, over a transport that delays each answer by the contact id's milliseconds
/// and counts requests started and in flight.
#[derive(Debug, Default)]
struct Counts {
    started: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl Counts {
    /// Counts a request in flight until the guard drops: when it is answered, or its future is dropped.
    fn begin(self: &Arc<Self>) -> InFlight {
        self.started.fetch_add(1, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(Arc::clone(self))
    }
}

struct InFlight(Arc<Counts>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// `/contacts/{delay_ms}-{n}`: waits `delay_ms`; an odd `n` answers 404.
fn answer(request: &Request<Vec<u8>>) -> (Duration, Response<Vec<u8>>) {
    let id = request.uri().path().rsplit('/').next().unwrap_or_default().to_owned();
    let (delay, n) = id.split_once('-').expect("delay-n");
    let delay = Duration::from_millis(delay.parse().expect("a delay"));
    let response = if n.parse::<u64>().expect("an n") % 2 == 1 {
        let body =
            r#"{"type":"error.list","request_id":"r1","errors":[{"code":"not_found","message":"no such contact"}]}"#;
        Response::builder().status(404).body(body.as_bytes().to_vec())
    } else {
        Response::builder().status(200).body(format!(r#"{{"type":"contact","id":"{id}"}}"#).into_bytes())
    };
    (delay, response.expect("a response"))
}

fn blocking_client(
    counts: &Arc<Counts>,
) -> BlockingClient<impl intercom_core::transport::HttpClient + Clone + Send + Sync + 'static> {
    let counts = Arc::clone(counts);
    let transport = move |request: Request<Vec<u8>>| -> Result<Response<Vec<u8>>, TransportError> {
        let _in_flight = counts.begin();
        let (delay, response) = answer(&request);
        std::thread::sleep(delay);
        Ok(response)
    };
    BlockingClient::with_transport(Config::new("t").with_rate_limiting(RateLimiting::off()), transport)
}

fn async_client(counts: &Arc<Counts>) -> AsyncClient<impl intercom_core::transport::AsyncHttpClient> {
    let counts = Arc::clone(counts);
    let transport = move |request: Request<Vec<u8>>| {
        let counts = Arc::clone(&counts);
        async move {
            let _in_flight = counts.begin();
            let (delay, response) = answer(&request);
            tokio::time::sleep(delay).await;
            Ok::<_, TransportError>(response)
        }
    };
    AsyncClient::with_transport(Config::new("t").with_rate_limiting(RateLimiting::off()), transport)
}

/// Requests `0..count`, the earlier ones slower: request `n` takes `(count - n) * 4` ms.
fn slow_first(count: usize) -> impl Iterator<Item = GetContact> + Send + 'static {
    (0..count).map(move |n| GetContact::new(format!("{}-{n}", (count - n) * 4)))
}

fn indexes<E: intercom_core::protocol::Endpoint>(sent: &[Sent<E>]) -> Vec<usize> {
    sent.iter().map(|s| s.index).collect()
}

async fn run_async<I>(requests: I, bulk: Bulk, counts: &Arc<Counts>) -> Vec<Sent<GetContact>>
where
    I: IntoIterator<Item = GetContact>,
    I::IntoIter: Send,
{
    let client = async_client(counts);
    let mut stream = client.send_all(requests, bulk);
    let mut all = Vec::new();
    while let Some(sent) = stream.next().await {
        all.push(sent);
    }
    all
}

fn check_run(name: &str, sent: &[Sent<GetContact>], in_order: bool, counts: &Counts) {
    let got = indexes(sent);
    if in_order {
        assert_eq!(got, (0..20).collect::<Vec<_>>(), "{name}: input order");
    } else {
        assert_ne!(got, (0..20).collect::<Vec<_>>(), "{name}: the quick later requests come first");
        assert_eq!(got.iter().copied().collect::<BTreeSet<_>>().len(), 20, "{name}: each once");
    }
    assert!(counts.max_in_flight.load(Ordering::SeqCst) <= 4, "{name}: {counts:?}");
    assert_eq!(counts.max_in_flight.load(Ordering::SeqCst), 4, "{name}: the concurrency is used: {counts:?}");
    for s in sent {
        let n = s.request.contact_id.split_once('-').unwrap().1.parse::<usize>().unwrap();
        assert_eq!(n, s.index, "{name}: each result with its own request");
        match &s.result {
            Ok(contact) => assert_eq!(contact.id, s.request.contact_id, "{name}"),
            Err(e) => {
                assert_eq!(n % 2, 1, "{name}: only odd ones fail: {e}");
                assert_eq!(e.status().map(|s| s.as_u16()), Some(404), "{name}: {e}");
                assert_eq!(e.as_api().and_then(|a| a.code()), Some("not_found"), "{name}");
            }
        }
    }
    assert_eq!(sent.iter().filter(|s| s.is_ok()).count(), 10, "{name}: the failures stop nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_come_as_they_finish_or_in_input_order_each_with_its_request_and_errors_stop_nothing() {
    for in_order in [false, true] {
        let bulk = if in_order { Bulk::new(4).in_order() } else { Bulk::new(4) };
        let counts = Arc::new(Counts::default());
        let sent = run_async(slow_first(20), bulk, &counts).await;
        check_run(&format!("async, in order {in_order}"), &sent, in_order, &counts);
        let counts = Arc::new(Counts::default());
        let client = blocking_client(&counts);
        let sent: Vec<_> =
            tokio::task::spawn_blocking(move || client.send_all(slow_first(20), bulk).collect()).await.unwrap();
        check_run(&format!("blocking, in order {in_order}"), &sent, in_order, &counts);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_input_is_read_only_as_results_are_taken_and_dropping_the_run_stops_it() {
    for in_order in [false, true] {
        let bulk = if in_order { Bulk::new(4).in_order() } else { Bulk::new(4) };
        let pulled = Arc::new(AtomicUsize::new(0));
        let endless = {
            let pulled = Arc::clone(&pulled);
            (0..)
                .inspect(move |_| {
                    pulled.fetch_add(1, Ordering::SeqCst);
                })
                .map(|n| GetContact::new(format!("2-{n}")))
        };
        let counts = Arc::new(Counts::default());
        let client = async_client(&counts);
        let mut stream = client.send_all(endless.clone(), bulk);
        for _ in 0..25 {
            stream.next().await.expect("an endless input never ends");
        }
        drop(stream);
        let started = counts.started.load(Ordering::SeqCst);
        assert!(started <= 25 + 4, "async, in order {in_order}: {started} started for 25 taken");
        let read = pulled.load(Ordering::SeqCst);
        assert!(
            read <= 25 + 4,
            "async, in order {in_order}: the input is read only as needed: {read}, started {started}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(counts.started.load(Ordering::SeqCst), started, "async: nothing starts after the drop");
        assert_eq!(counts.in_flight.load(Ordering::SeqCst), 0, "async: dropping cancels those in flight");

        pulled.store(0, Ordering::SeqCst);
        let counts = Arc::new(Counts::default());
        let client = blocking_client(&counts);
        tokio::task::spawn_blocking(move || {
            let mut run = client.send_all(endless, bulk);
            run.by_ref().take(25).for_each(drop);
        })
        .await
        .unwrap();
        // Workers finish what they were handed, then end; nothing past that starts.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let started = counts.started.load(Ordering::SeqCst);
        assert!(started <= 25 + 4, "blocking, in order {in_order}: {started} started for 25 taken");
        assert!(pulled.load(Ordering::SeqCst) <= 25 + 4, "blocking: the input is read only as needed");
        assert_eq!(counts.in_flight.load(Ordering::SeqCst), 0, "blocking: the workers are done");
    }
}
