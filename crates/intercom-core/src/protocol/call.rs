//! One call, from the first attempt to the final answer: the state machine both clients drive. It builds
//! each attempt's request, reads each outcome, and says whether to wait and try again; the clients only
//! move bytes and sleep.
//!
//! It knows the endpoint only through what it read from it when the call began (the request, its label, and
//! whether it may be sent again), so it and the clients' call loops are compiled once in this crate, not
//! once per endpoint in each crate that sends one. The answer comes out as bytes; the endpoint decodes them
//! ([`decode_answer`](crate::protocol::response::decode_answer)).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, Method, Request, Response, Uri};

use crate::protocol::backoff::{retry_after, Attempt, Outcome};
use crate::protocol::build_request::build_request;
use crate::protocol::config::Config;
use crate::protocol::config::Timeouts;
use crate::protocol::error::{Error, RequestLabel, TransportError};
use crate::protocol::rate_limit::RateLimit;
use crate::protocol::request::Endpoint;
use crate::protocol::response::{check_parts, decompressed, header_request_id, Answer};
use crate::protocol::retry::RetryPolicy;

/// What to do after an attempt.
#[derive(Debug)]
pub enum Step {
    /// The call is over: the answer with its body (decompressed, not yet decoded), or why it failed.
    Done(Result<Answer<Vec<u8>>, Error>),
    /// Wait this long, then send the next attempt.
    Retry(Duration),
}

/// One call of an endpoint, with its retries.
#[derive(Debug)]
pub struct Call<'a> {
    config: &'a Config,
    /// The request, or why it could not be built (taken by the first attempt).
    request: Result<RequestParts, Option<Error>>,
    label: RequestLabel,
    safe: bool,
    policy: RetryPolicy,
    retry_post: bool,
    retries: u32,
    waited: Duration,
    rng: u64,
    rate_limit: Option<RateLimit>,
    refused: bool,
}

/// Seeds the jitter of each call differently.
static CALLS: AtomicU64 = AtomicU64::new(0);

/// An attempt's request, kept to build each attempt alike (`http::Request` is not `Clone`).
#[derive(Debug)]
struct RequestParts {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    timeouts: Option<Timeouts>,
    body: Vec<u8>,
}

impl<'a> Call<'a> {
    /// A call of `endpoint` with `config`'s retry policy, or the request's own. The request is built now;
    /// a request that cannot be built fails the first attempt.
    pub fn new<E: Endpoint + ?Sized>(config: &'a Config, endpoint: &E) -> Self {
        let request = build_request(config, endpoint).map(|request| {
            let (parts, body) = request.into_parts();
            let timeouts = parts.extensions.get::<Timeouts>().copied();
            RequestParts { method: parts.method, uri: parts.uri, headers: parts.headers, timeouts, body }
        });
        let request = request.map_err(Some);
        Self::with_request(config, request, endpoint.label(), endpoint.is_safe_to_retry(), endpoint.options())
    }

    fn with_request(
        config: &'a Config,
        request: Result<RequestParts, Option<Error>>,
        label: RequestLabel,
        safe: bool,
        options: Option<&crate::protocol::options::RequestOptions>,
    ) -> Self {
        let policy = options.and_then(|o| o.retry_policy).unwrap_or_else(|| config.retry_policy());
        let retry_post = options.is_some_and(|o| o.retry_post);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos() as u64).unwrap_or(0);
        let rng = (nanos ^ CALLS.fetch_add(1, Ordering::Relaxed).wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1;
        Self {
            config,
            request,
            label,
            safe,
            policy,
            retry_post,
            retries: 0,
            waited: Duration::ZERO,
            rng,
            rate_limit: None,
            refused: false,
        }
    }

    /// This call with at least `budget` to spend waiting between attempts (a bulk run's
    /// [`wait_budget`](crate::Bulk::wait_budget)), when its policy allows less.
    pub fn with_wait_budget(mut self, budget: Duration) -> Self {
        self.policy.max_total_wait = self.policy.max_total_wait.max(budget);
        self
    }

    /// What the call sends, for errors and logs: method and path template.
    pub fn label(&self) -> &RequestLabel {
        &self.label
    }

    /// The attempt about to be made, from 1.
    pub fn attempt(&self) -> u32 {
        self.retries + 1
    }

    /// The rate-limit state the last attempt's answer reported (`None` when it had no answer); on a
    /// [`QuickClock`](crate::QuickClock), with its reset as near as the clock makes it.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        match self.config.quick_clock() {
            Some(clock) => self.rate_limit.map(|limit| clock.shorten_reset(limit, SystemTime::now())),
            None => self.rate_limit,
        }
    }

    /// Whether the last attempt was refused (`429`): what the pacer adapts to.
    pub fn was_refused(&self) -> bool {
        self.refused
    }

    /// The tracing span of the current attempt: method, path template and attempt; `status` and
    /// `request_id` are recorded when the answer comes. Never the token, the query or a body.
    pub fn span(&self) -> tracing::Span {
        let label = &self.label;
        tracing::debug_span!(
            "intercom.request",
            method = %label.method,
            path = %label.path,
            attempt = self.attempt(),
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        )
    }

    /// The request of the current attempt (the same for every attempt), or why it cannot be built.
    pub fn request(&mut self) -> Result<Request<Vec<u8>>, Error> {
        let parts = match &mut self.request {
            Ok(parts) => parts,
            Err(failure) => {
                let failure = failure.take();
                return Err(failure.unwrap_or_else(|| Error::invalid_request("the request cannot be built")));
            }
        };
        let mut request = Request::new(parts.body.clone());
        *request.method_mut() = parts.method.clone();
        *request.uri_mut() = parts.uri.clone();
        *request.headers_mut() = parts.headers.clone();
        if let Some(timeouts) = parts.timeouts {
            request.extensions_mut().insert(timeouts);
        }
        Ok(request)
    }

    /// Reads the outcome of the current attempt, at time `now`.
    pub fn finish(&mut self, result: Result<Response<Vec<u8>>, TransportError>, now: SystemTime) -> Step {
        let jitter = self.next_jitter();
        let (parts, body) = match result {
            Err(source) => {
                self.rate_limit = None;
                self.refused = false;
                let outcome = Outcome::Failed(source.kind());
                let wait = retry_after(&self.policy, self.facts(), outcome, now, jitter);
                tracing::debug!(error = %source, retry_in = ?wait, "intercom request failed");
                return match wait {
                    Some(wait) => self.retry(wait),
                    None => Step::Done(Err(Error::from_transport(self.label.clone(), source))),
                };
            }
            Ok(response) => response.into_parts(),
        };
        let span = tracing::Span::current();
        span.record("status", parts.status.as_u16());
        let request_id = header_request_id(&parts.headers);
        if let Some(id) = &request_id {
            span.record("request_id", id.as_str());
        }
        self.rate_limit = RateLimit::from_headers(&parts.headers);
        self.refused = parts.status == http::StatusCode::TOO_MANY_REQUESTS;
        if !parts.status.is_success() {
            let outcome = Outcome::Answer(parts.status, &parts.headers);
            if let Some(wait) = retry_after(&self.policy, self.facts(), outcome, now, jitter) {
                tracing::debug!(retry_in = ?wait, "intercom answered an error worth retrying");
                return self.retry(wait);
            }
        }
        let attempts = self.attempt();
        let mut parts = parts;
        let cap = self.config.max_decompressed_bytes();
        let body = match decompressed(self.label.clone(), parts.status, &mut parts.headers, body, cap) {
            Ok(body) => body,
            Err(error) => return Step::Done(Err(error)),
        };
        let result = check_parts(&self.label, parts.status, &parts.headers, body).map(|body| Answer {
            value: body,
            status: parts.status,
            rate_limit: self.rate_limit,
            request_id,
            attempts,
            headers: parts.headers,
        });
        Step::Done(result)
    }

    fn facts(&self) -> Attempt {
        Attempt { safe: self.safe, retry_post: self.retry_post, retries_done: self.retries, waited: self.waited }
    }

    fn retry(&mut self, wait: Duration) -> Step {
        self.retries += 1;
        self.waited = self.waited.saturating_add(wait);
        Step::Retry(self.config.quick_clock().map_or(wait, |clock| clock.shorten(wait)))
    }

    /// A number in `[0, 1)` (xorshift: jitter needs spread, not secrecy).
    fn next_jitter(&mut self) -> f64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        (self.rng >> 11) as f64 / (1u64 << 53) as f64
    }
}
