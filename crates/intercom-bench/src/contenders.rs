//! The loops that are raced: the SDK's clients against the raw `serde_json::Value` loops they replace.

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::TokioExecutor;
use intercom_ureq::endpoints::{GetContact, IdentifyAdmin, ListContacts};
use intercom_ureq::Config;
use serde_json::Value;

use crate::data::PER_PAGE;

/// Whether an SDK contender asks for compressed answers (the default) or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `Accept-Encoding: gzip, deflate`, the SDK's default.
    Gzip,
    /// No `Accept-Encoding`, like the raw loops.
    Identity,
}

/// The SDK config every contender uses. `INTERCOM_BENCH_NO_TIMEOUTS` turns the SDK's default timeouts off,
/// to match the raw baselines, which set none (docs/PERFORMANCE.md shows both); `INTERCOM_BENCH_NO_PACING`
/// turns rate-limit pacing off, to measure what it costs.
fn config(base: &str, encoding: Encoding) -> Config {
    let c = Config::new("bench-token")
        .with_base_url(base)
        .expect("a loopback URL")
        .with_compression(encoding == Encoding::Gzip);
    let c = if std::env::var_os("INTERCOM_BENCH_NO_PACING").is_some() {
        c.with_rate_limiting(intercom_ureq::RateLimiting::off())
    } else {
        c
    };
    if std::env::var_os("INTERCOM_BENCH_NO_TIMEOUTS").is_some() {
        c.with_timeout(None).with_connect_timeout(None)
    } else {
        c
    }
}

/// The runtime of the async contenders: current-thread unless `INTERCOM_BENCH_MULTI_THREAD` is set (what
/// `#[tokio::main]` gives), so both can be compared.
fn runtime() -> tokio::runtime::Runtime {
    let mut builder = if std::env::var_os("INTERCOM_BENCH_MULTI_THREAD").is_some() {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    builder.enable_all().build().expect("a runtime")
}

/// The address of the page after `cursor` (the first page when `None`).
fn page_url(base: &str, cursor: Option<&str>) -> String {
    match cursor {
        Some(cursor) => format!("{base}/contacts?per_page={PER_PAGE}&starting_after={cursor}"),
        None => format!("{base}/contacts?per_page={PER_PAGE}"),
    }
}

/// How many contacts `page` holds, and the cursor of the next page.
fn contacts_and_cursor(page: &Value) -> (usize, Option<String>) {
    let contacts = page["data"].as_array().map_or(0, Vec::len);
    (contacts, page.pointer("/pages/next/starting_after").and_then(Value::as_str).map(str::to_owned))
}

/// Every contact through the SDK's blocking iterator (ureq).
pub fn sdk_blocking(base: &str, encoding: Encoding) -> usize {
    let client = intercom_ureq::Client::from_config(config(base, encoding));
    let mut seen = 0;
    for contact in ListContacts::new().per_page(PER_PAGE as i64).items(&client) {
        contact.expect("a contact");
        seen += 1;
    }
    seen
}

/// Every contact through the SDK's async stream (hyper).
pub fn sdk_async(base: &str, encoding: Encoding) -> usize {
    runtime().block_on(async {
        let client = intercom_hyper::Client::from_config(config(base, encoding));
        let mut contacts = ListContacts::new().per_page(PER_PAGE as i64).items(&client);
        let mut count = 0;
        while let Some(contact) = contacts.next().await {
            contact.expect("a contact");
            count += 1;
        }
        count
    })
}

fn raw_ureq_get(agent: &ureq::Agent, url: &str) -> Value {
    let mut answer = agent
        .get(url)
        .header("Authorization", "Bearer bench-token")
        .header("Accept", "application/json")
        .header("Intercom-Version", "2.16")
        .call()
        .expect("an answer");
    let body = answer.body_mut().with_config().limit(64 << 20).read_to_vec().expect("a body");
    serde_json::from_slice(&body).expect("JSON")
}

fn raw_ureq_agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

/// Every contact through ureq and `serde_json::Value`, cursor by hand.
pub fn raw_ureq(base: &str) -> usize {
    let agent = raw_ureq_agent();
    let (mut count, mut cursor) = (0, None::<String>);
    loop {
        let (contacts, next) = contacts_and_cursor(&raw_ureq_get(&agent, &page_url(base, cursor.as_deref())));
        count += contacts;
        match next {
            Some(next) => cursor = Some(next),
            None => return count,
        }
    }
}

type Raw = HyperClient<HttpConnector, Empty<Bytes>>;

async fn raw_hyper_get(client: &Raw, url: &str) -> Value {
    let request = http::Request::get(url)
        .header("Authorization", "Bearer bench-token")
        .header("Accept", "application/json")
        .header("Intercom-Version", "2.16")
        .body(Empty::new())
        .expect("a request");
    let answer = client.request(request).await.expect("an answer");
    let body = answer.into_body().collect().await.expect("a body").to_bytes();
    serde_json::from_slice(&body).expect("JSON")
}

fn raw_hyper_client() -> Raw {
    HyperClient::builder(TokioExecutor::new()).build(HttpConnector::new())
}

/// Every contact through hyper and `serde_json::Value`, cursor by hand.
pub fn raw_hyper(base: &str) -> usize {
    runtime().block_on(async {
        let client = raw_hyper_client();
        let (mut count, mut cursor) = (0, None::<String>);
        loop {
            let page = raw_hyper_get(&client, &page_url(base, cursor.as_deref())).await;
            let (contacts, next) = contacts_and_cursor(&page);
            count += contacts;
            match next {
                Some(next) => cursor = Some(next),
                None => return count,
            }
        }
    })
}

/// `GET /me`, `times` times, through the SDK's blocking client.
pub fn me_sdk_blocking(base: &str, times: usize) -> usize {
    let client = intercom_ureq::Client::from_config(config(base, Encoding::Identity));
    for _ in 0..times {
        IdentifyAdmin::new().send(&client).expect("me");
    }
    times
}

/// `GET /me`, `times` times, through ureq and `Value`.
pub fn me_raw_ureq(base: &str, times: usize) -> usize {
    let (agent, url) = (raw_ureq_agent(), format!("{base}/me"));
    for _ in 0..times {
        raw_ureq_get(&agent, &url);
    }
    times
}

/// `GET /me`, `times` times, through the SDK's async client.
pub fn me_sdk_async(base: &str, times: usize) -> usize {
    runtime().block_on(async {
        let client = intercom_hyper::Client::from_config(config(base, Encoding::Identity));
        for _ in 0..times {
            IdentifyAdmin::new().send(&client).await.expect("me");
        }
        times
    })
}

/// `GET /me`, `times` times, through hyper and `Value`.
pub fn me_raw_hyper(base: &str, times: usize) -> usize {
    runtime().block_on(async {
        let (client, url) = (raw_hyper_client(), format!("{base}/me"));
        for _ in 0..times {
            raw_hyper_get(&client, &url).await;
        }
        times
    })
}

/// Every contact through ureq and `serde_json::from_reader` on the body stream (what ureq's own `read_json`
/// does): the other obvious way to write the raw loop, for comparison.
pub fn raw_ureq_reader(base: &str) -> usize {
    let agent = raw_ureq_agent();
    let (mut count, mut cursor) = (0, None::<String>);
    loop {
        let mut answer = agent
            .get(page_url(base, cursor.as_deref()))
            .header("Authorization", "Bearer bench-token")
            .header("Accept", "application/json")
            .header("Intercom-Version", "2.16")
            .call()
            .expect("an answer");
        let page: Value = serde_json::from_reader(answer.body_mut().as_reader()).expect("JSON");
        let (contacts, next) = contacts_and_cursor(&page);
        count += contacts;
        match next {
            Some(next) => cursor = Some(next),
            None => return count,
        }
    }
}

/// How many calls the concurrency contenders make at once.
pub const CONCURRENT_CALLS: usize = 64;

/// `GET /contacts/{id}` [`CONCURRENT_CALLS`] times at once through one SDK async client (a task each).
pub fn concurrent_sdk_async(base: &str) -> usize {
    let roots =
        std::env::var_os("INTERCOM_BENCH_ROOT_CERTIFICATE").map(|path| std::fs::read(path).expect("a DER file"));
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime").block_on(async {
        let mut config = config(base, Encoding::Gzip);
        if let Some(der) = roots {
            config = config.with_root_certificate(der);
        }
        let client = intercom_hyper::Client::from_config(config);
        let mut calls = tokio::task::JoinSet::new();
        for i in 0..CONCURRENT_CALLS {
            let client = client.clone();
            calls.spawn(async move { GetContact::new(format!("contact-{i}")).send(&client).await.expect("a contact") });
        }
        calls.join_all().await.len()
    })
}

/// `GET /contacts/{id}` [`CONCURRENT_CALLS`] times at once through one SDK blocking client (a thread each).
pub fn concurrent_sdk_blocking(base: &str) -> usize {
    let client = intercom_ureq::Client::from_config(config(base, Encoding::Gzip));
    std::thread::scope(|scope| {
        let calls: Vec<_> = (0..CONCURRENT_CALLS)
            .map(|i| {
                let client = &client;
                scope.spawn(move || GetContact::new(format!("contact-{i}")).send(client).expect("a contact"))
            })
            .collect();
        let contacts: Vec<_> = calls.into_iter().map(|call| call.join().expect("a call")).collect();
        contacts.len()
    })
}
