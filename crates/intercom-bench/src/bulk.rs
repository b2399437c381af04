//! The bulk run: create contacts with `send_all`, 32 at once, against the mock limited to 1,000 requests
//! per 2-second window, with pacing and without (retries only). The parent process hosts the mock (so
//! it can read the mock's per-window counts); each contender runs in a process of its own, as elsewhere.

use std::time::Duration;

use intercom_mock::{MockIntercom, MockRateLimit};
use intercom_ureq::endpoints::CreateContact;
use intercom_ureq::models::CreateContactRequest;
use intercom_ureq::{Bulk, Config, RateLimiting};

use crate::harness;
use crate::measure::Run;

/// Requests a run sends, unless `INTERCOM_BENCH_BULK_REQUESTS` says otherwise.
pub const REQUESTS: usize = 6000;
/// Requests in flight at once.
pub const CONCURRENCY: usize = 32;
/// The mock's limit: `LIMIT` requests per `WINDOW`.
pub const LIMIT: u64 = 1000;
/// The mock's window.
pub const WINDOW: Duration = Duration::from_secs(2);

fn requests() -> usize {
    std::env::var("INTERCOM_BENCH_BULK_REQUESTS").ok().and_then(|n| n.parse().ok()).unwrap_or(REQUESTS)
}

fn config(base: &str, paced: bool) -> Config {
    let config = Config::new("bench-token").with_base_url(base).expect("a loopback URL");
    if paced {
        config
    } else {
        config.with_rate_limiting(RateLimiting::off())
    }
}

/// The requests, made as they are taken (an iterator, never a list).
fn creates(count: usize) -> impl Iterator<Item = CreateContact> + Send {
    (0..count).map(|i| CreateContact::new(CreateContactRequest::new().email(format!("user{i}@example.com"))))
}

/// Creates the contacts through the blocking client's worker threads; returns how many succeeded.
pub fn sdk_blocking(base: &str, paced: bool) -> usize {
    let client = intercom_ureq::Client::from_config(config(base, paced));
    client.send_all(creates(requests()), Bulk::new(CONCURRENCY)).filter(|sent| sent.is_ok()).count()
}

/// Creates the contacts through the async client's stream (current-thread runtime); returns how many
/// succeeded.
pub fn sdk_async(base: &str, paced: bool) -> usize {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let client = intercom_hyper::Client::from_config(config(base, paced));
        let mut results = client.send_all(creates(requests()), Bulk::new(CONCURRENCY));
        let mut ok = 0;
        while let Some(sent) = results.next().await {
            ok += usize::from(sent.is_ok());
        }
        ok
    })
}

/// A mock that answers every `POST /contacts` with a contact, under `limit`: what the bulk and fleet runs
/// create against.
pub(crate) fn creates_mock(runtime: &tokio::runtime::Runtime, limit: MockRateLimit) -> MockIntercom {
    runtime.block_on(async {
        let mock = MockIntercom::start_empty().await;
        let created = serde_json::json!({"type": "contact", "id": "c1", "role": "user"});
        mock.respond("CreateContact", wiremock::ResponseTemplate::new(200).set_body_json(created)).await;
        mock.set_rate_limit(limit);
        mock
    })
}

/// One contender's run against a fresh window count: what it measured and what the mock refused.
struct Measured {
    run: Run,
    admitted: u64,
    refused: u64,
    worst_window: u64,
    windows: usize,
}

fn measure(runtime: &tokio::runtime::Runtime, name: &str, requests: usize) -> Measured {
    let mock = creates_mock(runtime, MockRateLimit::new(LIMIT, WINDOW));
    let run = harness::run_once(name, &mock.uri(), &[("INTERCOM_BENCH_BULK_REQUESTS", requests.to_string())]);
    let windows = mock.rate_limit_windows();
    if std::env::var_os("INTERCOM_BENCH_SHOW_WINDOWS").is_some() {
        eprintln!("{name}: {:?}", windows.iter().map(|(_, c)| (c.admitted, c.refused)).collect::<Vec<_>>());
    }
    Measured {
        run,
        admitted: windows.iter().map(|(_, c)| c.admitted).sum(),
        refused: windows.iter().map(|(_, c)| c.refused).sum(),
        worst_window: windows.iter().map(|(_, c)| c.admitted).max().unwrap_or(0),
        windows: windows.iter().filter(|(_, c)| c.admitted > 0).count(),
    }
}

/// The bulk report: paced and unpaced, both clients, then the paced runs at a quarter of the requests
/// (peak RSS must not follow the count).
pub fn report() {
    println!("machine: {}", harness::machine());
    let floor = REQUESTS as f64 / LIMIT as f64 * WINDOW.as_secs_f64();
    println!(
        "{REQUESTS} x POST /contacts, {CONCURRENCY} at once, mock limited to {LIMIT} per {} s window: floor {floor:.0} s\n",
        WINDOW.as_secs()
    );
    // Windows are aligned to the clock (as Intercom's are), so a run that starts late in one gets a short
    // first window and may end before the floor; `windows` says how many it used (6 is the least).
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a runtime");
    println!(
        "{:<26} {:>8} {:>9} {:>8} {:>6} {:>6} {:>8} {:>11} {:>7} {:>10}",
        "run", "wall s", "x floor", "windows", "429s", "failed", "retries", "max/window", "CPU s", "peak RSS"
    );
    let names = ["bulk-sdk-blocking", "bulk-sdk-async", "bulk-sdk-blocking-unpaced", "bulk-sdk-async-unpaced"];
    let mut rss = Vec::new();
    for name in names {
        let m = measure(&runtime, name, REQUESTS);
        let failed = REQUESTS - m.run.count;
        let retries = (m.admitted + m.refused).saturating_sub(REQUESTS as u64);
        println!(
            "{name:<26} {:>8.2} {:>8.2}x {:>8} {:>6} {:>6} {:>8} {:>11} {:>7.2} {:>6.1} MiB",
            m.run.seconds,
            m.run.seconds / floor,
            m.windows,
            m.refused,
            failed,
            retries,
            m.worst_window,
            m.run.cpu,
            m.run.rss_kib as f64 / 1024.0
        );
        rss.push((name, m.run.rss_kib));
    }
    println!("\npeak RSS against the number of requests (paced):");
    for name in ["bulk-sdk-blocking", "bulk-sdk-async"] {
        let quarter = measure(&runtime, name, REQUESTS / 4);
        let full = rss.iter().find(|(n, _)| *n == name).map_or(0, |(_, kib)| *kib);
        println!(
            "{name:<26} {:>5} requests {:>6.1} MiB   {REQUESTS} requests {:>6.1} MiB",
            REQUESTS / 4,
            quarter.run.rss_kib as f64 / 1024.0,
            full as f64 / 1024.0
        );
    }
    println!("[targets: paced 0 429s and wall time within 1.1x of the floor; peak RSS flat in the request count]");
}
