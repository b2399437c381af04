//! A nightly sync, start to end: create 2,000 users from "the database" 16 at a time under the rate limit,
//! send again only the ones that failed, then export a day of conversation data and stream the file to
//! disk while waiting for the export job.
//!
//! `cargo run --example bulk_sync` — against the mock, limited to 500 requests a second so the pacing
//! shows (about 4 seconds for the 2,000 creates, and not one 429). With `INTERCOM_TOKEN` set it only runs
//! the export, unless `INTERCOM_EXAMPLE_WRITE=1` also allows it to create contacts in your workspace.

mod common;

use std::fs::File;
use std::io::BufWriter;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use intercom_mock::MockRateLimit;
use intercom_ureq::endpoints::{CreateContact, CreateDataExport, DownloadDataExport, GetDataExport};
use intercom_ureq::models::{CreateContactRequest, CreateDataExportsRequest};
use intercom_ureq::{Bulk, Client, Error, JobOutcome, JobWait, RequestOptions};
use wiremock::ResponseTemplate;

/// A row of the made-up user table.
struct User {
    id: u32,
    email: String,
    name: String,
}

/// The users, read lazily as a database cursor would give them.
fn users(count: u32) -> impl Iterator<Item = User> + Send {
    (1..=count).map(|id| User { id, email: format!("user{id}@example.com"), name: format!("User {id}") })
}

fn create(user: User) -> CreateContact {
    let request = CreateContactRequest::new().email(user.email).name(user.name).external_id(user.id.to_string());
    CreateContact::new(request)
}

fn sync(client: &Client, count: u32) -> Result<(), Error> {
    common::section(&format!("create {count} contacts, 16 at a time, paced under the rate limit"));
    let started = Instant::now();
    let mut failed = Vec::new();
    let mut created = 0;
    for sent in client.send_all(users(count).map(create), Bulk::new(16)) {
        match sent.result {
            Ok(_) => created += 1,
            Err(error) => {
                println!("  #{} failed: {error}", sent.index);
                failed.push(sent.request);
            }
        }
    }
    println!("created {created} in {:.1} s; {} failed", started.elapsed().as_secs_f64(), failed.len());

    if !failed.is_empty() {
        common::section("send the failures again");
        // A create is not repeated on its own after a 5xx (it might have been done); here we know it was
        // not, so this pass opts in to retries.
        let retried = failed.into_iter().map(|request| request.with_options(RequestOptions::new().retry_post()));
        let still_failing: Vec<_> = client.send_all(retried, Bulk::new(16)).filter(|sent| !sent.is_ok()).collect();
        println!("{} still failing", still_failing.len());
    }
    Ok(())
}

fn export(client: &Client) -> Result<(), Error> {
    common::section("export a day of content data, streamed to a file");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let path = std::env::temp_dir().join("intercom-export.csv.gz");
    let file =
        File::create(&path).map_err(|e| Error::invalid_request(format!("cannot write {}: {e}", path.display())))?;
    let mut file = BufWriter::new(file);
    let wait = JobWait::new().with_pauses(Duration::from_millis(200), Duration::from_secs(30));
    let range = CreateDataExportsRequest::new(now - 86_400, now);
    match client.export_data_to(range, &wait, &mut file)? {
        JobOutcome::Completed(done) => match done.download {
            Some(download) => println!("wrote {} bytes (gzip CSV) to {}", download.bytes, path.display()),
            None => println!("the export found no data"),
        },
        JobOutcome::Failed { reason, .. } => println!("the export failed: {reason}"),
        other => println!("the export did not finish: {other:?}"),
    }
    Ok(())
}

fn main() {
    let setup = common::setup("bulk_sync");
    if let Some(mock) = &setup.mock {
        mock.set_rate_limit(MockRateLimit::new(500, Duration::from_secs(1)));
        let created = serde_json::json!({"type": "contact", "id": "c1", "role": "user"});
        // The first three creates meet a passing outage; the rest succeed.
        let mut answers = vec![ResponseTemplate::new(503); 3];
        answers.push(ResponseTemplate::new(200).set_body_json(created));
        mock.respond_in_order(CreateContact::OPERATION, answers);
        let export = |status: &str| {
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"job_identifier": "job1", "status": status}))
        };
        mock.respond(CreateDataExport::OPERATION, export("pending"));
        mock.respond_in_order(GetDataExport::OPERATION, [export("in_progress"), export("completed")]);
        let csv = b"conversation_id,created_at\n1,1700000000\n".as_slice();
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gzip, csv).expect("in memory");
        let file = gzip.finish().expect("in memory");
        mock.respond(
            DownloadDataExport::OPERATION,
            ResponseTemplate::new(200).set_body_raw(file, "application/octet-stream"),
        );
    }
    let client = Client::from_config(setup.config.clone());
    let write = !setup.real || std::env::var("INTERCOM_EXAMPLE_WRITE").is_ok_and(|v| v == "1");
    if write {
        common::finish(sync(&client, if setup.real { 20 } else { 2000 }));
    } else {
        println!("skipping the creates: set INTERCOM_EXAMPLE_WRITE=1 to create 20 contacts in your workspace");
    }
    common::finish(export(&client));
    if let Some(mock) = &setup.mock {
        let refused: u64 = mock.rate_limit_windows().iter().map(|(_, window)| window.refused).sum();
        println!("\nthe mock refused {refused} requests with 429");
    }
}
