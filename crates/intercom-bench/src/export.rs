//! The export benchmark (issue 28): every contact of a large data set through the emulated link, the server
//! enforcing a rate limit, read by the partitioned export and by the sequential listing, both clients.

use std::time::Duration;

use intercom_ureq::endpoints::ListContacts;
use intercom_ureq::{Config, Export};

use crate::harness::{self, Background, Runs};
use crate::link::Link;
use crate::measure::Run;
use crate::server;

/// Contacts in the benchmark's data set, unless `INTERCOM_BENCH_CONTACTS` says otherwise.
pub const CONTACTS: usize = 300_000;

const CONTENDERS: [&str; 4] = ["export-sdk-blocking", "export-sdk-async", "list-sdk-blocking", "list-sdk-async"];

fn config(base: &str) -> Config {
    Config::new("bench-token").with_base_url(base).expect("a loopback URL")
}

/// The data set's size, as the server and each contender read it.
fn total() -> usize {
    std::env::var("INTERCOM_BENCH_CONTACTS").ok().and_then(|n| n.parse().ok()).unwrap_or(CONTACTS)
}

/// An order-independent digest of a set of ids, with their count: equal for the same set, whatever the
/// order, different (but for a 64-bit collision) when one is missing or repeated.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Digest {
    /// Ids added.
    pub count: usize,
    sum: u64,
}

impl Digest {
    /// Adds one id.
    pub fn add(&mut self, id: &str) {
        // FNV-1a, then a mix, summed: a multiset hash.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in id.bytes() {
            h = (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        h = (h ^ (h >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.sum = self.sum.wrapping_add(h);
        self.count += 1;
    }

    /// The digest of the server's data set.
    pub fn of_data_set(total: usize) -> Self {
        let mut digest = Self::default();
        for i in 0..total {
            digest.add(&crate::data::contact_id(i));
        }
        digest
    }
}

fn check(digest: Digest) -> usize {
    let expected = Digest::of_data_set(total());
    assert_eq!(digest, expected, "the contacts read are not the server's set");
    digest.count
}

/// The partitioned export on the blocking client.
pub fn export_blocking(base: &str) -> usize {
    let client = intercom_ureq::Client::from_config(config(base));
    let mut digest = Digest::default();
    for page in client.export(Export::contacts()).expect("an export") {
        page.expect("no partition fails").items.iter().for_each(|c| digest.add(&c.id));
    }
    check(digest)
}

/// The partitioned export on the async client.
pub fn export_async(base: &str) -> usize {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let client = intercom_hyper::Client::from_config(config(base));
        let mut export = client.export(Export::contacts()).expect("an export");
        let mut digest = Digest::default();
        while let Some(page) = export.next().await {
            page.expect("no partition fails").items.iter().for_each(|c| digest.add(&c.id));
        }
        check(digest)
    })
}

/// The sequential listing (`items()`) on the blocking client.
pub fn list_blocking(base: &str) -> usize {
    let client = intercom_ureq::Client::from_config(config(base));
    let mut digest = Digest::default();
    for contact in ListContacts::new().per_page(150).items(&client) {
        digest.add(&contact.expect("a contact").id);
    }
    check(digest)
}

/// The sequential listing (`items()`) on the async client.
pub fn list_async(base: &str) -> usize {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let client = intercom_hyper::Client::from_config(config(base));
        let mut digest = Digest::default();
        let mut items = ListContacts::new().per_page(150).items(&client);
        while let Some(contact) = items.next().await {
            digest.add(&contact.expect("a contact").id);
        }
        check(digest)
    })
}

/// How many requests the server refused (`429`) so far: the fourth counter of its `/stats`.
fn refused(address: &str) -> u64 {
    server::stats_line(address).split_whitespace().nth(3).and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// Runs the four contenders through a link, against a server limited to `requests` per `window` seconds.
fn race(link: Link, requests: u64, window: u64, rounds: usize) {
    let contacts = total().to_string();
    let server = Background::start(&["serve-search", &contacts, &requests.to_string(), &window.to_string()]);
    let proxy = Background::link(&server.address, link);
    let base = format!("http://{}", proxy.address);
    let env = [("INTERCOM_BENCH_CONTACTS", contacts.clone())];
    let mut all: Vec<(Runs, Vec<u64>)> =
        CONTENDERS.iter().map(|n| (Runs { name: n.to_string(), ..Runs::default() }, Vec::new())).collect();
    for _ in 0..rounds {
        for (runs, refusals) in &mut all {
            let (before, refused_before) = (server::stats(&server.address), refused(&server.address));
            let run: Run = harness::run_once(&runs.name, &base, &env);
            runs.runs.push(run);
            runs.seen.push(server::stats(&server.address).since(&before));
            refusals.push(refused(&server.address) - refused_before);
        }
    }
    let rate = requests as f64 / window as f64;
    let pages = total().div_ceil(150) as f64;
    let rate_floor = pages / rate;
    let bits = link.bits_per_second.map_or(f64::INFINITY, |b| b as f64);
    let export_bytes = all[0].0.bytes_written() as f64;
    let bytes_floor = export_bytes * 8.0 / bits;
    let floor = rate_floor.max(bytes_floor);
    println!(
        "\nrate limit {requests} per {window} s ({rate:.0}/s): floor = max({pages:.0} pages / {rate:.0}/s = {rate_floor:.1} s, \
         {:.1} MiB / link = {bytes_floor:.1} s) = {floor:.1} s",
        export_bytes / 1_048_576.0
    );
    println!(
        "{:<22} {:>8} {:>9} {:>8} {:>10} {:>6} {:>6} {:>11}",
        "contender", "wall s", "vs floor", "CPU s", "peak RSS", "conns", "429s", "contacts/s"
    );
    for (runs, refusals) in &all {
        let wall = runs.median(|r| r.seconds);
        println!(
            "{:<22} {:>8.1} {:>8.2}x {:>8.2} {:>6.1} MiB {:>6} {:>6} {:>11.0}",
            runs.name,
            wall,
            wall / floor,
            runs.median(|r| r.cpu),
            runs.median(|r| r.rss_kib as f64) / 1024.0,
            runs.seen.iter().map(|s| s.connections).max().unwrap_or(0),
            refusals.iter().max().unwrap_or(&0),
            runs.per_second(),
        );
    }
    let wall = |name: &str| {
        all.iter().find(|(runs, _)| runs.name == name).map_or(f64::NAN, |(runs, _)| runs.median(|r| r.seconds))
    };
    println!(
        "export / sequential listing: blocking {:.1}x, async {:.1}x faster   [targets: within 1.25x of the floor, >= 4x the listing, < 64 MiB]",
        wall("list-sdk-blocking") / wall("export-sdk-blocking"),
        wall("list-sdk-async") / wall("export-sdk-async"),
    );
}

/// The report: the export and the listing at 100 requests a second, then at Intercom's 10,000 a minute
/// (1,666 per 10-second window), through a 40 ms / 100 Mbit/s link.
pub fn report(rounds: usize) {
    let link = Link { round_trip: Duration::from_millis(40), bits_per_second: Some(100_000_000) };
    println!("machine: {}", harness::machine());
    println!(
        "data: {} contacts (150 a page), link 40 ms / 100 Mbit/s, {rounds} rounds, medians; every run checks its set \
         (count and digest of ids) against the server's",
        total()
    );
    race(link, 100, 1, rounds);
    race(link, 1_666, 10, rounds);
}
