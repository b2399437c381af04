//! Fleets: several clients that know nothing of each other (each with its own pacer, as separate processes
//! have) on one mock budget, sharing it through a real `redis-server` started on a free loopback port, and
//! going on alone when Redis stops.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use intercom_core::endpoints::IdentifyAdmin;
use intercom_core::transport::RedisBudget;
use intercom_core::{Config, RateLimiting};
use intercom_mock::{MockIntercom, MockRateLimit};

use crate::support::Transport;

/// A `redis-server` of this test's own, stopped when dropped.
struct RedisServer {
    child: Child,
    url: String,
}

impl RedisServer {
    fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server (Debian's redis-server package; .ci/run installs it)");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(10), "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { child, url: format!("redis://127.0.0.1:{port}/") }
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A member of the fleet: its own configuration (so its own pacer), the mock's 6-a-second budget known
/// (windows aligned to the clock), and the shared budget when `redis` is given.
fn member(mock: &MockIntercom, redis: Option<&str>, prefix: &str) -> Config {
    let pacing = RateLimiting::from_headers().with_limit(6, Duration::from_secs(1));
    let config = mock.config().with_rate_limiting(pacing);
    match redis {
        Some(url) => config.with_shared_budget(RedisBudget::new(url).expect("a Redis URL").with_prefix(prefix)),
        None => config,
    }
}

/// Three members send `each` requests at once through `transport`; how many got through.
async fn fleet_sends(transport: Transport, configs: Vec<Config>, each: usize) -> usize {
    let sends = configs.into_iter().map(|config| async move {
        let mut ok = 0;
        for _ in 0..each {
            ok += usize::from(transport.send(config.clone(), IdentifyAdmin::new()).await.is_ok());
        }
        ok
    });
    let mut total = 0;
    for handle in sends.map(tokio::spawn).collect::<Vec<_>>() {
        total += handle.await.expect("a member");
    }
    total
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_sharing_its_budget_through_redis_is_never_refused() {
    let redis = RedisServer::start();
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.set_rate_limit(MockRateLimit::new(6, Duration::from_secs(1)));
        let prefix = format!("test:{transport:?}");
        let configs = (0..3).map(|_| member(&mock, Some(&redis.url), &prefix)).collect();
        let sent = fleet_sends(transport, configs, 6).await;
        let windows = mock.rate_limit_windows();
        assert_eq!(sent, 18, "{transport:?}: every request through");
        assert!(windows.iter().all(|(_, w)| w.refused == 0), "{transport:?}: no refusal: {windows:?}");
        assert!(windows.iter().all(|(_, w)| w.admitted <= 6), "{transport:?}: one budget: {windows:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_away_or_stopped_mid_run_holds_no_request() {
    let mut redis = RedisServer::start();
    let mock = MockIntercom::start().await;
    mock.set_rate_limit(MockRateLimit::new(6, Duration::from_secs(1)));
    let url = redis.url.clone();
    let before = fleet_sends(Transport::Ureq, (0..2).map(|_| member(&mock, Some(&url), "test:stop")).collect(), 3);
    assert_eq!(before.await, 6, "through Redis");
    redis.stop();
    let guard = Duration::from_secs(30);
    let configs: Vec<Config> = (0..2).map(|_| member(&mock, Some(&url), "test:stop")).collect();
    for transport in Transport::BOTH {
        let after = tokio::time::timeout(guard, fleet_sends(transport, configs.clone(), 3)).await;
        assert_eq!(after.expect("no hang without Redis"), 6, "{transport:?}: paced alone, every request through");
    }
    let nowhere =
        format!("redis://127.0.0.1:{}/", TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port());
    let alone = tokio::time::timeout(guard, fleet_sends(Transport::Hyper, vec![member(&mock, Some(&nowhere), "x")], 3));
    assert_eq!(alone.await.expect("no hang when Redis was never there"), 3);
}

#[test]
fn a_redis_budget_shows_no_password() {
    let url = "redis://:s3cret-pass@127.0.0.1:6379/";
    let budget = format!("{:?}", RedisBudget::new(url).expect("a URL"));
    let config = Config::new("t0k3n").with_shared_budget(RedisBudget::new(url).expect("a URL"));
    let shown = format!("{budget} {config:?}");
    assert!(!shown.contains("s3cret") && !shown.contains("t0k3n"), "{shown}");
    assert!(budget.contains(r#"prefix: "intercom-rs:budget""#) && shown.contains("RedisBudget"), "{shown}");
}
