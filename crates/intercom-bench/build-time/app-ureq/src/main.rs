//! A small app on the blocking client: a handful of calls, the kind a user's crate makes.

use intercom_ureq::endpoints::{CreateContactNote, IdentifyAdmin, ListContacts, ListSegments, SearchContacts, GetContact};
use intercom_ureq::models::CreateContactNoteRequest;
use intercom_ureq::search::{contact, Search};
use intercom_ureq::{Client, Error};

fn main() -> Result<(), Error> {
    let client = Client::from_env()?;
    let me = IdentifyAdmin::new().send(&client)?;
    println!("signed in as {:?}", me.name);
    for segment in ListSegments::new().include_count(true).send(&client)?.segments {
        println!("segment {:?}", segment.name);
    }
    let mut first = None;
    for contact in ListContacts::new().per_page(50).items(&client).take(100) {
        let contact = contact?;
        first.get_or_insert(contact.id.clone());
    }
    let recent = Search::all([contact::ROLE.eq("user"), contact::CREATED_AT.gt(1_700_000_000)]);
    for contact in SearchContacts::matching(recent)?.items(&client).take(10) {
        println!("found {}", contact?.id);
    }
    if let Some(id) = first {
        let contact = GetContact::new(id.as_str()).send(&client)?;
        println!("{:?}", contact.email);
        CreateContactNote::new(id.as_str(), CreateContactNoteRequest::new("Called about the renewal")).send(&client)?;
    }
    Ok(())
}
