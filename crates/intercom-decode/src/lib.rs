//! The decoders of Intercom's answer types ([`intercom_models`]), compiled here, once: a crate that decodes
//! answers (the SDK's clients, a webhook consumer) calls [`FromJson::from_json`] instead of instantiating
//! `serde_json`'s generic decoder for each type, and its own build does not grow with each type it reads.
//!
//! ```
//! use intercom_decode::FromJson;
//! use intercom_models::Contact;
//!
//! let contact = Contact::from_json(br#"{"type": "contact", "id": "7", "email": "ada@example.com"}"#)?;
//! assert_eq!(contact.email.as_deref(), Some("ada@example.com"));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! A crate of its own, apart from the models: where the compiler places the decoders decides their speed, and
//! beside the models' other code they ran 8% slower (docs/PERFORMANCE.md in the repository).
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

/// A type Intercom answers with, decodable from a whole JSON document by a function compiled in this crate.
///
/// Every type an operation answers with implements it. `Contact::from_json(&bytes)` gives the same value
/// as `serde_json::from_slice::<Contact>(&bytes)`, without compiling the decoder in the caller's crate.
pub trait FromJson: Sized {
    /// Decodes `bytes`, which hold one JSON document (whitespace around it is allowed).
    fn from_json(bytes: &[u8]) -> Result<Self, serde_json::Error>;
}

/// Implements [`FromJson`] for each type given (the generated lists of answer types).
macro_rules! from_json {
    ($($ty:ty),* $(,)?) => {$(
        impl crate::FromJson for $ty {
            fn from_json(bytes: &[u8]) -> Result<Self, serde_json::Error> {
                serde_json::from_slice(bytes)
            }
        }
    )*};
}

#[path = "generated/decoders.rs"]
mod decoders;
#[cfg(feature = "preview")]
#[path = "generated/preview_decoders.rs"]
mod preview_decoders;

#[cfg(test)]
mod tests {
    use super::FromJson;
    use intercom_models::{Contact, ContactList};

    #[test]
    fn decodes_as_serde_json_does() {
        let body = br#"{"type": "list", "data": [{"type": "contact", "id": "7", "email": "ada@example.com", "x": 1}]}"#;
        let list = ContactList::from_json(body).unwrap();
        assert_eq!(list, serde_json::from_slice::<ContactList>(body).unwrap());
        assert_eq!(list.data[0].email.as_deref(), Some("ada@example.com"));
        assert_eq!(list.data[0].extra.get("x"), Some(&serde_json::json!(1)));
        let err = Contact::from_json(br#"{"id": "7"} trailing"#).unwrap_err();
        assert_eq!((err.line(), err.column()), (1, 13));
    }
}
