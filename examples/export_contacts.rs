//! Exports every contact to a JSON Lines file through a partitioned export (many search cursors at once),
//! with a progress bar on stderr and a checkpoint file beside the output: run it again after a kill and it
//! goes on where it stopped, without a contact written twice or missed.
//!
//! `cargo run --example export_contacts [FILE]` — against the mock (30,000 made-up contacts; the run is
//! stopped halfway once, as a kill would, then resumed from the checkpoint) or, with `INTERCOM_TOKEN` set,
//! your workspace. FILE defaults to `contacts.jsonl` in the temp folder; its checkpoint is
//! `FILE.checkpoint`.

mod common;

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use intercom_ureq::{serde_json, Client, Export, ExportCheckpoint, ExportProgress};

/// What the checkpoint file holds: the export's checkpoint and how long the output file was then, so a
/// resumed run first cuts what a killed one wrote after its last checkpoint.
#[derive(serde::Serialize, serde::Deserialize)]
struct Saved {
    export: ExportCheckpoint,
    bytes: u64,
}

type Failure = Box<dyn std::error::Error>;

/// Exports into `path`, stopping after `stop_after` pages (a simulated kill); returns whether it ended.
fn export(client: &Client, path: &Path, stop_after: Option<usize>) -> Result<bool, Failure> {
    let saved_at = checkpoint_path(path);
    let saved: Option<Saved> = match fs::read(&saved_at) {
        Ok(bytes) => Some(serde_json::from_slice(&bytes)?),
        Err(_) => None,
    };
    let out = OpenOptions::new().create(true).write(true).truncate(saved.is_none()).open(path)?;
    let mut contacts = Export::contacts().concurrency(8);
    if let Some(saved) = saved {
        eprintln!("resuming: {} contacts already in {}", saved.export.records(), path.display());
        out.set_len(saved.bytes)?;
        contacts = contacts.resume(saved.export);
    }
    let mut bytes = out.metadata()?.len();
    let mut out = std::io::BufWriter::new(out);
    std::io::Seek::seek(&mut out, std::io::SeekFrom::Start(bytes))?;
    let mut export = client.export(contacts)?;
    let mut pages = 0;
    while let Some(page) = export.next() {
        let page = match page {
            Ok(page) => page,
            Err(failed) => {
                // The other partitions go on; this one is read again when the export is resumed.
                eprintln!("\n{failed}");
                continue;
            }
        };
        for contact in &page.items {
            let line = serde_json::to_vec(contact)?;
            out.write_all(&line)?;
            out.write_all(b"\n")?;
            bytes += line.len() as u64 + 1;
        }
        out.flush()?;
        save(&saved_at, &Saved { export: export.checkpoint(), bytes })?;
        draw(&export.progress());
        pages += 1;
        if stop_after == Some(pages) {
            eprintln!("\nstopped after {pages} pages, as a kill would (the checkpoint is saved)");
            return Ok(false);
        }
    }
    eprintln!();
    if export.failed() > 0 {
        return Err(format!("{} partitions failed: run again to read them", export.failed()).into());
    }
    fs::remove_file(&saved_at)?;
    Ok(true)
}

fn checkpoint_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".checkpoint");
    PathBuf::from(name)
}

/// Writes the checkpoint whole or not at all (a new file renamed over the old one).
fn save(path: &Path, saved: &Saved) -> Result<(), Failure> {
    let fresh = path.with_extension("checkpoint.new");
    let mut file = File::create(&fresh)?;
    file.write_all(&serde_json::to_vec(saved)?)?;
    file.sync_all()?;
    fs::rename(fresh, path)?;
    Ok(())
}

/// A progress bar: records so far, the estimate, and the time left.
fn draw(progress: &ExportProgress) {
    let total = progress.estimated_total.unwrap_or(progress.records).max(1);
    let done = (progress.records as f64 / total as f64).min(1.0);
    let filled = (done * 30.0).round() as usize;
    let left =
        progress.estimated_remaining.map_or_else(String::new, |d| format!(", about {:.0} s left", d.as_secs_f64()));
    eprint!(
        "\r[{}{}] {:>3.0}% {} of ~{} contacts, {} partitions{left}   ",
        "#".repeat(filled),
        "-".repeat(30 - filled),
        done * 100.0,
        progress.records,
        total,
        progress.partitions,
    );
}

/// Counts the lines of the output and the distinct ids in it.
fn count(path: &Path) -> Result<(usize, usize), Failure> {
    let (mut lines, mut ids) = (0, HashSet::new());
    for line in BufReader::new(File::open(path)?).lines() {
        let contact: serde_json::Value = serde_json::from_str(&line?)?;
        ids.insert(contact["id"].as_str().unwrap_or_default().to_owned());
        lines += 1;
    }
    Ok((lines, ids.len()))
}

fn main() {
    let path =
        std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| std::env::temp_dir().join("contacts.jsonl"));
    let setup = common::setup("export_contacts");
    let mut stop_after = None;
    if let Some(mock) = &setup.mock {
        let contacts = (0..30_000i64).map(|i| {
            serde_json::json!({
                "type": "contact", "id": format!("contact-{i}"), "role": "user",
                "email": format!("user{i}@example.com"), "name": format!("User {i}"),
                // Sign-ups grow over three years, several in the same second now and then.
                "created_at": 1_600_000_000 + (i * i) / 10_000, "updated_at": 1_700_000_000 + i,
                "custom_attributes": {"plan": if i % 3 == 0 { "pro" } else { "free" }, "seats": i % 40},
            })
        });
        mock.insert("/contacts", contacts);
        let _ = fs::remove_file(checkpoint_path(&path));
        stop_after = Some(60);
    }
    let client = Client::from_config(setup.config.clone());
    let run = || -> Result<(), Failure> {
        if !export(&client, &path, stop_after)? {
            export(&client, &path, None)?;
        }
        let (lines, ids) = count(&path)?;
        println!("wrote {lines} contacts ({ids} distinct ids) to {}", path.display());
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("\nerror: {e}");
        std::process::exit(1);
    }
}
