//! Serde types for every object of [Intercom's REST API](https://developers.intercom.com/docs/references/rest-api/api.intercom.io/)
//! (version 2.16), generated from Intercom's OpenAPI description by `intercom-codegen`. With the `preview`
//! feature, `preview` holds the types of Intercom's Preview API (docs/VERSIONING.md in the repository).
//!
//! This crate knows nothing of HTTP: a webhook receiver or a job that stores Intercom objects can depend on
//! it alone.
//!
//! Every type is tolerant of what the real API sends:
//! - in answers, fields the server may leave out or send as `null` are `Option`, lists and maps default to
//!   empty (`null` too), and unknown fields are ignored;
//! - `id` fields are `String`s and accept JSON integers too;
//! - enums are open: a value this version does not know decodes to `Unknown(raw)` instead of failing;
//! - one-of types pick their variant by shape, and keep a shape they do not know as JSON in `Other`.
//!
//! Request bodies are separate types where the spec keeps them apart: their required fields are required,
//! and `None` fields are not sent.
//!
//! Where the published description and the real API disagree, the types follow the API; every such place is
//! listed, with its reason, in `crates/intercom-codegen/overrides.yaml`.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

#[macro_use]
mod open_enum;
mod builders;
mod generated;
mod json_object;
#[doc(hidden)]
pub mod polymorphic;
mod replies;
pub mod serde_helpers;

pub use generated::*;
pub use json_object::IntoJsonObject;
/// The JSON crate the models use (`Value`, `Map`, the `json!` macro), so one version is in play.
pub use serde_json;

/// Re-exports used by the [`open_enum!`] macro; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
}
