//! `X-Hub-Signature`: HMAC-SHA1 of the raw body, keyed with the app's client secret.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// The header Intercom signs notifications in.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature";

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

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::Missing => write!(f, "no {SIGNATURE_HEADER} header"),
            SignatureError::Malformed(why) => write!(f, "{SIGNATURE_HEADER} is malformed: {why}"),
            SignatureError::Mismatch => write!(f, "{SIGNATURE_HEADER} does not match the body"),
        }
    }
}

impl std::error::Error for SignatureError {}

fn mac(secret: &[u8]) -> Hmac<Sha1> {
    // HMAC takes keys of any length.
    <Hmac<Sha1> as KeyInit>::new_from_slice(secret).expect("HMAC accepts any key length")
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
    let header = header.ok_or(SignatureError::Missing)?.trim();
    let hex = match header.split_once('=') {
        Some((scheme, hex)) if scheme.eq_ignore_ascii_case("sha1") => hex,
        Some((scheme, _)) => {
            return Err(SignatureError::Malformed(format!("unknown scheme `{scheme}`, expected sha1")))
        }
        None => return Err(SignatureError::Malformed("expected `sha1=<hex>`".into())),
    };
    if hex.len() != 40 {
        return Err(SignatureError::Malformed(format!("expected 40 hex digits, got {}", hex.len())));
    }
    let mut expected = [0u8; 20];
    for (byte, pair) in expected.iter_mut().zip(hex.as_bytes().chunks(2)) {
        let (Some(high), Some(low)) = (hex_digit(pair[0]), hex_digit(pair[1])) else {
            return Err(SignatureError::Malformed("not hex".into()));
        };
        *byte = high << 4 | low;
    }
    let mut mac = mac(client_secret);
    mac.update(body);
    mac.verify_slice(&expected).map_err(|_| SignatureError::Mismatch)
}

/// The `X-Hub-Signature` value Intercom would send for `body`: `sha1=<lowercase hex>` (for tests and
/// forwarding).
pub fn sign(client_secret: &[u8], body: &[u8]) -> String {
    let mut mac = mac(client_secret);
    mac.update(body);
    format!("sha1={}", crate::identity::lower_hex(&mac.finalize().into_bytes()))
}

/// The `X-Hub-Signature` value among `headers`, whatever the case of the name.
pub fn find_signature<'a>(headers: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<&'a str> {
    headers.into_iter().find(|(name, _)| name.eq_ignore_ascii_case(SIGNATURE_HEADER)).map(|(_, value)| value)
}
