//! The mock answers any operation with any error status in Intercom's shape, and its helpers for common
//! faults, as both clients see them.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use intercom_core::endpoints::{GetContact, GetNote, IdentifyAdmin};
use intercom_core::{ErrorCode, RetryPolicy};
use intercom_mock::MockIntercom;

use crate::support::Transport;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn any_status_and_the_common_faults_answer_in_intercoms_shape() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        // No example records a 409 for GetContact: the mock makes one up.
        mock.respond_with_fixture(GetContact::OPERATION, 409).await;
        let err = transport.send(mock.config(), GetContact::new("c1")).await.expect_err("a 409");
        assert!(err.is_conflict() && err.code() == Some(ErrorCode::Conflict), "{transport:?}: {err}");
        assert_eq!(err.request_id(), Some("intercom-mock"));

        mock.not_found(GetNote::OPERATION).await;
        let err = transport.send(mock.config(), GetNote::new("1")).await.expect_err("a 404");
        assert!(err.is_not_found() && err.code() == Some(ErrorCode::NotFound), "{transport:?}: {err}");

        mock.server_error(IdentifyAdmin::OPERATION).await;
        let err = transport.send(mock.config(), IdentifyAdmin::new()).await.expect_err("a 500");
        assert_eq!(err.code(), Some(ErrorCode::ServerError), "{transport:?}: {err}");
        mock.assert_received(IdentifyAdmin::OPERATION, 3).await; // a GET: retried twice

        let mock = MockIntercom::start().await;
        let reset = SystemTime::now() + Duration::from_secs(30);
        mock.rate_limited(IdentifyAdmin::OPERATION, reset).await;
        let config = mock.config().with_retry_policy(RetryPolicy::none());
        let err = transport.send(config, IdentifyAdmin::new()).await.expect_err("a 429");
        assert!(err.is_rate_limited() && err.code() == Some(ErrorCode::RateLimitExceeded), "{transport:?}: {err}");
        let limit = err.as_api().and_then(|api| api.rate_limit).expect("the headers");
        assert_eq!(limit.remaining, Some(0));
        assert_eq!(limit.reset, Some(reset.duration_since(UNIX_EPOCH).unwrap().as_secs()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_count_names_the_asserting_line_and_what_did_arrive() {
    let mock = std::sync::Arc::new(MockIntercom::start().await);
    let client = intercom_hyper::Client::from_config(mock.config());
    IdentifyAdmin::new().send(&client).await.expect("me");
    GetNote::new("1").send(&client).await.expect("a note");

    let asserting = mock.clone();
    let line = line!() + 1;
    let task = tokio::spawn(async move { asserting.assert_received(IdentifyAdmin::OPERATION, 2).await });
    let panic = task.await.expect_err("a failed count panics").into_panic();
    let message = panic.downcast_ref::<String>().expect("a message");
    assert!(
        message.starts_with("intercom-mock: expected 2 request(s) to IdentifyAdmin (GET /me), got 1:\n"),
        "{message}"
    );
    assert!(message.contains("/me (IdentifyAdmin)"), "{message}");
    assert!(
        message.contains("the other requests it received:\n  GET ") && message.contains("/notes/1 (GetNote)"),
        "{message}"
    );
    assert!(message.contains(&format!("(asserted at {}:{line}:", file!())), "{message}");
    mock.assert_received(GetNote::OPERATION, 1).await;
}
