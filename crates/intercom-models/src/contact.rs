//! Contacts: the users and leads of a workspace.
//!
//! Reference: <https://developers.intercom.com/docs/references/2.11/rest-api/api.intercom.io/contacts>

use serde::{Deserialize, Serialize};

use crate::pages::CursorPages;
use crate::serde_helpers::{id, null_as_default};

/// A contact: a user or a lead (schema `contact`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// Always `"contact"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// Intercom's id of the contact.
    #[serde(deserialize_with = "id")]
    pub id: String,
    /// Your own id of the contact.
    pub external_id: Option<String>,
    /// The workspace id.
    pub workspace_id: Option<String>,
    /// `"user"` or `"lead"`.
    pub role: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Domain of the email address.
    pub email_domain: Option<String>,
    /// Phone number as entered.
    pub phone: Option<String>,
    /// Phone number in E.164 form.
    pub formatted_phone: Option<String>,
    /// Full name.
    pub name: Option<String>,
    /// Id of the admin who owns the contact.
    pub owner_id: Option<i64>,
    /// Whether email to the contact has hard bounced.
    pub has_hard_bounced: Option<bool>,
    /// Whether the contact marked an email as spam.
    pub marked_email_as_spam: Option<bool>,
    /// Whether the contact unsubscribed from email.
    pub unsubscribed_from_emails: Option<bool>,
    /// Creation time, in Unix seconds.
    pub created_at: Option<i64>,
    /// Last change, in Unix seconds.
    pub updated_at: Option<i64>,
    /// Sign-up time, in Unix seconds.
    pub signed_up_at: Option<i64>,
    /// Last time the contact was seen, in Unix seconds.
    pub last_seen_at: Option<i64>,
    /// Last time the contact replied, in Unix seconds.
    pub last_replied_at: Option<i64>,
    /// Last time a teammate contacted them, in Unix seconds.
    pub last_contacted_at: Option<i64>,
    /// Last time they opened an email, in Unix seconds.
    pub last_email_opened_at: Option<i64>,
    /// Last time they clicked a link in an email, in Unix seconds.
    pub last_email_clicked_at: Option<i64>,
    /// Language chosen for the Messenger, overriding the browser's.
    pub language_override: Option<String>,
    /// Last browser used.
    pub browser: Option<String>,
    /// Version of that browser.
    pub browser_version: Option<String>,
    /// Language of that browser.
    pub browser_language: Option<String>,
    /// Last operating system used.
    pub os: Option<String>,
    /// Name of the Android app last used.
    pub android_app_name: Option<String>,
    /// Version of that Android app.
    pub android_app_version: Option<String>,
    /// Android device model.
    pub android_device: Option<String>,
    /// Android version.
    pub android_os_version: Option<String>,
    /// Intercom Android SDK version.
    pub android_sdk_version: Option<String>,
    /// Last time seen on Android, in Unix seconds.
    pub android_last_seen_at: Option<i64>,
    /// Name of the iOS app last used.
    pub ios_app_name: Option<String>,
    /// Version of that iOS app.
    pub ios_app_version: Option<String>,
    /// iOS device model.
    pub ios_device: Option<String>,
    /// iOS version.
    pub ios_os_version: Option<String>,
    /// Intercom iOS SDK version.
    pub ios_sdk_version: Option<String>,
    /// Last time seen on iOS, in Unix seconds.
    pub ios_last_seen_at: Option<i64>,
    /// Your custom data attributes: any JSON values.
    #[serde(deserialize_with = "null_as_default")]
    pub custom_attributes: serde_json::Map<String, serde_json::Value>,
    /// Profile picture.
    pub avatar: Option<ContactAvatar>,
    /// Tags applied to the contact (the first page).
    pub tags: Option<ContactTags>,
    /// Notes on the contact (the first page).
    pub notes: Option<ContactNotes>,
    /// Companies of the contact (the first page).
    pub companies: Option<ContactCompanies>,
    /// Where the contact was last seen.
    pub location: Option<ContactLocation>,
    /// Social network profiles.
    pub social_profiles: Option<ContactSocialProfiles>,
}

/// A contact's profile picture (schema `contact.avatar`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactAvatar {
    /// Always `"avatar"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// URL of the image.
    pub image_url: Option<String>,
}

/// A reference to a tag or a note: its type, id and API URL (schema `addressable_list`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressableList {
    /// What the reference points to, e.g. `"tag"` or `"note"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The id of the object.
    #[serde(deserialize_with = "id")]
    pub id: String,
    /// API path of the object.
    pub url: Option<String>,
}

/// The first page of a contact's tags (schema `contact_tags`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactTags {
    /// The tags.
    #[serde(deserialize_with = "null_as_default")]
    pub data: Vec<AddressableList>,
    /// API path listing all of them.
    pub url: Option<String>,
    /// How many there are.
    pub total_count: Option<i64>,
    /// Whether there are more than `data` holds.
    pub has_more: Option<bool>,
}

/// The first page of a contact's notes (schema `contact_notes`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactNotes {
    /// The notes.
    #[serde(deserialize_with = "null_as_default")]
    pub data: Vec<AddressableList>,
    /// API path listing all of them.
    pub url: Option<String>,
    /// How many there are.
    pub total_count: Option<i64>,
    /// Whether there are more than `data` holds.
    pub has_more: Option<bool>,
}

/// A reference to one of a contact's companies (schema `contact_company`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactCompany {
    /// The company's id.
    #[serde(deserialize_with = "id")]
    pub id: String,
    /// Always `"company"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// API path of the company.
    pub url: Option<String>,
}

/// The first page of a contact's companies (schema `contact_companies`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactCompanies {
    /// Always `"list"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The companies.
    #[serde(deserialize_with = "null_as_default")]
    pub data: Vec<ContactCompany>,
    /// API path listing all of them.
    pub url: Option<String>,
    /// How many there are.
    pub total_count: Option<i64>,
    /// Whether there are more than `data` holds.
    pub has_more: Option<bool>,
}

/// Where a contact was last seen (schema `contact_location`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactLocation {
    /// Always `"location"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// Country name.
    pub country: Option<String>,
    /// Region or state.
    pub region: Option<String>,
    /// City.
    pub city: Option<String>,
}

/// A contact's social network profiles (schema `contact_social_profiles`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactSocialProfiles {
    /// The profiles.
    #[serde(deserialize_with = "null_as_default")]
    pub data: Vec<SocialProfile>,
}

/// One social network profile (schema `social_profile`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SocialProfile {
    /// Always `"social_profile"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// Network name, e.g. `"Twitter"`.
    pub name: Option<String>,
    /// Profile URL.
    pub url: Option<String>,
}

/// A page of contacts: listing and search results (schema `contact_list`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactList {
    /// Always `"list"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The contacts on this page.
    #[serde(deserialize_with = "null_as_default")]
    pub data: Vec<Contact>,
    /// Number of contacts across all pages.
    pub total_count: Option<i64>,
    /// Where the next page starts.
    pub pages: Option<CursorPages>,
}
