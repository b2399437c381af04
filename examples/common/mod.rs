//! Shared by the examples: the embedded mock Intercom, or the real API when `INTERCOM_TOKEN` is set.
#![allow(dead_code)]

use intercom_mock::BlockingMockIntercom;
use intercom_ureq::Config;

/// Where an example talks to.
pub struct Setup {
    /// The configuration to build clients from.
    pub config: Config,
    /// Whether it is the real API (examples then only read).
    pub real: bool,
    /// The mock, kept alive while the example runs.
    pub mock: Option<BlockingMockIntercom>,
}

/// The mock, unless `INTERCOM_TOKEN` is set. Call it before any async runtime starts.
pub fn setup(example: &str) -> Setup {
    let real = std::env::var("INTERCOM_TOKEN").is_ok_and(|t| !t.trim().is_empty());
    if real {
        match Config::from_env() {
            Ok(config) => {
                println!("{example}: reading the real workspace at {} (read-only).", config.base_url());
                return Setup { config, real, mock: None };
            }
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        }
    }
    let mock = BlockingMockIntercom::start();
    println!("{example}: INTERCOM_TOKEN is not set, using the embedded mock at {}.", mock.uri());
    Setup { config: mock.config(), real, mock: Some(mock) }
}

/// Runs the async half of an example on a fresh Tokio runtime.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new().expect("a Tokio runtime").block_on(future)
}

/// Prints a section heading.
pub fn section(title: &str) {
    println!("\n== {title}");
}

/// Ends the example with the error's message, or returns.
pub fn finish(result: Result<(), intercom_ureq::Error>) {
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
