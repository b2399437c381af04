//! The four runs of the harness and the tables they print (docs/PERFORMANCE.md).

use std::time::Duration;

use crate::contenders::CONCURRENT_CALLS;
use crate::data;
use crate::harness::{self, find, Background, Runs};
use crate::link::Link;

const PAGING: [&str; 6] =
    ["sdk-blocking", "sdk-blocking-identity", "raw-ureq", "sdk-async", "sdk-async-identity", "raw-hyper"];

fn head(rounds: usize, server: &Background) {
    let kib = |i: usize| server.rest.get(i).and_then(|b| b.parse::<f64>().ok()).unwrap_or(0.0) / 1024.0;
    println!("machine: {}", harness::machine());
    println!(
        "data: {} contacts in pages of {} ({:.0} KiB a page, {:.0} KiB gzip-compressed), {rounds} rounds, medians\n",
        data::total(),
        data::PER_PAGE,
        kib(0),
        kib(1)
    );
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn paging_table(all: &[Runs], names: &[&str]) {
    println!(
        "{:<22} {:>10} {:>8} {:>7} {:>10} {:>6} {:>12}",
        "paging", "items/s", "wall s", "CPU s", "peak RSS", "conns", "answers MiB"
    );
    for name in names {
        let runs = find(all, name);
        println!(
            "{name:<22} {:>10.0} {:>8.3} {:>7.2} {:>6.1} MiB {:>6} {:>12.1}",
            runs.per_second(),
            runs.median(|r| r.seconds),
            runs.median(|r| r.cpu),
            runs.median(|r| r.rss_kib as f64) / 1024.0,
            runs.connections(),
            mib(runs.bytes_written()),
        );
    }
}

fn ratio(all: &[Runs], sdk: &str, raw: &str) -> f64 {
    find(all, sdk).per_second() / find(all, raw).per_second()
}

/// Loopback: the SDK (compressed and not) against the raw loops, and `GET /me` per request.
pub fn loopback(rounds: usize, me_times: usize) {
    let server = Background::server();
    head(rounds, &server);
    let paging: Vec<&str> = PAGING.iter().copied().chain(["raw-ureq-reader"]).collect();
    let per_request = ["me-sdk-blocking", "me-raw-ureq", "me-sdk-async", "me-raw-hyper"];
    let names: Vec<&str> = paging.iter().chain(&per_request).copied().collect();
    let base = format!("http://{}", server.address);
    let all = harness::rounds(&names, &base, &server.address, rounds);

    paging_table(&all, &paging);
    println!(
        "\nlike for like (identity) SDK / raw: blocking (ureq) {:.2}x, async (hyper) {:.2}x   [target >= 1.5x]",
        ratio(&all, "sdk-blocking-identity", "raw-ureq"),
        ratio(&all, "sdk-async-identity", "raw-hyper")
    );
    println!(
        "SDK with gzip / raw identity: blocking (ureq) {:.2}x, async (hyper) {:.2}x   [target >= 1.3x]",
        ratio(&all, "sdk-blocking", "raw-ureq"),
        ratio(&all, "sdk-async", "raw-hyper")
    );
    println!("raw ureq through from_reader / read_to_vec: {:.2}x", ratio(&all, "raw-ureq-reader", "raw-ureq"));

    println!("\n{:<22} {:>14}   (GET /me x {me_times}, identity)", "per request", "microseconds");
    for name in per_request {
        println!("{name:<22} {:>14.1}", find(&all, name).median(|r| r.seconds / r.count as f64 * 1e6));
    }
    let overhead = |sdk: &str, raw: &str| {
        let micros = |name: &str| find(&all, name).median(|r| r.seconds / r.count as f64);
        (micros(sdk) / micros(raw) - 1.0) * 100.0
    };
    println!(
        "SDK overhead over raw: blocking {:+.1}%, async {:+.1}%",
        overhead("me-sdk-blocking", "me-raw-ureq"),
        overhead("me-sdk-async", "me-raw-hyper")
    );
}

fn emulated_link() -> Link {
    let number =
        |name: &str, default: f64| std::env::var(name).ok().and_then(|v| v.parse::<f64>().ok()).unwrap_or(default);
    let megabits = number("INTERCOM_BENCH_MBIT", 100.0);
    Link {
        round_trip: Duration::from_secs_f64(number("INTERCOM_BENCH_RTT_MS", 40.0) / 1000.0),
        bits_per_second: (megabits > 0.0).then_some((megabits * 1e6) as u64),
    }
}

/// Paging through the emulated link, against the link's physical floor.
pub fn wan(rounds: usize) {
    let link = emulated_link();
    let server = Background::server();
    let proxy = Background::link(&server.address, link);
    head(rounds, &server);
    let megabits = link.bits_per_second.map_or(f64::INFINITY, |b| b as f64 / 1e6);
    println!(
        "link: {:.0} ms round trip, {megabits:.0} Mbit/s each way (userspace emulator)\n",
        link.round_trip.as_secs_f64() * 1e3
    );
    let all = harness::rounds(&PAGING, &format!("http://{}", proxy.address), &server.address, rounds);
    paging_table(&all, &PAGING);

    // A round trip for the TCP handshake, one per page; the answers' bytes at the link's rate.
    let round_trips = data::total().div_ceil(data::PER_PAGE) as u64 + 1;
    let compressed = find(&all, "sdk-blocking").bytes_written();
    let floor = link.floor(round_trips, compressed).as_secs_f64();
    println!(
        "\nphysical floor: {round_trips} round trips x {:.0} ms + {:.1} MiB compressed / {megabits:.0} Mbit/s = {floor:.2} s",
        link.round_trip.as_secs_f64() * 1e3,
        mib(compressed)
    );
    println!("{:<22} {:>8} {:>12} {:>16}", "", "wall s", "/ floor", "/ own floor");
    for name in PAGING {
        let runs = find(&all, name);
        let wall = runs.median(|r| r.seconds);
        let own = link.floor(round_trips, runs.bytes_written()).as_secs_f64();
        println!("{name:<22} {wall:>8.2} {:>11.2}x {:>15.2}x", wall / floor, wall / own);
    }
    println!("[target: SDK with gzip within 1.15x of the floor]");
}

/// The emulator with no delay and no rate limit against a direct run: it must not be the bottleneck.
pub fn link_check(rounds: usize) {
    let server = Background::server();
    let proxy = Background::link(&server.address, Link::NONE);
    head(rounds, &server);
    let names = ["sdk-blocking", "sdk-async", "sdk-blocking-identity", "sdk-async-identity"];
    let (direct, through) = (format!("http://{}", server.address), format!("http://{}", proxy.address));
    let mut runs: Vec<(Runs, Runs)> = names
        .iter()
        .map(|n| (Runs { name: n.to_string(), ..Runs::default() }, Runs { name: n.to_string(), ..Runs::default() }))
        .collect();
    for _ in 0..rounds {
        for (direct_runs, through_runs) in &mut runs {
            for (base, into) in [(&direct, &mut *direct_runs), (&through, &mut *through_runs)] {
                let (run, seen) = harness::race(&into.name, base, &server.address);
                into.runs.push(run);
                into.seen.push(seen);
            }
        }
    }
    println!("{:<22} {:>14} {:>14} {:>10}", "paging", "direct items/s", "via link", "via/direct");
    for (direct_runs, through_runs) in &runs {
        let (d, t) = (direct_runs.per_second(), through_runs.per_second());
        println!("{:<22} {d:>14.0} {t:>14.0} {:>9.2}x", direct_runs.name, t / d);
    }
    println!("[target: the emulator with no limits costs under 15% (via/direct >= 0.87)]");
}

/// 64 calls at once: connections counted at the server, over HTTP/1.1 (both clients) and HTTP/2 (hyper).
pub fn concurrency() {
    println!("machine: {}\n", harness::machine());
    println!("{CONCURRENT_CALLS} concurrent GET /contacts/{{id}} on one client, connections counted at the server:");
    let plain = Background::server();
    let base = format!("http://{}", plain.address);
    for name in ["concurrent-sdk-blocking", "concurrent-sdk-async"] {
        let (run, seen) = harness::race(name, &base, &plain.address);
        println!("{name:<26} HTTP/1.1  {:>3} connections, {:>6.1} ms", seen.connections, run.seconds * 1e3);
    }
    let tls = Background::start(&["serve-tls"]);
    let (stats, certificate) = (tls.rest[0].clone(), tls.rest[1].clone());
    // The contender trusts the server's self-signed certificate through the SDK's own configuration.
    std::env::set_var("INTERCOM_BENCH_ROOT_CERTIFICATE", &certificate);
    let (run, seen) = harness::race("concurrent-sdk-async", &format!("https://{}", tls.address), &stats);
    println!(
        "{:<26} HTTP/2    {:>3} connections, {:>6.1} ms",
        "concurrent-sdk-async",
        seen.connections,
        run.seconds * 1e3
    );
    let _ = std::fs::remove_file(certificate);
}
