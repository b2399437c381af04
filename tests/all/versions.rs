//! API versions through both transports: what a client pinned to an older version may send, what a merged
//! contact answers in 2.16.

#[allow(deprecated)]
use intercom_core::endpoints::{AutoAssignConversation, GetCustomObjectInstanceByExternalId};
use intercom_core::endpoints::{GetContact, ListCustomObjectInstances, ListTicketStates};
use intercom_core::{ApiVersion, Error, RequestOptions};
use intercom_mock::{fixtures, MockIntercom};
use wiremock::ResponseTemplate;

use crate::support::{header, Transport};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operation_the_pinned_version_lacks_is_refused_before_sending() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let pinned = mock.config().with_api_version(ApiVersion::V2_11);
        let err = transport.send(pinned.clone(), ListTicketStates::new()).await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{transport:?}: {err:?}");
        assert_eq!(
            err.to_string(),
            "invalid request: ListTicketStates (GET /ticket_states) is not in API 2.11: Intercom has it in 2.12–2.16, \
             Preview. Send it with one of those versions (RequestOptions::api_version), or use \
             RequestOptions::skip_version_check if Intercom has enabled it for your workspace"
        );
        assert!(mock.received("ListTicketStates").await.is_empty(), "{transport:?}: nothing was sent");

        // A back-ported operation: sent anyway, with the pinned version.
        let anyway = ListTicketStates::new().with_options(RequestOptions::new().skip_version_check());
        transport.send(pinned.clone(), anyway).await.unwrap();
        let received = mock.received("ListTicketStates").await;
        assert_eq!(header(&received[0], "intercom-version"), "2.11", "{transport:?}");

        // The per-request version wins over the client's, and is checked the same way.
        let newer = ListTicketStates::new().with_options(RequestOptions::new().api_version("2.16"));
        transport.send(pinned.clone(), newer).await.unwrap();
        assert_eq!(header(&mock.received("ListTicketStates").await[1], "intercom-version"), "2.16");

        // The whole client can opt out; a version the SDK does not know is never refused.
        transport.send(pinned.with_version_check(false), ListTicketStates::new()).await.unwrap();
        transport.send(mock.config().with_api_version("2.99"), ListTicketStates::new()).await.unwrap();
        assert_eq!(mock.received("ListTicketStates").await.len(), 4, "{transport:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(deprecated)]
async fn the_operation_2_16_dropped_still_works_with_2_11() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let err = transport.send(mock.config(), AutoAssignConversation::new("123")).await.unwrap_err();
        assert!(err.to_string().contains("is not in API 2.16: Intercom has it in 2.7–2.11"), "{err}");
        let old = mock.config().with_api_version(ApiVersion::V2_11);
        let conversation = transport.send(old, AutoAssignConversation::new("123")).await.unwrap();
        assert_eq!(conversation.id, "409", "{transport:?}: the recorded 2.11 answer");
        let received = mock.received("AutoAssignConversation").await;
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].url.path(), "/conversations/123/run_assignment_rules");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merged_contact_names_the_contact_it_was_merged_into() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let recorded = fixtures::find("GetContact", 410).expect("the recorded 410");
        let gone = ResponseTemplate::new(410)
            .insert_header("link", r#"</contacts/6762f0d01bb69f9f2193bb7d>; rel="canonical""#)
            .set_body_raw(recorded.body, "application/json");
        mock.respond("GetContact", gone).await;
        let err = transport.send(mock.config(), GetContact::new("old-id")).await.unwrap_err();
        assert_eq!(err.merged_into(), Some("6762f0d01bb69f9f2193bb7d"), "{transport:?}");
        assert_eq!(err.as_api().and_then(|e| e.code()), Some("contact_merged"));
        assert!(!err.is_retryable());
        assert!(
            err.to_string().ends_with("the contact was merged into 6762f0d01bb69f9f2193bb7d: use that id"),
            "{err}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(deprecated)]
async fn one_path_that_two_versions_answer_differently_sends_the_operation_of_the_version() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let pinned = mock.config().with_api_version(ApiVersion::V2_14);

        // 2.13-2.15 find one instance by `external_id` at this path: the single instance, every field.
        let found = GetCustomObjectInstanceByExternalId::new("Order", "123");
        let instance = transport.send(pinned.clone(), found).await.unwrap();
        assert_eq!(instance.id, "24", "{transport:?}");
        assert_eq!(instance.external_id.as_deref(), Some("123"));
        assert_eq!(instance.custom_attributes["order_number"], "ORDER-12345");
        assert_eq!(instance.created_at, Some(1734537748));
        assert!(instance.extra.is_empty(), "{transport:?}: every member has its field: {:?}", instance.extra);
        let received = mock.received("GetCustomObjectInstanceByExternalId").await;
        assert_eq!(received.len(), 1, "{transport:?}");
        assert_eq!(received[0].url.path(), "/custom_object_instances/Order");
        assert_eq!(received[0].url.query(), Some("external_id=123"));
        assert_eq!(header(&received[0], "intercom-version"), "2.14");

        // The list is 2.16's: refused before sending on 2.14, naming what 2.14 has there.
        let err = transport.send(pinned.clone(), ListCustomObjectInstances::new("Order")).await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid request: ListCustomObjectInstances (GET /custom_object_instances/{custom_object_type_identifier}) \
             is not in API 2.14: there this method and path is GetCustomObjectInstanceByExternalId, another \
             operation with another answer (Intercom has ListCustomObjectInstances in 2.16, Preview). Send \
             GetCustomObjectInstanceByExternalId instead, or this one with one of those versions",
            "{transport:?}"
        );
        assert!(mock.received("ListCustomObjectInstances").await.is_empty(), "{transport:?}: nothing was sent");

        // And the other way round; on 2.16 the list goes through.
        let on_newest = GetCustomObjectInstanceByExternalId::new("Order", "123");
        let err = transport.send(mock.config(), on_newest).await.unwrap_err();
        assert!(err.to_string().contains("there this method and path is ListCustomObjectInstances"), "{err}");
        let page = transport.send(mock.config(), ListCustomObjectInstances::new("Order")).await.unwrap();
        assert_eq!(mock.received("ListCustomObjectInstances").await.len(), 1, "{transport:?}");
        assert_eq!(page.r#type.as_deref(), Some("list"), "{transport:?}");
    }
}
