//! The access token never shows in `Debug` or `Display` of clients, configs, requests or errors.

use intercom_core::endpoints::{IdentifyAdmin, ListAdmins};
use intercom_core::protocol::build_request;
use intercom_core::{Config, Error, RetryPolicy};
use intercom_mock::MockIntercom;
use wiremock::ResponseTemplate;

use crate::support::Transport;

const TOKEN: &str = "tok_live_NEVER_PRINT_ME";

#[test]
fn clients_configs_and_requests_hide_the_token() {
    let config = Config::new(TOKEN);
    let request = build_request(&config, &IdentifyAdmin::new()).unwrap();
    let ureq_client = intercom_ureq::Client::from_config(config.clone());
    let shown = format!("{config:?} {request:?} {ureq_client:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(request.headers()["authorization"].is_sensitive());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_client_debug_hides_the_token() {
    let client = intercom_hyper::Client::from_config(Config::new(TOKEN));
    let shown = format!("{client:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_hide_the_token_even_when_the_server_echoes_nothing_else() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond("ListAdmins", ResponseTemplate::new(500).set_body_raw("<html>oops</html>", "text/html")).await;
        let config = Config::new(TOKEN).with_base_url(&mock.uri()).unwrap().with_retry_policy(RetryPolicy::none());
        let errors: Vec<Error> = vec![
            transport.send(config.clone(), ListAdmins::new()).await.unwrap_err(),
            transport
                .send(config.clone().with_base_url("http://127.0.0.1:1").unwrap(), ListAdmins::new())
                .await
                .unwrap_err(),
        ];
        for err in errors {
            let shown = format!("{err} {err:?}");
            assert!(!shown.contains(TOKEN), "{transport:?}: {shown}");
        }
    }
}

/// A `tracing` subscriber writing every span and event, with their fields, into a shared buffer.
fn capture() -> (impl tracing::Subscriber + Send + Sync, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
    use std::sync::{Arc, Mutex};
    #[derive(Clone)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let writer = Buffer(Arc::clone(&buffer));
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    (subscriber, buffer)
}

fn check_log(log: &str) {
    assert!(!log.contains(TOKEN), "the token is in the log:\n{log}");
    assert!(log.contains("intercom.request"), "a span per request:\n{log}");
    for field in
        ["method=GET", "path=/me", "attempt=1", "attempt=2", "status=503", "status=200", "request_id=\"req-1\""]
    {
        assert!(log.contains(field), "`{field}` is missing from:\n{log}");
    }
    assert!(!log.contains("991267390"), "no body in the log:\n{log}");
}

async fn flaky_mock() -> MockIntercom {
    let mock = MockIntercom::start().await;
    let failing = ResponseTemplate::new(503).insert_header("x-request-id", "req-1");
    mock.on("IdentifyAdmin").respond_with(failing).up_to_n_times(1).with_priority(1).mount(mock.server()).await;
    mock
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_request_spans_name_the_request_but_never_the_token_or_body() {
    let mock = flaky_mock().await;
    let config = Config::new(TOKEN).with_base_url(&mock.uri()).unwrap().with_retry_policy(quick());
    let log = tokio::task::spawn_blocking(move || {
        let (subscriber, buffer) = capture();
        tracing::subscriber::with_default(subscriber, || {
            intercom_ureq::Client::from_config(config).send(&IdentifyAdmin::new()).unwrap();
        });
        let log = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
        log
    })
    .await
    .unwrap();
    check_log(&log);
}

#[tokio::test(flavor = "current_thread")]
async fn async_request_spans_name_the_request_but_never_the_token_or_body() {
    let mock = flaky_mock().await;
    let config = Config::new(TOKEN).with_base_url(&mock.uri()).unwrap().with_retry_policy(quick());
    let (subscriber, buffer) = capture();
    let guard = tracing::subscriber::set_default(subscriber);
    intercom_hyper::Client::from_config(config).send(&IdentifyAdmin::new()).await.unwrap();
    drop(guard);
    let log = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
    check_log(&log);
}

fn quick() -> RetryPolicy {
    RetryPolicy::default().with_backoff(std::time::Duration::from_millis(1), std::time::Duration::from_millis(5))
}

#[test]
fn no_snapshot_holds_a_token() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/all/snapshots");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the snapshots folder").flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("a snapshot");
        for line in text.lines().filter(|l| l.to_ascii_lowercase().starts_with("authorization:")) {
            assert_eq!(line, "authorization: Bearer [redacted]", "{}", entry.path().display());
        }
        assert!(!text.contains("tok_"), "a test token in {}", entry.path().display());
        checked += 1;
    }
    assert!(checked > 400, "only {checked} snapshots");
}
