//! A small app on the async client: a handful of calls, the kind a user's crate makes.

use intercom_hyper::endpoints::{CreateContactNote, IdentifyAdmin, ListContacts, ListSegments, SearchContacts, GetContact};
use intercom_hyper::models::CreateContactNoteRequest;
use intercom_hyper::search::{contact, Search};
use intercom_hyper::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = Client::from_env()?;
    let me = IdentifyAdmin::new().send(&client).await?;
    println!("signed in as {:?}", me.name);
    for segment in ListSegments::new().include_count(true).send(&client).await?.segments {
        println!("segment {:?}", segment.name);
    }
    let mut first = None;
    let mut contacts = ListContacts::new().per_page(50).items(&client);
    while let Some(contact) = contacts.next().await {
        first.get_or_insert(contact?.id);
    }
    let recent = Search::all([contact::ROLE.eq("user"), contact::CREATED_AT.gt(1_700_000_000)]);
    let mut found = SearchContacts::matching(recent)?.items(&client);
    while let Some(contact) = found.next().await {
        println!("found {}", contact?.id);
    }
    if let Some(id) = first {
        let contact = GetContact::new(id.as_str()).send(&client).await?;
        println!("{:?}", contact.email);
        CreateContactNote::new(id.as_str(), CreateContactNoteRequest::new("Called about the renewal")).send(&client).await?;
    }
    Ok(())
}
