//! An insta snapshot of every built request: method, URL, headers (token redacted) and body.

use intercom_core::{operations, Config};

use crate::slice::{request_of, with_sample};

const TOKEN: &str = "tok_live_SNAPSHOT_SECRET";

fn render(request: &http::Request<Vec<u8>>) -> String {
    let mut out = format!("{} {}\n", request.method(), request.uri());
    let mut headers: Vec<_> = request.headers().iter().collect();
    headers.sort_by_key(|(name, _)| name.as_str());
    for (name, value) in headers {
        let value = value.to_str().unwrap_or("<binary>");
        let value = value.replace(TOKEN, "[redacted]").replace(env!("CARGO_PKG_VERSION"), "[version]");
        out.push_str(&format!("{name}: {value}\n"));
    }
    if !request.body().is_empty() {
        let body: serde_json::Value = serde_json::from_slice(request.body()).expect("JSON body");
        out.push('\n');
        out.push_str(&serde_json::to_string_pretty(&body).unwrap());
        out.push('\n');
    }
    out
}

#[test]
fn every_operation_builds_the_request_in_its_snapshot() {
    let config = Config::new(TOKEN);
    for operation in operations::ALL {
        let request = with_sample!(operation.id, |endpoint| request_of(&config, &endpoint));
        assert_eq!(request.method(), operation.method, "{}", operation.id);
        assert!(operation.matches_path(request.uri().path()), "{}: {}", operation.id, request.uri());
        let authorization = request.headers()["authorization"].to_str().unwrap();
        assert_eq!(authorization, format!("Bearer {TOKEN}"), "{}", operation.id);
        insta::assert_snapshot!(operation.id, render(&request));
    }
}

#[test]
fn the_single_filter_search_snapshot() {
    let request = request_of(&Config::new(TOKEN), &crate::slice::search_single());
    insta::assert_snapshot!("SearchContacts_single_filter", render(&request));
}

#[test]
fn region_and_version_choose_host_and_header() {
    use intercom_core::endpoints::IdentifyAdmin;
    use intercom_core::Region;
    let config = Config::new(TOKEN).with_region(Region::Au).with_api_version("2.10");
    let request = request_of(&config, &IdentifyAdmin::new());
    assert_eq!(request.uri(), "https://api.au.intercom.io/me");
    assert_eq!(request.headers()["intercom-version"], "2.10");
    let eu = request_of(&Config::new(TOKEN).with_region(Region::Eu), &IdentifyAdmin::new());
    assert_eq!(eu.uri(), "https://api.eu.intercom.io/me");
}

#[test]
fn an_empty_path_parameter_is_refused_before_sending() {
    use intercom_core::endpoints::RetrieveNote;
    let err = intercom_core::build_request(&Config::new(TOKEN), &RetrieveNote::new("")).unwrap_err();
    assert_eq!(err.to_string(), "invalid request: path parameter `note_id` is empty");
}
