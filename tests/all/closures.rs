//! Closures stand in for the network: both transport traits are implemented for them.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::{Request, Response};
use intercom_core::endpoints::{CreateContactNote, ListSegments};
use intercom_core::models::CreateContactNoteRequest;
use intercom_core::{AsyncClient, BlockingClient, Config, RetryPolicy, TransportError, TransportErrorKind};

#[test]
fn a_blocking_closure_sees_the_exact_request_and_its_answer_is_decoded() {
    let seen = Arc::new(Mutex::new(None));
    let record = Arc::clone(&seen);
    let transport = move |request: Request<Vec<u8>>| -> Result<Response<Vec<u8>>, TransportError> {
        *record.lock().unwrap() = Some(request);
        Ok(Response::new(br#"{"type":"note","id":"34","body":"<p>Hi</p>"}"#.to_vec()))
    };
    let client = BlockingClient::with_transport(Config::new("t0k"), transport);

    let note = CreateContactNote::new("c 1", CreateContactNoteRequest::new("Hi")).send(&client).unwrap();
    assert_eq!(note.id, "34");
    assert_eq!(note.body.as_deref(), Some("<p>Hi</p>"));

    let request = seen.lock().unwrap().take().unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri(), "https://api.intercom.io/contacts/c%201/notes");
    assert_eq!(request.headers()["authorization"], "Bearer t0k");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.body(), br#"{"body":"Hi"}"#);
}

#[tokio::test(flavor = "current_thread")]
async fn an_async_closure_works_is_retried_without_a_runtime_timer_and_fails_typed() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let transport = move |request: Request<Vec<u8>>| {
        counter.fetch_add(1, Ordering::SeqCst);
        async move {
            assert_eq!(request.uri(), "https://api.eu.intercom.io/segments");
            Err::<Response<Vec<u8>>, _>(TransportError::from_kind(TransportErrorKind::Io))
        }
    };
    let quick = RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5));
    let config = Config::new("t").with_region(intercom_core::Region::Eu).with_retry_policy(quick);
    let client = AsyncClient::with_transport(config, transport);
    let err = ListSegments::new().send(&client).await.unwrap_err();
    assert_eq!(err.to_string(), "could not complete GET /segments: the connection failed");
    assert!(err.is_retryable());
    assert_eq!(calls.load(Ordering::SeqCst), 3, "a GET that failed to connect is tried 3 times");
}
