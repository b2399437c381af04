//! A read-only tour of several resource groups with the async client (hyper on Tokio).
//!
//! With `INTERCOM_TOKEN` unset it starts the embedded mock Intercom; with it set (and `INTERCOM_REGION` if
//! your workspace is not in the US) it reads the real workspace. Nothing is written either way.
//!
//! ```text
//! cargo run --example async_tour
//! ```

use std::process::ExitCode;

use intercom_hyper::endpoints::{
    IdentifyAdmin, ListAllCompanies, ListArticles, ListCollections, ListConversations, ListDataAttributes, ListTags,
    ListTeams, ListTicketTypes,
};
use intercom_hyper::{Client, Error};
use intercom_mock::MockIntercom;

#[tokio::main]
async fn main() -> ExitCode {
    let real = std::env::var("INTERCOM_TOKEN").is_ok_and(|t| !t.trim().is_empty());
    let mock = if real { None } else { Some(MockIntercom::start().await) };
    let client = match &mock {
        Some(mock) => {
            println!("INTERCOM_TOKEN is not set: using the embedded mock Intercom at {}.", mock.uri());
            Client::from_config(mock.config())
        }
        None => match Client::from_env() {
            Ok(client) => client,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    match tour(&client).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn tour(client: &Client) -> Result<(), Error> {
    // Independent reads run concurrently over the pooled connection(s); each future owns its request.
    let (me, companies, conversations, tags, teams) = tokio::try_join!(
        IdentifyAdmin::new().send(client),
        ListAllCompanies::new().per_page(5).send(client),
        ListConversations::new().per_page(5).send(client),
        ListTags::new().send(client),
        ListTeams::new().send(client),
    )?;
    println!("signed in as {} <{}>", me.name.unwrap_or_default(), me.email.unwrap_or_default());

    println!("\n== Companies ({} in all)", companies.total_count.unwrap_or(0));
    for company in &companies.data {
        println!("- {} ({} users)", company.name.as_deref().unwrap_or("?"), company.user_count.unwrap_or(0));
    }

    println!("\n== Conversations ({} in all, first page)", conversations.total_count.unwrap_or(0));
    for conversation in &conversations.conversations {
        let state = conversation.state.as_ref().map(|s| s.as_str()).unwrap_or("?");
        println!("- {} [{state}] {}", conversation.id, conversation.title.as_deref().unwrap_or("(no title)"));
    }

    println!("\n== Tags: {}", tags.data.iter().filter_map(|t| t.name.as_deref()).collect::<Vec<_>>().join(", "));
    println!("== Teams: {}", teams.teams.iter().filter_map(|t| t.name.as_deref()).collect::<Vec<_>>().join(", "));

    let articles = ListArticles::new().per_page(5).send(client).await?;
    println!("\n== Articles ({} in all)", articles.total_count.unwrap_or(0));
    for article in &articles.data {
        println!("- {}", article.title.as_deref().unwrap_or("(untitled)"));
    }
    let collections = ListCollections::new().send(client).await?;
    println!("== Help center collections: {}", collections.data.len());
    let ticket_types = ListTicketTypes::new().send(client).await?;
    println!("== Ticket types: {}", ticket_types.data.len());
    let attributes = ListDataAttributes::new().send(client).await?;
    println!("== Data attributes: {}", attributes.data.len());
    Ok(())
}
