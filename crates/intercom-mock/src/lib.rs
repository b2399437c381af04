//! A mock Intercom API on [wiremock](https://docs.rs/wiremock), for testing code that uses intercom-rs.
//!
//! [`MockIntercom::start`] serves a recorded response for every operation the SDK knows: the success
//! example of Intercom's OpenAPI description. Requests without a bearer token get Intercom's `401`, and a
//! request no operation matches gets a `404` whose error code is `intercom_mock_no_route`, so a wrong path
//! fails loudly. Mount your own answers on top with [`MockIntercom::respond`] or [`MockIntercom::server`].
//!
//! ```
//! use intercom_mock::MockIntercom;
//! use intercom_hyper::{endpoints::ListSegments, Client};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), intercom_hyper::Error> {
//! let mock = MockIntercom::start().await;
//! let client = Client::from_config(mock.config());
//! let list = ListSegments::new().send(&client).await?;
//! assert_eq!(list.segments[0].name.as_deref(), Some("John segment"));
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

/// The README's examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeExamples;

/// The guides' examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/GETTING_STARTED.md")]
#[doc = include_str!("../../../docs/TRANSPORTS.md")]
#[doc = include_str!("../../../docs/CONFIGURATION.md")]
#[doc = include_str!("../../../docs/ERRORS.md")]
#[doc = include_str!("../../../docs/EXPORTS.md")]
#[doc = include_str!("../../../docs/TESTING.md")]
#[doc = include_str!("../../../docs/VERSIONING.md")]
struct GuideExamples;

mod blocking;
mod error_answers;
mod fixture;
pub mod fixtures;
mod jobs;
mod operation_key;
mod paged;
#[cfg(feature = "preview")]
#[path = "generated/preview_recorded.rs"]
mod preview_recorded;
mod rate_limit;
#[path = "generated/recorded.rs"]
mod recorded;
mod store;

use intercom_core::operations::{self, Operation};
use std::time::{Duration, SystemTime};

use intercom_core::protocol::Paginated;
use intercom_core::{Config, QuickClock, RetryPolicy};
use rate_limit::{Limited, Limiter};
use wiremock::{Mock, MockBuilder, MockServer, Request, Respond, ResponseTemplate};

pub use blocking::BlockingMockIntercom;
pub use error_answers::{error_answer, rate_limited_answer};
pub use fixtures::Fixture;
pub use jobs::{JobEnd, MockJobs};
pub use operation_key::OperationKey;
pub use paged::{cursor_of, SCROLL_PARAM};
pub use rate_limit::{MockRateLimit, WindowCount};
pub use wiremock;

/// How many times quicker than real time the clients of [`MockIntercom::config`] wait, until an enforced
/// rate limit ([`MockIntercom::set_rate_limit`]) puts them back on real time.
pub const QUICK_CLOCK: u32 = 1000;

/// The access token [`MockIntercom::config`] uses. The mock accepts any bearer token.
pub const MOCK_TOKEN: &str = "mock-access-token";

/// Priority of the recorded responses: below wiremock's default (5), so a mock you mount wins.
const RECORDED_PRIORITY: u8 = 100;
/// Where [`MockIntercom::serve_rate_limit_windows`] answers.
pub const WINDOWS_PATH: &str = "/__intercom_mock/rate-limit-windows";
/// Priority of the `401` for requests without a bearer token.
const UNAUTHORIZED_PRIORITY: u8 = 50;
/// Priority of the catch-all `404`.
const NO_ROUTE_PRIORITY: u8 = 255;

/// A mock Intercom API on a loopback port. Stops when dropped.
#[derive(Debug)]
pub struct MockIntercom {
    server: MockServer,
    limiter: Limiter,
    jobs: jobs::Jobs,
    store: store::Store,
    clock: QuickClock,
}

impl MockIntercom {
    /// Starts a mock serving a recorded success response for every operation.
    pub async fn start() -> Self {
        let mock = Self::start_empty().await;
        for operation in every_operation() {
            if let Some(fixture) = fixtures::success(operation) {
                let role = store::role(operation.name).filter(|_| !operation.preview);
                let recorded = match (serde_json::from_slice(fixture.body), role) {
                    (Ok(recorded), _) if jobs::is_job_status(operation) => {
                        let answer = jobs::JobAnswer { operation, recorded, jobs: mock.jobs.clone() };
                        mock.matching(operation).respond_with(mock.limited(answer))
                    }
                    (Ok(recorded), Some(role)) => {
                        let answer = store::StoreAnswer { role, recorded, store: mock.store.clone() };
                        mock.matching(operation).respond_with(mock.limited(answer))
                    }
                    _ => mock.matching(operation).respond_with(mock.limited(fixture_response(fixture))),
                };
                recorded.with_priority(RECORDED_PRIORITY).mount(&mock.server).await;
                if let Some((param, end)) = end_of_scroll(fixture) {
                    // Like the API, the scroll this answer starts goes on with its `scroll_param` and ends on an
                    // empty page.
                    let continued = Mock::given(move |r: &Request| {
                        routes_to(operation, r) && r.url.query_pairs().any(|(k, v)| k == "scroll_param" && v == param)
                    });
                    let continued = continued.respond_with(mock.limited(end));
                    continued.with_priority(RECORDED_PRIORITY - 1).mount(&mock.server).await;
                }
            }
        }
        mock
    }

    /// Starts a mock with no recorded responses: every authenticated request gets the catch-all `404`
    /// until you mount answers.
    pub async fn start_empty() -> Self {
        let mock = Self {
            server: MockServer::start().await,
            limiter: Limiter::default(),
            jobs: Default::default(),
            store: Default::default(),
            clock: QuickClock::new(QUICK_CLOCK),
        };
        Mock::given(|request: &Request| !has_bearer(request))
            .respond_with(mock.limited(unauthorized()))
            .with_priority(UNAUTHORIZED_PRIORITY)
            .named("intercom-mock: missing bearer token")
            .mount(&mock.server)
            .await;
        Mock::given(|_: &Request| true)
            .respond_with(mock.limited(|request: &Request| no_route(request)))
            .with_priority(NO_ROUTE_PRIORITY)
            .named("intercom-mock: no route")
            .mount(&mock.server)
            .await;
        mock
    }

    /// Enforces `limit` from now on, like Intercom: every answer carries `X-RateLimit-Limit`, `-Remaining`
    /// and `-Reset`, and requests past the window's budget get a 429 `rate_limit_exceeded`. Answers mounted
    /// through this mock's methods count; those mounted on [`server`](Self::server) or [`on`](Self::on)
    /// directly do not.
    ///
    /// The limit's windows pass in real time, so this also puts the clients of [`config`](Self::config)
    /// back on real time (see [`set_quick_clock`](Self::set_quick_clock)).
    pub fn set_rate_limit(&self, limit: MockRateLimit) {
        self.limiter.set(limit);
        self.clock.set_divisor(1);
    }

    /// How many times quicker than real time the clients of [`config`](Self::config) wait: their retries,
    /// a scripted `429`'s reset, their pacer's wait for a window ([`QuickClock`]). [`QUICK_CLOCK`] (1000)
    /// from the start, so a `429` whose window resets in 30 s is retried after 30 ms; `1` is real time.
    pub fn set_quick_clock(&self, divisor: u32) {
        self.clock.set_divisor(divisor);
    }

    /// Puts `objects` in the collection at `path` (`"/contacts"`, `"/conversations"`, `"/tickets"`,
    /// `"/companies"`) as if they had been created, each with its `id` (one with the id of an object already
    /// there replaces it): get, list and search find them, in this order. For data sets of any size, such
    /// as an export's.
    pub fn insert(&self, path: &str, objects: impl IntoIterator<Item = serde_json::Value>) {
        self.store.insert(path, objects);
    }

    /// Whether the mock keeps what tests write (the default): a create answers with a fresh id and what
    /// was sent, and contacts, companies, tickets and a contact's notes, tags and companies created can be
    /// read back by get, list and search, changed by update and removed by delete. Either way, this
    /// forgets what was written so far; `false` answers every operation with its recorded example.
    pub fn keep_writes(&self, keep: bool) {
        self.store.reset(keep);
    }

    /// How the jobs the mock is asked about go from now on (see [`MockJobs`]): by default each answers
    /// "pending", then "in progress", then completed, one step per status read, counted per job.
    pub fn set_jobs(&self, jobs: MockJobs) {
        self.jobs.set(jobs);
    }

    /// What each window so far admitted and refused, oldest first, by the window's start: to check that a
    /// job never went over the limit.
    pub fn rate_limit_windows(&self) -> Vec<(SystemTime, WindowCount)> {
        self.limiter.windows()
    }

    /// Serves [`rate_limit_windows`](Self::rate_limit_windows) over HTTP at [`WINDOWS_PATH`], as a JSON list
    /// of `{"start": <Unix seconds>, "admitted": n, "refused": n}`, without a token and without counting
    /// against the limit: how several processes sharing one mock (the `intercom-mock` program) read what
    /// their fleet was admitted and refused.
    pub async fn serve_rate_limit_windows(&self) {
        let limiter = self.limiter.clone();
        Mock::given(wiremock::matchers::method("GET"))
            .and(wiremock::matchers::path(WINDOWS_PATH))
            .respond_with(move |_: &Request| {
                let windows: Vec<serde_json::Value> = limiter
                    .windows()
                    .into_iter()
                    .map(|(start, count)| {
                        let start = start.duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs();
                        serde_json::json!({"start": start, "admitted": count.admitted, "refused": count.refused})
                    })
                    .collect();
                ResponseTemplate::new(200).set_body_json(windows)
            })
            .with_priority(1)
            .named("intercom-mock: rate-limit windows")
            .mount(&self.server)
            .await;
    }

    fn limited<R: Respond>(&self, inner: R) -> Limited<R> {
        Limited { inner, limiter: self.limiter.clone() }
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// A client configuration pointed at this mock, with [`MOCK_TOKEN`], quick retries (the default
    /// count, millisecond backoffs) and the mock's quick clock ([`set_quick_clock`](Self::set_quick_clock)).
    pub fn config(&self) -> Config {
        config_for(&self.uri()).with_quick_clock(self.clock.clone())
    }

    /// A client configuration pointed at a mock another process serves at `url` (the `intercom-mock`
    /// program), like [`config`](Self::config).
    ///
    /// # Panics
    /// If `url` is not a base URL (`http://127.0.0.1:41234`).
    pub fn config_for_url(url: &str) -> Config {
        config_for(url)
    }

    /// The wiremock server, to mount anything or inspect what it received.
    pub fn server(&self) -> &MockServer {
        &self.server
    }

    /// A wiremock builder that matches requests to `operation` (method and path template):
    /// `GetNote::OPERATION`, or a name such as `"GetNote"` ([`OperationKey`]).
    ///
    /// # Panics
    /// If the SDK has no operation of that name: a typo in a test should fail the test.
    pub fn on(&self, operation: impl OperationKey) -> MockBuilder {
        self.matching(operation.operation())
    }

    /// Answers every request to `operation` with `response`, ahead of the recorded one.
    pub async fn respond(&self, operation: impl OperationKey, response: ResponseTemplate) {
        self.on(operation).respond_with(self.limited(response)).mount(&self.server).await;
    }

    /// Answers every request to `operation` with its recorded response of `status` (e.g. the `404`), or,
    /// when the description records none for that status, a well-formed `error.list` made up for it
    /// ([`error_answer`]).
    pub async fn respond_with_fixture(&self, operation: impl OperationKey, status: u16) {
        let operation = operation.operation();
        let answer = match fixtures::find(operation, status) {
            Some(fixture) => fixture_response(fixture),
            None => error_answer(status),
        };
        self.respond(operation, answer).await;
    }

    /// Answers every request to `operation` with a `404` `not_found`.
    pub async fn not_found(&self, operation: impl OperationKey) {
        self.respond(operation, error_answer(404)).await;
    }

    /// Answers every request to `operation` with a `500` `server_error` (retried by the clients for
    /// operations safe to send twice).
    pub async fn server_error(&self, operation: impl OperationKey) {
        self.respond(operation, error_answer(500)).await;
    }

    /// Answers every request to `operation` with a `429` whose window resets at `reset`.
    pub async fn rate_limited(&self, operation: impl OperationKey, reset: SystemTime) {
        self.respond(operation, rate_limited_answer(reset)).await;
    }

    /// Answers the requests to `operation` with `responses` in turn; the last one keeps answering.
    /// For instance a `429` then the recorded answer: `[ResponseTemplate::new(429), fixture_response(...)]`.
    pub async fn respond_in_order(
        &self,
        operation: impl OperationKey,
        responses: impl IntoIterator<Item = ResponseTemplate>,
    ) {
        let operation = operation.operation();
        let responses: Vec<_> = responses.into_iter().collect();
        let count = responses.len();
        for (i, response) in responses.into_iter().enumerate() {
            // Earlier answers win by priority until they are used up.
            let priority = u8::try_from(i + 1).unwrap_or(u8::MAX).min(4);
            let mock = self.on(operation).respond_with(self.limited(response)).with_priority(priority);
            let mock = if i + 1 < count { mock.up_to_n_times(1) } else { mock };
            mock.mount(&self.server).await;
        }
    }

    /// Serves `items` (JSON objects) to the paginated operation of `endpoint`, `per_page` at a time, in that
    /// operation's answer shape (its recorded answer with the items replaced) and paging style.
    ///
    /// # Panics
    /// If the operation has no recorded JSON answer to shape the pages on.
    pub async fn serve_pages<E: Paginated>(&self, endpoint: &E, items: Vec<serde_json::Value>, per_page: usize) {
        let operation = endpoint.operation();
        let recorded = fixtures::success(operation)
            .and_then(|f| serde_json::from_slice(f.body).ok())
            .unwrap_or_else(|| panic!("intercom-mock has no recorded JSON answer for `{}`", operation.name));
        let answers = paged::PagedAnswers {
            style: E::STYLE,
            template: recorded,
            items_path: E::ITEMS_PATH,
            items: std::sync::Arc::new(items),
            per_page,
            scroll_calls: Default::default(),
        };
        self.matching(operation).respond_with(self.limited(answers)).with_priority(1).mount(&self.server).await;
    }

    /// Panics unless `operation` got exactly `times` requests, naming the line that asserted, what the
    /// operation received, and every other request the mock received (a wrong path shows there).
    ///
    /// The line is that of the call: the assertion reads where it is made, then checks when awaited.
    #[track_caller]
    pub fn assert_received(
        &self,
        operation: impl OperationKey,
        times: usize,
    ) -> impl std::future::Future<Output = ()> + Send + '_ {
        let asserted_at = std::panic::Location::caller();
        let operation = operation.operation();
        async move {
            if let Some(mismatch) = self.received_mismatch(operation, times).await {
                panic!("{mismatch}\n(asserted at {asserted_at})");
            }
        }
    }

    /// What [`assert_received`](Self::assert_received) says when `operation` did not get `times` requests.
    pub(crate) async fn received_mismatch(&self, op: &'static Operation, times: usize) -> Option<String> {
        let all = self.server.received_requests().await.unwrap_or_default();
        let (received, others): (Vec<&Request>, Vec<&Request>) = all.iter().partition(|r| routes_to(op, r));
        if received.len() == times {
            return None;
        }
        let list = |requests: &[&Request]| -> String {
            if requests.is_empty() {
                return "  (none)".to_owned();
            }
            let named = |r: &Request| route(r).map_or("no operation".to_owned(), |op| op.name.to_owned());
            requests.iter().map(|r| format!("  {} {} ({})", r.method, r.url, named(r))).collect::<Vec<_>>().join("\n")
        };
        Some(format!(
            "intercom-mock: expected {times} request(s) to {} ({} {}), got {}:\n{}\nthe other requests it received:\n{}",
            op.name,
            op.method,
            op.path,
            received.len(),
            list(&received),
            list(&others)
        ))
    }

    /// The JSON bodies of the requests received for `operation`, oldest first (`null` for none).
    pub async fn received_bodies(&self, operation: impl OperationKey) -> Vec<serde_json::Value> {
        self.received(operation).await.iter().map(|r| r.body_json().unwrap_or(serde_json::Value::Null)).collect()
    }

    /// The requests received for `operation`, oldest first.
    pub async fn received(&self, operation: impl OperationKey) -> Vec<Request> {
        let operation = operation.operation();
        let all = self.server.received_requests().await.unwrap_or_default();
        all.into_iter().filter(|r| routes_to(operation, r)).collect()
    }

    fn matching(&self, operation: &'static Operation) -> MockBuilder {
        Mock::given(move |request: &Request| routes_to(operation, request))
    }
}

/// A configuration for the mock at `uri`: [`MOCK_TOKEN`], and the default number of retries with
/// millisecond backoffs, so tests of failures stay fast.
fn config_for(uri: &str) -> Config {
    let quick = RetryPolicy::default().with_backoff(Duration::from_millis(2), Duration::from_millis(20));
    Config::new(MOCK_TOKEN)
        .with_base_url(uri)
        .unwrap_or_else(|e| panic!("the mock's own URL {uri} was refused: {e}"))
        .with_retry_policy(quick)
}

/// Whether `request` goes to `operation`: the most specific template wins (`/companies/scroll` is not a
/// company id).
fn routes_to(operation: &Operation, request: &Request) -> bool {
    let routed = route(request);
    routed.is_some_and(|routed| routed.name == operation.name && routed.preview == operation.preview)
}

/// The operation a request goes to: with the `preview` feature, a request sent with `Intercom-Version:
/// Preview` to an operation Preview changes or adds goes to the Preview one, like Intercom answers by version.
fn route(request: &Request) -> Option<&'static Operation> {
    #[cfg(feature = "preview")]
    if request.headers.get("intercom-version").is_some_and(|v| v == "Preview") {
        if let Some(preview) = operations::preview::route(&request.method, request.url.path()) {
            return Some(preview);
        }
    }
    let version = request.headers.get("intercom-version").and_then(|v| v.to_str().ok());
    match version {
        Some(version) => operations::route_at(&request.method, request.url.path(), &version.into()),
        None => operations::route(&request.method, request.url.path()),
    }
}

/// Every operation the mock serves: the stable ones, and the Preview ones with the `preview` feature.
fn every_operation() -> impl Iterator<Item = &'static Operation> {
    let preview: &[&Operation] = {
        #[cfg(feature = "preview")]
        {
            operations::preview::ALL
        }
        #[cfg(not(feature = "preview"))]
        {
            &[]
        }
    };
    operations::ALL.iter().chain(preview).copied()
}

fn has_bearer(request: &Request) -> bool {
    request
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer ") && v.len() > "Bearer ".len())
}

/// The response serving `fixture`'s bytes unchanged.
pub fn fixture_response(fixture: &Fixture) -> ResponseTemplate {
    let response = ResponseTemplate::new(fixture.status);
    if fixture.body.is_empty() {
        response
    } else {
        response.set_body_raw(fixture.body, fixture.content_type)
    }
}

/// For a recorded answer that starts a scroll: its scroll parameter, and the empty page that ends it.
fn end_of_scroll(fixture: &Fixture) -> Option<(String, ResponseTemplate)> {
    let mut body: serde_json::Value = serde_json::from_slice(fixture.body).ok()?;
    let param = body.get("scroll_param")?.as_str()?.to_owned();
    body["data"] = serde_json::json!([]);
    Some((param, ResponseTemplate::new(200).set_body_json(body)))
}

fn unauthorized() -> ResponseTemplate {
    let body = fixtures::find("ListAdmins", 401).map(|f| f.body).unwrap_or_default();
    ResponseTemplate::new(401).set_body_raw(body, "application/json")
}

fn no_route(request: &Request) -> ResponseTemplate {
    let body = serde_json::json!({
        "type": "error.list",
        "request_id": null,
        "errors": [{
            "code": "intercom_mock_no_route",
            "message": format!("intercom-mock has no answer for {} {}", request.method, request.url.path()),
        }],
    });
    ResponseTemplate::new(404).set_body_json(body)
}
