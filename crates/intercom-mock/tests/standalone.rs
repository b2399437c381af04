//! The `intercom-mock` program: several clients that know nothing of each other (as separate processes
//! would be: each has its own pacer) share its one rate limit.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use intercom_core::endpoints::IdentifyAdmin;
use intercom_mock::WINDOWS_PATH;

#[test]
fn two_fleets_share_the_standalone_mocks_budget_and_it_ends_with_its_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_intercom-mock"))
        .args(["--rate-limit", "4/1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the intercom-mock program");
    let mut url = String::new();
    BufReader::new(child.stdout.take().expect("its output")).read_line(&mut url).expect("its URL");
    let url = url.trim().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");

    let workers: Vec<_> = (0..2)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let config = intercom_mock::MockIntercom::config_for_url(&url);
                let client = intercom_ureq::Client::from_config(config);
                (0..6).filter(|_| IdentifyAdmin::new().send(&client).is_ok()).count()
            })
        })
        .collect();
    let sent: usize = workers.into_iter().map(|w| w.join().expect("a worker")).sum();
    assert_eq!(sent, 12, "every request got through, refusals waited out");

    let reader = intercom_ureq::Client::from_config(intercom_mock::MockIntercom::config_for_url(&url));
    let windows = intercom_ureq::Raw::get(WINDOWS_PATH).send(&reader).expect("the counts");
    let windows = windows.as_array().expect("a list");
    let admitted: u64 = windows.iter().map(|w| w["admitted"].as_u64().unwrap_or(0)).sum();
    assert_eq!(admitted, 12, "{windows:?}");
    assert!(windows.iter().all(|w| w["admitted"].as_u64() <= Some(4)), "one budget of 4 a second: {windows:?}");
    assert!(windows.len() >= 3, "12 requests at 4 a second take three windows at least: {windows:?}");

    drop(child.stdin.take());
    let started = Instant::now();
    while child.try_wait().expect("its status").is_none() {
        assert!(started.elapsed() < Duration::from_secs(10), "the program did not end with its input");
        std::thread::sleep(Duration::from_millis(20));
    }
}
