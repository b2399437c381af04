//! The Preview API (the `preview` feature): its description's examples against the preview models, the
//! version its endpoints send, and the mock answering Preview requests with Preview's recorded answers.

use intercom_codegen::overrides::Overrides;
use intercom_core::endpoints::{self, preview};
use intercom_core::{ApiVersion, RequestOptions};
use intercom_mock::{fixtures, MockIntercom};
use serde_json::Value;

use crate::generated_preview_schemas::{with_schema_type, OPERATIONS};
use crate::schemas::{check_request_examples, check_version, debug, load, operations_of, round_trip, Registry, Tally};
use crate::support::{header, Transport};

/// Every Preview type, as `models::preview` names it.
const PREVIEW: Registry = Registry {
    operations: OPERATIONS,
    round_trip: |key, value| with_schema_type!(key, round_trip(value)),
    debug: |key, value| with_schema_type!(key, debug(value)),
};

fn overrides() -> Overrides {
    Overrides::load(&intercom_codegen::overrides_path()).expect("the overrides file")
}

#[test]
fn every_response_example_of_preview_decodes_and_writes_back_exactly() {
    let spec = load("preview");
    let mut tally = Tally::default();
    check_version(&PREVIEW, &spec, "Preview", &mut tally);
    println!(
        "Preview: {} examples decoded, {} decode errors, {} written back differently, {} operations skipped",
        tally.decoded,
        tally.failures.len(),
        tally.differences.len(),
        tally.skipped.len()
    );
    assert!(tally.decoded > 300, "the Preview description has hundreds of response examples: {}", tally.decoded);
    assert!(tally.skipped.is_empty(), "every Preview operation has a type: {:?}", tally.skipped);
    assert!(tally.failures.is_empty(), "{}", tally.failures.join("\n"));
    assert!(tally.differences.is_empty(), "{}", tally.differences.join("\n"));
}

#[test]
fn every_request_example_of_preview_serializes_back() {
    let spec = load("preview");
    let tally = check_request_examples(&PREVIEW, operations_of(&spec), &overrides());
    println!("Preview request examples: {} checked", tally.checked);
    assert!(tally.checked > 50, "{}", tally.checked);
    assert!(tally.failures.is_empty(), "{} differ:\n{}", tally.failures.len(), tally.failures.join("\n"));
}

#[test]
fn every_schema_of_preview_is_a_model_type() {
    fn exists<T>() {}
    let spec = load("preview");
    let schemas = spec.at(&["components", "schemas"]).map(intercom_codegen::Node::entries).unwrap_or_default();
    let missing: Vec<&str> = schemas
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| with_schema_type!(*name, exists()).is_none())
        .collect();
    assert_eq!(schemas.len(), 385);
    assert!(missing.is_empty(), "Preview schemas without a model type: {missing:?}");
}

#[test]
fn every_recorded_preview_answer_decodes_as_its_preview_type() {
    let mut decoded = 0;
    for fixture in fixtures::all_preview().iter().filter(|f| f.content_type == "application/json") {
        let name = format!("preview {} {}", fixture.operation, fixture.file);
        let operation = PREVIEW.operation_named(fixture.operation).expect("a fixture of a known operation");
        let key = crate::schemas::response_key(operation, &fixture.status.to_string())
            .unwrap_or_else(|| panic!("{name}: no type declared"));
        let value: Value = serde_json::from_slice(fixture.body).unwrap_or_else(|e| panic!("{name}: {e}"));
        let shown = (PREVIEW.debug)(key, &value).expect("a type").unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!shown.contains("Other("), "{name}: a one-of fell back to `Other`:\n{shown}");
        decoded += 1;
    }
    assert!(decoded > 100, "{decoded}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_preview_endpoint_sends_preview_whatever_the_client_version() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let config = mock.config().with_api_version(ApiVersion::V2_11);
        let folders = transport.send(config, preview::ListFolders::new()).await.unwrap();
        let received = mock.received(preview::ListFolders::OPERATION).await;
        assert_eq!(received.len(), 1, "{transport:?}");
        assert_eq!(header(&received[0], "intercom-version"), "Preview", "{transport:?}");
        let recorded = fixtures::success(preview::ListFolders::OPERATION).unwrap();
        let expected: intercom_core::models::preview::ListFoldersResponse =
            serde_json::from_slice(recorded.body).unwrap();
        assert_eq!(folders, expected, "{transport:?}: the recorded Preview answer");
        assert_eq!(folders.total_count, Some(2), "{transport:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_version_wins_over_preview() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let request = preview::GetContact::new("63a07ddf05a32042dffac965")
            .with_options(RequestOptions::new().api_version(ApiVersion::V2_16));
        transport.send(mock.config(), request).await.unwrap();
        // Sent with 2.16, it is the stable operation the mock answers.
        let received = mock.received(endpoints::GetContact::OPERATION).await;
        assert_eq!(received.len(), 1, "{transport:?}");
        assert_eq!(header(&received[0], "intercom-version"), "2.16", "{transport:?}");
        assert!(mock.received(preview::GetContact::OPERATION).await.is_empty(), "{transport:?}");

        // An operation only Preview has is refused with a stable version, before anything is sent.
        let request = preview::ListFolders::new().with_options(RequestOptions::new().api_version("2.16"));
        let err = transport.send(mock.config(), request).await.unwrap_err();
        assert!(err.to_string().contains("ListFolders (GET /folders) is not in API 2.16"), "{err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mock_answers_each_version_with_its_own_recording() {
    let mock = MockIntercom::start().await;
    let id = "63a07ddf05a32042dffac965";
    let stable = Transport::Ureq.send(mock.config(), endpoints::GetContact::new(id)).await.unwrap();
    let preview = Transport::Ureq.send(mock.config(), preview::GetContact::new(id)).await.unwrap();
    let stable_recorded = fixtures::success(endpoints::GetContact::OPERATION).unwrap();
    let preview_recorded = fixtures::success(preview::GetContact::OPERATION).unwrap();
    assert_ne!(stable_recorded.body, preview_recorded.body);
    assert_eq!(stable.id, serde_json::from_slice::<Value>(stable_recorded.body).unwrap()["id"]);
    assert_eq!(preview.id, serde_json::from_slice::<Value>(preview_recorded.body).unwrap()["id"]);
    assert_eq!(mock.received(endpoints::GetContact::OPERATION).await.len(), 1);
    assert_eq!(mock.received("preview::GetContact").await.len(), 1, "a Preview operation named as a string");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stable_endpoint_reaches_preview_with_the_preview_version() {
    // ListTags is the same in Preview, so it has no `preview` type: the stable one, sent with Preview.
    assert!(intercom_core::operations::preview::find("ListTags").is_none());
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let config = mock.config().with_api_version(ApiVersion::PREVIEW);
        let tags = transport.send(config, endpoints::ListTags::new()).await.unwrap();
        assert!(!tags.data.is_empty(), "{transport:?}");
        let received = mock.received(endpoints::ListTags::OPERATION).await;
        assert_eq!(header(&received[0], "intercom-version"), "Preview", "{transport:?}");
    }
}

#[test]
fn a_type_preview_shares_is_the_stable_type() {
    // Compiles only while `models::preview::Tag` is `models::Tag` (re-exported, not generated twice).
    fn same(tag: intercom_core::models::preview::Tag) -> intercom_core::models::Tag {
        tag
    }
    let mut tag = intercom_core::models::Tag::default();
    tag.name = Some("vip".into());
    assert_eq!(same(tag.clone()), tag);
    assert_eq!(preview::GetContact::OPERATION.path, "/contacts/{id}");
    assert!(preview::GetContact::OPERATION.preview);
    assert!(!endpoints::GetContact::OPERATION.preview);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_preview_bulk_job_is_waited_for_and_the_mock_moves_it_along() {
    use intercom_core::models::preview::ContactsBulkJobState;
    use intercom_core::{JobOutcome, JobWait};
    let wait = JobWait::new().with_pauses(std::time::Duration::from_millis(5), std::time::Duration::from_millis(20));
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let status = preview::GetContactsBulkJob::new("job_v2_9");
        let config = mock.config();
        let outcome = match transport {
            Transport::Ureq => {
                let wait = wait.clone();
                tokio::task::spawn_blocking(move || intercom_ureq::Client::from_config(config).wait_for(&status, &wait))
                    .await
                    .unwrap()
            }
            Transport::Hyper => intercom_hyper::Client::from_config(config).wait_for(&status, &wait).await,
        };
        let JobOutcome::Completed(job) = outcome.expect("a wait") else { panic!("{transport:?}") };
        assert_eq!((job.id.as_str(), job.state), ("job_v2_9", Some(ContactsBulkJobState::Completed)));
        let polls = mock.received(preview::GetContactsBulkJob::OPERATION).await;
        assert_eq!(polls.len(), 3, "{transport:?}: pending, running, completed");
        assert!(polls.iter().all(|p| p.headers.get("intercom-version").is_some_and(|v| v == "Preview")));
    }
}
