//! Nothing a model decodes is lost: members it has no field for are kept, the forms of its own members are
//! written back as sent, list answers read with or without their wrapper, and update fields have three
//! states.

use intercom_models::serde_json::{self, json, Value};
use intercom_models::{
    AttachTagToContactRequest, AwayStatusReasonList, Contact, ContactList, Nullable, Segment, SegmentPersonType,
    UpdateContactRequest,
};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(sent: &Value) -> (T, Value) {
    let decoded: T = serde_json::from_value(sent.clone()).expect("decodes");
    let written = serde_json::to_value(&decoded).expect("encodes");
    (decoded, written)
}

#[test]
fn members_without_a_field_are_kept_readable_and_written_back() {
    let sent = json!({"type": "segment", "id": "7", "name": "VIP", "brand_new": {"x": [1, 2]}, "flag": true});
    let (mut segment, written) = round_trip::<Segment>(&sent);
    assert_eq!(written, sent);
    assert_eq!(segment.name.as_deref(), Some("VIP"));
    assert_eq!(segment.extra.len(), 2);
    assert_eq!(segment.extra["brand_new"], json!({"x": [1, 2]}));
    assert_eq!(segment.extra.get("flag"), Some(&json!(true)));

    segment.extra.remove("flag");
    segment.extra.insert("added".into(), json!("by the caller"));
    assert_eq!(
        serde_json::to_value(&segment).unwrap(),
        json!({"type": "segment", "id": "7", "name": "VIP", "brand_new": {"x": [1, 2]}, "added": "by the caller"})
    );
    assert_eq!(segment.extra.clone().into_map().len(), 2);
}

#[test]
fn the_forms_of_known_members_are_written_back_as_sent() {
    // An id sent as a number, a count as a string, a timestamp as a whole float, `null`s and absent
    // members: each written back exactly.
    let sent = json!({"type": "segment", "id": 123, "created_at": "1700000000", "updated_at": 1700000001.0,
                      "name": null, "count": null});
    let (segment, written) = round_trip::<Segment>(&sent);
    assert_eq!(written, sent);
    assert_eq!(segment.id, "123");
    assert_eq!((segment.created_at, segment.updated_at), (Some(1_700_000_000), Some(1_700_000_001)));
    assert_eq!((segment.name, segment.count), (None, None));
    assert!(segment.extra.is_empty(), "known members are fields, not extra: {:?}", segment.extra);

    let page = json!({"type": "list", "data": [], "pages": null});
    let (list, written) = round_trip::<ContactList>(&page);
    assert_eq!(written, page);
    assert!(list.data.is_empty());
    let absent = json!({"type": "list"});
    assert_eq!(round_trip::<ContactList>(&absent).1, absent, "an absent list stays absent");
    let null_list = json!({"type": "list", "data": null});
    assert_eq!(round_trip::<ContactList>(&null_list).1, null_list, "a null list stays null");
}

#[test]
fn a_field_changed_after_decoding_is_written_from_its_new_value() {
    let (mut segment, _) = round_trip::<Segment>(&json!({"id": 123, "name": null, "count": "5"}));
    segment.id = "abc".into();
    segment.name = Some("renamed".into());
    assert_eq!(serde_json::to_value(&segment).unwrap(), json!({"id": "abc", "name": "renamed", "count": "5"}));
    segment.count = Some(6);
    segment.name = None;
    // `None` is what `null` was decoded to, so it is written as it was sent.
    assert_eq!(serde_json::to_value(&segment).unwrap(), json!({"id": "abc", "name": null, "count": 6}));
}

#[test]
fn an_id_sent_as_a_number_is_written_as_a_number_while_it_holds_digits() {
    let (mut segment, written) = round_trip::<Segment>(&json!({"id": 18446744073709551615u64, "name": "a"}));
    assert_eq!(written, json!({"id": 18446744073709551615u64, "name": "a"}));
    assert_eq!(segment.id, "18446744073709551615");
    segment.id = "124".into();
    assert_eq!(serde_json::to_value(&segment).unwrap(), json!({"id": 124, "name": "a"}));
    segment.id = "12a".into();
    assert_eq!(serde_json::to_value(&segment).unwrap(), json!({"id": "12a", "name": "a"}));
    let (mut contact, written) = round_trip::<Contact>(&json!({"id": "c1", "owner_id": 42, "name": null}));
    assert_eq!(written, json!({"id": "c1", "owner_id": 42, "name": null}));
    contact.owner_id = None;
    assert_eq!(
        serde_json::to_value(&contact).unwrap(),
        json!({"id": "c1", "name": null}),
        "a cleared id is not written"
    );
}

#[test]
fn equality_sees_values_not_the_forms_they_were_sent_in() {
    let a: Segment = serde_json::from_value(json!({"id": 1, "count": "2", "name": null})).unwrap();
    let b: Segment = serde_json::from_value(json!({"id": "1", "count": 2})).unwrap();
    assert_eq!(a, b);
    let c: Segment = serde_json::from_value(json!({"id": "1", "count": 2, "more": 1})).unwrap();
    assert_ne!(a, c, "a kept member is part of the value");
    assert_eq!(format!("{:?}", c.extra), r#"{"more": Number(1)}"#);
}

#[test]
fn a_member_named_like_a_field_is_written_from_the_field_unless_it_is_empty() {
    let mut segment = Segment::default();
    segment.extra.insert("name".into(), json!("from extra"));
    segment.extra.insert("person_type".into(), json!("ignored"));
    segment.person_type = Some(SegmentPersonType::User);
    assert_eq!(serde_json::to_value(&segment).unwrap(), json!({"name": "from extra", "person_type": "user"}));
}

#[test]
fn a_list_answer_reads_with_or_without_its_wrapper() {
    let bare = json!([{"type": "away_status_reason", "id": "1", "label": "On a break", "emoji": "☕"}]);
    let (list, written) = round_trip::<AwayStatusReasonList>(&bare);
    assert_eq!(list.data.len(), 1);
    assert_eq!(list.data[0].label.as_deref(), Some("On a break"));
    assert!(list.extra.came_as_bare_list());
    assert_eq!(written, bare, "written back as it came");

    let wrapped = json!({"type": "list", "data": [{"id": "1"}]});
    let (list, written) = round_trip::<AwayStatusReasonList>(&wrapped);
    assert!(!list.extra.came_as_bare_list());
    assert_eq!(written, wrapped);

    let mut list: AwayStatusReasonList = serde_json::from_value(bare).unwrap();
    list.r#type = Some("list".into());
    assert_eq!(
        serde_json::to_value(&list).unwrap(),
        json!({"type": "list", "data": [{"type": "away_status_reason", "id": "1", "label": "On a break", "emoji": "☕"}]}),
        "a bare list given more than its items is written as the object"
    );
    let err = serde_json::from_value::<Segment>(json!([1])).unwrap_err();
    assert!(err.to_string().contains("expected a JSON object (Segment)"), "{err}");
}

#[test]
fn update_fields_are_absent_null_or_a_value() {
    let body = UpdateContactRequest::new().phone("+1 555 0100").clear_name().clear_owner_id();
    assert_eq!(body.phone, Nullable::Value("+1 555 0100".into()));
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({"phone": "+1 555 0100", "name": null, "owner_id": null}));
    assert_eq!(serde_json::to_value(UpdateContactRequest::new()).unwrap(), json!({}));

    let decoded: UpdateContactRequest =
        serde_json::from_value(json!({"name": null, "email": "a@b.c", "owner_id": 42})).unwrap();
    assert!(decoded.name.is_null());
    assert!(decoded.phone.is_absent());
    assert_eq!(decoded.email.as_value().map(String::as_str), Some("a@b.c"));
    assert_eq!(decoded.owner_id.clone().into_value().as_deref(), Some("42"));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), json!({"name": null, "email": "a@b.c", "owner_id": 42}));
}

#[test]
fn a_request_type_missing_a_required_member_is_a_clear_error() {
    let err = serde_json::from_value::<AttachTagToContactRequest>(json!({"other": 1})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `id`");
    let body: AttachTagToContactRequest = serde_json::from_value(json!({"id": "7", "other": 1})).unwrap();
    assert_eq!((body.id.as_str(), body.extra.len()), ("7", 1));
    let sent = AttachTagToContactRequest::new("7");
    assert_eq!(serde_json::to_value(&sent).unwrap(), json!({"id": "7"}));
}
