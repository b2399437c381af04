//! The first slice of operations: one sample endpoint per operation, shared by the tests.

use intercom_core::endpoints::*;
use intercom_core::models::{
    CreateDataEventSummariesRequest, CreateDataEventSummariesRequestEventSummaries, FilterValue, GroupOperator,
    MultipleFilterSearchRequest, SearchOperator, SearchRequest, SingleFilterSearchRequest,
};
use intercom_core::{build_request, parse_response, Config, Endpoint};

/// Calls `$body` with `$endpoint` bound to the sample endpoint of operation `$id`, whatever its type.
macro_rules! with_sample {
    ($id:expr, |$endpoint:ident| $body:expr) => {
        match $id {
            "identifyAdmin" => {
                let $endpoint = intercom_core::endpoints::IdentifyAdmin::new();
                $body
            }
            "listAdmins" => {
                let $endpoint = intercom_core::endpoints::ListAdmins::new();
                $body
            }
            "retrieveAdmin" => {
                let $endpoint = intercom_core::endpoints::RetrieveAdmin::new("991267399");
                $body
            }
            "SearchContacts" => {
                let $endpoint = crate::slice::search_multiple();
                $body
            }
            "listSegmentsForAContact" => {
                let $endpoint = intercom_core::endpoints::ListSegmentsForAContact::new("667d60998a68186f43bafda0");
                $body
            }
            "listSubscriptionsForAContact" => {
                let $endpoint = intercom_core::endpoints::ListSubscriptionsForAContact::new("667d60998a68186f43bafda0");
                $body
            }
            "listNotes" => {
                let $endpoint =
                    intercom_core::endpoints::ListNotes::new("667d60968a68186f43bafd9c").page(1).per_page(50);
                $body
            }
            "createNote" => {
                let $endpoint = intercom_core::endpoints::CreateNote::new("667d60978a68186f43bafd9e", "Hello")
                    .admin_id("991267493");
                $body
            }
            "retrieveNote" => {
                let $endpoint = intercom_core::endpoints::RetrieveNote::new("37");
                $body
            }
            "lisDataEvents" => {
                let $endpoint = intercom_core::endpoints::ListDataEvents::new(
                    intercom_core::endpoints::EventsOf::UserId("3ecf64d0-9ed1-4e9f-88e1-da7d6e6782f3".into()),
                )
                .per_page(2);
                $body
            }
            "createDataEvent" => {
                let $endpoint = crate::slice::create_data_event();
                $body
            }
            "dataEventSummaries" => {
                let $endpoint = crate::slice::data_event_summaries();
                $body
            }
            "createDataExport" => {
                let $endpoint = intercom_core::endpoints::CreateDataExport::new(1719474967, 1719492967);
                $body
            }
            "getDataExport" => {
                let $endpoint = intercom_core::endpoints::GetDataExport::new("b1ppo8h93fj386fk");
                $body
            }
            "cancelDataExport" => {
                let $endpoint = intercom_core::endpoints::CancelDataExport::new("pwrbmmimhakvlfsh");
                $body
            }
            "downloadDataExport" => {
                let $endpoint = intercom_core::endpoints::DownloadDataExport::new("pwrbmmimhakvlfsh");
                $body
            }
            "listSegments" => {
                let $endpoint = intercom_core::endpoints::ListSegments::new().include_count(true);
                $body
            }
            "retrieveSegment" => {
                let $endpoint = intercom_core::endpoints::RetrieveSegment::new("667d61808a68186f43bafe5f");
                $body
            }
            other => panic!("the slice tests have no sample endpoint for `{other}`"),
        }
    };
}
pub(crate) use with_sample;

/// The spec's request example for SearchContacts: a group of one filter, five per page.
pub fn search_multiple() -> SearchContacts {
    let filter =
        SingleFilterSearchRequest::new("created_at", SearchOperator::Gt, FilterValue::String("1306054154".into()));
    let group = MultipleFilterSearchRequest::new(GroupOperator::And, [filter.into()]);
    SearchContacts::new(SearchRequest::new(group).per_page(5))
}

/// A single-filter search, the other shape the spec allows.
pub fn search_single() -> SearchContacts {
    SearchContacts::query(SingleFilterSearchRequest::new(
        "email",
        SearchOperator::Eq,
        FilterValue::String("joe@example.com".into()),
    ))
}

/// An event with the example values of the spec's `create_data_event_request` schema.
pub fn create_data_event() -> CreateDataEvent {
    CreateDataEvent::new(
        intercom_core::models::CreateDataEventRequest::for_user_id("invited-friend", 1671028894, "314159")
            .metadata("invite_code", "ADDAFRIEND"),
    )
}

/// A summary with the example values of the spec's `create_data_event_summaries_request` schema.
pub fn data_event_summaries() -> DataEventSummaries {
    DataEventSummaries::new(CreateDataEventSummariesRequest {
        user_id: Some("314159".into()),
        event_summaries: Some(CreateDataEventSummariesRequestEventSummaries {
            event_name: Some("invited-friend".into()),
            count: Some(1),
            first: Some(1671028894),
            last: Some(1671028894),
        }),
    })
}

/// The request `endpoint` turns into with a test configuration.
pub fn request_of<E: Endpoint>(config: &Config, endpoint: &E) -> http::Request<Vec<u8>> {
    build_request(config, endpoint).unwrap_or_else(|e| panic!("{}: {e}", endpoint.operation().id))
}

/// Decodes `body` with `status` as the answer to `endpoint`, through core alone.
pub fn decode<E: Endpoint>(endpoint: &E, status: u16, body: &[u8]) -> Result<E::Output, intercom_core::Error> {
    let response = http::Response::builder().status(status).body(body.to_vec()).expect("a valid status");
    parse_response(endpoint, response)
}
