//! Intercom webhooks and Messenger identity verification, without an HTTP client.
//!
//! - [`verify_signature`] checks `X-Hub-Signature: sha1=<hex>`, an HMAC-SHA1 of the raw body keyed with your
//!   app's client secret, in constant time;
//! - [`Notification`] is the typed envelope, its item decoded by topic into `intercom-models` types, with a
//!   raw-JSON fallback; [`receive`] does both;
//! - [`verify_fin_signature`] checks a Fin Agent API event's `X-Fin-Agent-API-Webhook-Signature:
//!   sha256=<hex>` (HMAC-SHA256 with the Fin signing secret), and [`receive_fin`] decodes it into a
//!   [`FinEvent`];
//! - [`user_hash`] computes the Messenger's identity-verification hash (HMAC-SHA256, lowercase hex).
//!
//! ```
//! use intercom_webhooks::{receive, sign, Item};
//!
//! let secret = b"client-secret";
//! let body = br#"{"type":"notification_event","topic":"ping","id":"notif_1","app_id":"abc","data":{"item":{}}}"#;
//! let header = sign(secret, body); // what Intercom sends in X-Hub-Signature
//! let notification = receive(secret, Some(&header), body)?;
//! assert_eq!(notification.topic.as_str(), "ping");
//! assert!(matches!(notification.item(), Item::Other(_)));
//! # Ok::<(), intercom_webhooks::WebhookError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// The guide's examples, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/WEBHOOKS.md")]
struct GuideExamples;

mod identity;
mod notification;
mod signature;

pub use identity::user_hash;
/// A Fin Agent API event (the models crate's, re-exported).
pub use intercom_models::FinEvent;
pub use notification::{ContactTag, Item, Notification, NotificationData, Topic};
pub use signature::{
    find_signature, sign, sign_fin, verify_fin_signature, verify_signature, SignatureError, FIN_SIGNATURE_HEADER,
    SIGNATURE_HEADER,
};

use std::fmt;

/// A notification that could not be accepted: its signature, or its JSON.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// The `X-Hub-Signature` is missing, malformed or wrong: reject the request (answer 401).
    Signature(SignatureError),
    /// The `X-Fin-Agent-API-Webhook-Signature` of a Fin event is missing, malformed or wrong: reject it.
    FinSignature(SignatureError),
    /// The signature is right but the body is not a notification.
    Body(serde_json::Error),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::Signature(e) => write!(f, "webhook rejected: {}", e.describe(SIGNATURE_HEADER)),
            WebhookError::FinSignature(e) => write!(f, "Fin webhook rejected: {}", e.describe(FIN_SIGNATURE_HEADER)),
            WebhookError::Body(e) => write!(f, "webhook body is not what Intercom sends: {e}"),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::Signature(e) | WebhookError::FinSignature(e) => Some(e),
            WebhookError::Body(e) => Some(e),
        }
    }
}

/// Verifies `signature` (the `X-Hub-Signature` header) over the raw `body`, then decodes the notification.
pub fn receive(client_secret: &[u8], signature: Option<&str>, body: &[u8]) -> Result<Notification, WebhookError> {
    verify_signature(client_secret, body, signature).map_err(WebhookError::Signature)?;
    serde_json::from_slice(body).map_err(WebhookError::Body)
}

/// Verifies `signature` (the `X-Fin-Agent-API-Webhook-Signature` header) over the raw `body` with the Fin
/// Agent API's signing secret, then decodes the event.
pub fn receive_fin(signing_secret: &[u8], signature: Option<&str>, body: &[u8]) -> Result<FinEvent, WebhookError> {
    verify_fin_signature(signing_secret, body, signature).map_err(WebhookError::FinSignature)?;
    FinEvent::from_json(body).map_err(WebhookError::Body)
}
