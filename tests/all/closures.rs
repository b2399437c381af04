//! Closures stand in for the network: both transport traits are implemented for them.

use std::sync::{Arc, Mutex};

use http::{Request, Response};
use intercom_core::endpoints::{CreateNote, ListSegments};
use intercom_core::models::CreateNoteRequest;
use intercom_core::{AsyncClient, BlockingClient, Config, TransportError, TransportErrorKind};

#[test]
fn a_blocking_closure_sees_the_exact_request_and_its_answer_is_decoded() {
    let seen = Arc::new(Mutex::new(None));
    let record = Arc::clone(&seen);
    let transport = move |request: Request<Vec<u8>>| -> Result<Response<Vec<u8>>, TransportError> {
        *record.lock().unwrap() = Some(request);
        Ok(Response::new(br#"{"type":"note","id":"34","body":"<p>Hi</p>"}"#.to_vec()))
    };
    let client = BlockingClient::with_transport(Config::new("t0k"), transport);

    let note = CreateNote::new("c 1", CreateNoteRequest::new("Hi")).send(&client).unwrap();
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
async fn an_async_closure_works_and_its_failure_is_a_typed_error() {
    let transport = |request: Request<Vec<u8>>| async move {
        assert_eq!(request.uri(), "https://api.eu.intercom.io/segments");
        Err::<Response<Vec<u8>>, _>(TransportError::from_kind(TransportErrorKind::Io))
    };
    let client = AsyncClient::with_transport(Config::new("t").with_region(intercom_core::Region::Eu), transport);
    let err = ListSegments::new().send(&client).await.unwrap_err();
    assert_eq!(err.to_string(), "could not complete GET /segments: the connection failed");
    assert!(err.is_retryable());
}
