//! Serde types for every object of [Intercom's REST API](https://developers.intercom.com/docs/references/rest-api/api.intercom.io/)
//! (version 2.16), generated from Intercom's OpenAPI description by `intercom-codegen`. With the `preview`
//! feature, `preview` holds the types of Intercom's Preview API (docs/VERSIONING.md in the repository).
//!
//! This crate knows nothing of HTTP: a webhook receiver or a job that stores Intercom objects can depend on
//! it alone.
//!
//! Every type is tolerant of what the real API sends:
//! - in answers, fields the server may leave out or send as `null` are `Option`, lists and maps default to
//!   empty (`null` too);
//! - nothing is dropped: every struct keeps the members it has no field for in its `extra` ([`Extra`]), and
//!   encoding a decoded value gives back the JSON it was decoded from (the same members, the same values);
//! - `id` fields are `String`s and accept JSON integers too;
//! - enums are open: a value this version does not know decodes to `Unknown(raw)` instead of failing;
//! - one-of types pick their variant by shape, and keep a shape they do not know as JSON in `Other`.
//!
//! Request bodies are separate types where the spec keeps them apart: their required fields are required,
//! and `None` fields are not sent. The optional fields of update bodies are [`Nullable`]: left out, sent as
//! `null` (which clears them), or sent with a value. A struct is read from and written to JSON only (its
//! serde implementations ask the format what comes next, as JSON can say).
//!
//! Where the published description and the real API disagree, the types follow the API; every such place is
//! listed, with its reason, in `crates/intercom-codegen/overrides.yaml`.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

#[macro_use]
mod open_enum;
mod builders;
mod extra;
mod fin_event;
mod generated;
mod json_object;
mod nullable;
#[doc(hidden)]
pub mod polymorphic;
mod replies;
pub mod serde_helpers;
mod wire;

pub use extra::Extra;
pub use fin_event::FinEvent;
pub use generated::*;
pub use json_object::IntoJsonObject;
pub use nullable::Nullable;
/// The JSON crate the models use (`Value`, `Map`, the `json!` macro), so one version is in play.
pub use serde_json;

/// Re-exports used by the [`open_enum!`] macro; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
}
