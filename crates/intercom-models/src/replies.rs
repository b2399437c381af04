//! Constructors for the reply bodies people send most: an admin's comment or note, and a contact's reply,
//! on conversations and tickets. The `type` discriminators set themselves; the variant is chosen for you.

use crate::{
    AdminReplyConversationRequest, AdminReplyConversationRequestMessageType, AdminReplyTicketRequest,
    AdminReplyTicketRequestMessageType, ContactReplyConversationRequest, ContactReplyEmailRequest,
    ContactReplyEmailRequestMessageType, ContactReplyIntercomUserIdRequest,
    ContactReplyIntercomUserIdRequestMessageType, ContactReplyTicketEmailRequest,
    ContactReplyTicketEmailRequestMessageType, ContactReplyTicketIntercomUserIdRequest,
    ContactReplyTicketIntercomUserIdRequestMessageType, ContactReplyTicketRequest, ReplyConversationRequest,
    ReplyToTicketRequest,
};

impl ReplyConversationRequest {
    /// A reply from the admin `admin_id` that the customer sees.
    pub fn admin_comment(admin_id: impl Into<String>, body: impl Into<String>) -> Self {
        AdminReplyConversationRequest::new(AdminReplyConversationRequestMessageType::Comment, admin_id)
            .body(body)
            .into()
    }

    /// An internal note from the admin `admin_id`, which only your team sees.
    pub fn admin_note(admin_id: impl Into<String>, body: impl Into<String>) -> Self {
        AdminReplyConversationRequest::new(AdminReplyConversationRequestMessageType::Note, admin_id).body(body).into()
    }

    /// A reply from the contact with this Intercom id.
    pub fn user_reply(intercom_user_id: impl Into<String>, body: impl Into<String>) -> Self {
        let reply = ContactReplyIntercomUserIdRequest::new(
            ContactReplyIntercomUserIdRequestMessageType::Comment,
            intercom_user_id,
        );
        ContactReplyConversationRequest::from(reply.body(body)).into()
    }

    /// A reply from the contact with this email address.
    pub fn user_reply_by_email(email: impl Into<String>, body: impl Into<String>) -> Self {
        let reply = ContactReplyEmailRequest::new(ContactReplyEmailRequestMessageType::Comment, email);
        ContactReplyConversationRequest::from(reply.body(body)).into()
    }
}

impl ReplyToTicketRequest {
    /// A reply from the admin `admin_id` that the customer sees.
    pub fn admin_comment(admin_id: impl Into<String>, body: impl Into<String>) -> Self {
        AdminReplyTicketRequest::new(AdminReplyTicketRequestMessageType::Comment, admin_id).body(body).into()
    }

    /// An internal note from the admin `admin_id`, which only your team sees.
    pub fn admin_note(admin_id: impl Into<String>, body: impl Into<String>) -> Self {
        AdminReplyTicketRequest::new(AdminReplyTicketRequestMessageType::Note, admin_id).body(body).into()
    }

    /// A reply from the contact with this Intercom id.
    pub fn user_reply(intercom_user_id: impl Into<String>, body: impl Into<String>) -> Self {
        let reply = ContactReplyTicketIntercomUserIdRequest::new(
            ContactReplyTicketIntercomUserIdRequestMessageType::Comment,
            intercom_user_id,
        );
        ContactReplyTicketRequest::from(reply.body(body)).into()
    }

    /// A reply from the contact with this email address.
    pub fn user_reply_by_email(email: impl Into<String>, body: impl Into<String>) -> Self {
        let reply = ContactReplyTicketEmailRequest::new(ContactReplyTicketEmailRequestMessageType::Comment, email);
        ContactReplyTicketRequest::from(reply.body(body)).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn replies_send_the_shape_intercom_expects() {
        let note = ReplyConversationRequest::admin_note("991267", "Called back");
        assert_eq!(
            serde_json::to_value(&note).unwrap(),
            json!({"message_type": "note", "type": "admin", "admin_id": "991267", "body": "Called back"})
        );
        let comment = ReplyConversationRequest::admin_comment("991267", "Thanks!");
        assert_eq!(serde_json::to_value(&comment).unwrap()["message_type"], "comment");
        let user = ReplyConversationRequest::user_reply("6762f0", "Hi");
        assert_eq!(
            serde_json::to_value(&user).unwrap(),
            json!({"message_type": "comment", "type": "user", "intercom_user_id": "6762f0", "body": "Hi"})
        );
        let email = ReplyConversationRequest::user_reply_by_email("a@b.c", "Hi");
        assert_eq!(serde_json::to_value(&email).unwrap()["email"], "a@b.c");
        let ticket = ReplyToTicketRequest::admin_note("991267", "Internal");
        assert_eq!(
            serde_json::to_value(&ticket).unwrap(),
            json!({"message_type": "note", "type": "admin", "admin_id": "991267", "body": "Internal"})
        );
        let ticket_user = ReplyToTicketRequest::user_reply("6762f0", "Hi");
        assert_eq!(serde_json::to_value(&ticket_user).unwrap()["type"], "user");
        assert_eq!(
            serde_json::to_value(ReplyToTicketRequest::user_reply_by_email("a@b.c", "x")).unwrap()["email"],
            "a@b.c"
        );
        assert_eq!(
            serde_json::to_value(ReplyToTicketRequest::admin_comment("1", "x")).unwrap()["message_type"],
            "comment"
        );
    }

    #[test]
    fn a_reply_decodes_back_to_the_same_variant() {
        let note = ReplyConversationRequest::admin_note("991267", "Called back");
        let again: ReplyConversationRequest = serde_json::from_value(serde_json::to_value(&note).unwrap()).unwrap();
        assert_eq!(again, note);
    }
}
