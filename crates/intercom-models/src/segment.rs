//! Segments: saved filters over contacts.
//!
//! Reference: <https://developers.intercom.com/docs/references/2.11/rest-api/api.intercom.io/segments>

use serde::{Deserialize, Serialize};

use crate::serde_helpers::{id, null_as_default};

open_enum! {
    /// Which kind of contact a segment holds (schema `segment.person_type`).
    pub enum SegmentPersonType {
        /// Leads.
        Contact = "contact",
        /// Users.
        User = "user",
    }
}

/// A segment (schema `segment`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Segment {
    /// Always `"segment"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The segment's id.
    #[serde(deserialize_with = "id")]
    pub id: String,
    /// Name shown in Intercom.
    pub name: Option<String>,
    /// Creation time, in Unix seconds.
    pub created_at: Option<i64>,
    /// Last change, in Unix seconds.
    pub updated_at: Option<i64>,
    /// Which kind of contact the segment holds.
    pub person_type: Option<SegmentPersonType>,
    /// Number of contacts in the segment; only with `include_count=true`.
    pub count: Option<i64>,
}

/// All segments of the workspace: `GET /segments` (schema `segment_list`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SegmentList {
    /// Always `"segment.list"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The segments.
    #[serde(deserialize_with = "null_as_default")]
    pub segments: Vec<Segment>,
    /// Paging information; the schema leaves its shape open.
    pub pages: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The segments a contact belongs to: `GET /contacts/{id}/segments` (schema `contact_segments`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactSegments {
    /// Always `"list"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The segments.
    #[serde(deserialize_with = "null_as_default")]
    pub data: Vec<Segment>,
}
