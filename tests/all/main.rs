//! Cross-crate tests of intercom-rs, in one binary to keep link time down.

mod closures;
mod conformance;
mod decode_fixtures;
mod request_snapshots;
mod slice;
mod support;
mod token_safety;
