//! The mock on its own thread and runtime, for blocking tests and programs.

use std::sync::mpsc;
use std::thread::JoinHandle;

use intercom_core::Config;
use tokio::sync::oneshot;

use crate::MockIntercom;

/// A [`MockIntercom`] with its recorded responses, served from a background thread so code without an
/// async runtime can use it. Stops when dropped.
///
/// ```
/// use intercom_mock::BlockingMockIntercom;
/// use intercom_ureq::{endpoints::IdentifyAdmin, Client};
///
/// let mock = BlockingMockIntercom::start();
/// let client = Client::from_config(mock.config());
/// let me = IdentifyAdmin::new().send(&client).unwrap();
/// assert_eq!(me.email.as_deref(), Some("admin1@email.com"));
/// ```
#[derive(Debug)]
pub struct BlockingMockIntercom {
    uri: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl BlockingMockIntercom {
    /// Starts the mock and waits until it listens.
    ///
    /// # Panics
    /// If the thread or its runtime cannot start.
    pub fn start() -> Self {
        let (uri_tx, uri_rx) = mpsc::channel();
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("intercom-mock".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("intercom-mock could not start its runtime");
                runtime.block_on(async move {
                    let mock = MockIntercom::start().await;
                    let _ = uri_tx.send(mock.uri());
                    let _ = stop_rx.await;
                });
            })
            .expect("intercom-mock could not start its thread");
        let uri = uri_rx.recv().expect("intercom-mock's thread stopped before it listened");
        Self { uri, stop: Some(stop_tx), thread: Some(thread) }
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// A client configuration pointed at this mock, with [`MOCK_TOKEN`](crate::MOCK_TOKEN).
    pub fn config(&self) -> Config {
        crate::config_for(&self.uri)
    }
}

impl Drop for BlockingMockIntercom {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
