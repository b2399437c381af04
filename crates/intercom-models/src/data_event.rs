//! Data events: things your users did, submitted to Intercom and summarised per user.
//!
//! Reference: <https://developers.intercom.com/docs/references/2.11/rest-api/api.intercom.io/data-events>

use serde::{Deserialize, Serialize};

use crate::serde_helpers::null_as_default;

/// A new event to record: `POST /events` (schema `create_data_event_request`).
///
/// Intercom needs the event name, its time, and one way to find the contact: build it with
/// [`for_user_id`](Self::for_user_id), [`for_email`](Self::for_email) or [`for_id`](Self::for_id).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateDataEventRequest {
    /// Name of the event, e.g. `"invited-friend"`.
    pub event_name: String,
    /// When it happened, in Unix seconds.
    pub created_at: i64,
    /// Your id of the contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Intercom's id of the contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The contact's email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Up to ten extra values about the event. The API accepts strings, numbers, booleans and its rich
    /// link and money objects, so values are any JSON (see `docs/SPEC_DEVIATIONS.md`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
}

impl CreateDataEventRequest {
    fn new(event_name: impl Into<String>, created_at: i64) -> Self {
        Self { event_name: event_name.into(), created_at, ..Self::default() }
    }

    /// An event of the contact with your `user_id`.
    pub fn for_user_id(event_name: impl Into<String>, created_at: i64, user_id: impl Into<String>) -> Self {
        Self { user_id: Some(user_id.into()), ..Self::new(event_name, created_at) }
    }

    /// An event of the contact with this email address.
    pub fn for_email(event_name: impl Into<String>, created_at: i64, email: impl Into<String>) -> Self {
        Self { email: Some(email.into()), ..Self::new(event_name, created_at) }
    }

    /// An event of the contact with this Intercom id.
    pub fn for_id(event_name: impl Into<String>, created_at: i64, id: impl Into<String>) -> Self {
        Self { id: Some(id.into()), ..Self::new(event_name, created_at) }
    }

    /// Adds one metadata value.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.metadata.get_or_insert_with(Default::default).insert(key.into(), value.into());
        self
    }
}

/// Event counts to add to a user's summary: `POST /events/summaries`
/// (schema `create_data_event_summaries_request`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateDataEventSummariesRequest {
    /// Your id of the contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The summary to record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_summaries: Option<EventSummaries>,
}

/// One event's count and first and last occurrence
/// (schema `create_data_event_summaries_request.event_summaries`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventSummaries {
    /// Name of the event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_name: Option<String>,
    /// How many times it happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    /// First time, in Unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<i64>,
    /// Last time, in Unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<i64>,
}

/// A user's events: `GET /events` (schema `data_event_summary`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataEventSummary {
    /// `"event.summary"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The contact's email address.
    pub email: Option<String>,
    /// Intercom's id of the contact.
    pub intercom_user_id: Option<String>,
    /// Your id of the contact.
    pub user_id: Option<String>,
    /// The events.
    #[serde(deserialize_with = "null_as_default")]
    pub events: Vec<DataEventSummaryItem>,
    /// Link to the next page. Sent by the API although the 2.11 schema does not list it.
    pub pages: Option<DataEventPages>,
}

/// One event name's summary (schema `data_event_summary_item`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataEventSummaryItem {
    /// Name of the event.
    pub name: Option<String>,
    /// First time it happened, as an ISO 8601 string.
    pub first: Option<String>,
    /// Last time it happened, as an ISO 8601 string.
    pub last: Option<String>,
    /// How many times it happened.
    pub count: Option<i64>,
    /// The event's description, when it has one.
    pub description: Option<String>,
}

/// Paging of `GET /events`: `next` is a full URL with its own query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataEventPages {
    /// URL of the next page; `None` on the last page.
    pub next: Option<String>,
}
