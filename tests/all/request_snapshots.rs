//! How configuration shapes built requests. (A snapshot of every operation's request: `operation_check.rs`.)

use intercom_core::protocol::build_request;
use intercom_core::Config;

const TOKEN: &str = "tok_live_SNAPSHOT_SECRET";

#[test]
fn region_and_version_choose_host_and_header() {
    use intercom_core::endpoints::IdentifyAdmin;
    use intercom_core::Region;
    let config = Config::new(TOKEN).with_region(Region::Au).with_api_version("2.10");
    let request = build_request(&config, &IdentifyAdmin::new()).unwrap();
    assert_eq!(request.uri(), "https://api.au.intercom.io/me");
    assert_eq!(request.headers()["intercom-version"], "2.10");
    let eu = build_request(&Config::new(TOKEN).with_region(Region::Eu), &IdentifyAdmin::new()).unwrap();
    assert_eq!(eu.uri(), "https://api.eu.intercom.io/me");
}

#[test]
fn per_request_timeouts_ride_on_the_request() {
    use intercom_core::endpoints::IdentifyAdmin;
    use intercom_core::{RequestOptions, Timeouts};
    use std::time::Duration;
    let config = Config::new(TOKEN).with_timeout(Some(Duration::from_secs(30)));
    let plain = build_request(&config, &IdentifyAdmin::new()).unwrap();
    assert_eq!(
        plain.extensions().get::<Timeouts>(),
        Some(&Timeouts { connect: Some(Duration::from_secs(10)), total: Some(Duration::from_secs(30)) })
    );
    let options = RequestOptions::new().timeout(Duration::from_secs(3)).connect_timeout(Duration::from_secs(1));
    let tuned = build_request(&config, &IdentifyAdmin::new().with_options(options)).unwrap();
    assert_eq!(
        tuned.extensions().get::<Timeouts>(),
        Some(&Timeouts { connect: Some(Duration::from_secs(1)), total: Some(Duration::from_secs(3)) })
    );
}

#[test]
fn an_empty_path_parameter_is_refused_before_sending() {
    use intercom_core::endpoints::GetNote;
    let err = build_request(&Config::new(TOKEN), &GetNote::new("")).unwrap_err();
    assert_eq!(err.to_string(), "invalid request: path parameter `note_id` is empty");
}
