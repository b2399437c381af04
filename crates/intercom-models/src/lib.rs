//! Serde types for the objects of [Intercom's REST API](https://developers.intercom.com/docs/references/rest-api/api.intercom.io/)
//! (version 2.11).
//!
//! This crate knows nothing of HTTP: a webhook receiver or a job that stores Intercom objects can depend on
//! it alone. The clients live in `intercom-ureq` (blocking) and `intercom-hyper` (async).
//!
//! Every type here is tolerant of what the real API sends:
//! - fields the server may leave out or send as `null` are `Option`, lists default to empty;
//! - ids are `String`s and also accept JSON integers;
//! - enums are open: a value this version does not know decodes to `Unknown(raw)` instead of failing;
//! - unknown fields are ignored.
//!
//! Where the published OpenAPI description and the real API disagree, the types follow the API; every
//! such place is listed in `docs/SPEC_DEVIATIONS.md`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[macro_use]
mod open_enum;
pub mod serde_helpers;

pub mod admin;
pub mod contact;
pub mod data_event;
pub mod data_export;
pub mod error;
pub mod note;
pub mod pages;
pub mod search;
pub mod segment;
pub mod subscription_type;

pub use admin::{Admin, AdminAvatar, AdminList, AdminWithApp, AdminWithAppAvatar, App, TeamPriorityLevel};
pub use contact::{
    AddressableList, Contact, ContactAvatar, ContactCompanies, ContactCompany, ContactList, ContactLocation,
    ContactNotes, ContactSocialProfiles, ContactTags, SocialProfile,
};
pub use data_event::{
    CreateDataEventRequest, CreateDataEventSummariesRequest, DataEventPages, DataEventSummary, DataEventSummaryItem,
    EventSummaries,
};
pub use data_export::{CreateDataExportRequest, DataExport, DataExportStatus};
pub use error::{ErrorBody, ErrorItem};
pub use note::{CreateNoteRequest, Note, NoteContact, NoteList};
pub use pages::{CursorPages, StartingAfterPaging};
pub use search::{
    FilterValue, GroupOperator, MultipleFilter, SearchOperator, SearchQuery, SearchRequest, SingleFilter,
};
pub use segment::{ContactSegments, Segment, SegmentList, SegmentPersonType};
pub use subscription_type::{
    ConsentType, SubscriptionContentType, SubscriptionState, SubscriptionType, SubscriptionTypeList, Translation,
};

/// Re-exports used by the [`open_enum!`] macro; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
}
