//! Data events and content export, blocking and async: record and list events; export, wait, download.
//!
//! `cargo run --example data_events_export` (mock) or with `INTERCOM_TOKEN` set (read-only: lists events
//! of `INTERCOM_EXAMPLE_USER_ID` if set).

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use intercom_ureq::endpoints::{CreateDataEvent, CreateDataExport, DownloadDataExport, GetDataExport, ListDataEvents};
use intercom_ureq::models::CreateDataEventRequest;
use intercom_ureq::Error;

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

fn blocking(client: &intercom_ureq::Client, real: bool) -> Result<(), Error> {
    common::section("blocking: events");
    let user = std::env::var("INTERCOM_EXAMPLE_USER_ID").unwrap_or_else(|_| "314159".into());
    if !real {
        let event = CreateDataEventRequest::for_user_id("upgraded-plan", now(), &user).insert_metadata("plan", "pro");
        CreateDataEvent::new(event).send(client)?;
        println!("recorded `upgraded-plan` for user {user}");
    }
    if real && std::env::var("INTERCOM_EXAMPLE_USER_ID").is_err() {
        println!("set INTERCOM_EXAMPLE_USER_ID to list a user's events");
        return Ok(());
    }
    let summary = ListDataEvents::for_user_id(&user).summary(true).send(client)?;
    for event in &summary.events {
        println!("- {}: {} time(s)", event.name.as_deref().unwrap_or("?"), event.count.unwrap_or(0));
    }
    Ok(())
}

async fn concurrent(client: &intercom_hyper::Client) -> Result<(), Error> {
    common::section("async: export a day of messages (mock only)");
    let export = CreateDataExport::between(now() - 24 * 3600, now()).send(client).await?;
    let job = export.job_identifier.unwrap_or_default();
    let mut status = export.status;
    for _ in 0..3 {
        if status.as_ref().is_some_and(|s| s.is_finished()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        status = GetDataExport::new(&job).send(client).await?.status;
    }
    println!("export {job}: {}", status.map(|s| s.to_string()).unwrap_or_default());
    let file = DownloadDataExport::new(&job).send(client).await?;
    let csv = file.decompress().map_err(|e| Error::invalid_request(format!("the export is not gzip CSV: {e}")))?;
    println!("downloaded {} bytes ({} CSV bytes, gzip: {})", file.as_bytes().len(), csv.len(), file.is_gzip());
    Ok(())
}

fn main() {
    let setup = common::setup("data_events_export");
    common::finish(blocking(&intercom_ureq::Client::from_config(setup.config.clone()), setup.real));
    if !setup.real {
        let client = intercom_hyper::Client::from_config(setup.config.clone());
        common::finish(common::block_on(concurrent(&client)));
    }
}
