//! Listings that would end early without a word, through both clients: an empty page with a new cursor is
//! followed, a cursor that comes back is an error after the items read, and a listing shorter than its
//! `total_count` says so after the end.

use std::sync::Arc;

use intercom_core::endpoints::ListContacts;
use intercom_core::Error;
use intercom_mock::MockIntercom;
use serde_json::{json, Value};
use wiremock::ResponseTemplate;

use crate::support::Transport;

/// A page of contacts with these ids, announcing `total`, pointing at `next` (a cursor) or nowhere.
fn page(ids: &[&str], total: u64, next: Option<&str>) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| json!({"type": "contact", "id": id})).collect();
    let next = next.map_or(Value::Null, |c| json!({"starting_after": c}));
    ResponseTemplate::new(200).set_body_json(
        json!({"type": "list", "data": data, "total_count": total, "pages": {"type": "pages", "next": next}}),
    )
}

/// What a listing yields through `transport`: the ids (until the first error), the error, and the pager's
/// shortfall after the end.
async fn list(transport: Transport, mock: &MockIntercom) -> (Vec<String>, Option<Error>, Option<u64>) {
    let config = mock.config();
    match transport {
        Transport::Ureq => tokio::task::spawn_blocking(move || {
            let client = intercom_ureq::Client::from_config(config);
            let mut items = ListContacts::new().items(&client);
            let mut ids = Vec::new();
            let mut failure = None;
            for item in items.by_ref() {
                match item {
                    Ok(contact) => ids.push(contact.id),
                    Err(e) => failure = Some(e),
                }
            }
            let shortfall = items.pager().shortfall();
            (ids, failure, shortfall)
        })
        .await
        .expect("the blocking listing"),
        Transport::Hyper => {
            let client = Arc::new(intercom_hyper::Client::from_config(config));
            let mut items = ListContacts::new().items(&*client);
            let mut ids = Vec::new();
            let mut failure = None;
            while let Some(item) = items.next().await {
                match item {
                    Ok(contact) => ids.push(contact.id),
                    Err(e) => failure = Some(e),
                }
            }
            let shortfall = items.pager().shortfall();
            (ids, failure, shortfall)
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_page_with_a_new_cursor_does_not_end_the_listing() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start_empty().await;
        let pages = [page(&["a", "b"], 3, Some("c1")), page(&[], 3, Some("c2")), page(&["c"], 3, None)];
        mock.respond_in_order("ListContacts", pages).await;
        let (ids, failure, shortfall) = list(transport, &mock).await;
        assert_eq!(ids, ["a", "b", "c"], "{transport:?}");
        assert!(failure.is_none(), "{transport:?}: {failure:?}");
        assert_eq!(shortfall, None);
        assert_eq!(mock.received("ListContacts").await.len(), 3);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cursor_that_comes_back_is_an_error_after_the_items_read() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start_empty().await;
        let pages = [page(&["a"], 9, Some("c1")), page(&["b"], 9, Some("c2")), page(&["c"], 9, Some("c1"))];
        mock.respond_in_order("ListContacts", pages).await;
        let (ids, failure, shortfall) = list(transport, &mock).await;
        assert_eq!(ids, ["a", "b", "c"], "{transport:?}");
        let failure = failure.expect("a paging error");
        assert!(matches!(failure, Error::Paging(_)), "{transport:?}: {failure:?}");
        assert_eq!(
            failure.to_string(),
            "paging GET /contacts stopped: the answer pointed again at the cursor `c1`, already followed; 3 item(s) \
             in 3 page(s) were read, and the listing may be incomplete"
        );
        assert_eq!(shortfall, None, "an error, not a shortfall");
        assert_eq!(mock.received("ListContacts").await.len(), 3, "{transport:?}: no request for c1 again");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_shorter_than_its_total_count_says_so_after_the_end() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start_empty().await;
        mock.respond_in_order("ListContacts", [page(&["a", "b"], 5, Some("c1")), page(&["c"], 5, None)]).await;
        let (ids, failure, shortfall) = list(transport, &mock).await;
        assert_eq!(ids, ["a", "b", "c"], "{transport:?}");
        assert!(failure.is_none());
        assert_eq!(shortfall, Some(2), "{transport:?}: 3 of the 5 announced");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn options_go_with_every_page_of_a_search() {
    use intercom_core::endpoints::SearchContacts;
    use intercom_core::search::{contact, Search};
    use intercom_core::{RequestOptions, RetryPolicy};
    use std::time::Duration;

    let mock = MockIntercom::start_empty().await;
    let contacts: Vec<Value> = (1..=5).map(|i| json!({"type": "contact", "id": format!("c{i}")})).collect();
    let search = || SearchContacts::matching(Search::all([contact::ROLE.eq("user")]).per_page(2)).unwrap();
    mock.serve_pages(&search(), contacts, 2).await;
    let config = mock.config();
    let ids = tokio::task::spawn_blocking(move || {
        let client = intercom_ureq::Client::from_config(config);
        let options = RequestOptions::new().header("x-trace", "t").timeout(Duration::from_secs(5));
        search().with_options(options).items(&client).map(|c| c.map(|c| c.id)).collect::<Result<Vec<_>, _>>()
    })
    .await
    .unwrap()
    .unwrap();
    assert_eq!(ids, ["c1", "c2", "c3", "c4", "c5"]);
    let received = mock.received("SearchContacts").await;
    assert_eq!(received.len(), 3);
    assert!(received.iter().all(|r| crate::support::header(r, "x-trace") == "t"));

    // The request's retry policy, not the client's, on every page: no retry of the 503.
    let failing = MockIntercom::start_empty().await;
    failing.respond("SearchContacts", ResponseTemplate::new(503)).await;
    let client = Arc::new(intercom_hyper::Client::from_config(failing.config()));
    let options = RequestOptions::new().retry_policy(RetryPolicy::none());
    let mut pages = search().with_options(options).pages(&*client);
    let err = pages.next().await.expect("one result").unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(failing.received("SearchContacts").await.len(), 1, "not retried");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_per_page_over_the_operations_maximum_is_refused_before_sending() {
    use intercom_core::endpoints::{ListCalls, ListConversations, ListDataConnectors};
    use intercom_core::protocol::Paginated;
    // The maximum comes from the schema (data connectors: 50, conversations: 150) or, where Intercom states it
    // only in words, from the overrides (calls: 25).
    assert_eq!(<ListDataConnectors as Paginated>::MAX_PER_PAGE, Some(50));
    assert_eq!(<ListConversations as Paginated>::MAX_PER_PAGE, Some(150));
    assert_eq!(<ListCalls as Paginated>::MAX_PER_PAGE, Some(25));
    let mock = MockIntercom::start().await;
    let client = intercom_ureq::Client::from_config(mock.config());
    let err = tokio::task::spawn_blocking(move || {
        let calls: Result<Vec<_>, Error> = ListCalls::new().per_page(26).items(&client).collect();
        calls.unwrap_err()
    })
    .await
    .unwrap();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    assert!(
        err.to_string().contains("per_page 26 is out of range for ListCalls: it must be between 1 and 25"),
        "{err}"
    );
    assert!(mock.received(ListCalls::OPERATION).await.is_empty(), "nothing was sent");
}
