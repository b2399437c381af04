//! The notification envelope and its item.

use intercom_models::{Admin, Company, Contact, Conversation, DataEvent, Tag, Ticket, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;

intercom_models::open_enum! {
    /// A webhook topic. Topics this version does not know are kept in `Unknown`.
    pub enum Topic {
        /// `ping`: sent when you test the endpoint.
        Ping = "ping",
        /// `admin.added_to_workspace`.
        AdminAddedToWorkspace = "admin.added_to_workspace",
        /// `admin.away_mode_updated`.
        AdminAwayModeUpdated = "admin.away_mode_updated",
        /// `admin.logged_in`.
        AdminLoggedIn = "admin.logged_in",
        /// `admin.logged_out`.
        AdminLoggedOut = "admin.logged_out",
        /// `admin.removed_from_workspace`.
        AdminRemovedFromWorkspace = "admin.removed_from_workspace",
        /// `company.created`.
        CompanyCreated = "company.created",
        /// `company.updated`.
        CompanyUpdated = "company.updated",
        /// `company.deleted`.
        CompanyDeleted = "company.deleted",
        /// `contact.user.created`.
        ContactUserCreated = "contact.user.created",
        /// `contact.user.updated`.
        ContactUserUpdated = "contact.user.updated",
        /// `contact.lead.created`.
        ContactLeadCreated = "contact.lead.created",
        /// `contact.lead.updated`.
        ContactLeadUpdated = "contact.lead.updated",
        /// `contact.lead.signed_up`.
        ContactLeadSignedUp = "contact.lead.signed_up",
        /// `contact.archived`.
        ContactArchived = "contact.archived",
        /// `contact.unarchived`.
        ContactUnarchived = "contact.unarchived",
        /// `contact.deleted`.
        ContactDeleted = "contact.deleted",
        /// `contact.email.updated`.
        ContactEmailUpdated = "contact.email.updated",
        /// `contact.subscribed`.
        ContactSubscribed = "contact.subscribed",
        /// `contact.unsubscribed`.
        ContactUnsubscribed = "contact.unsubscribed",
        /// `contact.tag.created`.
        ContactTagCreated = "contact.tag.created",
        /// `contact.tag.deleted`.
        ContactTagDeleted = "contact.tag.deleted",
        /// `conversation.user.created`.
        ConversationUserCreated = "conversation.user.created",
        /// `conversation.user.replied`.
        ConversationUserReplied = "conversation.user.replied",
        /// `conversation.admin.single.created`.
        ConversationAdminSingleCreated = "conversation.admin.single.created",
        /// `conversation.admin.replied`.
        ConversationAdminReplied = "conversation.admin.replied",
        /// `conversation.admin.replied.translated`: an admin's reply, translated for the user.
        ConversationAdminRepliedTranslated = "conversation.admin.replied.translated",
        /// `conversation.admin.noted`.
        ConversationAdminNoted = "conversation.admin.noted",
        /// `conversation.admin.assigned`.
        ConversationAdminAssigned = "conversation.admin.assigned",
        /// `conversation.admin.open.assigned`.
        ConversationAdminOpenAssigned = "conversation.admin.open.assigned",
        /// `conversation.admin.closed`.
        ConversationAdminClosed = "conversation.admin.closed",
        /// `conversation.admin.opened`.
        ConversationAdminOpened = "conversation.admin.opened",
        /// `conversation.admin.snoozed`.
        ConversationAdminSnoozed = "conversation.admin.snoozed",
        /// `conversation.admin.unsnoozed`.
        ConversationAdminUnsnoozed = "conversation.admin.unsnoozed",
        /// `conversation.operator.replied`.
        ConversationOperatorReplied = "conversation.operator.replied",
        /// `conversation.priority.updated`.
        ConversationPriorityUpdated = "conversation.priority.updated",
        /// `conversation.rating.added`.
        ConversationRatingAdded = "conversation.rating.added",
        /// `conversation.read`.
        ConversationRead = "conversation.read",
        /// `conversation.contact.attached`.
        ConversationContactAttached = "conversation.contact.attached",
        /// `conversation.contact.detached`.
        ConversationContactDetached = "conversation.contact.detached",
        /// `conversation.deleted`.
        ConversationDeleted = "conversation.deleted",
        /// `conversation_part.redacted`.
        ConversationPartRedacted = "conversation_part.redacted",
        /// `conversation_part.tag.created`.
        ConversationPartTagCreated = "conversation_part.tag.created",
        /// `event.created`.
        EventCreated = "event.created",
        /// `ticket.created`.
        TicketCreated = "ticket.created",
        /// `ticket.admin.assigned`.
        TicketAdminAssigned = "ticket.admin.assigned",
        /// `ticket.admin.replied.translated`: an admin's reply on a ticket, translated for the user.
        TicketAdminRepliedTranslated = "ticket.admin.replied.translated",
        /// `ticket.admin.snoozed`.
        TicketAdminSnoozed = "ticket.admin.snoozed",
        /// `ticket.admin.unsnoozed`.
        TicketAdminUnsnoozed = "ticket.admin.unsnoozed",
        /// `ticket.team.assigned`.
        TicketTeamAssigned = "ticket.team.assigned",
        /// `ticket.state.updated`.
        TicketStateUpdated = "ticket.state.updated",
        /// `ticket.attribute.updated`.
        TicketAttributeUpdated = "ticket.attribute.updated",
        /// `ticket.note.created`.
        TicketNoteCreated = "ticket.note.created",
        /// `ticket.contact.replied`.
        TicketContactReplied = "ticket.contact.replied",
        /// `ticket.contact.attached`.
        TicketContactAttached = "ticket.contact.attached",
        /// `ticket.contact.detached`.
        TicketContactDetached = "ticket.contact.detached",
        /// `ticket.closed`.
        TicketClosed = "ticket.closed",
        /// `user.created`.
        UserCreated = "user.created",
        /// `user.deleted`.
        UserDeleted = "user.deleted",
        /// `user.email.updated`.
        UserEmailUpdated = "user.email.updated",
        /// `user.unsubscribed`.
        UserUnsubscribed = "user.unsubscribed",
        /// `user.tag.created`.
        UserTagCreated = "user.tag.created",
        /// `user.tag.deleted`.
        UserTagDeleted = "user.tag.deleted",
        /// `visitor.signed_up`.
        VisitorSignedUp = "visitor.signed_up",
    }
}

impl Default for Topic {
    fn default() -> Self {
        Topic::Unknown(String::new())
    }
}

/// A webhook notification (`"type": "notification_event"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Notification {
    /// `notification_event`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// The notification's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What happened.
    pub topic: Topic,
    /// The workspace it happened in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// When it happened, in Unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<i64>,
    /// Delivery: `pending`, `success`, `failed`...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_status: Option<String>,
    /// How many times delivery was tried.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_attempts: Option<i64>,
    /// When it was delivered, in Unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<i64>,
    /// When delivery was first tried, in Unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_sent_at: Option<i64>,
    /// The notification's API URL.
    #[serde(rename = "self", skip_serializing_if = "Option::is_none")]
    pub self_url: Option<String>,
    /// The object the topic is about.
    pub data: NotificationData,
}

/// The `data` of a notification: the raw item, decoded on demand by [`Notification::item`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NotificationData {
    /// `notification_event_data`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// The item, as sent.
    pub item: Value,
}

/// A tag applied to or removed from a contact (`contact.tag.*`, `user.tag.*`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactTag {
    /// `contact_tag`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// When, in Unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<i64>,
    /// The contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<Tag>,
}

/// A notification's item, decoded by topic.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Item {
    /// `contact.*` (but tags), `user.*` (but tags), `visitor.signed_up`.
    Contact(Box<Contact>),
    /// `conversation.*`, `conversation_part.*`.
    Conversation(Box<Conversation>),
    /// `company.*`.
    Company(Box<Company>),
    /// `ticket.*`.
    Ticket(Box<Ticket>),
    /// Other `visitor.*` topics.
    Visitor(Box<Visitor>),
    /// `admin.*`.
    Admin(Box<Admin>),
    /// `contact.tag.*`, `user.tag.*`.
    ContactTag(Box<ContactTag>),
    /// `event.created`.
    Event(Box<DataEvent>),
    /// `ping`, a topic this version does not know, or an item that did not decode: the raw JSON.
    Other(Value),
}

fn decode<T: serde::de::DeserializeOwned>(item: &Value, wrap: fn(Box<T>) -> Item) -> Item {
    match T::deserialize(item) {
        Ok(value) => wrap(Box::new(value)),
        Err(_) => Item::Other(item.clone()),
    }
}

impl Notification {
    /// The item, decoded into the type its topic carries; the raw JSON when the topic is unknown or the item
    /// does not decode.
    pub fn item(&self) -> Item {
        let item = &self.data.item;
        let topic = self.topic.as_str();
        let family = |prefix: &str| topic.starts_with(prefix);
        if family("contact.tag.") || family("user.tag.") {
            decode(item, Item::ContactTag)
        } else if family("contact.") || family("user.") || topic == "visitor.signed_up" {
            decode(item, Item::Contact)
        } else if family("conversation.") || family("conversation_part.") {
            decode(item, Item::Conversation)
        } else if family("company.") {
            decode(item, Item::Company)
        } else if family("ticket.") {
            decode(item, Item::Ticket)
        } else if family("visitor.") {
            decode(item, Item::Visitor)
        } else if family("admin.") {
            decode(item, Item::Admin)
        } else if family("event.") {
            decode(item, Item::Event)
        } else {
            Item::Other(item.clone())
        }
    }
}
