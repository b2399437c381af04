//! A loopback HTTP/1.1 server with every answer rendered in advance, identity and gzip, so it is never the
//! bottleneck. It counts the connections it accepts and the bytes it reads and writes.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use crate::data;

/// One answer as it goes on the wire: head and body, plain and gzip-compressed.
struct Rendered {
    identity: Vec<u8>,
    gzip: Vec<u8>,
}

impl Rendered {
    fn new(body: &[u8]) -> Self {
        Self { identity: render(body, None), gzip: render(&gzip(body), Some("gzip")) }
    }

    fn pick(&self, gzip: bool) -> &[u8] {
        if gzip {
            &self.gzip
        } else {
            &self.identity
        }
    }
}

/// Every answer, with its HTTP head, ready to write.
pub struct Answers {
    pages: Vec<Rendered>,
    me: Rendered,
    contact: Rendered,
    connections: AtomicUsize,
    bytes_read: AtomicU64,
    bytes_written: AtomicU64,
}

/// What the server has seen so far, read with `GET /stats`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// TCP connections accepted.
    pub connections: usize,
    /// Request bytes read, heads included.
    pub bytes_read: u64,
    /// Answer bytes written, heads included.
    pub bytes_written: u64,
}

impl Stats {
    /// The `/stats` body.
    pub fn line(&self) -> String {
        format!("{} {} {}", self.connections, self.bytes_read, self.bytes_written)
    }

    /// Reads [`line`](Self::line).
    pub fn parse(line: &str) -> Option<Self> {
        let mut parts = line.split_whitespace().map(str::parse::<u64>);
        Some(Self {
            connections: parts.next()?.ok()? as usize,
            bytes_read: parts.next()?.ok()?,
            bytes_written: parts.next()?.ok()?,
        })
    }

    /// What happened between `earlier` and `self`.
    pub fn since(&self, earlier: &Stats) -> Stats {
        Stats {
            connections: self.connections.saturating_sub(earlier.connections),
            bytes_read: self.bytes_read.saturating_sub(earlier.bytes_read),
            bytes_written: self.bytes_written.saturating_sub(earlier.bytes_written),
        }
    }
}

fn render(body: &[u8], encoding: Option<&str>) -> Vec<u8> {
    let encoding = encoding.map(|e| format!("Content-Encoding: {e}\r\n")).unwrap_or_default();
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{encoding}Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// `body` gzip-compressed at the default level, as a web server's compression module would send it.
pub fn gzip(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(body).expect("in memory");
    encoder.finish().expect("in memory")
}

impl Answers {
    /// Renders every page of the data set.
    pub fn render() -> Self {
        let pages = (0..data::total().div_ceil(data::PER_PAGE)).map(|i| Rendered::new(&data::page(i))).collect();
        Self {
            pages,
            me: Rendered::new(&data::me()),
            contact: Rendered::new(&serde_json::to_vec(&data::contact(7)).expect("JSON")),
            connections: AtomicUsize::new(0),
            bytes_read: AtomicU64::new(0),
            bytes_written: AtomicU64::new(0),
        }
    }

    fn stats(&self) -> Stats {
        Stats {
            connections: self.connections.load(Ordering::SeqCst),
            bytes_read: self.bytes_read.load(Ordering::SeqCst),
            bytes_written: self.bytes_written.load(Ordering::SeqCst),
        }
    }

    fn answer(&self, target: &str, gzip: bool) -> Cow<'_, [u8]> {
        if target.starts_with("/stats") {
            return Cow::Owned(render(self.stats().line().as_bytes(), None));
        }
        if target.starts_with("/me") {
            return Cow::Borrowed(self.me.pick(gzip));
        }
        if target.starts_with("/contacts/") {
            return Cow::Borrowed(self.contact.pick(gzip));
        }
        let page = target
            .split(['?', '&'])
            .find_map(|pair| pair.strip_prefix("starting_after=cursor-"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        match self.pages.get(page) {
            Some(page) => Cow::Borrowed(page.pick(gzip)),
            None => Cow::Borrowed(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
        }
    }

    /// The size of one rendered page, plain and gzip-compressed, for reporting.
    pub fn page_bytes(&self) -> (usize, usize) {
        self.pages.first().map_or((0, 0), |p| (p.identity.len(), p.gzip.len()))
    }
}

fn connection(stream: TcpStream, answers: Arc<Answers>) {
    let _ = stream.set_nodelay(true);
    let mut writer = match stream.try_clone() {
        Ok(writer) => writer,
        Err(_) => return,
    };
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    loop {
        line.clear();
        let mut read = reader.read_line(&mut line).unwrap_or(0);
        if read == 0 {
            return;
        }
        let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
        // Read the headers (GET requests carry no body), noting `Connection: close` and gzip.
        let (mut close, mut gzip) = (false, false);
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
            close |= header.starts_with("connection: close");
            gzip |= header.starts_with("accept-encoding:") && header.contains("gzip");
        }
        // Asking for the counters is not counted in them.
        let counted = !target.starts_with("/stats");
        if !counted {
            answers.connections.fetch_sub(1, Ordering::SeqCst);
        }
        let answer = answers.answer(&target, gzip);
        if writer.write_all(&answer).is_err() || close {
            return;
        }
        if counted {
            answers.bytes_read.fetch_add(read as u64, Ordering::SeqCst);
            answers.bytes_written.fetch_add(answer.len() as u64, Ordering::SeqCst);
        }
    }
}

/// Serves `answers` on `listener` until the process ends.
pub fn serve(listener: TcpListener, answers: Arc<Answers>) {
    for stream in listener.incoming().flatten() {
        answers.connections.fetch_add(1, Ordering::SeqCst);
        let answers = Arc::clone(&answers);
        std::thread::spawn(move || connection(stream, answers));
    }
}

/// What the server at `address` has seen, asked on a connection of its own (which it does not count).
pub fn stats(address: &str) -> Stats {
    Stats::parse(&stats_line(address)).unwrap_or_default()
}

/// The `/stats` body of the server at `address` (a server may add counters after the three of [`Stats`]).
pub fn stats_line(address: &str) -> String {
    use std::io::Read;
    let mut stream = TcpStream::connect(address).expect("the server");
    stream.write_all(b"GET /stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").expect("a request");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.rsplit("\r\n\r\n").next().unwrap_or_default().trim().to_owned()
}
