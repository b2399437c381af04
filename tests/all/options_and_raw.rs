//! Per-request options and the raw escape hatch, through both transports; the operation table against the
//! spec.

use std::time::Duration;

use intercom_core::endpoints::{IdentifyAdmin, ListSegments};
use intercom_core::models::ContactList;
use intercom_core::{operations, Raw, RequestOptions};
use intercom_mock::{fixtures, MockIntercom};
use serde_json::{json, Value};
use wiremock::ResponseTemplate;

use crate::support::{header, path_and_query, Transport};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_request_options_reach_the_wire() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let options = RequestOptions::new().api_version("2.10").header("X-Trace", "abc").query("extra", "1 2");
        let request = ListSegments::new().include_count(true).with_options(options);
        let list = transport.send(mock.config(), request).await.unwrap_or_else(|e| panic!("{transport:?}: {e}"));
        assert_eq!(list.segments.len(), 2);
        let received = &mock.received("ListSegments").await[0];
        assert_eq!(header(received, "intercom-version"), "2.10", "{transport:?}");
        assert_eq!(header(received, "x-trace"), "abc", "{transport:?}");
        assert_eq!(path_and_query(received), "/segments?include_count=true&extra=1%202", "{transport:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_per_request_timeout_overrides_the_clients() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond("IdentifyAdmin", ResponseTemplate::new(200).set_delay(Duration::from_secs(3))).await;
        let config = mock.config().with_timeout(Some(Duration::from_secs(30)));
        let request = IdentifyAdmin::new().with_options(RequestOptions::new().timeout(Duration::from_millis(200)));
        let err = transport.send(config, request).await.unwrap_err();
        assert!(err.is_timeout(), "{transport:?}: {err:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_header_is_refused_before_sending() {
    let mock = MockIntercom::start().await;
    let request = IdentifyAdmin::new().with_options(RequestOptions::new().header("bad header", "x"));
    let err = Transport::Hyper.send(mock.config(), request).await.unwrap_err();
    assert_eq!(err.to_string(), "invalid request: `bad header` is not a valid header name");
    assert!(mock.server().received_requests().await.unwrap_or_default().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_requests_carry_auth_version_and_errors() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;

        let me: Value = transport.send(mock.config(), Raw::get("/me")).await.unwrap();
        let recorded: Value = serde_json::from_slice(fixtures::success("IdentifyAdmin").unwrap().body).unwrap();
        assert_eq!(me, recorded, "{transport:?}");
        let received = &mock.received("IdentifyAdmin").await[0];
        assert_eq!(header(received, "authorization"), format!("Bearer {}", intercom_mock::MOCK_TOKEN));
        assert_eq!(header(received, "intercom-version"), "2.16");

        let query = json!({"query": {"field": "email", "operator": "=", "value": "a@b.c"}});
        let search = Raw::post("/contacts/search").json(&query).unwrap().query("x", "1").output::<ContactList>();
        let page = transport.send(mock.config(), search).await.unwrap();
        assert_eq!(page.total_count, Some(0), "{transport:?}");
        let received = &mock.received("SearchContacts").await[0];
        assert_eq!(path_and_query(received), "/contacts/search?x=1");
        assert_eq!(received.body_json::<Value>().unwrap(), query);

        let accepted: Value =
            transport.send(mock.config(), Raw::post("/events").json(&json!({})).unwrap()).await.unwrap();
        assert_eq!(accepted, Value::Null, "{transport:?}: an empty answer reads as null");

        let err = transport.send(mock.config(), Raw::get("/no/such/path")).await.unwrap_err();
        assert_eq!(err.as_api().and_then(|e| e.code()), Some("intercom_mock_no_route"));
        assert!(err.to_string().contains("to GET /no/such/path:"), "{err}");

        let err = transport.send(mock.config(), Raw::get("me")).await.unwrap_err();
        assert_eq!(err.to_string(), "invalid request: raw path `me` must start with `/`");
    }
}

#[test]
fn the_operation_table_covers_every_operation_of_2_11_and_2_16() {
    let dir = intercom_codegen::spec_dir();
    let mut lines = Vec::new();
    let mut missing = Vec::new();
    for version in [intercom_codegen::LEGACY, intercom_codegen::NEWEST] {
        let spec =
            intercom_codegen::spec::load(&dir.join(version).join("api.intercom.io.yaml")).expect("a description");
        let mut in_spec = 0;
        for (path, item) in spec.get("paths").map(intercom_codegen::Node::entries).unwrap_or_default() {
            for (method, _) in item.entries().iter().filter(|(m, _)| m != "parameters") {
                in_spec += 1;
                let route = normalized(path);
                let covered = operations::ALL
                    .iter()
                    .any(|o| normalized(o.path) == route && o.method.as_str().eq_ignore_ascii_case(method));
                if !covered {
                    missing.push(format!("{version}: {} {path}", method.to_ascii_uppercase()));
                }
            }
        }
        lines.push(format!("{version}: {in_spec} operations"));
    }
    println!("operation coverage: every operation of {}; {} in the SDK", lines.join(", "), operations::ALL.len());
    assert!(missing.is_empty(), "operations of the descriptions the SDK does not cover: {missing:?}");
    assert_eq!(operations::ALL.len(), 233, "2.16's 231, the one it dropped and the one it answers otherwise");
}

fn normalized(path: &str) -> String {
    intercom_codegen::route::normalized(path)
}
