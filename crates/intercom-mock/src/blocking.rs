//! The mock for blocking code: its own runtime serves it in the background.

use intercom_core::protocol::Paginated;
use intercom_core::Config;
use tokio::runtime::Runtime;
use wiremock::{Request, ResponseTemplate};

use crate::{MockIntercom, MockRateLimit, OperationKey, WindowCount};

/// A [`MockIntercom`] for code without an async runtime: the same recorded answers and the same methods,
/// blocking. Stops when dropped.
///
/// Create it outside any async runtime (a plain `#[test]`, a `main`).
///
/// ```
/// use intercom_mock::BlockingMockIntercom;
/// use intercom_ureq::{endpoints::IdentifyAdmin, Client};
///
/// let mock = BlockingMockIntercom::start();
/// let client = Client::from_config(mock.config());
/// let me = IdentifyAdmin::new().send(&client).unwrap();
/// assert_eq!(me.email.as_deref(), Some("admin1@email.com"));
/// mock.assert_received("IdentifyAdmin", 1);
/// ```
#[derive(Debug)]
pub struct BlockingMockIntercom {
    mock: Option<MockIntercom>,
    runtime: Runtime,
}

impl BlockingMockIntercom {
    /// Starts the mock with its recorded answers and waits until it listens.
    ///
    /// # Panics
    /// If its runtime cannot start, or when called inside an async runtime.
    pub fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("intercom-mock")
            .enable_all()
            .build()
            .expect("intercom-mock could not start its runtime");
        let mock = runtime.block_on(MockIntercom::start());
        Self { mock: Some(mock), runtime }
    }

    fn mock(&self) -> &MockIntercom {
        self.mock.as_ref().expect("the mock lives until drop")
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn uri(&self) -> String {
        self.mock().uri()
    }

    /// A client configuration pointed at this mock (see [`MockIntercom::config`]).
    pub fn config(&self) -> Config {
        self.mock().config()
    }

    /// See [`MockIntercom::set_rate_limit`].
    pub fn set_rate_limit(&self, limit: MockRateLimit) {
        self.mock().set_rate_limit(limit);
    }

    /// See [`MockIntercom::rate_limit_windows`].
    pub fn rate_limit_windows(&self) -> Vec<(std::time::SystemTime, WindowCount)> {
        self.mock().rate_limit_windows()
    }

    /// See [`MockIntercom::respond`].
    pub fn respond(&self, operation: impl OperationKey, response: ResponseTemplate) {
        self.runtime.block_on(self.mock().respond(operation, response));
    }

    /// See [`MockIntercom::respond_with_fixture`].
    pub fn respond_with_fixture(&self, operation: impl OperationKey, status: u16) {
        self.runtime.block_on(self.mock().respond_with_fixture(operation, status));
    }

    /// See [`MockIntercom::not_found`].
    pub fn not_found(&self, operation: impl OperationKey) {
        self.runtime.block_on(self.mock().not_found(operation));
    }

    /// See [`MockIntercom::server_error`].
    pub fn server_error(&self, operation: impl OperationKey) {
        self.runtime.block_on(self.mock().server_error(operation));
    }

    /// See [`MockIntercom::rate_limited`].
    pub fn rate_limited(&self, operation: impl OperationKey, reset: std::time::SystemTime) {
        self.runtime.block_on(self.mock().rate_limited(operation, reset));
    }

    /// See [`MockIntercom::respond_in_order`].
    pub fn respond_in_order(
        &self,
        operation: impl OperationKey,
        responses: impl IntoIterator<Item = ResponseTemplate>,
    ) {
        self.runtime.block_on(self.mock().respond_in_order(operation, responses));
    }

    /// See [`MockIntercom::serve_pages`].
    pub fn serve_pages<E: Paginated>(&self, endpoint: &E, items: Vec<serde_json::Value>, per_page: usize) {
        self.runtime.block_on(self.mock().serve_pages(endpoint, items, per_page));
    }

    /// See [`MockIntercom::received`].
    pub fn received(&self, operation: impl OperationKey) -> Vec<Request> {
        self.runtime.block_on(self.mock().received(operation))
    }

    /// See [`MockIntercom::received_bodies`].
    pub fn received_bodies(&self, operation: impl OperationKey) -> Vec<serde_json::Value> {
        self.runtime.block_on(self.mock().received_bodies(operation))
    }

    /// See [`MockIntercom::assert_received`]; the panic is reported at the line that calls this.
    #[track_caller]
    pub fn assert_received(&self, operation: impl OperationKey, times: usize) {
        if let Some(mismatch) = self.runtime.block_on(self.mock().received_mismatch(operation.operation(), times)) {
            panic!("{mismatch}");
        }
    }

    /// See [`MockIntercom::insert`].
    pub fn insert(&self, path: &str, objects: impl IntoIterator<Item = serde_json::Value>) {
        self.mock().insert(path, objects);
    }

    /// See [`MockIntercom::set_quick_clock`].
    pub fn set_quick_clock(&self, divisor: u32) {
        self.mock().set_quick_clock(divisor);
    }

    /// See [`MockIntercom::keep_writes`].
    pub fn keep_writes(&self, keep: bool) {
        self.mock().keep_writes(keep);
    }

    /// See [`MockIntercom::set_jobs`].
    pub fn set_jobs(&self, jobs: crate::MockJobs) {
        self.mock().set_jobs(jobs);
    }
}

impl Drop for BlockingMockIntercom {
    fn drop(&mut self) {
        // The server stops with its runtime; drop it first, inside.
        let _guard = self.runtime.enter();
        self.mock.take();
    }
}
