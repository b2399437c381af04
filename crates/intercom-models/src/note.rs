//! Notes that teammates leave on contacts.
//!
//! Reference: <https://developers.intercom.com/docs/references/2.11/rest-api/api.intercom.io/notes>

use serde::{Deserialize, Serialize};

use crate::admin::Admin;
use crate::pages::CursorPages;
use crate::serde_helpers::{id, null_as_default};

/// A note on a contact (schema `note`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Note {
    /// Always `"note"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The note's id.
    #[serde(deserialize_with = "id")]
    pub id: String,
    /// Creation time, in Unix seconds.
    pub created_at: Option<i64>,
    /// The contact the note is about.
    pub contact: Option<NoteContact>,
    /// The teammate who wrote it.
    pub author: Option<Admin>,
    /// The note's text, as HTML.
    pub body: Option<String>,
}

/// The contact a note is about (schema `note.contact`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteContact {
    /// Always `"contact"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The contact's id.
    #[serde(deserialize_with = "id")]
    pub id: String,
}

/// A page of notes: `GET /contacts/{id}/notes` (schema `note_list`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteList {
    /// Always `"list"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The notes on this page.
    #[serde(deserialize_with = "null_as_default")]
    pub data: Vec<Note>,
    /// Number of notes across all pages.
    pub total_count: Option<i64>,
    /// Page information.
    pub pages: Option<CursorPages>,
}

/// A new note: the body of `POST /contacts/{id}/notes`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateNoteRequest {
    /// The note's text; HTML is accepted.
    pub body: String,
    /// The teammate to show as the author; the token's owner when absent.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::serde_helpers::optional_id")]
    pub admin_id: Option<String>,
}

impl CreateNoteRequest {
    /// A note with this text.
    pub fn new(body: impl Into<String>) -> Self {
        Self { body: body.into(), admin_id: None }
    }
}
