//! Scenarios run against both transports and the mock: request shapes, and answers that come back as the
//! right value or error. (Every operation's own request and answer: `generated/operations.rs`.)

use std::time::Duration;

use intercom_core::endpoints::{CreateDataEvent, GetNote, IdentifyAdmin, ListAdmins, SearchContacts};
use intercom_core::models::{CreateDataEventRequest, FilterValue, SearchOperator, SingleFilterSearchRequest};
use intercom_core::protocol::Endpoint;
use intercom_core::{Error, TransportErrorKind};
use intercom_mock::MockIntercom;
use serde_json::{json, Value};
use wiremock::ResponseTemplate;

use crate::support::{path_and_query, Transport};

fn search_single() -> SearchContacts {
    let email = FilterValue::String("joe@example.com".into());
    SearchContacts::query(SingleFilterSearchRequest::new("email", SearchOperator::Eq, email))
}

fn create_data_event() -> CreateDataEvent {
    CreateDataEvent::new(
        CreateDataEventRequest::for_user_id("invited-friend", 1671028894, "314159")
            .insert_metadata("invite_code", "ADDAFRIEND"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_single_filter_search_is_sent_as_the_spec_shape() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let page = transport.send(mock.config(), search_single()).await.unwrap();
        assert_eq!(page.total_count, Some(0), "{transport:?}");
        let sent: Value = mock.received("SearchContacts").await[0].body_json().unwrap();
        assert_eq!(sent, json!({"query": {"field": "email", "operator": "=", "value": "joe@example.com"}}));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn path_parameters_are_percent_encoded_into_one_segment() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond_with_fixture("GetNote", 200).await;
        transport.send(mock.config(), GetNote::new("a/b+c@d e")).await.unwrap();
        let received = mock.received("GetNote").await;
        assert_eq!(path_and_query(&received[0]), "/notes/a%2Fb%2Bc%40d%20e", "{transport:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_list_401_is_an_api_error_with_code_message_and_request_id() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond_with_fixture("ListAdmins", 401).await;
        let err = transport.send(mock.config(), ListAdmins::new()).await.unwrap_err();
        let api = err.as_api().unwrap_or_else(|| panic!("{transport:?}: {err:?}"));
        assert_eq!(api.status, 401);
        assert_eq!(api.code(), Some("unauthorized"));
        assert_eq!(api.message(), Some("Access Token Invalid"));
        assert_eq!(err.request_id(), Some("5ef5682e-f66e-40a4-b828-8592175f83b8"));
        assert!(!err.is_retryable());
        assert_eq!(
            err.to_string(),
            "Intercom answered 401 Unauthorized to GET /admins: unauthorized: Access Token Invalid \
             [request id 5ef5682e-f66e-40a4-b828-8592175f83b8]"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_list_404_names_the_path_template_not_the_id() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond_with_fixture("GetNote", 404).await;
        let err = transport.send(mock.config(), GetNote::new("999")).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(404), "{transport:?}");
        assert_eq!(
            err.to_string(),
            "Intercom answered 404 Not Found to GET /notes/{note_id}: not_found: Resource Not Found \
             [request id bc300b1a-492a-405f-924e-a5881cb72e3a]"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_json_502_keeps_status_body_and_header_request_id() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let page = ResponseTemplate::new(502).set_body_raw(html, "text/html").insert_header("x-request-id", "req-502");
        mock.respond("IdentifyAdmin", page).await;
        let err = transport.send(mock.config(), IdentifyAdmin::new()).await.unwrap_err();
        let api = err.as_api().unwrap_or_else(|| panic!("{transport:?}: {err:?}"));
        assert_eq!(api.status, 502);
        assert!(api.errors.is_empty());
        assert_eq!(api.body, html);
        assert_eq!(api.request_id.as_deref(), Some("req-502"));
        assert!(err.is_retryable());
        assert_eq!(
            err.to_string(),
            format!("Intercom answered 502 Bad Gateway to GET /me with a body that is not an Intercom error: `{html}` [request id req-502]")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_202_is_unit() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let result: () = transport.send(mock.config(), create_data_event()).await.unwrap();
        assert_eq!(result, ());
        assert_eq!(mock.received("CreateDataEvent").await.len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_200_with_an_error_list_body_is_an_api_error() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let body = r#"{"type":"error.list","request_id":"r-1","errors":[{"code":"parameter_invalid","message":"bad","field":"email"}]}"#;
        mock.respond("IdentifyAdmin", ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
        let err = transport.send(mock.config(), IdentifyAdmin::new()).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "Intercom answered 200 OK to GET /me: parameter_invalid (field `email`): bad [request id r-1]",
            "{transport:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_truncated_json_is_a_decode_error_with_path_and_snippet() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let body = r#"{"type":"segment.list","segments":[{"id":"1","created_at":"yesterday"}]}"#;
        mock.respond("ListSegments", ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
        let err = transport.send(mock.config(), intercom_core::endpoints::ListSegments::new()).await.unwrap_err();
        let Error::Decode(decode) = &err else { panic!("{transport:?}: {err:?}") };
        assert_eq!(decode.path, "segments[0].created_at");
        assert_eq!(decode.snippet, body);
        assert!(err.to_string().starts_with(
            "could not decode Intercom's 200 OK answer to GET /segments: at `segments[0].created_at`: `yesterday` is not an integer"
        ), "{err}");

        let mock = MockIntercom::start().await;
        mock.respond("ListSegments", ResponseTemplate::new(200).set_body_raw(&body[..40], "application/json")).await;
        let err = transport.send(mock.config(), intercom_core::endpoints::ListSegments::new()).await.unwrap_err();
        let Error::Decode(decode) = &err else { panic!("{transport:?}: {err:?}") };
        assert!(decode.message.starts_with("EOF while parsing"), "{transport:?}: {}", decode.message);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_answer_is_a_timeout() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond("IdentifyAdmin", ResponseTemplate::new(200).set_delay(Duration::from_secs(5))).await;
        let config = mock.config().with_timeout(Some(Duration::from_millis(200)));
        let err = transport.send(config, IdentifyAdmin::new()).await.unwrap_err();
        assert!(err.is_timeout(), "{transport:?}: {err:?}");
        assert!(err.to_string().starts_with("GET /me timed out"), "{err}");
        assert!(err.is_retryable());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_port_is_a_connect_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    for transport in Transport::BOTH {
        let config = intercom_core::Config::new("t")
            .with_base_url(&format!("http://127.0.0.1:{port}"))
            .unwrap()
            .with_retry_policy(intercom_core::RetryPolicy::none());
        let err = transport.send(config, IdentifyAdmin::new()).await.unwrap_err();
        let Error::Transport { source, .. } = &err else { panic!("{transport:?}: {err:?}") };
        assert_eq!(source.kind(), TransportErrorKind::Connect, "{transport:?}: {err}");
        assert!(err.to_string().starts_with("could not complete GET /me: could not connect"), "{err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mock_refuses_requests_without_a_token_and_unknown_paths() {
    let mock = MockIntercom::start().await;
    let response = raw_get(&format!("{}/me", mock.uri()), None).await;
    assert!(response.starts_with("HTTP/1.1 401"), "{response}");
    let err = Transport::Hyper.send(mock.config(), RawPath("/no/such/thing")).await.unwrap_err();
    assert_eq!(err.as_api().and_then(|a| a.code()), Some("intercom_mock_no_route"), "{err}");
}

/// An endpoint for a path the SDK does not know, to reach the mock's catch-all.
#[derive(Debug, Clone)]
struct RawPath(&'static str);

impl Endpoint for RawPath {
    type Output = serde_json::Value;
    type Format = intercom_core::protocol::Json;

    fn operation(&self) -> &'static intercom_core::protocol::Operation {
        &intercom_core::operations::IDENTIFY_ADMIN
    }

    fn path(&self) -> Result<String, Error> {
        Ok(self.0.to_owned())
    }
}

/// A bare HTTP/1.1 GET over TCP, returning the raw answer.
async fn raw_get(url: &str, token: Option<&str>) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{auth}Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compressed_answers_are_asked_for_and_decoded_and_bad_ones_are_described() {
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write as _;
    let mut gzip = GzEncoder::new(Vec::new(), Compression::default());
    gzip.write_all(br#"{"type": "admin", "id": "1"}"#).unwrap();
    let gzip = gzip.finish().unwrap();

    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let compressed = ResponseTemplate::new(200)
            .insert_header("content-encoding", "gzip")
            .set_body_raw(gzip.clone(), "application/json");
        mock.respond("IdentifyAdmin", compressed).await;
        let me = transport.send(mock.config(), IdentifyAdmin::new()).await.unwrap();
        assert_eq!(me.id, "1", "{transport:?}: decompressed");
        let sent = &mock.received("IdentifyAdmin").await[0];
        assert_eq!(crate::support::header(sent, "accept-encoding"), "gzip, deflate", "{transport:?}");
        transport.send(mock.config().with_compression(false), IdentifyAdmin::new()).await.unwrap();
        let sent = &mock.received("IdentifyAdmin").await[1];
        assert!(sent.headers.get("accept-encoding").is_none(), "{transport:?}: compression off");

        let brotli = ResponseTemplate::new(200)
            .insert_header("content-encoding", "br")
            .set_body_raw(vec![0x0b, 0x9f, 0x92, 0x96, 0x00], "application/json");
        mock.respond("ListAdmins", brotli).await;
        let err = transport.send(mock.config(), ListAdmins::new()).await.unwrap_err();
        assert!(
            err.to_string().ends_with("the body starts with `a compressed body of 5 bytes (Content-Encoding: br)`"),
            "{transport:?}: {err}"
        );

        let corrupt = ResponseTemplate::new(200)
            .insert_header("content-encoding", "gzip")
            .set_body_raw(b"\x1f\x8b\x08 not gzip after all".to_vec(), "application/json");
        mock.respond("ListTeams", corrupt).await;
        let err = transport.send(mock.config(), intercom_core::endpoints::ListTeams::new()).await.unwrap_err();
        assert!(matches!(err, Error::Decode(_)), "{transport:?}: {err:?}");
        let shown = err.to_string();
        assert!(shown.contains("the gzip-compressed body cannot be decompressed"), "{shown}");
        let corrupt_len = b"\x1f\x8b\x08 not gzip after all".len();
        let described = format!("`a gzip-compressed body of {corrupt_len} bytes (Content-Encoding: gzip)`");
        assert!(shown.ends_with(&described), "{transport:?}: {shown}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_read_as_sentences_without_rust_options_or_binary_bytes() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let limited = ResponseTemplate::new(429)
            .insert_header("x-ratelimit-limit", "10000")
            .insert_header("x-ratelimit-remaining", "0")
            .insert_header("x-ratelimit-reset", "1795341600")
            .set_body_raw(vec![0x00, 0x9f, 0x92, 0x96], "application/octet-stream");
        mock.respond("ListAdmins", limited).await;
        let config = mock.config().with_retry_policy(intercom_core::RetryPolicy::none());
        let err = transport.send(config, ListAdmins::new()).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "Intercom answered 429 Too Many Requests to GET /admins with a binary body of 4 bytes, not an Intercom \
             error [no request id]; rate limit 0 of 10000 left, resets at 2026-11-22T10:00:00Z",
            "{transport:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_and_timestamps_sent_as_digit_strings_decode() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let body = r#"{"type":"segment.list","segments":[{"type":"segment","id":"1","created_at":"1700000000","updated_at":1700000001.0,"count":"12"}]}"#;
        mock.respond("ListSegments", ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
        let list = transport.send(mock.config(), intercom_core::endpoints::ListSegments::new()).await.unwrap();
        let segment = &list.segments[0];
        assert_eq!(
            (segment.created_at, segment.updated_at, segment.count),
            (Some(1_700_000_000), Some(1_700_000_001), Some(12)),
            "{transport:?}"
        );
    }
}
