//! An example of testing your own blocking code against intercom-mock. Copy it and change the names.

use intercom_mock::wiremock::ResponseTemplate;
use intercom_mock::BlockingMockIntercom;
use intercom_ureq::endpoints::{ListSegments, SearchContacts};
use intercom_ureq::search::{contact, Search};
use intercom_ureq::{Client, Error};
use serde_json::json;

/// Your code: the names of the segments, with their sizes.
fn segment_sizes(client: &Client) -> Result<Vec<(String, i64)>, Error> {
    let list = ListSegments::new().include_count(true).send(client)?;
    Ok(list.segments.into_iter().map(|s| (s.name.unwrap_or_default(), s.count.unwrap_or(0))).collect())
}

/// Your code: how many users signed up since a time.
fn signups_since(client: &Client, since: i64) -> Result<usize, Error> {
    let query = Search::all([contact::ROLE.eq("user"), contact::SIGNED_UP_AT.ge(since)]).per_page(150);
    let mut count = 0;
    for contact in SearchContacts::matching(query)?.items(client) {
        contact?;
        count += 1;
    }
    Ok(count)
}

#[test]
fn segment_sizes_reads_the_counts() {
    let mock = BlockingMockIntercom::start();
    let answer = json!({"type": "segment.list", "segments": [
        {"type": "segment", "id": "s1", "name": "VIP", "count": 12},
        {"type": "segment", "id": "s2", "name": "Trial", "count": 3},
    ]});
    mock.respond(ListSegments::OPERATION, ResponseTemplate::new(200).set_body_json(answer));

    let client = Client::from_config(mock.config());
    assert_eq!(segment_sizes(&client).unwrap(), [("VIP".to_owned(), 12), ("Trial".to_owned(), 3)]);
    assert_eq!(mock.received(ListSegments::OPERATION)[0].url.query(), Some("include_count=true"));
}

#[test]
fn signups_since_sends_the_query_and_counts_every_page() {
    let mock = BlockingMockIntercom::start();
    let contacts = (0..7).map(|i| json!({"type": "contact", "id": format!("c{i}"), "role": "user"})).collect();
    mock.serve_pages(&SearchContacts::matching(contact::ID.eq("any")).unwrap(), contacts, 3);

    let client = Client::from_config(mock.config());
    assert_eq!(signups_since(&client, 1_700_000_000).unwrap(), 7);

    mock.assert_received(SearchContacts::OPERATION, 3);
    let first = &mock.received_bodies(SearchContacts::OPERATION)[0];
    assert_eq!(first["query"]["value"][1], json!({"field": "signed_up_at", "operator": ">=", "value": 1_700_000_000}));
}
