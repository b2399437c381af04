//! What every generated per-operation test checks: the built request (an insta snapshot), and through both
//! transports against the mock the exact request received and the recorded answer decoded.

use std::fmt::Debug;

use intercom_core::protocol::{build_request, parse_response, Endpoint};
use intercom_core::Config;
use intercom_mock::{fixtures, MockIntercom, MOCK_TOKEN};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::support::{header, path_and_query, render_request, same_json, Transport};

/// The token of the request snapshots (redacted in them).
const TOKEN: &str = "tok_SNAPSHOT";

/// A value of `T` from JSON: how generated tests write their samples.
pub fn sample<T: DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("sample {json} does not decode: {e}"))
}

/// What the mock must receive.
pub struct Expected {
    /// The path, percent-encoded.
    pub path: &'static str,
    /// The query string, without `?`.
    pub query: &'static str,
    /// The JSON body.
    pub body: Option<&'static str>,
    /// Whether the body must equal `body` (else it must equal what the endpoint serializes, because the
    /// spec's example is a listed known difference).
    pub exact_body: bool,
    /// The `Intercom-Version` sent: the newest version that has the operation.
    pub version: &'static str,
}

/// Runs the checks for one operation.
pub async fn check_operation<E>(endpoint: E, expected: Expected)
where
    E: Endpoint + Clone + Send + Sync + 'static,
    E::Output: Debug + Send + 'static,
{
    let operation = endpoint.operation();
    let request = build_request(&Config::new(TOKEN), &endpoint).unwrap_or_else(|e| panic!("{}: {e}", operation.name));
    let snapshot = if operation.preview { format!("preview__{}", operation.name) } else { operation.name.to_owned() };
    insta::assert_snapshot!(snapshot, render_request(&request, TOKEN));
    let sent_body: Option<Value> = endpoint.body().expect("a body").map(|b| serde_json::from_slice(&b).expect("JSON"));

    for transport in Transport::BOTH {
        let context = format!("{} via {transport:?}", operation.name);
        let mock = MockIntercom::start().await;
        // The recorded answer, as recorded: jobs do not move along here.
        mock.set_jobs(intercom_mock::MockJobs::as_recorded());
        mock.keep_writes(false);
        let output = transport.send(mock.config(), endpoint.clone()).await.unwrap_or_else(|e| panic!("{context}: {e}"));

        let received = mock.received(operation).await;
        assert_eq!(received.len(), 1, "{context}: one request routed to the operation");
        let request = &received[0];
        assert_eq!(request.method, operation.method, "{context}");
        assert_eq!(request.url.path(), expected.path, "{context}");
        let query = path_and_query(request).split_once('?').map(|(_, q)| q.to_owned()).unwrap_or_default();
        assert_eq!(query, expected.query, "{context}: query");
        assert_eq!(header(request, "authorization"), format!("Bearer {MOCK_TOKEN}"), "{context}");
        assert_eq!(header(request, "intercom-version"), expected.version, "{context}");
        assert_eq!(header(request, "user-agent"), intercom_core::protocol::USER_AGENT, "{context}");
        match (&expected.body, &sent_body) {
            (Some(example), Some(sent)) => {
                assert_eq!(header(request, "content-type"), "application/json", "{context}");
                let received: Value = serde_json::from_slice(&request.body).expect("a JSON body");
                assert_eq!(&received, sent, "{context}: the body arrives as the endpoint serialized it");
                if expected.exact_body {
                    let example: Value = serde_json::from_str(example).expect("the example is JSON");
                    assert!(
                        same_json(&received, &example),
                        "{context}: sent {received}\n the spec's example is {example}"
                    );
                }
            }
            (None, None) => assert!(request.body.is_empty(), "{context}: no body"),
            _ => panic!("{context}: the test and the endpoint disagree about the body"),
        }

        let fixture = fixtures::success(operation).unwrap_or_else(|| panic!("{context}: no recorded success"));
        let answer = http::Response::builder().status(fixture.status).body(fixture.body.to_vec()).expect("a status");
        let direct = parse_response(&endpoint, answer).unwrap_or_else(|e| panic!("{context}: the recording: {e}"));
        assert_eq!(format!("{output:?}"), format!("{direct:?}"), "{context}: decoded value");
    }
}
