//! `cargo run --release -p intercom-bench [-- ROUNDS]`: starts the loopback server in its own process, then
//! races each contender in its own process, alternating, and prints throughput, CPU time, peak RSS,
//! connections and the SDK / raw ratios (docs/PERFORMANCE.md).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::Arc;

use intercom_bench::measure::Run;
use intercom_bench::{contenders, data, server};

const ME_TIMES: usize = 3000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("serve") => serve(),
        Some("run") => run(&args[2], &args[3]),
        other => orchestrate(other.and_then(|r| r.parse().ok()).unwrap_or(3)),
    }
}

fn serve() {
    let answers = Arc::new(server::Answers::render());
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    println!("{} {}", listener.local_addr().expect("an address"), answers.page_bytes());
    std::io::stdout().flush().expect("stdout");
    server::serve(listener, answers);
}

fn run(contender: &str, base: &str) {
    let run = Run::time(|| match contender {
        "sdk-blocking" => contenders::sdk_blocking(base),
        "sdk-async" => contenders::sdk_async(base),
        "raw-ureq" => contenders::raw_ureq(base),
        "raw-hyper" => contenders::raw_hyper(base),
        "me-sdk-blocking" => contenders::me_sdk_blocking(base, ME_TIMES),
        "me-raw-ureq" => contenders::me_raw_ureq(base, ME_TIMES),
        "me-sdk-async" => contenders::me_sdk_async(base, ME_TIMES),
        "me-raw-hyper" => contenders::me_raw_hyper(base, ME_TIMES),
        other => panic!("no contender {other}"),
    });
    println!("{}", run.line());
}

fn connections(address: &str) -> usize {
    let mut stream = TcpStream::connect(address).expect("the server");
    stream.write_all(b"GET /stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").expect("a request");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.rsplit("\r\n\r\n").next().and_then(|n| n.trim().parse().ok()).unwrap_or(0)
}

fn race(me: &str, contender: &str, base: &str, address: &str) -> (Run, usize) {
    let before = connections(address);
    let output = Command::new(me).args(["run", contender, base]).output().expect("a contender");
    let line = String::from_utf8_lossy(&output.stdout);
    let run = Run::parse(line.trim())
        .unwrap_or_else(|| panic!("{contender} failed: {}", String::from_utf8_lossy(&output.stderr)));
    // The two /stats requests count themselves.
    (run, connections(address).saturating_sub(before + 1))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn orchestrate(rounds: usize) {
    let me = std::env::current_exe().expect("this program").display().to_string();
    let mut server = Command::new(&me).arg("serve").stdout(Stdio::piped()).spawn().expect("the server");
    let mut first = String::new();
    BufReader::new(server.stdout.take().expect("its stdout")).read_line(&mut first).expect("its address");
    let mut parts = first.split_whitespace();
    let address = parts.next().expect("an address").to_owned();
    let page_bytes: usize = parts.next().and_then(|b| b.parse().ok()).unwrap_or(0);
    let base = format!("http://{address}");

    let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("machine: {cores} cores, {cpu_model}");
    println!(
        "data: {} contacts in pages of {} ({} KiB a page, {:.1} KiB a contact), {rounds} rounds, medians\n",
        data::total(),
        data::PER_PAGE,
        page_bytes / 1024,
        page_bytes as f64 / data::PER_PAGE as f64 / 1024.0
    );

    let paging = ["sdk-blocking", "raw-ureq", "sdk-async", "raw-hyper"];
    let per_request = ["me-sdk-blocking", "me-raw-ureq", "me-sdk-async", "me-raw-hyper"];
    let mut results: Vec<(String, Vec<Run>, usize)> =
        paging.iter().chain(&per_request).map(|c| (c.to_string(), Vec::new(), 0)).collect();
    for _ in 0..rounds {
        for (name, runs, conns) in &mut results {
            let (run, used) = race(&me, name, &base, &address);
            runs.push(run);
            *conns = (*conns).max(used);
        }
    }
    let stat = |name: &str, f: fn(&Run) -> f64| {
        let (_, runs, _) = results.iter().find(|(n, _, _)| n == name).expect("a contender");
        median(runs.iter().map(f).collect())
    };
    println!("{:<16} {:>12} {:>9} {:>10} {:>12} {:>6}", "paging", "items/s", "wall s", "CPU s", "peak RSS", "conns");
    for name in paging {
        let (_, _, conns) = results.iter().find(|(n, _, _)| n == name).expect("a contender");
        println!(
            "{name:<16} {:>12.0} {:>9.3} {:>10.3} {:>8.1} MiB {conns:>6}",
            stat(name, |r| r.count as f64 / r.seconds),
            stat(name, |r| r.seconds),
            stat(name, |r| r.cpu),
            stat(name, |r| r.rss_kib as f64) / 1024.0,
        );
    }
    let ratio =
        |sdk: &str, raw: &str| stat(sdk, |r| r.count as f64 / r.seconds) / stat(raw, |r| r.count as f64 / r.seconds);
    println!(
        "\nthroughput SDK / raw: blocking (ureq) {:.2}x, async (hyper) {:.2}x",
        ratio("sdk-blocking", "raw-ureq"),
        ratio("sdk-async", "raw-hyper")
    );

    println!("\n{:<16} {:>14}   (GET /me x {ME_TIMES})", "per request", "microseconds");
    for name in per_request {
        println!("{name:<16} {:>14.1}", stat(name, |r| r.seconds / r.count as f64 * 1e6));
    }
    let overhead = |sdk: &str, raw: &str| {
        (stat(sdk, |r| r.seconds / r.count as f64) / stat(raw, |r| r.seconds / r.count as f64) - 1.0) * 100.0
    };
    println!(
        "SDK overhead over raw: blocking {:+.1}%, async {:+.1}%",
        overhead("me-sdk-blocking", "me-raw-ureq"),
        overhead("me-sdk-async", "me-raw-hyper")
    );
    let _ = server.kill();
    let _ = server.wait();
}
