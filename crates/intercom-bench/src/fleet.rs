//! The fleet run: 2, 4, 8 and 16 processes create 600 contacts each, 32 at once, against one mock budget
//! of 100 requests per 2-second window, through each client: (a) each process pacing alone, (b) the fleet
//! sharing its budget through Redis. The parent hosts the mock (so it reads what each window admitted and
//! refused) and a `redis-server` on a free loopback port; the processes are children of it, started
//! together.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use intercom_mock::MockRateLimit;
use intercom_ureq::endpoints::CreateContact;
use intercom_ureq::models::CreateContactRequest;
use intercom_ureq::transport::RedisBudget;
use intercom_ureq::{Bulk, Config, RateLimiting};

use crate::harness;

/// Creates each process sends, unless `INTERCOM_BENCH_FLEET_REQUESTS` says otherwise.
pub const PER_PROCESS: usize = 600;
/// Requests each process has in flight at once.
pub const CONCURRENCY: usize = 32;
/// The mock's budget: `LIMIT` requests per `WINDOW`.
pub const LIMIT: u64 = 100;
/// The mock's window.
pub const WINDOW: Duration = Duration::from_secs(2);
/// The fleet sizes, unless `INTERCOM_BENCH_FLEETS` (e.g. `2,4`) says otherwise.
pub const FLEETS: [usize; 4] = [2, 4, 8, 16];

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// One member's configuration: alone, the default pacing; with Redis (`INTERCOM_BENCH_REDIS`), the window
/// known and the budget shared.
fn config(base: &str) -> Config {
    let config = Config::new("bench-token").with_base_url(base).expect("a loopback URL");
    match std::env::var("INTERCOM_BENCH_REDIS").ok().filter(|url| !url.is_empty()) {
        None => config,
        Some(url) => config
            .with_rate_limiting(RateLimiting::from_headers().with_limit(LIMIT, WINDOW))
            .with_shared_budget(RedisBudget::new(&url).expect("a Redis URL").with_prefix("bench:fleet")),
    }
}

/// This process's creates, with addresses no other member uses.
fn creates() -> impl Iterator<Item = CreateContact> + Send {
    let member = env_number("INTERCOM_BENCH_FLEET_MEMBER", 0);
    (0..env_number("INTERCOM_BENCH_FLEET_REQUESTS", PER_PROCESS))
        .map(move |i| CreateContact::new(CreateContactRequest::new().email(format!("m{member}-{i}@example.com"))))
}

/// A member on the blocking client; returns how many creates succeeded.
pub fn sdk_blocking(base: &str) -> usize {
    let client = intercom_ureq::Client::from_config(config(base));
    client.send_all(creates(), Bulk::new(CONCURRENCY)).filter(|sent| sent.is_ok()).count()
}

/// A member on the async client (current-thread runtime); returns how many creates succeeded.
pub fn sdk_async(base: &str) -> usize {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let client = intercom_hyper::Client::from_config(config(base));
        let mut results = client.send_all(creates(), Bulk::new(CONCURRENCY));
        let mut ok = 0;
        while let Some(sent) = results.next().await {
            ok += usize::from(sent.is_ok());
        }
        ok
    })
}

/// A `redis-server` on a free loopback port, and its URL.
fn redis_server() -> (Child, String) {
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    let args = ["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
    let child = Command::new("redis-server").args(args).stdout(Stdio::null()).spawn().expect("redis-server");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    (child, format!("redis://127.0.0.1:{port}/"))
}

/// What one fleet did.
struct Fleet {
    seconds: f64,
    refused: u64,
    failed: usize,
    duplicates: u64,
}

fn run_fleet(runtime: &tokio::runtime::Runtime, name: &str, members: usize, redis: Option<&str>) -> Fleet {
    let mock = crate::bulk::creates_mock(runtime, MockRateLimit::new(LIMIT, WINDOW));
    let requests = env_number("INTERCOM_BENCH_FLEET_REQUESTS", PER_PROCESS);
    let started = Instant::now();
    let runs = harness::run_together(name, &mock.uri(), members, |member| {
        vec![
            ("INTERCOM_BENCH_FLEET_MEMBER", member.to_string()),
            ("INTERCOM_BENCH_FLEET_REQUESTS", requests.to_string()),
            ("INTERCOM_BENCH_REDIS", redis.unwrap_or_default().to_owned()),
        ]
    });
    let seconds = started.elapsed().as_secs_f64();
    let windows = mock.rate_limit_windows();
    let admitted: u64 = windows.iter().map(|(_, w)| w.admitted).sum();
    let succeeded: usize = runs.iter().map(|run| run.count).sum();
    Fleet {
        seconds,
        refused: windows.iter().map(|(_, w)| w.refused).sum(),
        failed: members * requests - succeeded,
        // Every success was admitted once; a create admitted more often was sent twice.
        duplicates: admitted.saturating_sub(succeeded as u64),
    }
}

/// The fleet report: for each client and fleet size, pacing alone and sharing through Redis.
pub fn report() {
    println!("machine: {}", harness::machine());
    let requests = env_number("INTERCOM_BENCH_FLEET_REQUESTS", PER_PROCESS);
    let fleets: Vec<usize> = std::env::var("INTERCOM_BENCH_FLEETS")
        .ok()
        .map(|list| list.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| FLEETS.to_vec());
    println!(
        "N processes x {requests} x POST /contacts, {CONCURRENCY} at once each, one mock budget of {LIMIT} per {} s\n",
        WINDOW.as_secs()
    );
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a runtime");
    let (mut redis, url) = redis_server();
    println!(
        "{:<20} {:>3} {:<9} {:>8} {:>8} {:>6} {:>7} {:>11}",
        "client", "N", "budget", "wall s", "x floor", "429s", "failed", "duplicates"
    );
    for name in ["fleet-sdk-blocking", "fleet-sdk-async"] {
        for &members in &fleets {
            let floor = (members * requests) as f64 / LIMIT as f64 * WINDOW.as_secs_f64();
            for (budget, shared) in [("alone", None), ("redis", Some(url.as_str()))] {
                let fleet = run_fleet(&runtime, name, members, shared);
                println!(
                    "{name:<20} {members:>3} {budget:<9} {:>8.1} {:>7.2}x {:>6} {:>7} {:>11}",
                    fleet.seconds,
                    fleet.seconds / floor,
                    fleet.refused,
                    fleet.failed,
                    fleet.duplicates
                );
            }
        }
    }
    let _ = redis.kill();
    let _ = redis.wait();
    println!(
        "[targets: with Redis 0 429s, 0 failed, 0 duplicates, within 1.1x of the floor; alone 0 failed, 0 duplicates]"
    );
}
