//! The fault suite: loopback servers inject faults, and through both transports each must end in the right
//! value or error after the exact number of attempts, never repeating a POST that did not opt in. It prints
//! its tally.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use intercom_core::endpoints::{CreateContactNote, IdentifyAdmin};
use intercom_core::models::CreateContactNoteRequest;
use intercom_core::protocol::Endpoint;
use intercom_core::{Answer, Config, Error, RateLimit, RequestOptions, TransportErrorKind};
use intercom_hyper::HyperTransport;
use intercom_mock::MockIntercom;
use intercom_ureq::UreqTransport;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::ResponseTemplate;

use crate::support::Transport;

type Outcome = Result<(), String>;
type Case = fn(Transport) -> Pin<Box<dyn Future<Output = Outcome> + Send>>;

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// Sends `endpoint` with `config` through `transport`, with an answer-size cap if given.
async fn send<E>(
    transport: Transport,
    config: Config,
    endpoint: E,
    cap: Option<usize>,
) -> Result<Answer<E::Output>, Error>
where
    E: Endpoint + Send + Sync + 'static,
    E::Output: Send + 'static,
{
    match transport {
        Transport::Ureq => tokio::task::spawn_blocking(move || {
            let http = cap.map_or_else(UreqTransport::new, |cap| UreqTransport::new().max_body_bytes(cap as u64));
            intercom_ureq::Client::with_transport(config, http).send_with_answer(&endpoint)
        })
        .await
        .expect("the blocking call"),
        Transport::Hyper => {
            let http = cap.map_or_else(HyperTransport::new, |cap| HyperTransport::new().max_body_bytes(cap));
            intercom_hyper::Client::with_transport(config, http).send_with_answer(&endpoint).await
        }
    }
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn note() -> CreateContactNote {
    CreateContactNote::new("c1", CreateContactNoteRequest::new("hello"))
}

async fn attempts(mock: &MockIntercom, operation: &str) -> usize {
    mock.received(operation).await.len()
}

/// Mounts `response` for the first `times` requests to `operation`, ahead of the recorded answer.
async fn first(mock: &MockIntercom, operation: &str, times: u64, response: ResponseTemplate) {
    mock.on(operation).respond_with(response).up_to_n_times(times).with_priority(1).mount(mock.server()).await;
}

fn limited() -> ResponseTemplate {
    ResponseTemplate::new(429)
        .insert_header("x-ratelimit-limit", "1000")
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", now().to_string().as_str())
        .set_body_raw(
            r#"{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Too many"}]}"#,
            "application/json",
        )
}

async fn rate_limited_then_ok_with_reset(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    first(&mock, "IdentifyAdmin", 1, limited()).await;
    let answer = send(transport, mock.config(), IdentifyAdmin::new(), None).await.map_err(|e| e.to_string())?;
    ensure!(answer.attempts == 2 && attempts(&mock, "IdentifyAdmin").await == 2, "2 attempts, saw {}", answer.attempts);
    ensure!(answer.value.id == "991267459", "the recorded admin");
    Ok(())
}

/// Answers the first request with `refusal`, then the recorded admin: two attempts, the second at least
/// `wait` after the first (`asked` says what asked for the wait).
async fn waits_before_trying_again(
    transport: Transport,
    refusal: ResponseTemplate,
    wait: Duration,
    asked: &str,
) -> Outcome {
    let mock = MockIntercom::start().await;
    // The wait itself is what is checked: real time, not the mock's quick clock.
    mock.set_quick_clock(1);
    first(&mock, "IdentifyAdmin", 1, refusal).await;
    let started = Instant::now();
    let answer = send(transport, mock.config(), IdentifyAdmin::new(), None).await.map_err(|e| e.to_string())?;
    ensure!(answer.attempts == 2, "2 attempts, saw {}", answer.attempts);
    ensure!(started.elapsed() >= wait, "waited only {:?} for {asked}", started.elapsed());
    Ok(())
}

async fn rate_limited_waits_for_the_reset(transport: Transport) -> Outcome {
    let reset = limited().insert_header("x-ratelimit-reset", (now() + 2).to_string().as_str());
    waits_before_trying_again(transport, reset, Duration::from_secs(1), "a reset 2 s ahead").await
}

async fn rate_limited_then_ok_without_reset(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    first(&mock, "IdentifyAdmin", 1, ResponseTemplate::new(429)).await;
    let answer = send(transport, mock.config(), IdentifyAdmin::new(), None).await.map_err(|e| e.to_string())?;
    ensure!(answer.attempts == 2 && attempts(&mock, "IdentifyAdmin").await == 2, "2 attempts");
    Ok(())
}

async fn rate_limited_until_retries_are_spent(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    mock.respond("IdentifyAdmin", limited()).await;
    let err = send(transport, mock.config(), IdentifyAdmin::new(), None).await.err().ok_or("no error")?;
    ensure!(err.is_rate_limited(), "a rate-limit error: {err}");
    let limit = err.as_api().and_then(|api| api.rate_limit).ok_or("no rate limit on the error")?;
    ensure!(limit == RateLimit { limit: Some(1000), remaining: Some(0), reset: limit.reset }, "{limit:?}");
    ensure!(limit.reset.is_some(), "the reset time");
    ensure!(err.to_string().contains("rate_limit_exceeded") && err.to_string().contains("resets at"), "{err}");
    ensure!(attempts(&mock, "IdentifyAdmin").await == 3, "3 attempts");
    Ok(())
}

async fn server_errors_that_recover(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    first(&mock, "IdentifyAdmin", 1, ResponseTemplate::new(503)).await;
    first(&mock, "IdentifyAdmin", 1, ResponseTemplate::new(502)).await;
    let answer = send(transport, mock.config(), IdentifyAdmin::new(), None).await.map_err(|e| e.to_string())?;
    ensure!(answer.attempts == 3 && attempts(&mock, "IdentifyAdmin").await == 3, "3 attempts");
    Ok(())
}

async fn server_errors_that_persist(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    mock.respond("IdentifyAdmin", ResponseTemplate::new(500)).await;
    let err = send(transport, mock.config(), IdentifyAdmin::new(), None).await.err().ok_or("no error")?;
    ensure!(err.status().map(|s| s.as_u16()) == Some(500), "{err}");
    ensure!(attempts(&mock, "IdentifyAdmin").await == 3, "3 attempts, saw {}", attempts(&mock, "IdentifyAdmin").await);
    Ok(())
}

async fn a_post_is_not_repeated(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    mock.respond("CreateContactNote", ResponseTemplate::new(503)).await;
    let err = send(transport, mock.config(), note(), None).await.err().ok_or("no error")?;
    ensure!(err.status().map(|s| s.as_u16()) == Some(503), "{err}");
    ensure!(
        attempts(&mock, "CreateContactNote").await == 1,
        "1 attempt, saw {}",
        attempts(&mock, "CreateContactNote").await
    );
    Ok(())
}

async fn a_post_that_opts_in_is_repeated(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    first(&mock, "CreateContactNote", 2, ResponseTemplate::new(503)).await;
    let request = note().with_options(RequestOptions::new().retry_post());
    let answer = send(transport, mock.config(), request, None).await.map_err(|e| e.to_string())?;
    ensure!(answer.attempts == 3 && attempts(&mock, "CreateContactNote").await == 3, "3 attempts");
    Ok(())
}

async fn a_search_is_repeated_like_a_get(transport: Transport) -> Outcome {
    use intercom_core::endpoints::SearchContacts;
    use intercom_core::search::{contact, Search};
    let mock = MockIntercom::start().await;
    first(&mock, "SearchContacts", 2, ResponseTemplate::new(503)).await;
    let search = SearchContacts::matching(Search::all([contact::ROLE.eq("user")])).map_err(|e| e.to_string())?;
    let answer = send(transport, mock.config(), search, None).await.map_err(|e| e.to_string())?;
    let seen = attempts(&mock, "SearchContacts").await;
    ensure!(answer.attempts == 3 && seen == 3, "3 attempts: a search only reads, saw {seen}");
    Ok(())
}

async fn a_rate_limited_post_is_repeated(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    first(&mock, "CreateContactNote", 1, ResponseTemplate::new(429)).await;
    let answer = send(transport, mock.config(), note(), None).await.map_err(|e| e.to_string())?;
    ensure!(answer.attempts == 2 && attempts(&mock, "CreateContactNote").await == 2, "2 attempts: a 429 was not run");
    Ok(())
}

async fn a_delay_past_the_timeout(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    mock.respond("IdentifyAdmin", ResponseTemplate::new(200).set_delay(Duration::from_secs(3))).await;
    let config = mock.config().with_timeout(Some(Duration::from_millis(200)));
    let err = send(transport, config, IdentifyAdmin::new(), None).await.err().ok_or("no error")?;
    ensure!(err.is_timeout(), "{err:?}");
    ensure!(attempts(&mock, "IdentifyAdmin").await == 1, "a timeout is not retried");
    Ok(())
}

/// A raw server that answers every request with headers promising 100 bytes, sends 10 and hangs up.
async fn closing_server() -> (String, Arc<AtomicUsize>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"type\":\"";
    scripted_server(head.as_bytes().to_vec(), After::Close).await
}

/// What a scripted server does after its reply.
#[derive(Clone, Copy)]
enum After {
    /// Closes the connection.
    Close,
    /// Keeps it open, silent, for a while.
    Hang,
}

/// A server that reads each request's head, counts it, and answers exactly `reply` (any bytes, HTTP or not).
async fn scripted_server(reply: Vec<u8>, after: After) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = format!("http://{}", listener.local_addr().expect("an address"));
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&requests);
    let reply = Arc::new(reply);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let counter = Arc::clone(&counter);
            let reply = Arc::clone(&reply);
            tokio::spawn(async move {
                let mut seen = Vec::new();
                let mut buffer = [0u8; 4096];
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buffer[..n]),
                    }
                }
                counter.fetch_add(1, Ordering::SeqCst);
                let _ = socket.write_all(&reply).await;
                match after {
                    After::Close => drop(socket.shutdown().await),
                    After::Hang => tokio::time::sleep(Duration::from_secs(10)).await,
                }
            });
        }
    });
    (address, requests)
}

/// Sends `IdentifyAdmin` (a GET, safe to retry) to a scripted server.
async fn against(
    transport: Transport,
    reply: &[u8],
    after: After,
    cap: Option<usize>,
) -> (Result<String, Error>, usize) {
    let (address, requests) = scripted_server(reply.to_vec(), after).await;
    let config = MockIntercom::start_empty().await.config().with_base_url(&address).expect("a loopback URL");
    let result = send(transport, config, IdentifyAdmin::new(), cap).await.map(|a| a.value.id);
    (result, requests.load(Ordering::SeqCst))
}

/// The transport failure's kind, or what else came.
fn failure_kind(result: &Result<String, Error>) -> Result<TransportErrorKind, String> {
    match result {
        Err(Error::Transport { source, .. }) => Ok(source.kind()),
        other => Err(format!("{other:?}")),
    }
}

async fn reset_before_any_answer(transport: Transport) -> Outcome {
    let (result, requests) = against(transport, b"", After::Close, None).await;
    ensure!(failure_kind(&result)? == TransportErrorKind::Io, "{result:?}");
    ensure!(requests == 3, "retried like any failed connection: 3 attempts, saw {requests}");
    Ok(())
}

async fn garbage_bytes(transport: Transport) -> Outcome {
    let (result, requests) =
        against(transport, b"SSH-2.0-OpenSSH_9.6\r\nnot http at all\r\n\r\n", After::Close, None).await;
    ensure!(failure_kind(&result)? == TransportErrorKind::InvalidResponse, "{result:?}");
    ensure!(requests == 1, "not retried: the server answered, wrongly; saw {requests}");
    Ok(())
}

fn with_header_of(bytes: usize) -> Vec<u8> {
    let body = r#"{"type":"admin","id":"7"}"#;
    format!(
        "HTTP/1.1 200 OK\r\nX-Padding: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        "a".repeat(bytes),
        body.len()
    )
    .into_bytes()
}

async fn a_large_header_is_read(transport: Transport) -> Outcome {
    let (result, requests) = against(transport, &with_header_of(100 * 1024), After::Close, None).await;
    let id = result.map_err(|e| e.to_string())?;
    ensure!(id == "7" && requests == 1, "a 100 KB header is read by both clients");
    Ok(())
}

async fn oversized_headers(transport: Transport) -> Outcome {
    let (result, requests) =
        against(transport, &with_header_of(2 * intercom_core::transport::MAX_HEADER_BYTES), After::Hang, None).await;
    ensure!(failure_kind(&result)? == TransportErrorKind::InvalidResponse, "{result:?}");
    ensure!(requests == 1, "not retried; saw {requests}");
    Ok(())
}

async fn a_body_longer_than_its_length(transport: Transport) -> Outcome {
    let body = r#"{"type":"admin","id":"8"}"#;
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}garbage after the body",
        body.len()
    );
    let (result, requests) = against(transport, reply.as_bytes(), After::Close, None).await;
    let id = result.map_err(|e| e.to_string())?;
    ensure!(id == "8" && requests == 1, "Content-Length decides; what follows is not the answer");
    Ok(())
}

async fn a_content_length_over_the_cap(transport: Transport) -> Outcome {
    let reply = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500000000\r\n\r\n";
    let started = Instant::now();
    let (result, requests) = against(transport, reply, After::Hang, Some(1024)).await;
    ensure!(failure_kind(&result)? == TransportErrorKind::BodyTooLarge, "{result:?}");
    ensure!(started.elapsed() < Duration::from_secs(5), "refused before the body, not after waiting for it");
    ensure!(requests == 1, "not retried; saw {requests}");
    Ok(())
}

async fn an_early_close_after_the_headers(transport: Transport) -> Outcome {
    let reply = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n";
    let (result, requests) = against(transport, reply, After::Close, None).await;
    ensure!(failure_kind(&result)? == TransportErrorKind::Io, "{result:?}");
    ensure!(requests == 3, "retried (a GET); saw {requests}");
    Ok(())
}

async fn closed_mid_body_get(transport: Transport) -> Outcome {
    let (address, requests) = closing_server().await;
    let config = MockIntercom::start_empty().await.config().with_base_url(&address).map_err(|e| e.to_string())?;
    let err = send(transport, config, IdentifyAdmin::new(), None).await.err().ok_or("no error")?;
    let Error::Transport { source, .. } = &err else { return Err(format!("{err:?}")) };
    ensure!(source.kind() == TransportErrorKind::Io, "{err}");
    ensure!(requests.load(Ordering::SeqCst) == 3, "3 attempts, saw {}", requests.load(Ordering::SeqCst));
    Ok(())
}

async fn closed_mid_body_post(transport: Transport) -> Outcome {
    let (address, requests) = closing_server().await;
    let config = MockIntercom::start_empty().await.config().with_base_url(&address).map_err(|e| e.to_string())?;
    let err = send(transport, config, note(), None).await.err().ok_or("no error")?;
    ensure!(matches!(err, Error::Transport { .. }), "{err:?}");
    ensure!(requests.load(Ordering::SeqCst) == 1, "a POST is sent once, saw {}", requests.load(Ordering::SeqCst));
    Ok(())
}

async fn answered_with(
    transport: Transport,
    response: ResponseTemplate,
) -> (Result<Answer<intercom_core::models::AdminWithApp>, Error>, usize) {
    let mock = MockIntercom::start().await;
    mock.respond("IdentifyAdmin", response).await;
    let result = send(transport, mock.config(), IdentifyAdmin::new(), None).await;
    (result, attempts(&mock, "IdentifyAdmin").await)
}

async fn a_truncated_json_body(transport: Transport) -> Outcome {
    let (result, count) = answered_with(
        transport,
        ResponseTemplate::new(200).set_body_raw(r#"{"type":"admin","id":"1","na"#, "application/json"),
    )
    .await;
    let err = result.err().ok_or("no error")?;
    ensure!(matches!(err, Error::Decode(_)) && count == 1, "{err:?}, {count} attempts");
    Ok(())
}

async fn a_non_json_success(transport: Transport) -> Outcome {
    let (result, count) =
        answered_with(transport, ResponseTemplate::new(200).set_body_raw("<html>hi</html>", "text/html")).await;
    let err = result.err().ok_or("no error")?;
    ensure!(matches!(err, Error::Decode(_)) && count == 1, "{err:?}, {count} attempts");
    Ok(())
}

async fn an_html_server_error(transport: Transport) -> Outcome {
    let (result, count) =
        answered_with(transport, ResponseTemplate::new(503).set_body_raw("<h1>down</h1>", "text/html")).await;
    let err = result.err().ok_or("no error")?;
    let api = err.as_api().ok_or("an API error")?;
    ensure!(api.body == "<h1>down</h1>" && api.errors.is_empty() && count == 3, "{err}, {count} attempts");
    Ok(())
}

async fn malformed_rate_limit_headers(transport: Transport) -> Outcome {
    let (result, _) = answered_with(transport, admin_with("lots", "5", "soon")?).await;
    let answer = result.map_err(|e| e.to_string())?;
    let expected = Some(RateLimit { limit: None, remaining: Some(5), reset: None });
    ensure!(answer.rate_limit == expected, "{:?}", answer.rate_limit);
    Ok(())
}

async fn a_malformed_reset_on_a_429(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    first(&mock, "IdentifyAdmin", 1, ResponseTemplate::new(429).insert_header("x-ratelimit-reset", "soon")).await;
    let answer = send(transport, mock.config(), IdentifyAdmin::new(), None).await.map_err(|e| e.to_string())?;
    ensure!(answer.attempts == 2, "backed off and retried: {} attempts", answer.attempts);
    Ok(())
}

/// Sends `IdentifyAdmin` `times` times with one client of `transport` (so its pacer sees every answer),
/// failing instead of hanging when the sends take more than 20 seconds.
async fn identify_on_one_client(
    transport: Transport,
    config: Config,
    times: usize,
) -> Result<Vec<Result<u32, Error>>, String> {
    let sends = async move {
        match transport {
            Transport::Ureq => tokio::task::spawn_blocking(move || {
                let client = intercom_ureq::Client::from_config(config);
                (0..times).map(|_| client.send_with_answer(&IdentifyAdmin::new()).map(|a| a.attempts)).collect()
            })
            .await
            .expect("the blocking calls"),
            Transport::Hyper => {
                let client = intercom_hyper::Client::from_config(config);
                let mut results = Vec::new();
                for _ in 0..times {
                    results.push(client.send_with_answer(&IdentifyAdmin::new()).await.map(|a| a.attempts));
                }
                results
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(20), sends).await.map_err(|_| "the client hung".to_owned())
}

/// The recorded admin, with these rate-limit headers.
fn admin_with(limit: &str, remaining: &str, reset: &str) -> Result<ResponseTemplate, String> {
    let body = intercom_mock::fixtures::success("IdentifyAdmin").ok_or("a fixture")?.body;
    Ok(ResponseTemplate::new(200)
        .set_body_raw(body, "application/json")
        .insert_header("x-ratelimit-limit", limit)
        .insert_header("x-ratelimit-remaining", remaining)
        .insert_header("x-ratelimit-reset", reset))
}

async fn a_reset_in_milliseconds_does_not_hang(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    let millis = (now() * 1000 + 2_000).to_string();
    mock.respond("IdentifyAdmin", admin_with("100", "0", &millis)?).await;
    let results = identify_on_one_client(transport, mock.config(), 3).await?;
    ensure!(results.iter().all(|r| matches!(r, Ok(1))), "{results:?}");
    ensure!(attempts(&mock, "IdentifyAdmin").await == 3, "3 requests");
    Ok(())
}

async fn a_reset_no_clock_can_hold_does_not_panic(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    let max = u64::MAX.to_string();
    first(&mock, "IdentifyAdmin", 1, limited().insert_header("x-ratelimit-reset", max.as_str())).await;
    mock.respond("IdentifyAdmin", admin_with("100", "0", &max)?).await;
    let results = identify_on_one_client(transport, mock.config(), 2).await?;
    ensure!(matches!(results[..], [Ok(2), Ok(1)]), "backed off once, then answered: {results:?}");
    Ok(())
}

async fn a_429_an_hour_ahead_fails_and_later_sends_go_on(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    let hour = (now() + 3600).to_string();
    first(&mock, "IdentifyAdmin", 1, limited().insert_header("x-ratelimit-reset", hour.as_str())).await;
    let results = identify_on_one_client(transport, mock.config(), 2).await?;
    let [Err(refused), Ok(1)] = &results[..] else { return Err(format!("{results:?}")) };
    ensure!(refused.is_rate_limited(), "{refused}");
    ensure!(attempts(&mock, "IdentifyAdmin").await == 2, "the refusal was not retried, the next send went");
    Ok(())
}

async fn retry_after_is_honoured(transport: Transport) -> Outcome {
    let refusal = ResponseTemplate::new(429).insert_header("retry-after", "1");
    waits_before_trying_again(transport, refusal, Duration::from_secs(1), "Retry-After: 1").await
}

async fn a_429_is_retried_past_the_retry_count(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    first(&mock, "CreateContactNote", 3, ResponseTemplate::new(429).insert_header("retry-after", "1")).await;
    let answer = send(transport, mock.config(), note(), None).await.map_err(|e| e.to_string())?;
    ensure!(answer.attempts == 4, "three refusals, then the note: {} attempts", answer.attempts);
    ensure!(attempts(&mock, "CreateContactNote").await == 4, "4 requests");
    Ok(())
}

async fn a_refused_connection(transport: Transport) -> Outcome {
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
    let config = MockIntercom::start_empty()
        .await
        .config()
        .with_base_url(&format!("http://127.0.0.1:{port}"))
        .map_err(|e| e.to_string())?;
    let err = send(transport, config, IdentifyAdmin::new(), None).await.err().ok_or("no error")?;
    let Error::Transport { source, .. } = &err else { return Err(format!("{err:?}")) };
    ensure!(source.kind() == TransportErrorKind::Connect, "{err}");
    Ok(())
}

async fn a_huge_body(transport: Transport) -> Outcome {
    let mock = MockIntercom::start().await;
    mock.respond("IdentifyAdmin", ResponseTemplate::new(200).set_body_raw(vec![b' '; 10_000], "application/json"))
        .await;
    let err = send(transport, mock.config(), IdentifyAdmin::new(), Some(1024)).await.err().ok_or("no error")?;
    let Error::Transport { source, .. } = &err else { return Err(format!("{err:?}")) };
    ensure!(source.kind() == TransportErrorKind::BodyTooLarge, "{err}");
    ensure!(attempts(&mock, "IdentifyAdmin").await == 1, "not retried");
    Ok(())
}

async fn an_error_list_with_200(transport: Transport) -> Outcome {
    let body = r#"{"type":"error.list","errors":[{"code":"server_error","message":"x"}]}"#;
    let (result, count) =
        answered_with(transport, ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let err = result.err().ok_or("no error")?;
    ensure!(err.as_api().and_then(|a| a.code()) == Some("server_error") && count == 1, "{err}");
    Ok(())
}

async fn invalid_utf8(transport: Transport) -> Outcome {
    let (result, _) =
        answered_with(transport, ResponseTemplate::new(200).set_body_raw(vec![0xff, 0xfe, b'{'], "application/json"))
            .await;
    ensure!(matches!(result, Err(Error::Decode(_))), "{result:?}");
    Ok(())
}

async fn a_wrong_content_type(transport: Transport) -> Outcome {
    let body = intercom_mock::fixtures::success("IdentifyAdmin").ok_or("a fixture")?.body;
    let (result, _) = answered_with(transport, ResponseTemplate::new(200).set_body_raw(body, "text/plain")).await;
    ensure!(result.is_ok(), "JSON is read whatever the content type says: {result:?}");
    Ok(())
}

const CASES: &[(&str, Case)] = &[
    ("429 with reset header, then 200", |t| Box::pin(rate_limited_then_ok_with_reset(t))),
    ("429 waits for X-RateLimit-Reset", |t| Box::pin(rate_limited_waits_for_the_reset(t))),
    ("429 without headers, then 200", |t| Box::pin(rate_limited_then_ok_without_reset(t))),
    ("429 until retries are spent", |t| Box::pin(rate_limited_until_retries_are_spent(t))),
    ("5xx storm that recovers (GET)", |t| Box::pin(server_errors_that_recover(t))),
    ("5xx storm that does not (GET)", |t| Box::pin(server_errors_that_persist(t))),
    ("5xx on POST: not repeated", |t| Box::pin(a_post_is_not_repeated(t))),
    ("5xx on POST that opts in: repeated", |t| Box::pin(a_post_that_opts_in_is_repeated(t))),
    ("5xx on a search (POST that reads): repeated", |t| Box::pin(a_search_is_repeated_like_a_get(t))),
    ("429 on POST: repeated", |t| Box::pin(a_rate_limited_post_is_repeated(t))),
    ("delay past the timeout", |t| Box::pin(a_delay_past_the_timeout(t))),
    ("connection closed mid-body (GET)", |t| Box::pin(closed_mid_body_get(t))),
    ("connection closed mid-body (POST)", |t| Box::pin(closed_mid_body_post(t))),
    ("truncated JSON", |t| Box::pin(a_truncated_json_body(t))),
    ("non-JSON 200", |t| Box::pin(a_non_json_success(t))),
    ("HTML 503", |t| Box::pin(an_html_server_error(t))),
    ("malformed rate-limit headers", |t| Box::pin(malformed_rate_limit_headers(t))),
    ("malformed reset on a 429", |t| Box::pin(a_malformed_reset_on_a_429(t))),
    ("reset in milliseconds: no hang", |t| Box::pin(a_reset_in_milliseconds_does_not_hang(t))),
    ("reset u64::MAX: no panic", |t| Box::pin(a_reset_no_clock_can_hold_does_not_panic(t))),
    ("429 an hour ahead: fails, then sends go on", |t| Box::pin(a_429_an_hour_ahead_fails_and_later_sends_go_on(t))),
    ("429 with Retry-After", |t| Box::pin(retry_after_is_honoured(t))),
    ("429 three times on a POST: retried past the count", |t| Box::pin(a_429_is_retried_past_the_retry_count(t))),
    ("connection refused", |t| Box::pin(a_refused_connection(t))),
    ("reset before any answer", |t| Box::pin(reset_before_any_answer(t))),
    ("garbage bytes, not HTTP", |t| Box::pin(garbage_bytes(t))),
    ("a 100 KB header", |t| Box::pin(a_large_header_is_read(t))),
    ("headers over MAX_HEADER_BYTES", |t| Box::pin(oversized_headers(t))),
    ("body longer than its Content-Length", |t| Box::pin(a_body_longer_than_its_length(t))),
    ("Content-Length over the body cap", |t| Box::pin(a_content_length_over_the_cap(t))),
    ("close after the headers", |t| Box::pin(an_early_close_after_the_headers(t))),
    ("body over the size cap", |t| Box::pin(a_huge_body(t))),
    ("200 with an error.list", |t| Box::pin(an_error_list_with_200(t))),
    ("invalid UTF-8", |t| Box::pin(invalid_utf8(t))),
    ("JSON with a wrong content type", |t| Box::pin(a_wrong_content_type(t))),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_suite() {
    let mut failures = Vec::new();
    let mut passed = 0;
    println!("{:<40} {:<6} result", "fault", "client");
    for (name, case) in CASES {
        for transport in Transport::BOTH {
            let outcome = case(transport).await;
            println!(
                "{name:<40} {:<6} {}",
                format!("{transport:?}"),
                outcome.as_ref().err().map_or("ok", |e| e.as_str())
            );
            match outcome {
                Ok(()) => passed += 1,
                Err(e) => failures.push(format!("{name} via {transport:?}: {e}")),
            }
        }
    }
    println!("fault suite: {passed} passed, {} failed", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "current_thread")]
async fn dropping_the_async_future_cancels_the_request() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = format!("http://{}", listener.local_addr().expect("an address"));
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("a connection");
        let mut buffer = [0u8; 4096];
        let mut read = 0;
        loop {
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => return read,
                Ok(n) => read += n,
            }
        }
    });
    let config = Config::new("t").with_base_url(&address).expect("loopback");
    let client = intercom_hyper::Client::from_config(config);
    let request = IdentifyAdmin::new();
    let outcome = tokio::time::timeout(Duration::from_millis(300), client.send(&request)).await;
    assert!(outcome.is_err(), "the server never answers");
    let read =
        tokio::time::timeout(Duration::from_secs(5), server).await.expect("the connection closed").expect("the server");
    assert!(read > 0, "the request reached the server before it was cancelled");
}
