//! Resources that arrived after API 2.11: ticket states, custom object instances, internal articles, brands,
//! macros; and what happens when a client pinned to 2.11 asks for one of them.
//!
//! `cargo run --example new_in_2_16` (mock) or with `INTERCOM_TOKEN` set (read-only). Set
//! `INTERCOM_CUSTOM_OBJECT` to one of your custom object types to list its instances on the real API.

mod common;

use intercom_ureq::endpoints::{
    CreateInternalArticle, CreateOrUpdateCustomObjectInstance, ListBrands, ListCustomObjectInstances, ListMacros,
    ListTicketStates, SearchInternalArticles,
};
use intercom_ureq::models::{CreateInternalArticleRequest, CreateOrUpdateCustomObjectInstanceRequest};
use intercom_ureq::{json, ApiVersion, Client, Error};

fn main() {
    let setup = common::setup("new_in_2_16");
    let client = Client::from_config(setup.config.clone());
    common::finish(tour(&client, setup.real));

    common::section("a client pinned to 2.11 asks for ticket states (new in 2.12)");
    let pinned = Client::from_config(setup.config.with_api_version(ApiVersion::V2_11));
    match ListTicketStates::new().send(&pinned) {
        Err(e @ Error::InvalidRequest { .. }) => println!("refused before sending: {e}"),
        other => {
            eprintln!("error: expected the version check to refuse it, got {other:?}");
            std::process::exit(1);
        }
    }
}

fn tour(client: &Client, real: bool) -> Result<(), Error> {
    common::section("ticket states (since 2.12)");
    for state in ListTicketStates::new().send(client)?.data {
        let category = state.category.as_ref().map(|c| c.as_str()).unwrap_or("?");
        println!(
            "- {} ({category}): shown to customers as {:?}",
            state.internal_label.unwrap_or_default(),
            state.external_label
        );
    }

    common::section("custom object instances (since 2.13)");
    let object_type = std::env::var("INTERCOM_CUSTOM_OBJECT").unwrap_or_else(|_| "Order".to_owned());
    if !real {
        let order = CreateOrUpdateCustomObjectInstanceRequest::new()
            .external_id("order-1042")
            .custom_attributes(json!({"total": 99.5}));
        let saved = CreateOrUpdateCustomObjectInstance::new(&object_type, order).send(client)?;
        println!("saved {object_type} {} (external id {:?})", saved.id, saved.external_id);
    }
    if !real || std::env::var("INTERCOM_CUSTOM_OBJECT").is_ok() {
        let mut count = 0;
        for instance in ListCustomObjectInstances::new(&object_type).items(client).take(20) {
            let instance = instance?;
            count += 1;
            println!("- {} {:?}: {} attribute(s)", instance.id, instance.external_id, instance.custom_attributes.len());
        }
        println!("{count} instance(s) of {object_type} (up to 20 shown)");
    }

    common::section("internal articles (since 2.13)");
    if !real {
        let draft = CreateInternalArticleRequest::new("Refund policy", 991_267_497, 991_267_497)
            .body("<p>Refunds within 30 days.</p>");
        let article = CreateInternalArticle::new(draft).send(client)?;
        println!("created internal article {} `{}`", article.id, article.title.unwrap_or_default());
    }
    let found: Vec<_> = SearchInternalArticles::new().items(client).take(10).collect::<Result<_, _>>()?;
    for article in &found {
        println!("- {} `{}`", article.id, article.title.as_deref().unwrap_or("(untitled)"));
    }

    common::section("brands (since 2.15) and macros (since 2.16)");
    let brands = ListBrands::new().send(client)?;
    println!("{} brand(s)", brands.data.len());
    let macros: Vec<_> = ListMacros::new().paginate().max_pages(1).items(client).collect::<Result<_, _>>()?;
    println!("the first page of macros:");
    for m in &macros {
        println!("- {} `{}`", m.id, m.name.as_deref().unwrap_or("?"));
    }
    Ok(())
}
