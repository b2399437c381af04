//! Any answer — status, headers, body — read as each kind of operation's output or as an error: never a
//! panic, and every error displays.

#![no_main]

use http::Response;
use intercom_core::endpoints::{
    CreateDataEvent, DownloadDataExport, IdentifyAdmin, ListContacts, ListDataEvents, GetConversation, SearchTickets,
};
use intercom_core::models::{CreateDataEventRequest, SearchRequest};
use intercom_core::protocol::{parse_response, Endpoint};
use intercom_core::Raw;
use libfuzzer_sys::fuzz_target;

const STATUSES: [u16; 10] = [200, 201, 202, 204, 400, 401, 404, 429, 500, 503];

fn answer(data: &[u8]) -> Response<Vec<u8>> {
    let (head, body) = data.split_at(data.len().min(2));
    let status = STATUSES[head.first().copied().unwrap_or(0) as usize % STATUSES.len()];
    let mut builder = Response::builder().status(status);
    if head.get(1).is_some_and(|b| b & 1 == 1) {
        builder = builder
            .header("x-request-id", "fuzz")
            .header("x-ratelimit-reset", String::from_utf8_lossy(&body[..body.len().min(12)]).trim().replace(['\r', '\n'], ""));
    }
    builder.body(body.to_vec()).unwrap_or_else(|_| Response::new(body.to_vec()))
}

fn read<E: Endpoint>(endpoint: &E, data: &[u8]) {
    if let Err(error) = parse_response(endpoint, answer(data)) {
        let _ = format!("{error} {error:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    read(&IdentifyAdmin::new(), data);
    read(&ListContacts::new(), data);
    read(&GetConversation::new("1"), data);
    read(&SearchTickets::new(SearchRequest::new(intercom_core::models::SearchQuery::Other(serde_json::Value::Null))), data);
    read(&ListDataEvents::for_email("a@b.c"), data);
    read(&CreateDataEvent::new(CreateDataEventRequest::for_email("e", 1, "a@b.c")), data);
    read(&DownloadDataExport::new("job"), data);
    read(&Raw::get("/anything"), data);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        // Typed models round-trip whatever JSON they accept.
        if let Ok(contact) = serde_json::from_value::<intercom_models::Contact>(value.clone()) {
            let _ = serde_json::to_value(&contact);
        }
        if let Ok(query) = serde_json::from_value::<intercom_models::SearchQuery>(value) {
            let _ = serde_json::to_string(&query);
        }
    }
});
