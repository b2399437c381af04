//! Messenger identity verification.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

pub(crate) fn lower_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[(byte >> 4) as usize] as char);
        out.push(DIGITS[(byte & 0x0f) as usize] as char);
    }
    out
}

/// The `user_hash` to give the Messenger for a user: the lowercase hex HMAC-SHA256 of their `user_id` (or
/// email, if that is what you identify them by), keyed with your identity-verification secret.
pub fn user_hash(identity_secret: &[u8], user_id: &str) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(identity_secret).expect("HMAC accepts any key length");
    mac.update(user_id.as_bytes());
    lower_hex(&mac.finalize().into_bytes())
}
