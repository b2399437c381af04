//! Fin Agent API events, as webhooks deliver them and as the event stream of a Fin conversation sends them:
//! one JSON object named by its `event_name`.

use crate::{FinAgentCsatRequestedEvent, FinAgentRepliedEvent, FinAgentReplyChunkEvent, FinAgentStatusUpdatedEvent};
use serde_json::Value;

/// One Fin event, decoded by its `event_name`; an event this release does not know is kept whole.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FinEvent {
    /// `fin_status_updated`: Fin is thinking, replying, awaiting the user, escalated, resolved, or done.
    StatusUpdated(FinAgentStatusUpdatedEvent),
    /// `fin_replied`: Fin's full reply.
    Replied(FinAgentRepliedEvent),
    /// `fin_reply_chunk`: the reply so far, while Fin writes it (on the event stream only).
    ReplyChunk(FinAgentReplyChunkEvent),
    /// `csat_requested`: a satisfaction survey for the user.
    CsatRequested(FinAgentCsatRequestedEvent),
    /// An event named otherwise: its name and its JSON, as sent.
    Other {
        /// The event's `event_name` (empty when it has none).
        event_name: String,
        /// The whole event.
        json: Value,
    },
}

impl FinEvent {
    /// Decodes one event from its JSON.
    pub fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        let json: Value = serde_json::from_slice(body)?;
        let event_name = json["event_name"].as_str().unwrap_or_default().to_owned();
        Ok(match event_name.as_str() {
            "fin_status_updated" => Self::StatusUpdated(serde_json::from_value(json)?),
            "fin_replied" => Self::Replied(serde_json::from_value(json)?),
            "fin_reply_chunk" => Self::ReplyChunk(serde_json::from_value(json)?),
            "csat_requested" => Self::CsatRequested(serde_json::from_value(json)?),
            _ => Self::Other { event_name, json },
        })
    }

    /// The event's name (`fin_status_updated`, ...).
    pub fn event_name(&self) -> &str {
        match self {
            Self::StatusUpdated(_) => "fin_status_updated",
            Self::Replied(_) => "fin_replied",
            Self::ReplyChunk(_) => "fin_reply_chunk",
            Self::CsatRequested(_) => "csat_requested",
            Self::Other { event_name, .. } => event_name,
        }
    }

    /// Whether this is the status update that ends Fin's turn for good (`complete`).
    pub fn is_complete(&self) -> bool {
        matches!(self, Self::StatusUpdated(e) if e.status.as_ref().is_some_and(|s| s.as_str() == "complete"))
    }

    /// The conversation the event is about.
    pub fn conversation_id(&self) -> Option<&str> {
        match self {
            Self::StatusUpdated(e) => e.conversation_id.as_deref(),
            Self::Replied(e) => e.conversation_id.as_deref(),
            Self::ReplyChunk(e) => e.conversation_id.as_deref(),
            Self::CsatRequested(e) => e.conversation_id.as_deref(),
            Self::Other { json, .. } => json["conversation_id"].as_str(),
        }
    }
}
