//! How users write request bodies: the body in `new`, free-form objects from whatever they have, replies
//! whose discriminators set themselves; and reading a failure's status and rate limit.

use std::time::{Duration, SystemTime};

use intercom_core::endpoints::{
    CreateContact, GetContact, ReplyToConversation, UpdateCompany, UpdateContact, UpdateConversation, UpdateTicket,
};
use intercom_core::models::{
    CreateContactRequest, Nullable, ReplyConversationRequest, UpdateCompanyRequest, UpdateContactRequest,
    UpdateConversationRequest, UpdateTicketRequestBody,
};
use intercom_core::{json, Error, StatusCode};
use intercom_mock::MockIntercom;
use serde_json::Value;

use crate::support::Transport;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_attributes_take_a_json_object_pairs_or_a_map() {
    let mock = MockIntercom::start().await;
    let from_json = CreateContactRequest::new().email("a@b.c").custom_attributes(json!({"plan": "pro", "seats": 3}));
    let from_pairs =
        CreateContactRequest::new().email("a@b.c").custom_attributes([("plan", json!("pro")), ("seats", json!(3))]);
    let map: std::collections::BTreeMap<&str, Value> = [("plan", json!("pro")), ("seats", json!(3))].into();
    let from_map = CreateContactRequest::new().email("a@b.c").custom_attributes(map);
    for body in [from_json, from_pairs, from_map] {
        Transport::Ureq.send(mock.config(), CreateContact::new(body)).await.unwrap();
    }
    let sent = mock.received_bodies(CreateContact::OPERATION).await;
    let expected = json!({"email": "a@b.c", "custom_attributes": {"plan": "pro", "seats": 3}});
    assert_eq!(sent, vec![expected.clone(), expected.clone(), expected]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_custom_attributes_value_that_is_not_an_object_is_refused_before_sending() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let body = UpdateContactRequest::new().custom_attributes(json!(["not", "an", "object"]));
        let err = transport.send(mock.config(), UpdateContact::new("abc", body)).await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{transport:?}: {err:?}");
        assert!(
            err.to_string().contains("at `custom_attributes`: this field must be a JSON object, not a list"),
            "{transport:?}: {err}"
        );
        assert!(mock.received(UpdateContact::OPERATION).await.is_empty(), "{transport:?}: nothing sent");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_note_is_sent_with_its_type_set() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let note = ReplyConversationRequest::admin_note("991267", "Called back; all good.");
        transport.send(mock.config(), ReplyToConversation::new("123", note)).await.unwrap();
        let sent = mock.received_bodies(ReplyToConversation::OPERATION).await;
        assert_eq!(
            sent,
            vec![
                json!({"message_type": "note", "type": "admin", "admin_id": "991267", "body": "Called back; all good."})
            ],
            "{transport:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_gives_its_status_and_rate_limit_to_match_on() {
    let mock = MockIntercom::start().await;
    mock.not_found(GetContact::OPERATION).await;
    let err = Transport::Hyper.send(mock.config(), GetContact::new("gone")).await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    assert!(err.is_not_found());

    let mock = MockIntercom::start().await;
    let reset = SystemTime::now() + Duration::from_secs(30);
    mock.rate_limited(GetContact::OPERATION, reset).await;
    let config = mock.config().with_retry_policy(intercom_core::RetryPolicy::none());
    let err = Transport::Ureq.send(config, GetContact::new("x")).await.unwrap_err();
    assert!(err.is_rate_limited(), "{err}");
    let limit = err.rate_limit().expect("the 429's headers");
    assert!(limit.is_exhausted(), "{limit:?}");
    let left = limit.time_until_reset().expect("a reset");
    assert!(left > Duration::from_secs(25) && left <= Duration::from_secs(31), "{left:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_fields_are_left_out_cleared_with_null_or_set() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let contact = UpdateContactRequest::new().name("Ada Lovelace").clear_phone().clear_owner_id();
        transport.send(mock.config(), UpdateContact::new("c-1", contact)).await.unwrap();
        let company = UpdateCompanyRequest::new().clear_plan().clear_website().size(12);
        transport.send(mock.config(), UpdateCompany::new("co-1", company)).await.unwrap();
        let ticket = UpdateTicketRequestBody::new().clear_company_id().clear_assignee_id().open(true);
        transport.send(mock.config(), UpdateTicket::new("t-1", ticket)).await.unwrap();
        let mut conversation = UpdateConversationRequest::new().clear_title().read(true);
        conversation.company_id = Nullable::Null;
        transport.send(mock.config(), UpdateConversation::new("cv-1", conversation)).await.unwrap();
        // Nothing set: an empty object, not a list of nulls.
        transport.send(mock.config(), UpdateContact::new("c-2", UpdateContactRequest::new())).await.unwrap();

        let mock_bodies = |operation| mock.received_bodies(operation);
        // The bytes on the wire, in the fields' order.
        let first = &mock.received(UpdateContact::OPERATION).await[0];
        assert_eq!(
            String::from_utf8_lossy(&first.body),
            r#"{"phone":null,"name":"Ada Lovelace","owner_id":null}"#,
            "{transport:?}"
        );
        assert_eq!(
            mock_bodies(UpdateContact::OPERATION).await,
            vec![json!({"name": "Ada Lovelace", "phone": null, "owner_id": null}), json!({})],
            "{transport:?}"
        );
        assert_eq!(
            mock_bodies(UpdateCompany::OPERATION).await,
            vec![json!({"plan": null, "size": 12, "website": null})],
            "{transport:?}"
        );
        assert_eq!(
            mock_bodies(UpdateTicket::OPERATION).await,
            vec![json!({"company_id": null, "open": true, "assignee_id": null})],
            "{transport:?}"
        );
        assert_eq!(
            mock_bodies(UpdateConversation::OPERATION).await,
            vec![json!({"read": true, "title": null, "company_id": null})],
            "{transport:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_of_one_required_field_is_given_as_that_field_and_keyword_fields_have_plain_setters() {
    use intercom_core::endpoints::{AttachTagToContact, CreateContactNote};
    use intercom_core::models::{Recipient, RecipientType};
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        transport.send(mock.config(), AttachTagToContact::new("c1", "tag-7")).await.expect("tagged");
        transport.send(mock.config(), CreateContactNote::new("c1", "Called about the renewal")).await.expect("a note");
        transport.send(mock.config(), CreateContactNote::new("c1", String::from("Again"))).await.expect("a note");
        assert_eq!(mock.received_bodies(AttachTagToContact::OPERATION).await, vec![json!({"id": "tag-7"})]);
        assert_eq!(
            mock.received_bodies(CreateContactNote::OPERATION).await,
            vec![json!({"body": "Called about the renewal"}), json!({"body": "Again"})]
        );
    }
    // `type` is a keyword: its setter is `type_`, callable as the docs show it.
    let to = Recipient::new().type_(RecipientType::Lead).id("c1");
    assert_eq!(serde_json::to_value(&to).unwrap(), json!({"type": "lead", "id": "c1"}));
}
