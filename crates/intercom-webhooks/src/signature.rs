//! Signed webhooks: `X-Hub-Signature: sha1=<hex>` (HMAC-SHA1 of the raw body, keyed with the app's client
//! secret) for classic notifications, `X-Fin-Agent-API-Webhook-Signature: sha256=<hex>` (HMAC-SHA256, keyed
//! with the Fin Agent API's signing secret) for Fin events.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::Sha256;

/// The header Intercom signs notifications in.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature";

/// The header Intercom signs Fin Agent API events in.
pub const FIN_SIGNATURE_HEADER: &str = "X-Fin-Agent-API-Webhook-Signature";

/// Why a signature was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// There is no `X-Hub-Signature` header.
    Missing,
    /// The header is not `sha1=` and 40 hex digits.
    Malformed(String),
    /// The signature does not match the body: tampered with, or another secret.
    Mismatch,
}

impl SignatureError {
    /// What went wrong with the signature in `header`.
    pub(crate) fn describe(&self, header: &str) -> String {
        match self {
            SignatureError::Missing => format!("no {header} header"),
            SignatureError::Malformed(why) => format!("{header} is malformed: {why}"),
            SignatureError::Mismatch => format!("{header} does not match the body"),
        }
    }
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe("the signature"))
    }
}

impl std::error::Error for SignatureError {}

fn mac(secret: &[u8]) -> Hmac<Sha1> {
    // HMAC takes keys of any length.
    <Hmac<Sha1> as KeyInit>::new_from_slice(secret).expect("HMAC accepts any key length")
}

fn fin_mac(secret: &[u8]) -> Hmac<Sha256> {
    <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC accepts any key length")
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Checks `header` (`sha1=<hex>`, the prefix in any case, hex in any case) against the HMAC-SHA1 of the raw
/// `body`, in constant time. Pass the body exactly as received: a re-serialized JSON would not match.
pub fn verify_signature(client_secret: &[u8], body: &[u8], header: Option<&str>) -> Result<(), SignatureError> {
    let expected: [u8; 20] = expected_digest(header, "sha1")?;
    let mut mac = mac(client_secret);
    mac.update(body);
    mac.verify_slice(&expected).map_err(|_| SignatureError::Mismatch)
}

/// Checks `header` (the `X-Fin-Agent-API-Webhook-Signature` value, `sha256=<hex>`) against the HMAC-SHA256
/// of the raw `body` keyed with the Fin Agent API's signing secret (not the app's client secret), in
/// constant time.
pub fn verify_fin_signature(signing_secret: &[u8], body: &[u8], header: Option<&str>) -> Result<(), SignatureError> {
    let expected: [u8; 32] = expected_digest(header, "sha256")?;
    let mut mac = fin_mac(signing_secret);
    mac.update(body);
    mac.verify_slice(&expected).map_err(|_| SignatureError::Mismatch)
}

/// The digest a `<scheme>=<hex>` header carries.
fn expected_digest<const N: usize>(header: Option<&str>, scheme: &str) -> Result<[u8; N], SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?.trim();
    let hex = match header.split_once('=') {
        Some((sent, hex)) if sent.eq_ignore_ascii_case(scheme) => hex,
        Some((sent, _)) => {
            return Err(SignatureError::Malformed(format!("unknown scheme `{sent}`, expected {scheme}")))
        }
        None => return Err(SignatureError::Malformed(format!("expected `{scheme}=<hex>`"))),
    };
    if hex.len() != N * 2 {
        return Err(SignatureError::Malformed(format!("expected {} hex digits, got {}", N * 2, hex.len())));
    }
    let mut expected = [0u8; N];
    for (byte, pair) in expected.iter_mut().zip(hex.as_bytes().chunks(2)) {
        let (Some(high), Some(low)) = (hex_digit(pair[0]), hex_digit(pair[1])) else {
            return Err(SignatureError::Malformed("not hex".into()));
        };
        *byte = high << 4 | low;
    }
    Ok(expected)
}

/// The `X-Hub-Signature` value Intercom would send for `body`: `sha1=<lowercase hex>` (for tests and
/// forwarding).
pub fn sign(client_secret: &[u8], body: &[u8]) -> String {
    let mut mac = mac(client_secret);
    mac.update(body);
    format!("sha1={}", crate::identity::lower_hex(&mac.finalize().into_bytes()))
}

/// The `X-Fin-Agent-API-Webhook-Signature` value Intercom would send for `body`: `sha256=<lowercase hex>`
/// (for tests and forwarding).
pub fn sign_fin(signing_secret: &[u8], body: &[u8]) -> String {
    let mut mac = fin_mac(signing_secret);
    mac.update(body);
    format!("sha256={}", crate::identity::lower_hex(&mac.finalize().into_bytes()))
}

/// The `X-Hub-Signature` value among `headers`, whatever the case of the name.
pub fn find_signature<'a>(headers: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<&'a str> {
    headers.into_iter().find(|(name, _)| name.eq_ignore_ascii_case(SIGNATURE_HEADER)).map(|(_, value)| value)
}
