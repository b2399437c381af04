//! Articles and the help center, blocking and async: list and read articles and collections; search.
//!
//! `cargo run --example help_center` (mock) or with `INTERCOM_TOKEN` set (read-only).

mod common;

use intercom_ureq::endpoints::{GetArticle, ListArticles, ListCollections, ListHelpCenters, SearchArticles};
use intercom_ureq::Error;

fn blocking(client: &intercom_ureq::Client) -> Result<(), Error> {
    common::section("blocking: articles and collections");
    let articles = ListArticles::new().per_page(10).send(client)?;
    println!("{} article(s)", articles.total_count.unwrap_or(0));
    if let Some(first) = articles.data.first() {
        let article = GetArticle::new(&first.id).send(client)?;
        println!(
            "- {} ({})",
            article.title.unwrap_or_default(),
            article.state.map(|s| s.to_string()).unwrap_or_default()
        );
    }
    for collection in ListCollections::new().items(client) {
        println!("collection: {}", collection?.name.unwrap_or_default());
    }
    Ok(())
}

async fn concurrent(client: &intercom_hyper::Client) -> Result<(), Error> {
    common::section("async: help centers and a search");
    let (centers, search) = (ListHelpCenters::new(), SearchArticles::new().phrase("billing"));
    let (centers, found) = tokio::try_join!(centers.send(client), search.send(client))?;
    println!("{} help center(s)", centers.data.len());
    println!("search `billing`: {} article(s)", found.total_count.unwrap_or(0));
    Ok(())
}

fn main() {
    let setup = common::setup("help_center");
    common::finish(blocking(&intercom_ureq::Client::from_config(setup.config.clone())));
    let client = intercom_hyper::Client::from_config(setup.config.clone());
    common::finish(common::block_on(concurrent(&client)));
}
