//! Signatures, identity hashes and notification decoding.

use intercom_webhooks::{
    find_signature, receive, sign, user_hash, verify_signature, Item, SignatureError, Topic, WebhookError,
};
use serde_json::{json, Value};

// RFC 2202 (HMAC-SHA1) and RFC 4231 (HMAC-SHA256) test cases 1 and 2.
const KEY_1: [u8; 20] = [0x0b; 20];

#[test]
fn hmac_sha1_signatures_match_the_rfc_2202_vectors() {
    assert_eq!(sign(&KEY_1, b"Hi There"), "sha1=b617318655057264e28bc0b6fb378c8ef146be00");
    assert_eq!(sign(b"Jefe", b"what do ya want for nothing?"), "sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    assert_eq!(verify_signature(&KEY_1, b"Hi There", Some("sha1=b617318655057264e28bc0b6fb378c8ef146be00")), Ok(()));
}

#[test]
fn user_hashes_match_the_rfc_4231_vectors() {
    assert_eq!(user_hash(&KEY_1, "Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assert_eq!(
        user_hash(b"Jefe", "what do ya want for nothing?"),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    assert_eq!(user_hash(b"s3cret", "user-42"), user_hash(b"s3cret", "user-42"));
    assert_ne!(user_hash(b"s3cret", "user-42"), user_hash(b"s3cret", "user-43"));
}

#[test]
fn signatures_are_checked_over_the_raw_bytes() {
    let secret = b"client-secret";
    let body = br#"{"topic": "ping",  "id": "n1"}"#;
    let header = sign(secret, body);
    assert_eq!(verify_signature(secret, body, Some(&header)), Ok(()));
    let reserialized = serde_json::to_vec(&serde_json::from_slice::<Value>(body).unwrap()).unwrap();
    assert_eq!(
        verify_signature(secret, &reserialized, Some(&header)),
        Err(SignatureError::Mismatch),
        "whitespace matters"
    );
    assert_eq!(
        verify_signature(secret, br#"{"topic": "ping",  "id": "n2"}"#, Some(&header)),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(verify_signature(b"other secret", body, Some(&header)), Err(SignatureError::Mismatch));
}

#[test]
fn header_variants() {
    let secret = b"k";
    let body = b"{}";
    let lower = sign(secret, body);
    let hex = lower.trim_start_matches("sha1=");
    assert_eq!(verify_signature(secret, body, Some(&format!("SHA1={hex}"))), Ok(()), "prefix in capitals");
    assert_eq!(
        verify_signature(secret, body, Some(&format!("sha1={}", hex.to_uppercase()))),
        Ok(()),
        "hex in capitals"
    );
    assert_eq!(verify_signature(secret, body, Some(&format!("  {lower} "))), Ok(()), "surrounding spaces");
    assert_eq!(verify_signature(secret, body, None), Err(SignatureError::Missing));
    for (header, why) in [
        (hex.to_owned(), "expected `sha1=<hex>`"),
        (format!("sha256={hex}"), "unknown scheme `sha256`, expected sha1"),
        ("sha1=abc".to_owned(), "expected 40 hex digits, got 3"),
        (format!("sha1={}", "zz".repeat(20)), "not hex"),
    ] {
        assert_eq!(
            verify_signature(secret, body, Some(&header)),
            Err(SignatureError::Malformed(why.into())),
            "{header}"
        );
    }
    let headers = [("content-type", "application/json"), ("x-hub-signature", "sha1=00")];
    assert_eq!(find_signature(headers), Some("sha1=00"));
    assert_eq!(find_signature([("X-HUB-SIGNATURE", "a")]), Some("a"));
    assert_eq!(find_signature([("x-other", "a")]), None);
}

fn recorded(operation: &str) -> Value {
    serde_json::from_slice(intercom_mock::fixtures::success(operation).unwrap().body).unwrap()
}

fn envelope(topic: &str, item: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "type": "notification_event", "id": "notif_1", "topic": topic, "app_id": "abc123",
        "created_at": 1719492978, "delivery_status": "pending", "delivery_attempts": 1, "delivered_at": 0,
        "first_sent_at": 1719492978, "self": null,
        "data": {"type": "notification_event_data", "item": item},
    }))
    .unwrap()
}

/// The kind of item each family of topics carries, and a sample item for it.
fn sample(topic: &str) -> (&'static str, Value) {
    let tag = json!({"type": "contact_tag", "created_at": 1, "contact": recorded("GetContact"), "tag": {"type": "tag", "id": "17", "name": "vip"}});
    let event = json!({"type": "event", "event_name": "signed-up", "created_at": 1, "user_id": "u1", "id": "e1"});
    match topic {
        "ping" => ("Other", json!({"message": "ping"})),
        t if t.starts_with("contact.tag.") || t.starts_with("user.tag.") => ("ContactTag", tag),
        t if t.starts_with("contact.") || t.starts_with("user.") || t == "visitor.signed_up" => {
            ("Contact", recorded("GetContact"))
        }
        t if t.starts_with("conversation") => ("Conversation", recorded("GetConversation")),
        t if t.starts_with("company.") => ("Company", recorded("GetCompany")),
        t if t.starts_with("ticket.") => ("Ticket", recorded("GetTicket")),
        t if t.starts_with("admin.") => ("Admin", recorded("GetAdmin")),
        t if t.starts_with("event.") => ("Event", event),
        other => panic!("no sample for {other}"),
    }
}

fn kind(item: &Item) -> &'static str {
    match item {
        Item::Contact(_) => "Contact",
        Item::Conversation(_) => "Conversation",
        Item::Company(_) => "Company",
        Item::Ticket(_) => "Ticket",
        Item::Visitor(_) => "Visitor",
        Item::Admin(_) => "Admin",
        Item::ContactTag(_) => "ContactTag",
        Item::Event(_) => "Event",
        Item::Other(_) => "Other",
        _ => "new",
    }
}

#[test]
fn every_topic_decodes_its_sample_into_the_right_item() {
    let topics = [
        "ping",
        "admin.added_to_workspace",
        "admin.away_mode_updated",
        "admin.logged_in",
        "admin.logged_out",
        "admin.removed_from_workspace",
        "company.created",
        "company.updated",
        "company.deleted",
        "contact.user.created",
        "contact.user.updated",
        "contact.lead.created",
        "contact.lead.updated",
        "contact.lead.signed_up",
        "contact.archived",
        "contact.unarchived",
        "contact.deleted",
        "contact.email.updated",
        "contact.subscribed",
        "contact.unsubscribed",
        "contact.tag.created",
        "contact.tag.deleted",
        "conversation.user.created",
        "conversation.user.replied",
        "conversation.admin.single.created",
        "conversation.admin.replied",
        "conversation.admin.noted",
        "conversation.admin.assigned",
        "conversation.admin.open.assigned",
        "conversation.admin.closed",
        "conversation.admin.opened",
        "conversation.admin.snoozed",
        "conversation.admin.unsnoozed",
        "conversation.operator.replied",
        "conversation.priority.updated",
        "conversation.rating.added",
        "conversation.read",
        "conversation.contact.attached",
        "conversation.contact.detached",
        "conversation.deleted",
        "conversation_part.redacted",
        "conversation_part.tag.created",
        "event.created",
        "ticket.created",
        "ticket.admin.assigned",
        "ticket.team.assigned",
        "ticket.state.updated",
        "ticket.attribute.updated",
        "ticket.note.created",
        "ticket.contact.replied",
        "ticket.contact.attached",
        "ticket.contact.detached",
        "ticket.closed",
        "user.created",
        "user.deleted",
        "user.email.updated",
        "user.unsubscribed",
        "user.tag.created",
        "user.tag.deleted",
        "visitor.signed_up",
    ];
    let secret = b"secret";
    for topic in topics {
        let (expected, item) = sample(topic);
        let body = envelope(topic, item.clone());
        let notification =
            receive(secret, Some(&sign(secret, &body)), &body).unwrap_or_else(|e| panic!("{topic}: {e}"));
        assert!(!matches!(notification.topic, Topic::Unknown(_)), "{topic} is a known topic");
        assert_eq!(notification.topic.as_str(), topic);
        assert_eq!(notification.id.as_deref(), Some("notif_1"));
        assert_eq!(notification.app_id.as_deref(), Some("abc123"));
        assert_eq!(notification.delivery_attempts, Some(1));
        let decoded = notification.item();
        assert_eq!(kind(&decoded), expected, "{topic}");
        match decoded {
            Item::Contact(c) => assert_eq!(Some(c.id.as_str()), item["id"].as_str(), "{topic}"),
            Item::Conversation(c) => assert_eq!(Some(c.id.as_str()), item["id"].as_str(), "{topic}"),
            Item::Ticket(t) => assert_eq!(Some(t.id.as_str()), item["id"].as_str(), "{topic}"),
            Item::ContactTag(t) => assert_eq!(t.tag.map(|t| t.id), Some("17".into()), "{topic}"),
            _ => {}
        }
    }
    assert_eq!(topics.len(), 60);
}

#[test]
fn an_unknown_topic_keeps_its_item_as_json() {
    let item = json!({"type": "brand_new_thing", "id": "x1", "nested": {"a": [1, 2]}});
    let body = envelope("brand.new.topic", item.clone());
    let notification = receive(b"s", Some(&sign(b"s", &body)), &body).unwrap();
    assert_eq!(notification.topic, Topic::Unknown("brand.new.topic".into()));
    assert_eq!(notification.item(), Item::Other(item));
}

#[test]
fn a_signed_body_that_is_not_a_notification_is_a_body_error() {
    let err = receive(b"s", Some(&sign(b"s", b"[1,2")), b"[1,2").unwrap_err();
    assert!(matches!(err, WebhookError::Body(_)), "{err:?}");
    assert!(err.to_string().starts_with("webhook body is not what Intercom sends"));
    let err = receive(b"s", None, b"{}").unwrap_err();
    assert_eq!(err.to_string(), "webhook rejected: no X-Hub-Signature header");
}

#[test]
fn the_topics_of_2_16_and_the_minimal_items_of_deletions_decode() {
    for (topic, kind) in [
        ("conversation.admin.replied.translated", Topic::ConversationAdminRepliedTranslated),
        ("ticket.admin.replied.translated", Topic::TicketAdminRepliedTranslated),
        ("ticket.admin.snoozed", Topic::TicketAdminSnoozed),
        ("ticket.admin.unsnoozed", Topic::TicketAdminUnsnoozed),
    ] {
        let notification: intercom_webhooks::Notification =
            serde_json::from_slice(&envelope(topic, json!({"type": "ticket", "id": "9"}))).unwrap();
        assert_eq!(notification.topic, kind, "{topic}");
    }
    // A deletion carries little more than what was deleted: it still decodes into its type, with its id.
    for (topic, item) in [
        ("contact.deleted", json!({"type": "contact", "id": "c1"})),
        ("user.deleted", json!({"type": "contact", "id": "c1", "external_id": "u-1"})),
        ("company.deleted", json!({"type": "company", "id": "c1"})),
        ("conversation.deleted", json!({"type": "conversation", "id": "c1"})),
    ] {
        let notification: intercom_webhooks::Notification = serde_json::from_slice(&envelope(topic, item)).unwrap();
        let id = match notification.item() {
            Item::Contact(c) => c.id.clone(),
            Item::Company(c) => c.id.clone(),
            Item::Conversation(c) => c.id.clone(),
            other => panic!("{topic}: {other:?}"),
        };
        assert_eq!(id, "c1", "{topic}");
    }
}
