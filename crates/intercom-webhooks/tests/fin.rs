//! Fin Agent API events by webhook: the sha256 signature with the Fin signing secret, and typed events.

use intercom_webhooks::{
    receive_fin, sign, sign_fin, verify_fin_signature, FinEvent, SignatureError, WebhookError, FIN_SIGNATURE_HEADER,
};
use serde_json::json;

const SECRET: &[u8] = b"fin-signing-secret";
const STATUS: &[u8] = br#"{"event_name":"fin_status_updated","conversation_id":"123456","user_id":"u1","status":"escalated","reason":"user asked for a person","created_at_ms":"2025-01-01T00:00:00.000Z"}"#;

#[test]
fn a_fin_signature_is_hmac_sha256_of_the_raw_body_with_the_fin_secret() {
    // Computed independently (Python's hmac module) for this key and body.
    let expected = "sha256=925b8c48bfa6c2e3b8e427bbe7fec8215b6e944b3f944ad1467d9f5c7269a58b";
    assert_eq!(sign_fin(SECRET, STATUS), expected);
    assert_eq!(verify_fin_signature(SECRET, STATUS, Some(expected)), Ok(()));
    assert_eq!(
        verify_fin_signature(SECRET, STATUS, Some(&expected.to_uppercase().replace("SHA256", "sha256"))),
        Ok(())
    );
    let mut tampered = STATUS.to_vec();
    tampered[20] ^= 1;
    assert_eq!(verify_fin_signature(SECRET, &tampered, Some(expected)), Err(SignatureError::Mismatch));
    assert_eq!(verify_fin_signature(b"the app's client secret", STATUS, Some(expected)), Err(SignatureError::Mismatch));
    assert_eq!(verify_fin_signature(SECRET, STATUS, None), Err(SignatureError::Missing));
    // A classic sha1 signature is not a Fin signature.
    assert_eq!(
        verify_fin_signature(SECRET, STATUS, Some(&sign(SECRET, STATUS))),
        Err(SignatureError::Malformed("unknown scheme `sha1`, expected sha256".into()))
    );
    assert_eq!(
        verify_fin_signature(SECRET, STATUS, Some("sha256=abcd")),
        Err(SignatureError::Malformed("expected 64 hex digits, got 4".into()))
    );
}

#[test]
fn receive_fin_says_which_header_failed_and_decodes_each_event() {
    let refused = receive_fin(SECRET, None, STATUS).unwrap_err();
    assert!(matches!(refused, WebhookError::FinSignature(SignatureError::Missing)));
    assert_eq!(refused.to_string(), format!("Fin webhook rejected: no {FIN_SIGNATURE_HEADER} header"));

    let event = receive_fin(SECRET, Some(&sign_fin(SECRET, STATUS)), STATUS).unwrap();
    let FinEvent::StatusUpdated(status) = &event else { panic!("{event:?}") };
    assert_eq!(status.status.as_ref().map(|s| s.as_str()), Some("escalated"));
    assert_eq!(status.reason.as_deref(), Some("user asked for a person"));
    assert_eq!((event.event_name(), event.conversation_id()), ("fin_status_updated", Some("123456")));

    let events = [
        (json!({"event_name": "fin_replied", "conversation_id": "1", "message": {"body": "<p>Hi</p>"}}), "fin_replied"),
        (
            json!({"event_name": "fin_reply_chunk", "conversation_id": "1", "chunk_index": 0, "chunk_text": "Hi"}),
            "fin_reply_chunk",
        ),
        (json!({"event_name": "csat_requested", "conversation_id": "1"}), "csat_requested"),
        (
            json!({"event_name": "fin_learned_something", "conversation_id": "1", "what": [1, 2]}),
            "fin_learned_something",
        ),
    ];
    for (json, name) in events {
        let body = serde_json::to_vec(&json).unwrap();
        let event = receive_fin(SECRET, Some(&sign_fin(SECRET, &body)), &body).unwrap();
        assert_eq!((event.event_name(), event.conversation_id()), (name, Some("1")));
        match (&event, name) {
            (FinEvent::Replied(e), _) => {
                assert_eq!(e.message.as_ref().and_then(|m| m.body.as_deref()), Some("<p>Hi</p>"))
            }
            (FinEvent::ReplyChunk(e), _) => assert_eq!((e.chunk_index, e.chunk_text.as_deref()), (Some(0), Some("Hi"))),
            (FinEvent::CsatRequested(_), _) => {}
            (FinEvent::Other { json: kept, .. }, "fin_learned_something") => assert_eq!(kept, &json, "kept whole"),
            other => panic!("{other:?}"),
        }
    }
    let body = br#"{"event_name": "fin_replied", "conversation_id": 5"#;
    assert!(matches!(receive_fin(SECRET, Some(&sign_fin(SECRET, body)), body), Err(WebhookError::Body(_))));
}
