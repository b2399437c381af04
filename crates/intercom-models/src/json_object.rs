//! Free-form JSON objects in request bodies (`custom_attributes`, `metadata`, ...): whatever a user has at
//! hand becomes one, and a value that is not an object is refused when the body is encoded.

use std::collections::{BTreeMap, HashMap};

use serde::ser::Error as _;
use serde::Serializer;
use serde_json::{Map, Value};

/// What a free-form object field of a request accepts: a `json!({...})` value, a `serde_json::Map`, a
/// `BTreeMap` or `HashMap`, or a list or array of `(key, value)` pairs. A `Value` that is not an object
/// (`json!("x")`) is kept, and encoding the request body then fails with an error that names the field.
///
/// ```
/// use intercom_models::CreateContactRequest;
/// use serde_json::json;
///
/// let a = CreateContactRequest::new().custom_attributes(json!({"plan": "pro", "seats": 12}));
/// let b = CreateContactRequest::new().custom_attributes([("plan", json!("pro")), ("seats", json!(12))]);
/// assert_eq!(a, b);
/// ```
pub trait IntoJsonObject {
    /// The value, as the JSON the field holds.
    fn into_json_object(self) -> Value;
}

impl IntoJsonObject for Value {
    fn into_json_object(self) -> Value {
        self
    }
}

impl IntoJsonObject for Map<String, Value> {
    fn into_json_object(self) -> Value {
        Value::Object(self)
    }
}

fn from_pairs<K: Into<String>, V: Into<Value>>(pairs: impl IntoIterator<Item = (K, V)>) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.into(), v.into())).collect())
}

impl<K: Into<String>, V: Into<Value>> IntoJsonObject for BTreeMap<K, V> {
    fn into_json_object(self) -> Value {
        from_pairs(self)
    }
}

impl<K: Into<String>, V: Into<Value>, S> IntoJsonObject for HashMap<K, V, S> {
    fn into_json_object(self) -> Value {
        from_pairs(self)
    }
}

impl<K: Into<String>, V: Into<Value>> IntoJsonObject for Vec<(K, V)> {
    fn into_json_object(self) -> Value {
        from_pairs(self)
    }
}

impl<K: Into<String>, V: Into<Value>, const N: usize> IntoJsonObject for [(K, V); N] {
    fn into_json_object(self) -> Value {
        from_pairs(self)
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Serializes a free-form object field; anything but an object is an error.
pub fn json_object<S: Serializer>(value: &Value, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Value::Object(map) => serializer.collect_map(map),
        other => Err(S::Error::custom(format!("this field must be a JSON object, not {}", kind(other)))),
    }
}

/// [`json_object`] for an optional field.
pub fn optional_json_object<S: Serializer>(value: &Option<Value>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => json_object(value, serializer),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_and_pairs_become_the_same_object() {
        let expected = json!({"plan": "pro", "seats": 12});
        assert_eq!(expected.clone().into_json_object(), expected);
        let pairs = [("plan", json!("pro")), ("seats", json!(12))];
        assert_eq!(pairs.clone().into_json_object(), expected);
        assert_eq!(pairs.to_vec().into_json_object(), expected);
        assert_eq!(BTreeMap::from(pairs.clone()).into_json_object(), expected);
        assert_eq!(HashMap::<_, _>::from(pairs).into_json_object(), expected);
        assert_eq!(expected.as_object().unwrap().clone().into_json_object(), expected);
    }

    #[test]
    fn a_non_object_is_refused_when_encoded() {
        let mut out = Vec::new();
        let err = json_object(&json!("pro"), &mut serde_json::Serializer::new(&mut out)).unwrap_err();
        assert_eq!(err.to_string(), "this field must be a JSON object, not a string");
    }
}
