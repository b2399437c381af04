//! `intercom-mock [--rate-limit REQUESTS/SECONDS]`: a mock Intercom in a process of its own, for testing a
//! fleet (several processes or machines on one app's budget) against one rate limit.
//!
//! It serves every recorded answer, as `MockIntercom::start` does, prints its base URL on the first line of
//! its output, and serves until its standard input ends (close it, or press Ctrl-D). With `--rate-limit
//! 100/2` every process that sends to it shares one budget of 100 requests per 2-second window;
//! `GET /__intercom_mock/rate-limit-windows` says what each window admitted and refused.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Duration;

use intercom_mock::{MockIntercom, MockRateLimit};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let limit = match args.as_slice() {
        [] => None,
        [flag, value] if flag == "--rate-limit" => match parse_limit(value) {
            Some(limit) => Some(limit),
            None => return usage(&format!("`{value}` is not REQUESTS/SECONDS (e.g. 100/2)")),
        },
        _ => return usage("unexpected arguments"),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => return usage(&format!("no runtime: {e}")),
    };
    let mock = runtime.block_on(async {
        let mock = MockIntercom::start().await;
        if let Some(limit) = limit {
            mock.set_rate_limit(limit);
        }
        mock.serve_rate_limit_windows().await;
        mock
    });
    println!("{}", mock.uri());
    if std::io::stdout().flush().is_err() {
        return ExitCode::FAILURE;
    }
    // Serves on the runtime's threads until standard input ends.
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    drop(mock);
    ExitCode::SUCCESS
}

/// `100/2`: 100 requests per 2-second window.
fn parse_limit(text: &str) -> Option<MockRateLimit> {
    let (requests, seconds) = text.split_once('/')?;
    let seconds: u64 = seconds.trim().parse().ok().filter(|s| *s > 0)?;
    Some(MockRateLimit::new(requests.trim().parse().ok()?, Duration::from_secs(seconds)))
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("intercom-mock: {problem}\nusage: intercom-mock [--rate-limit REQUESTS/SECONDS]");
    ExitCode::from(2)
}
