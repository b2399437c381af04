//! Decoding an answer type from bytes with its decoder compiled here, in the models crate, once: a crate
//! that decodes answers (the SDK's clients, a webhook consumer) calls it instead of instantiating
//! `serde_json`'s generic decoder for the type, and its own build does not grow with each type it reads.

/// A type Intercom answers with, decodable from a whole JSON document by a function compiled in this crate.
///
/// Every type an operation answers with implements it. `Contact::from_json(&bytes)` gives the same value
/// as `serde_json::from_slice::<Contact>(&bytes)`, without compiling the decoder in the caller's crate.
pub trait FromJson: Sized {
    /// Decodes `bytes`, which hold one JSON document (whitespace around it is allowed).
    fn from_json(bytes: &[u8]) -> Result<Self, serde_json::Error>;
}

/// Implements [`FromJson`] for each type given (the generated list of answer types).
macro_rules! from_json {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::FromJson for $ty {
            fn from_json(bytes: &[u8]) -> Result<Self, serde_json::Error> {
                serde_json::from_slice(bytes)
            }
        }
    )*};
}

pub(crate) use from_json;

#[cfg(test)]
mod tests {
    use super::FromJson;
    use crate::{Contact, ContactList};

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
