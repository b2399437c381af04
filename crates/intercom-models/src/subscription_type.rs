//! Subscription types: the kinds of messages a contact can opt in to or out of.
//!
//! Reference: <https://developers.intercom.com/docs/references/2.11/rest-api/api.intercom.io/subscription-types>

use serde::{Deserialize, Serialize};

use crate::serde_helpers::{id, null_as_default};

open_enum! {
    /// Whether a subscription type is in use (schema `subscription_type.state`).
    pub enum SubscriptionState {
        /// In use.
        Live = "live",
        /// Not yet published.
        Draft = "draft",
        /// No longer in use.
        Archived = "archived",
    }
}

open_enum! {
    /// How contacts consent to a subscription type (schema `subscription_type.consent_type`).
    pub enum ConsentType {
        /// Subscribed unless they opt out.
        OptOut = "opt_out",
        /// Subscribed only if they opt in.
        OptIn = "opt_in",
    }
}

open_enum! {
    /// A channel a subscription type covers (schema `subscription_type.content_types`).
    pub enum SubscriptionContentType {
        /// Email.
        Email = "email",
        /// SMS.
        SmsMessage = "sms_message",
    }
}

/// A subscription type (schema `subscription_type`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubscriptionType {
    /// `"subscription"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The subscription type's id.
    #[serde(deserialize_with = "id")]
    pub id: String,
    /// Whether it is in use.
    pub state: Option<SubscriptionState>,
    /// Name and description in the workspace's default language.
    pub default_translation: Option<Translation>,
    /// Name and description in every language.
    #[serde(deserialize_with = "null_as_default")]
    pub translations: Vec<Translation>,
    /// How contacts consent.
    pub consent_type: Option<ConsentType>,
    /// Channels it covers.
    #[serde(deserialize_with = "null_as_default")]
    pub content_types: Vec<SubscriptionContentType>,
}

/// A subscription type's name and description in one language (schema `translation`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Translation {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Language code, e.g. `"en"`.
    pub locale: Option<String>,
}

/// A list of subscription types (schema `subscription_type_list`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubscriptionTypeList {
    /// Always `"list"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The subscription types.
    #[serde(deserialize_with = "null_as_default")]
    pub data: Vec<SubscriptionType>,
}
