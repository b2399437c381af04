//! Admins: the teammates of a workspace.
//!
//! Reference: <https://developers.intercom.com/docs/references/2.11/rest-api/api.intercom.io/admins>

use serde::{Deserialize, Serialize};

use crate::serde_helpers::{id, null_as_default};

/// A teammate, as listed by `GET /admins`, returned by `GET /admins/{id}` and embedded as a note's author
/// (schema `admin`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Admin {
    /// Always `"admin"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The admin's id.
    #[serde(deserialize_with = "id")]
    pub id: String,
    /// Full name.
    pub name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Job title.
    pub job_title: Option<String>,
    /// Whether the admin is away.
    pub away_mode_enabled: Option<bool>,
    /// Whether conversations assigned to the admin are reassigned while they are away.
    pub away_mode_reassign: Option<bool>,
    /// Whether the admin holds a paid inbox seat.
    pub has_inbox_seat: Option<bool>,
    /// Ids of the teams the admin belongs to.
    #[serde(deserialize_with = "null_as_default")]
    pub team_ids: Vec<i64>,
    /// Profile picture, when the admin has one.
    pub avatar: Option<AdminAvatar>,
    /// Primary and secondary team membership.
    pub team_priority_level: Option<TeamPriorityLevel>,
}

/// An admin's profile picture (schema `admin.avatar`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdminAvatar {
    /// URL of the image.
    pub image_url: Option<String>,
}

/// Which teams an admin belongs to as a primary or a secondary member (schema `team_priority_level`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TeamPriorityLevel {
    /// Teams where the admin is a primary member.
    pub primary_team_ids: Option<Vec<i64>>,
    /// Teams where the admin is a secondary member.
    pub secondary_team_ids: Option<Vec<i64>>,
}

/// The admin who owns the access token, with their workspace: `GET /me` (schema `admin_with_app`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdminWithApp {
    /// Always `"admin"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The admin's id.
    #[serde(deserialize_with = "id")]
    pub id: String,
    /// Full name.
    pub name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Job title.
    pub job_title: Option<String>,
    /// Whether the admin is away.
    pub away_mode_enabled: Option<bool>,
    /// Whether conversations assigned to the admin are reassigned while they are away.
    pub away_mode_reassign: Option<bool>,
    /// Whether the admin holds a paid inbox seat.
    pub has_inbox_seat: Option<bool>,
    /// Ids of the teams the admin belongs to.
    #[serde(deserialize_with = "null_as_default")]
    pub team_ids: Vec<i64>,
    /// Profile picture.
    pub avatar: Option<AdminWithAppAvatar>,
    /// Whether the admin has confirmed their email address.
    pub email_verified: Option<bool>,
    /// The workspace the token belongs to.
    pub app: Option<App>,
}

/// The profile picture in a `GET /me` answer (schema `admin_with_app.avatar`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdminWithAppAvatar {
    /// Always `"avatar"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// URL of the image.
    pub image_url: Option<String>,
}

/// An Intercom workspace (schema `app`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct App {
    /// Always `"app"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The workspace id (the "app id" shown in Intercom's settings).
    pub id_code: Option<String>,
    /// Workspace name.
    pub name: Option<String>,
    /// Data hosting region, e.g. `"US"`.
    pub region: Option<String>,
    /// IANA time zone of the workspace.
    pub timezone: Option<String>,
    /// Creation time, in Unix seconds.
    pub created_at: Option<i64>,
    /// Whether Messenger identity verification is on.
    pub identity_verification: Option<bool>,
    /// Sent by the API although the 2.11 schema does not list it (see `docs/SPEC_DEVIATIONS.md`).
    pub secure: Option<bool>,
}

/// All admins of the workspace: `GET /admins` (schema `admin_list`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdminList {
    /// Always `"admin.list"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The admins.
    #[serde(deserialize_with = "null_as_default")]
    pub admins: Vec<Admin>,
}
