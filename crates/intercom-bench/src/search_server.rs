//! A loopback server of the contacts' search and listing under a rate limit, for the export benchmark:
//! `POST /contacts/search` filtered by a `created_at` range and paged by offset cursors, `GET /contacts` in
//! pages, every answer with `X-RateLimit-*` headers, `429` past a window's budget. Contacts are rendered
//! once; pages are assembled and gzip-compressed (fast level) per request, as a server would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::data;
use crate::server::Stats;

/// The rate limit the server enforces: `requests` per window of `window_seconds`, windows aligned to the
/// Unix clock.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// Requests a window admits.
    pub requests: u64,
    /// The window's length.
    pub window_seconds: u64,
}

/// The data set and the counters.
pub struct Contacts {
    /// Each contact's JSON, in listing order.
    rendered: Vec<Vec<u8>>,
    /// `(created_at, index)`, by creation time.
    by_time: Vec<(i64, usize)>,
    limit: Limit,
    window: Mutex<(u64, u64)>,
    refused: AtomicU64,
    connections: AtomicUsize,
    bytes_read: AtomicU64,
    bytes_written: AtomicU64,
}

impl Contacts {
    /// Renders `total` contacts of the data set.
    pub fn render(total: usize, limit: Limit) -> Self {
        let mut by_time = Vec::with_capacity(total);
        let rendered = (0..total)
            .map(|i| {
                let contact = data::contact(i);
                by_time.push((contact["created_at"].as_i64().unwrap_or_default(), i));
                serde_json::to_vec(&contact).expect("JSON")
            })
            .collect();
        by_time.sort_unstable();
        Self {
            rendered,
            by_time,
            limit,
            window: Mutex::new((0, 0)),
            refused: AtomicU64::new(0),
            connections: AtomicUsize::new(0),
            bytes_read: AtomicU64::new(0),
            bytes_written: AtomicU64::new(0),
        }
    }

    /// Whether a request is admitted now, and the rate-limit headers either way.
    fn admit(&self) -> (bool, String) {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let start = now - now % self.limit.window_seconds;
        let mut window = self.window.lock().unwrap_or_else(|e| e.into_inner());
        if window.0 != start {
            *window = (start, 0);
        }
        let admitted = window.1 < self.limit.requests;
        if admitted {
            window.1 += 1;
        }
        let headers = format!(
            "X-RateLimit-Limit: {}\r\nX-RateLimit-Remaining: {}\r\nX-RateLimit-Reset: {}\r\n",
            self.limit.requests,
            self.limit.requests - window.1,
            start + self.limit.window_seconds
        );
        (admitted, headers)
    }

    /// A page of `items` (indexes into the rendered contacts), with the next cursor when there is one.
    fn page(&self, items: &[usize], total: usize, next: Option<String>) -> Vec<u8> {
        let mut body = Vec::with_capacity(items.len() * 2_800 + 200);
        body.extend_from_slice(b"{\"type\":\"list\",\"data\":[");
        for (k, index) in items.iter().enumerate() {
            if k > 0 {
                body.push(b',');
            }
            body.extend_from_slice(&self.rendered[*index]);
        }
        let next = next.map_or("null".to_owned(), |cursor| format!("{{\"starting_after\":\"{cursor}\"}}"));
        body.extend_from_slice(
            format!("],\"total_count\":{total},\"pages\":{{\"type\":\"pages\",\"next\":{next}}}}}").as_bytes(),
        );
        body
    }

    /// `POST /contacts/search`: the `created_at` filters of the query's group, `per_page`, the cursor.
    fn search(&self, body: &[u8]) -> Vec<u8> {
        let request: Value = serde_json::from_slice(body).unwrap_or_default();
        let (mut from, mut until) = (i64::MIN, i64::MAX);
        for filter in request["query"]["value"].as_array().into_iter().flatten() {
            let value = filter["value"].as_i64().unwrap_or_default();
            match (filter["field"].as_str(), filter["operator"].as_str()) {
                (Some("created_at"), Some(">=")) => from = value,
                (Some("created_at"), Some(">")) => from = value + 1,
                (Some("created_at"), Some("<")) => until = value,
                (Some("created_at"), Some("<=")) => until = value + 1,
                _ => {}
            }
        }
        let per_page = request["pagination"]["per_page"].as_u64().unwrap_or(50) as usize;
        let offset = request["pagination"]["starting_after"]
            .as_str()
            .and_then(|c| c.strip_prefix("o-"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        let first = self.by_time.partition_point(|(t, _)| *t < from);
        let end = self.by_time.partition_point(|(t, _)| *t < until);
        let found = &self.by_time[first..end.max(first)];
        let items: Vec<usize> = found.iter().skip(offset).take(per_page).map(|(_, i)| *i).collect();
        let next = (offset + items.len() < found.len()).then(|| format!("o-{}", offset + items.len()));
        self.page(&items, found.len(), next)
    }

    /// `GET /contacts?per_page=..&starting_after=..`: the listing, in pages.
    fn list(&self, target: &str) -> Vec<u8> {
        let query = |name: &str| {
            target.split(['?', '&']).find_map(|pair| pair.strip_prefix(name).and_then(|v| v.strip_prefix('=')))
        };
        let per_page = query("per_page").and_then(|n| n.parse().ok()).unwrap_or(50usize);
        let offset = query("starting_after").and_then(|c| c.strip_prefix("o-")).and_then(|n| n.parse().ok());
        let offset: usize = offset.unwrap_or(0);
        let items: Vec<usize> = (offset..(offset + per_page).min(self.rendered.len())).collect();
        let next = (offset + items.len() < self.rendered.len()).then(|| format!("o-{}", offset + items.len()));
        self.page(&items, self.rendered.len(), next)
    }

    fn stats(&self) -> Stats {
        Stats {
            connections: self.connections.load(Ordering::SeqCst),
            bytes_read: self.bytes_read.load(Ordering::SeqCst),
            bytes_written: self.bytes_written.load(Ordering::SeqCst),
        }
    }
}

fn answer(status: &str, headers: &str, body: &[u8], gzip: bool) -> Vec<u8> {
    let (body, encoding) = if gzip {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(body).expect("in memory");
        (encoder.finish().expect("in memory"), "Content-Encoding: gzip\r\n")
    } else {
        (body.to_vec(), "")
    };
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{headers}{encoding}Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

fn connection(stream: TcpStream, contacts: Arc<Contacts>) {
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else { return };
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        let mut read = reader.read_line(&mut line).unwrap_or(0);
        if read == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or("GET").to_owned(), parts.next().unwrap_or("/").to_owned());
        let (mut length, mut gzip) = (0usize, false);
        loop {
            let mut header = String::new();
            let n = reader.read_line(&mut header).unwrap_or(0);
            if n == 0 {
                return;
            }
            read += n;
            if header == "\r\n" {
                break;
            }
            let header = header.to_ascii_lowercase();
            if let Some(value) = header.strip_prefix("content-length:") {
                length = value.trim().parse().unwrap_or(0);
            }
            gzip |= header.starts_with("accept-encoding:") && header.contains("gzip");
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        read += length;
        if target.starts_with("/stats") {
            let line = format!("{} {}", contacts.stats().line(), contacts.refused.load(Ordering::Relaxed));
            let _ = writer.write_all(&answer("200 OK", "", line.as_bytes(), false));
            contacts.connections.fetch_sub(1, Ordering::SeqCst);
            return;
        }
        let (admitted, headers) = contacts.admit();
        let out = if !admitted {
            contacts.refused.fetch_add(1, Ordering::Relaxed);
            let error =
                br#"{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}]}"#;
            answer("429 Too Many Requests", &headers, error, false)
        } else if method == "POST" && target.starts_with("/contacts/search") {
            answer("200 OK", &headers, &contacts.search(&body), gzip)
        } else if target.starts_with("/contacts") {
            answer("200 OK", &headers, &contacts.list(&target), gzip)
        } else {
            answer("404 Not Found", &headers, b"{}", false)
        };
        if writer.write_all(&out).is_err() {
            return;
        }
        contacts.bytes_read.fetch_add(read as u64, Ordering::SeqCst);
        contacts.bytes_written.fetch_add(out.len() as u64, Ordering::SeqCst);
    }
}

/// Serves `contacts` on `listener` until the process ends.
pub fn serve(listener: TcpListener, contacts: Arc<Contacts>) {
    for stream in listener.incoming().flatten() {
        contacts.connections.fetch_add(1, Ordering::SeqCst);
        let contacts = Arc::clone(&contacts);
        std::thread::spawn(move || connection(stream, contacts));
    }
}
