//! Exports every contact to a JSON Lines file, page by page, with a progress line on stderr.
//!
//! `cargo run --example export_contacts [FILE]` — against the mock (3,000 made-up contacts) or, with
//! `INTERCOM_TOKEN` set, your workspace. FILE defaults to `contacts.jsonl` in the temp folder.

mod common;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use intercom_ureq::endpoints::ListContacts;
use intercom_ureq::{Client, Error};

fn export(client: &Client, path: &PathBuf) -> Result<(usize, usize), Error> {
    let io = |e: std::io::Error| Error::invalid_request(format!("cannot write {}: {e}", path.display()));
    let mut out = BufWriter::new(File::create(path).map_err(io)?);
    let started = Instant::now();
    let (mut items, mut pages) = (0usize, 0usize);
    for page in ListContacts::new().per_page(150).pages(client) {
        let page = page?;
        pages += 1;
        for contact in &page.items {
            serde_json::to_writer(&mut out, contact).map_err(|e| io(e.into()))?;
            out.write_all(b"\n").map_err(io)?;
        }
        items += page.items.len();
        let rate = items as f64 / started.elapsed().as_secs_f64().max(1e-3);
        let total = page.total_count.map(|t| format!(" of {t}")).unwrap_or_default();
        eprint!("\r{items}{total} contacts, {pages} pages, {rate:.0} contacts/s   ");
    }
    out.flush().map_err(io)?;
    eprintln!();
    Ok((items, pages))
}

fn main() {
    let path =
        std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| std::env::temp_dir().join("contacts.jsonl"));
    let setup = common::setup("export_contacts");
    if let Some(mock) = &setup.mock {
        let contacts = (1..=3000)
            .map(|i| {
                serde_json::json!({
                    "type": "contact", "id": format!("contact-{i}"), "role": "user",
                    "email": format!("user{i}@example.com"), "name": format!("User {i}"),
                    "custom_attributes": {"plan": if i % 3 == 0 { "pro" } else { "free" }, "seats": i % 40},
                })
            })
            .collect();
        mock.serve_pages(&ListContacts::new(), contacts, 150);
    }
    let client = Client::from_config(setup.config.clone());
    match export(&client, &path) {
        Ok((items, pages)) => println!("wrote {items} contacts from {pages} pages to {}", path.display()),
        Err(e) => {
            eprintln!("\nerror: {e}");
            std::process::exit(1);
        }
    }
}
