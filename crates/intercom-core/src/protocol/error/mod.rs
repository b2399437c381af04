//! The one error type of the SDK.

use std::borrow::Cow;
use std::fmt;

use http::{Method, StatusCode};
use intercom_models::ErrorItem;

pub(crate) mod body_text;
pub(crate) mod code;

use body_text::snippet;
use code::ErrorCode;

use crate::protocol::rate_limit::RateLimit;
use crate::protocol::retry::is_retryable_status;

/// A boxed error from a transport or a decoder.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Names a request without its ids or query: the method and the path template, e.g. `GET /notes/{note_id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLabel {
    /// The HTTP method.
    pub method: Method,
    /// The path template of the operation (the actual path for raw requests).
    pub path: Cow<'static, str>,
}

impl fmt::Display for RequestLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// Everything that can go wrong with a call to Intercom.
///
/// `Display` is a whole sentence naming the request, and for API errors the status, Intercom's error codes
/// and messages and the request id; `Debug` prints the same sentence (so `fn main() -> Result<(), Error>`
/// ends with it). The sentence already holds the cause, so `source()` is `None`: no cause is printed twice
/// by error reporters; [`as_transport`](Self::as_transport) gives the transport's failure. The access token
/// never appears in it.
#[non_exhaustive]
pub enum Error {
    /// Intercom answered with an error status (or with an `error.list` body).
    Api(Box<ApiError>),
    /// Intercom answered with success, but the body could not be read as the expected type.
    Decode(Box<DecodeError>),
    /// The request could not be sent or its answer could not be received, or it took longer than its
    /// timeout ([`TransportErrorKind::Timeout`], see [`is_timeout`](Self::is_timeout)).
    Transport {
        /// Which request failed.
        request: RequestLabel,
        /// What the transport reported.
        source: TransportError,
    },
    /// Paging stopped because going on would read pages already read: the answer pointed again at a cursor,
    /// URL or page number already followed (a loop), or kept answering empty pages. The items yielded so
    /// far are real; the listing may be incomplete.
    Paging(Box<PagingError>),
    /// The request was rejected before it was sent: a bad parameter.
    InvalidRequest {
        /// What is wrong, and how to fix it.
        reason: String,
    },
    /// The client could not be configured: no token in the environment, a base URL that is not one, an
    /// unknown region, a root certificate that cannot be read.
    Configuration {
        /// What is wrong, and how to fix it.
        reason: String,
    },
}

impl Error {
    /// An [`Error::InvalidRequest`] with this reason.
    pub fn invalid_request(reason: impl Into<String>) -> Self {
        Error::InvalidRequest { reason: reason.into() }
    }

    /// An [`Error::Configuration`] with this reason.
    pub fn configuration(reason: impl Into<String>) -> Self {
        Error::Configuration { reason: reason.into() }
    }

    /// Wraps what a transport reported.
    pub fn from_transport(request: RequestLabel, source: TransportError) -> Self {
        Error::Transport { request, source }
    }

    /// The HTTP status of the answer, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// Intercom's code for the (first) error, e.g. `Some(ErrorCode::NotFound)`.
    pub fn code(&self) -> Option<ErrorCode> {
        self.as_api().and_then(ApiError::error_code)
    }

    /// The id Intercom gave the request, when the answer carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// Whether the record does not exist: a `404`, or a `<thing>_not_found` code.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND) || self.code().is_some_and(|c| c.is_not_found())
    }

    /// Whether the access token was refused (`401`): missing, wrong or revoked.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// Whether the record conflicts with one that exists (`409`).
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(StatusCode::CONFLICT)
    }

    /// The rate-limit headers of the answer that failed (`X-RateLimit-*`), when Intercom sent them: on a
    /// `429`, `err.rate_limit().and_then(|r| r.time_until_reset())` is how long the window has left.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.as_api().and_then(|api| api.rate_limit)
    }

    /// Whether Intercom refused the request for its rate limit (after the retries were spent); see
    /// [`ApiError::rate_limit`] for when the window resets.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// Whether the request took longer than its timeout.
    pub fn is_timeout(&self) -> bool {
        self.as_transport().is_some_and(|t| t.kind() == TransportErrorKind::Timeout)
    }

    /// Whether a companies scroll ended: it expired (a scroll lasts a minute after its last use), another
    /// scroll of the workspace replaced it, or it was never open. Start again from the beginning.
    pub fn is_scroll_expired(&self) -> bool {
        self.as_api().is_some_and(|api| api.scroll_expired)
    }

    /// For a merged contact (`410 Gone`): the id of the contact it was merged into. See
    /// [`ApiError::merged_into`].
    pub fn merged_into(&self) -> Option<&str> {
        self.as_api().and_then(ApiError::merged_into)
    }

    /// The API error, if this is one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// What the transport reported, if the request failed there.
    pub fn as_transport(&self) -> Option<&TransportError> {
        match self {
            Error::Transport { source, .. } => Some(source),
            _ => None,
        }
    }

    /// Whether sending the same request again may succeed: the statuses the retry policy retries
    /// ([`RetryPolicy::RETRYABLE_STATUSES`](crate::RetryPolicy::RETRYABLE_STATUSES)), timeouts and
    /// connection failures.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => is_retryable_status(e.status),
            Error::Transport { source, .. } => matches!(
                source.kind(),
                TransportErrorKind::Connect | TransportErrorKind::Io | TransportErrorKind::Timeout
            ),
            Error::Decode(_) | Error::InvalidRequest { .. } | Error::Configuration { .. } | Error::Paging(_) => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::Paging(e) => e.fmt(f),
            Error::Transport { request, source } if source.kind() == TransportErrorKind::Timeout => {
                write!(f, "{request} timed out: {source}")
            }
            Error::Transport { request, source } => write!(f, "could not complete {request}: {source}"),
            Error::InvalidRequest { reason } => write!(f, "invalid request: {reason}"),
            Error::Configuration { reason } => write!(f, "cannot configure the client: {reason}"),
        }
    }
}

impl fmt::Debug for Error {
    /// The `Display` sentence, so that `fn main() -> Result<(), Error>` prints something a person reads;
    /// the parts are in the fields and accessors.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

/// Intercom answered with an error status, or with success but an `error.list` body.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// Which request failed.
    pub request: RequestLabel,
    /// The HTTP status.
    pub status: StatusCode,
    /// Intercom's `errors` list: code, message and field of each problem. Empty when the body was not an
    /// Intercom error object (an HTML page from a proxy, say).
    pub errors: Vec<ErrorItem>,
    /// The id Intercom gave the request: from the body, else from the `X-Request-Id` header.
    pub request_id: Option<String>,
    /// The body as received (invalid UTF-8 replaced).
    pub body: String,
    /// What to do about it, when the SDK knows (shown after the error).
    pub hint: Option<String>,
    /// The rate-limit state the answer reported (limit, remaining, reset).
    pub rate_limit: Option<RateLimit>,
    /// What the body is when it is not text ("a gzip-compressed body of 1.2 MB (Content-Encoding: gzip)"):
    /// shown instead of its bytes.
    pub body_description: Option<String>,
    /// The path the `Link: <…>; rel="canonical"` header points to: where the record lives now (a merged
    /// contact answers `410 Gone` with the contact it was merged into).
    pub canonical: Option<String>,
    /// Whether the answer ended a companies scroll ([`Error::is_scroll_expired`]).
    pub scroll_expired: bool,
}

impl ApiError {
    /// An API error of `status` with `errors` and nothing else, for unit tests.
    #[cfg(test)]
    pub(crate) fn for_test(request: RequestLabel, status: u16, errors: Vec<ErrorItem>) -> Error {
        Error::Api(Box::new(ApiError {
            request,
            status: StatusCode::from_u16(status).expect("a valid status"),
            errors,
            request_id: None,
            body: String::new(),
            hint: None,
            rate_limit: None,
            body_description: None,
            canonical: None,
            scroll_expired: false,
        }))
    }

    /// The code of the first error as sent, e.g. `"not_found"`.
    pub fn code(&self) -> Option<&str> {
        self.errors.first().and_then(|e| e.code.as_deref())
    }

    /// The code of the first error, typed.
    pub fn error_code(&self) -> Option<ErrorCode> {
        self.code().map(ErrorCode::from)
    }

    /// The message of the first error.
    pub fn message(&self) -> Option<&str> {
        self.errors.first().and_then(|e| e.message.as_deref())
    }

    /// For a contact that was merged into another (`410 Gone`, `contact_merged`): the id of the contact it
    /// was merged into, from the answer's canonical link. Use that id from now on.
    pub fn merged_into(&self) -> Option<&str> {
        if self.status != StatusCode::GONE {
            return None;
        }
        let path = self.canonical.as_deref()?;
        let id = path.strip_prefix("/contacts/")?.split(['/', '?']).next()?;
        (!id.is_empty()).then_some(id)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Intercom answered {} to {}", self.status, self.request)?;
        if self.errors.is_empty() {
            if self.body.trim().is_empty() {
                f.write_str(" with an empty body")?;
            } else {
                match &self.body_description {
                    Some(description) => write!(f, " with {description}, not an Intercom error")?,
                    None => {
                        write!(f, " with a body that is not an Intercom error: `{}`", snippet(self.body.as_bytes()))?
                    }
                }
            }
        } else {
            f.write_str(":")?;
            for (i, item) in self.errors.iter().enumerate() {
                f.write_str(if i == 0 { " " } else { "; " })?;
                f.write_str(item.code.as_deref().unwrap_or("(no code)"))?;
                if let Some(field) = &item.field {
                    write!(f, " (field `{field}`)")?;
                }
                if let Some(message) = &item.message {
                    write!(f, ": {message}")?;
                }
            }
        }
        match &self.request_id {
            Some(id) => write!(f, " [request id {id}]")?,
            None => f.write_str(" [no request id]")?,
        }
        if let (StatusCode::TOO_MANY_REQUESTS, Some(limit)) = (self.status, &self.rate_limit) {
            write!(f, "; {limit}")?;
        }
        if let Some(id) = self.merged_into() {
            write!(f, "; the contact was merged into {id}: use that id")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

/// Why paging stopped before the answers said the listing was over.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PagingError {
    /// The listing.
    pub request: RequestLabel,
    /// What went wrong: the cursor, URL or page that came back, or the run of empty pages.
    pub reason: String,
    /// How many items were yielded before it stopped.
    pub items: usize,
    /// How many pages were read.
    pub pages: usize,
}

impl fmt::Display for PagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "paging {} stopped: {}; {} item(s) in {} page(s) were read, and the listing may be incomplete",
            self.request, self.reason, self.items, self.pages
        )
    }
}

/// Intercom answered with success, but the body is not what the operation returns.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DecodeError {
    /// Which request it was.
    pub request: RequestLabel,
    /// The HTTP status.
    pub status: StatusCode,
    /// Where in the JSON decoding stopped, e.g. `data[3].created_at` (`.` for the top level).
    pub path: String,
    /// What was wrong there.
    pub message: String,
    /// The start of the body.
    pub snippet: String,
    /// The `X-Request-Id` header, when there was one.
    pub request_id: Option<String>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode Intercom's {} answer to {}: at `{}`: {}; the body starts with `{}`",
            self.status, self.request, self.path, self.message, self.snippet
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

/// What kind of failure a transport reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (DNS, refused): the request was not sent.
    Connect,
    /// The TLS handshake failed, most often because the server's certificate is not trusted (see
    /// [`Config::with_root_certificate`](crate::Config::with_root_certificate)): the request was not sent.
    /// Not retried.
    Tls,
    /// The request or the answer took too long.
    Timeout,
    /// The connection failed while the request was sent or the answer read.
    Io,
    /// The answer was larger than the transport accepts, by its `Content-Length` (refused before the body is
    /// read) or by the bytes that came.
    BodyTooLarge,
    /// The answer is not HTTP the client accepts: garbage bytes, or headers larger than
    /// [`MAX_HEADER_BYTES`](crate::transport::MAX_HEADER_BYTES). A server or proxy fault; not retried.
    InvalidResponse,
    /// Anything else.
    Other,
}

impl TransportErrorKind {
    fn describe(self) -> &'static str {
        match self {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Tls => "the TLS handshake failed",
            TransportErrorKind::Timeout => "no answer in time",
            TransportErrorKind::Io => "the connection failed",
            TransportErrorKind::BodyTooLarge => "the answer is too large",
            TransportErrorKind::InvalidResponse => "the answer is not valid HTTP",
            TransportErrorKind::Other => "the transport failed",
        }
    }
}

/// A failure reported by a transport (the HTTP client).
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: Option<BoxError>,
}

impl TransportError {
    /// A failure of `kind`, caused by `source`.
    pub fn new(kind: TransportErrorKind, source: impl Into<BoxError>) -> Self {
        Self { kind, source: Some(source.into()) }
    }

    /// A failure of `kind` with nothing more to say.
    pub fn from_kind(kind: TransportErrorKind) -> Self {
        Self { kind, source: None }
    }

    /// What kind of failure it was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The HTTP client's own error, to downcast (`cause()?.downcast_ref::<std::io::Error>()`).
    pub fn cause(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        self.source.as_deref()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.describe())?;
        if let Some(source) = &self.source {
            write!(f, " ({source})")?;
        }
        Ok(())
    }
}

/// The `Display` already says the cause (`the connection failed (...)`), so `source()` is `None` (an error
/// reporter would print it twice); [`TransportError::cause`] gives it.
impl std::error::Error for TransportError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::retry::RetryPolicy;

    fn api(status: u16, code: &str) -> Error {
        let mut error = ErrorItem::default();
        (error.code, error.message) = (Some(code.to_owned()), Some("nope".into()));
        let errors = vec![error];
        let request = RequestLabel { method: Method::GET, path: "/contacts/{contact_id}".into() };
        ApiError::for_test(request, status, errors)
    }

    #[test]
    fn codes_and_predicates_read_what_users_match_on() {
        let missing = api(404, "not_found");
        assert_eq!(missing.code(), Some(ErrorCode::NotFound));
        assert!(missing.is_not_found() && !missing.is_retryable() && !missing.is_conflict());
        assert!(api(400, "company_not_found").is_not_found(), "a <thing>_not_found code");
        assert!(api(401, "unauthorized").is_unauthorized());
        assert!(api(409, "conflict").is_conflict());
        for status in RetryPolicy::RETRYABLE_STATUSES {
            assert!(api(status, "x").is_retryable(), "{status}");
        }
        assert!(!api(501, "x").is_retryable(), "not in the table");
        let request = RequestLabel { method: Method::GET, path: "/me".into() };
        let timeout = Error::from_transport(request, TransportError::from_kind(TransportErrorKind::Timeout));
        assert!(timeout.is_timeout() && timeout.is_retryable());
        assert_eq!(timeout.to_string(), "GET /me timed out: no answer in time");
    }

    #[test]
    fn debug_is_the_sentence_and_the_cause_is_printed_once() {
        let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused by 127.0.0.1");
        let request = RequestLabel { method: Method::GET, path: "/me".into() };
        let err = Error::from_transport(request, TransportError::new(TransportErrorKind::Connect, refused));
        assert_eq!(err.to_string(), "could not complete GET /me: could not connect (refused by 127.0.0.1)");
        assert_eq!(format!("{err:?}"), err.to_string());
        // What an error reporter prints: the error, then each source.
        let mut chain = vec![err.to_string()];
        let mut next = std::error::Error::source(&err);
        while let Some(cause) = next {
            chain.push(cause.to_string());
            next = cause.source();
        }
        assert_eq!(chain.join(": ").matches("refused by 127.0.0.1").count(), 1, "{chain:?}");
        let cause = err.as_transport().and_then(TransportError::cause).expect("the client's error");
        assert_eq!(
            cause.downcast_ref::<std::io::Error>().map(std::io::Error::kind),
            Some(std::io::ErrorKind::ConnectionRefused)
        );
        let config = Error::configuration("INTERCOM_TOKEN is not set");
        assert_eq!(format!("{config:?}"), "cannot configure the client: INTERCOM_TOKEN is not set");
    }
}
