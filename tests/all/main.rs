//! Cross-crate tests of intercom-rs, in one binary to keep link time down.

mod bulk;
mod closures;
mod conformance;
mod decode_fixtures;
mod dispatch;
mod docs_drift;
mod export;
mod faults;
mod fleet;
#[allow(clippy::all, deprecated)]
#[path = "generated/operations.rs"]
mod generated_operations;
#[cfg(feature = "preview")]
#[allow(clippy::all)]
#[path = "generated/preview_operations.rs"]
mod generated_preview_operations;
#[cfg(feature = "preview")]
#[allow(clippy::all)]
#[path = "generated/preview_schemas.rs"]
mod generated_preview_schemas;
#[allow(clippy::all)]
#[path = "generated/schemas.rs"]
mod generated_schemas;
mod jobs;
mod listings;
mod mock_errors;
mod mock_store;
mod operation_check;
mod options_and_raw;
mod pagination_check;
mod pagination_memory;
#[cfg(feature = "preview")]
mod preview;
mod request_bodies;
mod request_snapshots;
mod schemas;
mod support;
mod tls;
mod token_safety;
mod versions;
