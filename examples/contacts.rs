//! Contacts, blocking and async: create, read, update, search, page through, and their segments and tags.
//!
//! `cargo run --example contacts` (mock) or with `INTERCOM_TOKEN` set (read-only).

mod common;

use intercom_mock::wiremock::ResponseTemplate;
use intercom_ureq::endpoints::{
    CreateContact, GetContact, ListContactSegments, ListContactTags, ListContacts, SearchContacts, UpdateContact,
};
use intercom_ureq::models::{CreateContactRequest, UpdateContactRequest};
use intercom_ureq::search::{contact, Search};
use intercom_ureq::Error;

fn blocking(client: &intercom_ureq::Client, real: bool) -> Result<(), Error> {
    common::section("blocking: search and read");
    let page =
        SearchContacts::matching(Search::all([contact::ROLE.eq("user"), contact::CREATED_AT.gt(0)]).per_page(5))?
            .send(client)?;
    println!("{} users in all; first page:", page.total_count.unwrap_or(0));
    for found in &page.data {
        println!("- {} {}", found.id, found.email.as_deref().unwrap_or("(no email)"));
    }
    let id = page.data.first().map(|c| c.id.clone()).unwrap_or_else(|| "667d60ac8a68186f43bafdbb".into());
    let shown = GetContact::new(&id).send(client)?;
    println!("contact {}: {} <{}>", shown.id, shown.name.unwrap_or_default(), shown.email.unwrap_or_default());
    let tags = ListContactTags::new(&id).send(client)?;
    println!("tags: {}", tags.data.iter().filter_map(|t| t.name.as_deref()).collect::<Vec<_>>().join(", "));

    if !real {
        common::section("blocking: write (mock only)");
        let created =
            CreateContact::new(CreateContactRequest::new().email("ada@example.com").name("Ada Lovelace").role("user"))
                .send(client)?;
        println!("created {} <{}>", created.id, created.email.unwrap_or_default());
        let updated = UpdateContact::new(&created.id, UpdateContactRequest::new().name("Ada King")).send(client)?;
        println!("renamed to {}", updated.name.unwrap_or_default());
    }
    Ok(())
}

async fn concurrent(client: &intercom_hyper::Client) -> Result<(), Error> {
    common::section("async: every contact, and one contact's segments");
    let mut contacts = ListContacts::new().per_page(50).items(client);
    let mut count = 0;
    let mut first = None;
    while let Some(found) = contacts.next().await {
        let found = found?;
        first.get_or_insert(found.id);
        count += 1;
    }
    println!("{count} contacts read, page by page");
    if let Some(id) = first {
        let segments = ListContactSegments::new(&id).send(client).await?;
        println!("{id} is in {} segment(s)", segments.data.len());
    }
    Ok(())
}

fn main() {
    let setup = common::setup("contacts");
    if let Some(mock) = &setup.mock {
        let people = (1..=12)
            .map(|i| serde_json::json!({"type": "contact", "id": format!("contact-{i}"), "email": format!("user{i}@example.com")}))
            .collect();
        mock.serve_pages(&ListContacts::new(), people, 5);
        mock.respond(
            "ListContactSegments",
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"type": "list", "data": []})),
        );
    }
    common::finish(blocking(&intercom_ureq::Client::from_config(setup.config.clone()), setup.real));
    let client = intercom_hyper::Client::from_config(setup.config.clone());
    common::finish(common::block_on(concurrent(&client)));
}
