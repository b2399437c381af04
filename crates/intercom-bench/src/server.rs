//! A loopback HTTP/1.1 server with every answer rendered in advance, so it is never the bottleneck. It
//! counts the connections it accepts.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::data;

/// Every answer, with its HTTP head, ready to write.
pub struct Answers {
    pages: Vec<Vec<u8>>,
    me: Vec<u8>,
    connections: AtomicUsize,
}

fn render(body: &[u8]) -> Vec<u8> {
    let mut out =
        format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", body.len())
            .into_bytes();
    out.extend_from_slice(body);
    out
}

impl Answers {
    /// Renders every page of the data set.
    pub fn render() -> Self {
        let pages = (0..data::total().div_ceil(data::PER_PAGE)).map(|i| render(&data::page(i))).collect();
        Self { pages, me: render(&data::me()), connections: AtomicUsize::new(0) }
    }

    fn answer(&self, target: &str) -> Cow<'_, [u8]> {
        if target.starts_with("/stats") {
            return Cow::Owned(render(self.connections.load(Ordering::SeqCst).to_string().as_bytes()));
        }
        if target.starts_with("/me") {
            return Cow::Borrowed(&self.me);
        }
        let page = target
            .split(['?', '&'])
            .find_map(|pair| pair.strip_prefix("starting_after=cursor-"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        match self.pages.get(page) {
            Some(page) => Cow::Borrowed(page),
            None => Cow::Borrowed(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
        }
    }

    /// The size of one rendered page, for reporting.
    pub fn page_bytes(&self) -> usize {
        self.pages.first().map_or(0, Vec::len)
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
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
        // Read the headers (GET requests carry no body), noting `Connection: close`.
        let mut close = false;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            if header == "\r\n" {
                break;
            }
            close |= header.to_ascii_lowercase().starts_with("connection: close");
        }
        if writer.write_all(&answers.answer(&target)).is_err() || close {
            return;
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
