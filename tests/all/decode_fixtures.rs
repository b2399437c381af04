//! Recorded responses decode, through the slice's endpoints and core alone, to the exact values expected.

use intercom_core::operations;
use intercom_mock::fixtures;

use crate::support::decode;

#[test]
fn every_operation_has_a_recorded_success() {
    let missing: Vec<_> =
        operations::ALL.iter().filter(|op| fixtures::success(**op).is_none()).map(|op| op.name).collect();
    assert!(missing.is_empty(), "operations without a recorded success: {missing:?}");
}

#[test]
fn recorded_values_decode_to_the_exact_fields() {
    use intercom_core::endpoints::*;
    use intercom_core::models::{DataExportStatus, SegmentPersonType, SubscriptionTypeContentType};

    let me = decode(&IdentifyAdmin::new(), 200, fixtures::success("IdentifyAdmin").unwrap().body).unwrap();
    assert_eq!(me.id, "991267459");
    assert_eq!(me.email.as_deref(), Some("admin1@email.com"));
    let app = me.app.unwrap();
    assert_eq!(app.id_code.as_deref(), Some("this_is_an_id1_that_should_be_at_least_40"));
    assert_eq!(app.created_at, Some(1734537243));
    assert_eq!(app.secure, Some(false));

    let segments = decode(&ListSegments::new(), 200, fixtures::success("ListSegments").unwrap().body).unwrap();
    assert_eq!(segments.segments.len(), 2);
    assert_eq!(segments.segments[1].name.as_deref(), Some("Jane segment"));
    assert_eq!(segments.segments[1].person_type, Some(SegmentPersonType::User));

    let notes = decode(&ListContactNotes::new("c"), 200, fixtures::success("ListContactNotes").unwrap().body).unwrap();
    assert_eq!(notes.data.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), ["26", "25", "24"]);
    assert_eq!(notes.pages.as_ref().unwrap().next, None);
    let author = notes.data[0].author.as_ref().unwrap();
    assert_eq!((author.id.as_str(), author.away_mode_enabled), ("991267581", Some(false)));
    assert!(author.team_ids.is_empty(), "absent in the recording: an empty list");

    let subs =
        decode(&ListContactSubscriptions::new("c"), 200, fixtures::success("ListContactSubscriptions").unwrap().body)
            .unwrap();
    assert_eq!(subs.data[1].content_types, [SubscriptionTypeContentType::SmsMessage]);
    assert_eq!(
        subs.data[0].default_translation.as_ref().unwrap().description.as_deref(),
        Some("Lorem ipsum dolor sit amet")
    );

    let export = decode(&CancelDataExport::new("j"), 200, fixtures::success("CancelDataExport").unwrap().body).unwrap();
    assert_eq!(export.status, Some(DataExportStatus::Canceled));
    assert!(export.status.unwrap().is_finished());

    let events =
        decode(&ListDataEvents::for_email("e"), 200, fixtures::success("ListDataEvents").unwrap().body).unwrap();
    assert_eq!(events.pages.unwrap().next.as_deref(), Some("http://api.intercom.test/events?next page"));

    let file =
        decode(&DownloadDataExport::new("j"), 200, fixtures::success("DownloadDataExport").unwrap().body).unwrap();
    assert!(file.is_gzip());
    let csv = String::from_utf8(file.decompress().unwrap()).unwrap();
    assert!(csv.starts_with("user_id,user_email,company_id,received_at,message_id,content_type\n"), "{csv}");
}

#[test]
fn unknown_enum_values_and_new_fields_do_not_fail_a_response() {
    use intercom_core::endpoints::GetSegment;
    use intercom_core::models::SegmentPersonType;
    let body = br#"{"type":"segment","id":123,"person_type":"visitor","brand_new_field":{"x":1},"count":null}"#;
    let segment = decode(&GetSegment::new("1"), 200, body).unwrap();
    assert_eq!(segment.id, "123");
    assert_eq!(segment.person_type, Some(SegmentPersonType::Unknown("visitor".into())));
    assert_eq!(segment.person_type.unwrap().as_str(), "visitor");
    assert_eq!(segment.count, None);
}
