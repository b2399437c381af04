//! The performance harness of intercom-rs: realistic data, a loopback server, and the contenders.
//! See docs/PERFORMANCE.md; run with `cargo run --release -p intercom-bench`.
#![forbid(unsafe_code)]
#![recursion_limit = "512"]
#![deny(missing_docs)]

pub mod bulk;
pub mod contenders;
pub mod data;
pub mod export;
pub mod fleet;
pub mod harness;
pub mod link;
pub mod measure;
pub mod reports;
pub mod search_server;
pub mod server;
pub mod tls_server;
