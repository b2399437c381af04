//! The query string of a request.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters left as they are in a path segment or a query value: RFC 3986's unreserved set.
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes a value for the query string.
fn encode_query_value(value: &str) -> impl std::fmt::Display + '_ {
    utf8_percent_encode(value, UNRESERVED)
}

/// Query parameters, in order, unencoded; encoded when the request is built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(Cow<'static, str>, String)>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one pair.
    pub fn push(&mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) {
        self.pairs.push((name.into(), value.into()));
    }

    /// Adds a parameter of any serializable type, the way OpenAPI's default (form, exploded) style does:
    /// `None` and `null` add nothing, a scalar adds one pair, an object one pair per key, a list one pair per
    /// item.
    pub fn push_value<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match serde_json::to_value(value) {
            Ok(Value::Object(fields)) => {
                for (key, value) in fields {
                    if let Some(text) = scalar(&value) {
                        self.push(key, text);
                    }
                }
            }
            Ok(Value::Array(items)) => {
                for item in &items {
                    if let Some(text) = scalar(item) {
                        self.push(name, text);
                    }
                }
            }
            Ok(value) => {
                if let Some(text) = scalar(&value) {
                    self.push(name, text);
                }
            }
            Err(_) => {}
        }
    }

    /// Replaces every pair named `name` with one pair (added at the end).
    pub fn set(&mut self, name: &'static str, value: impl Into<String>) {
        self.pairs.retain(|(n, _)| n != name);
        self.push(name, value);
    }

    /// The pairs, in order.
    pub fn pairs(&self) -> &[(Cow<'static, str>, String)] {
        &self.pairs
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Appends `?name=value&...`, percent-encoded, to `url`.
    pub(crate) fn write_to(&self, url: &mut String) {
        let mut has_query = url.contains('?');
        for (name, value) in &self.pairs {
            url.push(if has_query { '&' } else { '?' });
            has_query = true;
            let _ = write!(url, "{}={}", encode_query_value(name), encode_query_value(value));
        }
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_every_shape_become_pairs() {
        let mut query = Query::new();
        query.push_value("page", &Some(2));
        query.push_value("per_page", &None::<i64>);
        query.push_value("include_count", &true);
        query.push_value("filter", &serde_json::json!({"user_id": "a b"}));
        query.push_value("ids", &["1", "2"]);
        query.push("type", "user");
        let mut url = String::new();
        query.write_to(&mut url);
        assert_eq!(url, "?page=2&include_count=true&user_id=a%20b&ids=1&ids=2&type=user");
    }
}
