//! Reading `text/event-stream` (Server-Sent Events), as the WHATWG HTML standard defines it: bytes in,
//! events out, no I/O, so the blocking and the async clients read Fin's event stream with the same parser.
//!
//! Our own rather than a crate's: the parsers on crates.io wrap an async byte `Stream`, and the blocking
//! client has none; this one takes whatever chunks a transport reads.

use std::time::Duration;

/// The longest line the parser accepts (a line is one field): a stream that never ends its line is an
/// error, not a growing buffer.
pub const MAX_SSE_LINE_BYTES: usize = 1 << 20;

/// One event of a stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    /// Its type: the `event` field, `message` when it had none.
    pub event: String,
    /// Its `data` lines, joined by `\n`.
    pub data: String,
    /// The last event id the stream set (the `id` field of this event or an earlier one): what a
    /// reconnection sends back in `Last-Event-ID`.
    pub id: Option<String>,
}

/// A stream that broke the format beyond reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SseError {
    /// A line longer than [`MAX_SSE_LINE_BYTES`].
    LineTooLong,
}

impl std::fmt::Display for SseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SseError::LineTooLong => write!(f, "an event-stream line longer than {MAX_SSE_LINE_BYTES} bytes"),
        }
    }
}

impl std::error::Error for SseError {}

/// The parser: feed it bytes as they come ([`push`](Self::push)); it hands back each event once its blank
/// line has arrived. An event cut off by the end of the stream is dropped, as the standard says.
#[derive(Debug, Clone, Default)]
pub struct SseParser {
    line: Vec<u8>,
    /// The last chunk ended with `\r`: a `\n` starting the next one belongs to the same line ending.
    after_cr: bool,
    started: bool,
    event: String,
    data: String,
    has_data: bool,
    /// The `id` field as last read; it becomes the stream's last event id when an event ends.
    id_buffer: Option<String>,
    last_id: Option<String>,
    retry: Option<Duration>,
}

impl SseParser {
    /// A parser at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// A parser for a reconnection: it starts with the last event id of the stream before.
    pub fn resuming(last_id: Option<String>) -> Self {
        Self { id_buffer: last_id.clone(), last_id, ..Self::default() }
    }

    /// Reads `bytes`, the next chunk of the stream; returns the events it completed, in order.
    pub fn push(&mut self, bytes: &[u8]) -> Result<Vec<SseEvent>, SseError> {
        let mut events = Vec::new();
        for &byte in bytes {
            match byte {
                b'\n' if self.after_cr => self.after_cr = false,
                b'\r' | b'\n' => {
                    self.after_cr = byte == b'\r';
                    let line = std::mem::take(&mut self.line);
                    events.extend(self.line_ended(&line));
                }
                _ => {
                    self.after_cr = false;
                    if self.line.len() >= MAX_SSE_LINE_BYTES {
                        return Err(SseError::LineTooLong);
                    }
                    self.line.push(byte);
                }
            }
        }
        Ok(events)
    }

    /// The id of the last event that ended (what a reconnection sends in `Last-Event-ID`): an `id` field of
    /// an event cut off by the end of a connection does not count.
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }

    /// The reconnection time the stream asked for (`retry`), if it did.
    pub fn retry(&self) -> Option<Duration> {
        self.retry
    }

    fn line_ended(&mut self, line: &[u8]) -> Option<SseEvent> {
        let mut line = line;
        if !self.started {
            self.started = true;
            line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        }
        if line.is_empty() {
            return self.dispatch();
        }
        let line = String::from_utf8_lossy(line);
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match field {
            "event" => self.event = value.to_owned(),
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "id" if !value.contains('\0') => self.id_buffer = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok().map(Duration::from_millis);
            }
            _ => {}
        }
        None
    }

    fn dispatch(&mut self) -> Option<SseEvent> {
        self.last_id.clone_from(&self.id_buffer);
        let event = std::mem::take(&mut self.event);
        if !std::mem::take(&mut self.has_data) {
            return None;
        }
        let data = std::mem::take(&mut self.data);
        let event = if event.is_empty() { "message".to_owned() } else { event };
        Some(SseEvent { event, data, id: self.last_id.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(chunks: &[&[u8]]) -> Vec<SseEvent> {
        let mut parser = SseParser::new();
        chunks.iter().flat_map(|chunk| parser.push(chunk).unwrap()).collect()
    }

    fn event(event: &str, data: &str, id: Option<&str>) -> SseEvent {
        SseEvent { event: event.into(), data: data.into(), id: id.map(Into::into) }
    }

    #[test]
    fn the_standards_examples_read_as_it_says() {
        // WHATWG HTML, "Server-sent events", the examples of section 9.2.4.
        let stock = all(&[b"data: YHOO\ndata: +2\ndata: 10\n\n"]);
        assert_eq!(stock, [event("message", "YHOO\n+2\n10", None)]);
        let mixed =
            all(&[b": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"]);
        assert_eq!(
            mixed,
            [
                event("message", "first event", Some("1")),
                event("message", "second event", Some("")),
                event("message", " third event", Some(""))
            ]
        );
        let blank = all(&[b"data\n\ndata\ndata\n\ndata:"]);
        assert_eq!(blank, [event("message", "", None), event("message", "\n", None)], "the last one never ended");
        let same = all(&[b"data:test\n\ndata: test\n\n"]);
        assert_eq!(same, [event("message", "test", None), event("message", "test", None)]);
    }

    #[test]
    fn line_endings_fields_and_chunks_of_any_size() {
        let stream: &[u8] =
            b"\xEF\xBB\xBFevent: fin_status_updated\r\nid: 7\r\nretry: 2500\rdata: {\"a\":\xC3\xA9}\n\r\nevent: x\nunknown: y\nretry: soon\n\n";
        let expected = [event("fin_status_updated", "{\"a\":\u{e9}}", Some("7"))];
        assert_eq!(all(&[stream]), expected, "one chunk");
        let bytes: Vec<&[u8]> = stream.chunks(1).collect();
        assert_eq!(all(&bytes), expected, "a byte at a time: CRLF and UTF-8 split across chunks");
        let mut parser = SseParser::new();
        parser.push(stream).unwrap();
        assert_eq!((parser.retry(), parser.last_event_id()), (Some(Duration::from_millis(2500)), Some("7")));
        // `event: x` with no data dispatches nothing, and does not leak into the next event.
        assert_eq!(parser.push(b"data: z\n\n").unwrap(), [event("message", "z", Some("7"))]);
        assert_eq!(SseParser::resuming(Some("41".into())).push(b"data: a\n\n").unwrap()[0].id.as_deref(), Some("41"));
    }

    #[test]
    fn the_last_event_id_is_that_of_the_last_event_that_ended() {
        let mut parser = SseParser::new();
        parser.push(b"id: 1\ndata: a\n\nid: 2\ndata: b").unwrap();
        assert_eq!(parser.last_event_id(), Some("1"), "event 2 has not ended");
        parser.push(b"\n\n").unwrap();
        assert_eq!(parser.last_event_id(), Some("2"));
    }

    #[test]
    fn a_line_that_never_ends_is_an_error_not_a_growing_buffer() {
        let mut parser = SseParser::new();
        let chunk = vec![b'a'; 64 * 1024];
        let mut result = Ok(Vec::new());
        for _ in 0..=(MAX_SSE_LINE_BYTES / chunk.len()) {
            result = parser.push(&chunk);
            if result.is_err() {
                break;
            }
        }
        assert_eq!(result, Err(SseError::LineTooLong));
    }
}
