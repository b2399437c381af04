//! The access token never shows in `Debug` or `Display` of clients, configs, requests or errors.

use intercom_core::endpoints::{IdentifyAdmin, ListAdmins};
use intercom_core::{build_request, Config, Error, RetryPolicy};
use intercom_mock::MockIntercom;
use wiremock::ResponseTemplate;

use crate::support::Transport;

const TOKEN: &str = "tok_live_NEVER_PRINT_ME";

#[test]
fn clients_configs_and_requests_hide_the_token() {
    let config = Config::new(TOKEN);
    let request = build_request(&config, &IdentifyAdmin::new()).unwrap();
    let ureq_client = intercom_ureq::Client::from_config(config.clone());
    let shown = format!("{config:?} {request:?} {ureq_client:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(request.headers()["authorization"].is_sensitive());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_client_debug_hides_the_token() {
    let client = intercom_hyper::Client::from_config(Config::new(TOKEN));
    let shown = format!("{client:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_hide_the_token_even_when_the_server_echoes_nothing_else() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond("listAdmins", ResponseTemplate::new(500).set_body_raw("<html>oops</html>", "text/html")).await;
        let config = Config::new(TOKEN).with_base_url(&mock.uri()).unwrap().with_retry_policy(RetryPolicy::none());
        let errors: Vec<Error> = vec![
            transport.send(config.clone(), ListAdmins::new()).await.unwrap_err(),
            transport
                .send(config.clone().with_base_url("http://127.0.0.1:1").unwrap(), ListAdmins::new())
                .await
                .unwrap_err(),
        ];
        for err in errors {
            let shown = format!("{err} {err:?}");
            assert!(!shown.contains(TOKEN), "{transport:?}: {shown}");
        }
    }
}
