//! An example of testing your own async code against intercom-mock. Copy it and change the names.

use intercom_hyper::endpoints::{CreateContactNote, ListContacts};
use intercom_hyper::models::CreateContactNoteRequest;
use intercom_hyper::{Client, Error};
use intercom_mock::wiremock::ResponseTemplate;
use intercom_mock::{fixture_response, fixtures, MockIntercom};

use serde_json::json;

/// Your code: the emails of every contact, across pages.
async fn all_emails(client: &Client) -> Result<Vec<String>, Error> {
    let mut emails = Vec::new();
    let mut contacts = ListContacts::new().per_page(2).items(client);
    while let Some(contact) = contacts.next().await {
        emails.extend(contact?.email);
    }
    Ok(emails)
}

/// Your code: welcome a contact with a note.
async fn welcome(client: &Client, contact_id: &str) -> Result<String, Error> {
    let note =
        CreateContactNote::new(contact_id, CreateContactNoteRequest::new("Welcome aboard!")).send(client).await?;
    Ok(note.id)
}

#[tokio::test]
async fn all_emails_reads_every_page() {
    let mock = MockIntercom::start().await;
    let contacts =
        (1..=5).map(|i| json!({"type": "contact", "id": format!("c{i}"), "email": format!("u{i}@example.com")}));
    mock.serve_pages(&ListContacts::new(), contacts.collect(), 2).await;

    let client = Client::from_config(mock.config());
    let emails = all_emails(&client).await.unwrap();

    assert_eq!(emails, ["u1@example.com", "u2@example.com", "u3@example.com", "u4@example.com", "u5@example.com"]);
    mock.assert_received(ListContacts::OPERATION, 3).await;
}

#[tokio::test]
async fn welcome_survives_a_rate_limit_and_sends_the_right_note() {
    let mock = MockIntercom::start().await;
    let recorded = fixtures::success("CreateContactNote").unwrap();
    mock.respond_in_order(CreateContactNote::OPERATION, [ResponseTemplate::new(429), fixture_response(recorded)]).await;

    let client = Client::from_config(mock.config());
    let note_id = welcome(&client, "667d60978a68186f43bafd9e").await.unwrap();

    assert_eq!(note_id, "31");
    mock.assert_received(CreateContactNote::OPERATION, 2).await;
    assert_eq!(mock.received_bodies(CreateContactNote::OPERATION).await[1], json!({"body": "Welcome aboard!"}));
}

#[tokio::test]
async fn welcome_reports_a_missing_contact() {
    let mock = MockIntercom::start().await;
    mock.respond_with_fixture(CreateContactNote::OPERATION, 404).await;

    let client = Client::from_config(mock.config());
    let err = welcome(&client, "nobody").await.unwrap_err();

    assert_eq!(err.as_api().and_then(|e| e.code()), Some("not_found"));
}

#[tokio::test]
#[should_panic(
    expected = "intercom-mock: expected 1 request(s) to CreateContactNote (POST /contacts/{contact_id}/notes), got 0"
)]
async fn a_missed_call_names_the_operation() {
    let mock = MockIntercom::start().await;
    mock.assert_received(CreateContactNote::OPERATION, 1).await;
}
