//! A 96 MiB export download through both clients, with memory measured: the file passes through a fixed
//! buffer (the peak resident size grows by less than 16 MiB; holding the file would take 96) and is not
//! held to the 64 MiB cap on answer bodies. Its own binary, so no other test moves the process's peak.
//! Linux: the peak is read from and reset through `/proc/self`.
#![cfg(target_os = "linux")]

use std::io::Write;

use intercom_core::endpoints::DownloadDataExport;
use intercom_core::Config;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A `kB` line of `/proc/self/status`, in bytes.
fn status_bytes(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_else(|| panic!("no {field}"));
    let kb: usize = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number of kB");
    kb * 1024
}

/// Resets the peak resident size to the current one; returns the current one.
fn reset_peak() -> usize {
    std::fs::write("/proc/self/clear_refs", "5").expect("resetting the peak RSS (Linux 4.0+)");
    status_bytes("VmRSS:")
}

/// How much the peak resident size rose above `base`.
fn peak_growth(base: usize) -> usize {
    status_bytes("VmHWM:").saturating_sub(base)
}

const FILE_BYTES: usize = 96 * 1024 * 1024;
const CHUNK: usize = 64 * 1024;

/// Serves every connection one answer: `FILE_BYTES` of a repeating pattern, written from one chunk.
async fn serve(listener: TcpListener) {
    loop {
        let Ok((mut socket, _)) = listener.accept().await else { return };
        tokio::spawn(async move {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                if socket.read(&mut byte).await.unwrap_or(0) == 0 {
                    return;
                }
                head.push(byte[0]);
            }
            let header = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {FILE_BYTES}\r\nConnection: close\r\n\r\n"
            );
            socket.write_all(header.as_bytes()).await.unwrap();
            let chunk: Vec<u8> = (0..CHUNK).map(|i| (i % 251) as u8).collect();
            for _ in 0..FILE_BYTES / CHUNK {
                if socket.write_all(&chunk).await.is_err() {
                    return;
                }
            }
        });
    }
}

/// Counts and checks the bytes without keeping them.
#[derive(Default)]
struct Checked {
    bytes: usize,
    wrong: usize,
}

impl Write for Checked {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for (i, b) in buf.iter().enumerate() {
            if *b != (((self.bytes + i) % CHUNK) % 251) as u8 {
                self.wrong += 1;
            }
        }
        self.bytes += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_96_mib_download_passes_through_a_fixed_buffer_in_both_clients() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(listener));
    let config = Config::new("t").with_base_url(&base).unwrap();

    let base = reset_peak();
    let blocking = config.clone();
    let (done, file) = tokio::task::spawn_blocking(move || {
        let mut file = Checked::default();
        let done = intercom_ureq::Client::from_config(blocking).download_to(&DownloadDataExport::new("j"), &mut file);
        (done, file)
    })
    .await
    .unwrap();
    let ureq_growth = peak_growth(base);
    assert_eq!(done.expect("the ureq download").bytes, FILE_BYTES as u64);
    assert_eq!((file.bytes, file.wrong), (FILE_BYTES, 0));

    let base = reset_peak();
    let mut file = Checked::default();
    let done = intercom_hyper::Client::from_config(config).download_to(&DownloadDataExport::new("j"), &mut file).await;
    let hyper_growth = peak_growth(base);
    assert_eq!(done.expect("the hyper download").bytes, FILE_BYTES as u64);
    assert_eq!((file.bytes, file.wrong), (FILE_BYTES, 0));

    println!("peak RSS growth while downloading 96 MiB: ureq {ureq_growth} B, hyper {hyper_growth} B");
    assert!(ureq_growth < 16 * 1024 * 1024, "ureq held {ureq_growth} bytes");
    assert!(hyper_growth < 16 * 1024 * 1024, "hyper held {hyper_growth} bytes");
}
