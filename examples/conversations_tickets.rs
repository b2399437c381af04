//! Conversations and tickets, blocking and async: list, read, reply, tag; search open conversations; tickets.
//!
//! `cargo run --example conversations_tickets` (mock) or with `INTERCOM_TOKEN` set (read-only).

mod common;

use intercom_ureq::endpoints::{
    AttachTagToConversation, GetConversation, IdentifyAdmin, ListConversations, ListTicketTypes, ReplyToConversation,
    SearchConversations, SearchTickets,
};
use intercom_ureq::models::{AttachTagToConversationRequest, ReplyConversationRequest};
use intercom_ureq::search::{conversation, ticket, Search};
use intercom_ureq::Error;

fn blocking(client: &intercom_ureq::Client, real: bool) -> Result<(), Error> {
    common::section("blocking: the latest conversations");
    let page = ListConversations::new().per_page(5).send(client)?;
    for item in &page.conversations {
        println!("- {} [{}]", item.id, item.state.as_ref().map(|s| s.as_str()).unwrap_or("?"));
    }
    let Some(first) = page.conversations.first() else { return Ok(()) };
    let full = GetConversation::new(&first.id).send(client)?;
    let parts = full.conversation_parts.map(|p| p.conversation_parts.len()).unwrap_or(0);
    println!("conversation {} has {parts} part(s)", full.id);

    if !real {
        common::section("blocking: reply with a note and tag it (mock only)");
        let me = IdentifyAdmin::new().send(client)?;
        let note = ReplyConversationRequest::admin_note(&me.id, "Customer called back; all good.");
        let replied = ReplyToConversation::new(&full.id, note).send(client)?;
        println!("replied; the conversation is {}", replied.state.map(|s| s.to_string()).unwrap_or_default());
        let tag = AttachTagToConversation::new(&full.id, AttachTagToConversationRequest::new("7522907", &me.id))
            .send(client)?;
        println!("tagged `{}`", tag.name.unwrap_or_default());
    }
    Ok(())
}

async fn concurrent(client: &intercom_hyper::Client) -> Result<(), Error> {
    common::section("async: open conversations and open tickets, side by side");
    let open_conversations = SearchConversations::matching(Search::all([conversation::OPEN.eq(true)]).per_page(20))?;
    let open_tickets = SearchTickets::matching(Search::all([ticket::OPEN.eq(true)]).per_page(20))?;
    let types = ListTicketTypes::new();
    let (conversations, tickets, types) =
        tokio::try_join!(open_conversations.send(client), open_tickets.send(client), types.send(client))?;
    println!("{} open conversation(s)", conversations.total_count.unwrap_or(conversations.conversations.len() as i64));
    println!("{} open ticket(s)", tickets.total_count.unwrap_or(tickets.tickets.len() as i64));
    println!("{} ticket type(s)", types.data.len());
    Ok(())
}

fn main() {
    let setup = common::setup("conversations_tickets");
    common::finish(blocking(&intercom_ureq::Client::from_config(setup.config.clone()), setup.real));
    let client = intercom_hyper::Client::from_config(setup.config.clone());
    common::finish(common::block_on(concurrent(&client)));
}
