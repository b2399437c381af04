//! The README's first command: a short tour of the SDK with the blocking client.
//!
//! With `INTERCOM_TOKEN` unset it starts the embedded mock Intercom and also shows the write operations.
//! With `INTERCOM_TOKEN` set (and `INTERCOM_REGION=us|eu|au` if your workspace is not in the US) it runs
//! the read-only part against the real API.
//!
//! ```text
//! cargo run --example quickstart
//! INTERCOM_TOKEN=... INTERCOM_REGION=eu cargo run --example quickstart
//! ```

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use intercom_mock::BlockingMockIntercom;
use intercom_ureq::endpoints::{
    AttachTagToConversation, CreateContact, CreateContactNote, CreateDataEvent, CreateDataExport, GetDataExport,
    IdentifyAdmin, ListAdmins, ListContactNotes, ListContactSegments, ListContacts, ListConversations, ListSegments,
    SearchContacts,
};
use intercom_ureq::models::{
    AttachTagToConversationRequest, CreateContactNoteRequest, CreateContactRequest, CreateDataEventRequest,
    FilterValue, SearchOperator, SingleFilterSearchRequest,
};
use intercom_ureq::{Client, Config, Error};

fn main() -> ExitCode {
    let real = std::env::var("INTERCOM_TOKEN").is_ok_and(|t| !t.trim().is_empty());
    let (client, _mock) = if real {
        match Config::from_env() {
            Ok(config) => {
                println!("Using the real Intercom API at {} (read-only tour).", config.base_url());
                (Client::from_config(config), None)
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        let mock = BlockingMockIntercom::start();
        println!("INTERCOM_TOKEN is not set: using the embedded mock Intercom at {}.", mock.uri());
        let contacts = (1..=8)
            .map(|i| serde_json::json!({"type": "contact", "id": format!("contact-{i}"), "email": format!("user{i}@example.com")}))
            .collect();
        mock.serve_pages(&ListContacts::new(), contacts, 3);
        let recent = (1..=2)
            .map(|i| serde_json::json!({"type": "contact", "id": format!("recent-{i}"), "email": format!("new{i}@example.com")}))
            .collect();
        mock.serve_pages(&SearchContacts::query(recent_filter()), recent, 5);
        (Client::from_config(mock.config()), Some(mock))
    };

    match tour(&client, !real) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn tour(client: &Client, with_writes: bool) -> Result<(), Error> {
    section("Who am I?");
    let me = IdentifyAdmin::new().send(client)?;
    let app = me.app.unwrap_or_default();
    println!(
        "{} <{}>, admin {} of workspace {} ({}, region {})",
        me.name.as_deref().unwrap_or("?"),
        me.email.as_deref().unwrap_or("?"),
        me.id,
        app.name.as_deref().unwrap_or("?"),
        app.id_code.as_deref().unwrap_or("?"),
        app.region.as_deref().unwrap_or("?"),
    );

    section("Teammates");
    let admins = ListAdmins::new().send(client)?.admins;
    for admin in admins.iter().take(10) {
        println!("- {} <{}>", admin.name.as_deref().unwrap_or("?"), admin.email.as_deref().unwrap_or("?"));
    }
    println!("{} in all", admins.len());

    section("Segments");
    for segment in ListSegments::new().include_count(true).send(client)?.segments {
        let count = segment.count.map_or_else(|| "the answer has no count".to_owned(), |c| format!("{c} contacts"));
        println!("- {} ({}, {count})", segment.name.as_deref().unwrap_or("?"), segment.id);
    }

    section("Contacts created in the last 30 days");
    let page = SearchContacts::query(recent_filter()).per_page(5).send(client)?;
    match page.total_count.unwrap_or(page.data.len() as i64) {
        0 => println!("none"),
        found => println!("{found} found; the first {}:", page.data.len()),
    }
    for contact in &page.data {
        println!("- {} {}", contact.id, contact.email.as_deref().unwrap_or("(no email)"));
    }
    if let Some(contact) = page.data.first() {
        let segments = ListContactSegments::new(&contact.id).send(client)?.data;
        println!("  {} is in {} segment(s)", contact.id, segments.len());
        let notes = ListContactNotes::new(&contact.id).send(client)?;
        println!("  and has {} note(s)", notes.total_count.unwrap_or(0));
    }

    section("Every contact, page by page");
    let mut count = 0;
    for contact in ListContacts::new().per_page(50).items(client) {
        let contact = contact?;
        if count < 3 {
            println!("- {} {}", contact.id, contact.email.as_deref().unwrap_or("(no email)"));
        }
        count += 1;
    }
    println!("{count} contacts in all");

    if !with_writes {
        println!("\nDone (the write operations run only against the mock).");
        return Ok(());
    }

    section("Writing (mock only)");
    println!("(the mock answers each write with Intercom's recorded example, not with what was sent)");
    let created =
        CreateContact::new(CreateContactRequest::new().email("ada@example.com").name("Ada Lovelace").role("user"))
            .send(client)?;
    println!("contact {} created <{}>", created.id, created.email.as_deref().unwrap_or(""));
    let note =
        CreateContactNote::new(&created.id, CreateContactNoteRequest::new("Called about the renewal")).send(client)?;
    println!("note {} added to contact {}", note.id, created.id);
    CreateDataEvent::new(
        CreateDataEventRequest::for_user_id("ran-quickstart", unix_now(), "314159")
            .insert_metadata("sdk", "intercom-rs"),
    )
    .send(client)?;
    println!("event `ran-quickstart` recorded");
    let export = CreateDataExport::between(unix_now() - 24 * 3600, unix_now()).send(client)?;
    let job = export.job_identifier.unwrap_or_default();
    let status = GetDataExport::new(&job).send(client)?.status;
    println!("export {job} started, now {}", status.map(|s| s.to_string()).unwrap_or_default());
    let conversation = ListConversations::new().per_page(1).send(client)?.conversations.into_iter().next();
    if let Some(conversation) = conversation {
        let tag =
            AttachTagToConversation::new(&conversation.id, AttachTagToConversationRequest::new("7522907", &me.id))
                .send(client)?;
        println!("conversation {} tagged `{}`", conversation.id, tag.name.unwrap_or_default());
    }

    println!("\nDone.");
    Ok(())
}

/// Contacts created in the last 30 days.
fn recent_filter() -> SingleFilterSearchRequest {
    let since = unix_now() - 30 * 24 * 3600;
    SingleFilterSearchRequest::new("created_at", SearchOperator::Gt, FilterValue::Integer(since))
}

fn section(title: &str) {
    println!("\n== {title}");
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or_default()
}
