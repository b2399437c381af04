//! Following a Fin conversation's event stream, without I/O: which request to make, what the bytes mean,
//! and what to do when the connection ends. The clients' drivers connect, read and sleep.

use std::collections::HashSet;
use std::fmt;
use std::time::Duration;

use intercom_models::FinEvent;

use crate::protocol::sse::{SseError, SseParser};

/// The names under which a subscription URL's query may carry its token.
const TOKEN_PARAMS: [&str; 3] = ["accessToken", "access_token", "token"];

/// The URL of a Fin conversation's event stream (`sse_subscription_url` in the answers of `/fin/start` and
/// `/fin/reply`). It carries a short-lived access token in its query, so its `Debug` and `Display` show
/// the token as `<redacted>`; only [`expose`](Self::expose) gives it whole, for the request.
#[derive(Clone, PartialEq, Eq)]
pub struct FinSubscriptionUrl(String);

impl FinSubscriptionUrl {
    /// The URL as the answer gave it.
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The whole URL, token included: for connecting, never for logs.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with its token replaced by `<redacted>`.
    pub fn redacted(&self) -> String {
        let Some((base, query)) = self.0.split_once('?') else { return self.0.clone() };
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) if TOKEN_PARAMS.iter().any(|t| t.eq_ignore_ascii_case(name)) => {
                    format!("{name}=<redacted>")
                }
                _ => pair.to_owned(),
            })
            .collect();
        format!("{base}?{}", pairs.join("&"))
    }
}

impl fmt::Debug for FinSubscriptionUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("FinSubscriptionUrl").field(&self.redacted()).finish()
    }
}

impl fmt::Display for FinSubscriptionUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// How a stream is followed: how often it may reconnect in a row, how long it may stay silent, how long to
/// wait before reconnecting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FinStreamPolicy {
    /// Reconnections in a row without an event in between before giving up.
    pub max_reconnects: u32,
    /// How long the stream may send nothing (no event, no comment) before it is taken as dropped.
    pub idle_timeout: Duration,
    /// The wait before the first reconnection; each one in a row doubles it.
    pub first_backoff: Duration,
    /// The longest wait before a reconnection.
    pub max_backoff: Duration,
}

impl Default for FinStreamPolicy {
    fn default() -> Self {
        Self {
            max_reconnects: 5,
            idle_timeout: Duration::from_secs(60),
            first_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(10),
        }
    }
}

/// What to do once a connection to the stream has ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinStreamNext {
    /// Fin's turn is over (`complete`): the stream is done.
    Ended,
    /// Connect again after this wait, sending the last event id.
    Reconnect(Duration),
    /// Too many reconnections in a row without an event: stop, with this many tried.
    GiveUp(u32),
}

/// The state of one followed stream: every event once, across reconnections.
#[derive(Debug)]
pub struct FinStream {
    url: FinSubscriptionUrl,
    policy: FinStreamPolicy,
    parser: SseParser,
    seen: HashSet<String>,
    reconnects_in_a_row: u32,
    ended: bool,
}

impl FinStream {
    /// Follows the stream at `url`.
    pub fn new(url: FinSubscriptionUrl, policy: FinStreamPolicy) -> Self {
        Self { url, policy, parser: SseParser::new(), seen: HashSet::new(), reconnects_in_a_row: 0, ended: false }
    }

    /// The request to connect with: the URL, and the headers (`Accept`, and `Last-Event-ID` after a cut).
    pub fn connect(&self) -> (&FinSubscriptionUrl, Vec<(&'static str, String)>) {
        let mut headers = vec![("Accept", "text/event-stream".to_owned())];
        if let Some(id) = self.parser.last_event_id() {
            headers.push(("Last-Event-ID", id.to_owned()));
        }
        (&self.url, headers)
    }

    /// Reads the next bytes of the connection: the events they complete, each once (an event replayed
    /// after a reconnection, by its id or, without one, by its content, is not handed out again). An event
    /// that is not JSON is skipped; an unknown one is kept as [`FinEvent::Other`].
    pub fn on_bytes(&mut self, bytes: &[u8]) -> Result<Vec<FinEvent>, SseError> {
        let mut events = Vec::new();
        for sse in self.parser.push(bytes)? {
            let key = match &sse.id {
                Some(id) if !id.is_empty() => format!("id:{id}"),
                _ => format!("data:{}", sse.data),
            };
            if !self.seen.insert(key) {
                continue;
            }
            let Ok(event) = FinEvent::from_json(sse.data.as_bytes()) else { continue };
            self.reconnects_in_a_row = 0;
            self.ended |= event.is_complete();
            events.push(event);
        }
        Ok(events)
    }

    /// Whether Fin's turn is over.
    pub fn is_ended(&self) -> bool {
        self.ended
    }

    /// How long the stream may stay silent.
    pub fn idle_timeout(&self) -> Duration {
        self.policy.idle_timeout
    }

    /// Reads the end of a connection (closed, failed, or silent past the idle timeout): what to do next.
    /// An event cut in half by it is dropped; the next connection asks for what came after the last whole
    /// one.
    pub fn on_disconnected(&mut self) -> FinStreamNext {
        if self.ended {
            return FinStreamNext::Ended;
        }
        self.reconnects_in_a_row += 1;
        if self.reconnects_in_a_row > self.policy.max_reconnects {
            return FinStreamNext::GiveUp(self.reconnects_in_a_row - 1);
        }
        self.parser = SseParser::resuming(self.parser.last_event_id().map(str::to_owned));
        let doubling = 2u32.saturating_pow(self.reconnects_in_a_row - 1);
        FinStreamNext::Reconnect(self.policy.first_backoff.saturating_mul(doubling).min(self.policy.max_backoff))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://realtime.example.com/fin/sse?conversation_id=7&accessToken=eyJ.secret.jwt&rewind=2m";

    fn sse(id: &str, json: &str) -> String {
        format!("id: {id}\nevent: message\ndata: {json}\n\n")
    }

    #[test]
    fn the_token_never_shows() {
        let url = FinSubscriptionUrl::new(URL);
        for shown in [
            format!("{url:?}"),
            url.to_string(),
            format!("{:?}", FinStream::new(url.clone(), FinStreamPolicy::default())),
        ] {
            assert!(!shown.contains("secret"), "{shown}");
            assert!(shown.contains("accessToken=<redacted>") && shown.contains("rewind=2m"), "{shown}");
        }
        assert_eq!(url.expose(), URL);
    }

    #[test]
    fn a_conversation_to_complete_across_a_cut_each_event_once() {
        let mut stream = FinStream::new(FinSubscriptionUrl::new(URL), FinStreamPolicy::default());
        assert_eq!(stream.connect().1, [("Accept", "text/event-stream".to_owned())]);
        let first = format!(
            "{}{}{}",
            sse("1", r#"{"event_name":"fin_status_updated","conversation_id":"7","status":"thinking"}"#),
            sse("2", r#"{"event_name":"fin_reply_chunk","conversation_id":"7","chunk_index":0,"chunk_text":"Hel"}"#),
            // Cut in the middle of the third event.
            "id: 3\ndata: {\"event_name\":\"fin_reply_chu"
        );
        let events = stream.on_bytes(first.as_bytes()).unwrap();
        assert_eq!(
            events.iter().map(FinEvent::event_name).collect::<Vec<_>>(),
            ["fin_status_updated", "fin_reply_chunk"]
        );
        assert_eq!(stream.on_disconnected(), FinStreamNext::Reconnect(Duration::from_millis(500)));
        assert_eq!(stream.connect().1[1], ("Last-Event-ID", "2".to_owned()), "resumes after the last whole event");
        // The server replays from a rewind window: 2 again, then 3 whole, a new event, and the end.
        let second = format!(
            "{}{}{}{}",
            sse("2", r#"{"event_name":"fin_reply_chunk","conversation_id":"7","chunk_index":0,"chunk_text":"Hel"}"#),
            sse("3", r#"{"event_name":"fin_reply_chunk","conversation_id":"7","chunk_index":1,"chunk_text":"Hello"}"#),
            sse("4", r#"{"event_name":"fin_learned","conversation_id":"7"}"#),
            sse("5", r#"{"event_name":"fin_status_updated","conversation_id":"7","status":"complete"}"#),
        );
        let events = stream.on_bytes(second.as_bytes()).unwrap();
        assert_eq!(
            events.iter().map(FinEvent::event_name).collect::<Vec<_>>(),
            ["fin_reply_chunk", "fin_learned", "fin_status_updated"],
            "2 is not handed out twice; an unknown event is kept"
        );
        assert!(stream.is_ended());
        assert_eq!(stream.on_disconnected(), FinStreamNext::Ended);
    }

    #[test]
    fn reconnections_back_off_and_give_up_unless_events_come() {
        let policy = FinStreamPolicy { max_reconnects: 3, ..FinStreamPolicy::default() };
        let mut stream = FinStream::new(FinSubscriptionUrl::new(URL), policy);
        let waits: Vec<_> = (0..4).map(|_| stream.on_disconnected()).collect();
        assert_eq!(
            waits,
            [
                FinStreamNext::Reconnect(Duration::from_millis(500)),
                FinStreamNext::Reconnect(Duration::from_secs(1)),
                FinStreamNext::Reconnect(Duration::from_secs(2)),
                FinStreamNext::GiveUp(3),
            ]
        );
        let mut stream = FinStream::new(FinSubscriptionUrl::new(URL), policy);
        stream.on_disconnected();
        stream.on_disconnected();
        // An event resets the count; an event without an id is told apart by its content.
        let event = "data: {\"event_name\":\"fin_status_updated\",\"status\":\"replying\"}\n\n";
        assert_eq!(stream.on_bytes(event.as_bytes()).unwrap().len(), 1);
        assert_eq!(stream.on_bytes(event.as_bytes()).unwrap().len(), 0, "the same event replayed");
        assert_eq!(stream.on_disconnected(), FinStreamNext::Reconnect(Duration::from_millis(500)));
        assert_eq!(stream.idle_timeout(), Duration::from_secs(60));
    }
}
