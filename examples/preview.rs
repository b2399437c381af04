//! Intercom's Preview API, opt-in: help-center folders, which only Preview has.
//!
//! `cargo run --example preview --features preview` (mock) or with `INTERCOM_TOKEN` set (read-only; your
//! workspace needs Preview access). Preview endpoints live in `endpoints::preview` and always send
//! `Intercom-Version: Preview`, whatever version the client is set to.

mod common;

use intercom_ureq::endpoints::preview::{CreateFolder, ListFolders};
use intercom_ureq::endpoints::ListTags;
use intercom_ureq::models::preview::{CreateFolderRequest, CreateFolderRequestFolder};
use intercom_ureq::{ApiVersion, Client, Error, RequestOptions};

fn main() {
    let setup = common::setup("preview");
    // The client stays on the stable version: only the Preview endpoints send `Preview`.
    let client = Client::from_config(setup.config.clone());
    common::finish(tour(&client, setup.real));
}

fn tour(client: &Client, real: bool) -> Result<(), Error> {
    common::section("folders (Preview only)");
    let folders = ListFolders::new().send(client)?;
    println!("{} folder(s)", folders.total_count.unwrap_or(folders.data.len() as i64));
    for folder in &folders.data {
        println!("- {} {:?} ({} item(s))", folder.id, folder.name, folder.content_count.unwrap_or(0));
    }

    if !real {
        common::section("a new folder");
        let folder = CreateFolderRequestFolder::new("Product documentation").emoji("📚");
        let created = CreateFolder::new(CreateFolderRequest::new(folder)).send(client)?;
        println!("created folder {} {:?} (the mock answers with Preview's recorded folder)", created.id, created.name);
    }

    common::section("a stable endpoint sent with the Preview version");
    // Operations Preview has unchanged have no `preview` type: send the stable one with Preview.
    let preview = RequestOptions::new().api_version(ApiVersion::PREVIEW);
    let tags = ListTags::new().with_options(preview).send(client)?;
    println!("{} tag(s), read with Intercom-Version: Preview", tags.data.len());
    Ok(())
}
