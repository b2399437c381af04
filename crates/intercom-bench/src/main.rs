//! `cargo run --release -p intercom-bench [-- MODE] [ROUNDS]`: the loopback race (default), `wan` (the same
//! through an emulated 40 ms / 100 Mbit/s link), `link-check` (the emulator alone against a direct run),
//! `concurrency` (64 calls at once), `bulk` (6,000 creates under a rate limit, paced and not), `fleet` (2
//! to 16 processes on one budget, alone and through Redis) and `export` (300,000 contacts exported in
//! partitions and listed in sequence, under a rate limit, through the emulated link). See
//! docs/PERFORMANCE.md.

use std::io::Write;
use std::net::TcpListener;
use std::sync::Arc;

use intercom_bench::contenders::{self, Encoding};
use intercom_bench::link::{self, Link};
use intercom_bench::measure::Run;
use intercom_bench::{bulk, export, fleet, reports, search_server, server, tls_server};

const ME_TIMES: usize = 3000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_default();
    let rounds = |i: usize| args.get(i).and_then(|r| r.parse().ok()).unwrap_or(3);
    match arg(1) {
        "serve" => serve(),
        "serve-tls" => tls_server::serve(),
        "serve-search" => serve_search(&args[2..]),
        "link" => run_link(arg(2), Link::parse(arg(3), arg(4)).expect("a round trip and a rate")),
        "run" => run(arg(2), arg(3)),
        "wan" => reports::wan(rounds(2)),
        "link-check" => reports::link_check(rounds(2)),
        "concurrency" => reports::concurrency(),
        "bulk" => bulk::report(),
        "fleet" => fleet::report(),
        "export" => export::report(rounds(2)),
        _ => reports::loopback(rounds(1), ME_TIMES),
    }
}

fn serve() {
    let answers = Arc::new(server::Answers::render());
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let (identity, gzip) = answers.page_bytes();
    println!("{} {identity} {gzip}", listener.local_addr().expect("an address"));
    std::io::stdout().flush().expect("stdout");
    server::serve(listener, answers);
}

/// The search server of the export benchmark: `serve-search CONTACTS REQUESTS WINDOW_SECONDS`.
fn serve_search(args: &[String]) {
    let number =
        |i: usize| args.get(i).and_then(|a| a.parse::<u64>().ok()).expect("serve-search CONTACTS REQUESTS WINDOW");
    let limit = search_server::Limit { requests: number(1), window_seconds: number(2).max(1) };
    let contacts = Arc::new(search_server::Contacts::render(number(0) as usize, limit));
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    println!("{}", listener.local_addr().expect("an address"));
    std::io::stdout().flush().expect("stdout");
    search_server::serve(listener, contacts);
}

fn run_link(upstream: &str, emulated: Link) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    println!("{}", listener.local_addr().expect("an address"));
    std::io::stdout().flush().expect("stdout");
    link::serve(listener, upstream, emulated);
}

fn run(contender: &str, base: &str) {
    let run = Run::time(|| match contender {
        "sdk-blocking" => contenders::sdk_blocking(base, Encoding::Gzip),
        "sdk-blocking-identity" => contenders::sdk_blocking(base, Encoding::Identity),
        "sdk-async" => contenders::sdk_async(base, Encoding::Gzip),
        "sdk-async-identity" => contenders::sdk_async(base, Encoding::Identity),
        "raw-ureq" => contenders::raw_ureq(base),
        "raw-ureq-reader" => contenders::raw_ureq_reader(base),
        "raw-hyper" => contenders::raw_hyper(base),
        "me-sdk-blocking" => contenders::me_sdk_blocking(base, ME_TIMES),
        "me-raw-ureq" => contenders::me_raw_ureq(base, ME_TIMES),
        "me-sdk-async" => contenders::me_sdk_async(base, ME_TIMES),
        "me-raw-hyper" => contenders::me_raw_hyper(base, ME_TIMES),
        "concurrent-sdk-blocking" => contenders::concurrent_sdk_blocking(base),
        "concurrent-sdk-async" => contenders::concurrent_sdk_async(base),
        "bulk-sdk-blocking" => bulk::sdk_blocking(base, true),
        "bulk-sdk-async" => bulk::sdk_async(base, true),
        "bulk-sdk-blocking-unpaced" => bulk::sdk_blocking(base, false),
        "bulk-sdk-async-unpaced" => bulk::sdk_async(base, false),
        "fleet-sdk-blocking" => fleet::sdk_blocking(base),
        "fleet-sdk-async" => fleet::sdk_async(base),
        "export-sdk-blocking" => export::export_blocking(base),
        "export-sdk-async" => export::export_async(base),
        "list-sdk-blocking" => export::list_blocking(base),
        "list-sdk-async" => export::list_async(base),
        other => panic!("no contender {other}"),
    });
    println!("{}", run.line());
}
