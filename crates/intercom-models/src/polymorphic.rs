//! Choosing the variant of a one-of type by the shape of the JSON, for generated types.
//!
//! Intercom's one-of schemas have no discriminator, and every field of our models is optional, so serde's
//! untagged enums would take the first variant every time. Instead each variant states its shape; the
//! candidates are ranked and tried in order, and a value that fits none is kept as JSON.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// The JSON kind of a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An object.
    Object,
    /// A string.
    String,
    /// An integer.
    Integer,
    /// Any number.
    Number,
    /// A boolean.
    Boolean,
    /// A list.
    Array,
    /// Anything.
    Any,
}

/// What one variant looks like.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Its JSON kind.
    pub kind: Kind,
    /// For lists, the kind of the items.
    pub items: Option<Kind>,
    /// Keys the spec requires.
    pub required: &'static [&'static str],
    /// Keys whose value must be one of these strings.
    pub constants: &'static [(&'static str, &'static [&'static str])],
    /// Every key the variant knows, and `key.sub` for the keys of an object one level down (so two variants
    /// that differ only inside a nested object still rank apart).
    pub properties: &'static [&'static str],
}

fn kind_fits(kind: Kind, value: &Value) -> bool {
    match kind {
        Kind::Object => value.is_object(),
        Kind::String => value.is_string(),
        Kind::Integer => value.is_i64() || value.is_u64(),
        Kind::Number => value.is_number(),
        Kind::Boolean => value.is_boolean(),
        Kind::Array => value.is_array(),
        Kind::Any => true,
    }
}

/// How well a value fits a variant, compared in order: right kind (not `Any`), matched constants, all
/// required keys present, known keys, and fewest unknown keys (stored as `usize::MAX - unknown`).
type Score = (u8, usize, u8, usize, usize);

/// Ranks the variants that `value` may be, best first: right kind, no contradicted constant, then the most
/// matched constants, all required keys present, the most known keys, the fewest unknown ones.
pub fn ranked(value: &Value, shapes: &[Shape]) -> Vec<usize> {
    let mut scored: Vec<(usize, Score)> = Vec::new();
    for (index, shape) in shapes.iter().enumerate() {
        if !kind_fits(shape.kind, value) {
            continue;
        }
        if let (Some(items), Some(first)) = (shape.items, value.as_array().and_then(|a| a.first())) {
            if !kind_fits(items, first) {
                continue;
            }
        }
        let exact = u8::from(shape.kind != Kind::Any);
        let Some(object) = value.as_object() else {
            scored.push((index, (exact, 0, 1, 0, 0)));
            continue;
        };
        let mut matched = 0;
        let mut contradicted = false;
        for (key, allowed) in shape.constants {
            match object.get(*key).and_then(Value::as_str) {
                Some(v) if allowed.contains(&v) => matched += 1,
                Some(_) => contradicted = true,
                None => {}
            }
        }
        if contradicted {
            continue;
        }
        let required = u8::from(shape.required.iter().all(|k| object.contains_key(*k)));
        let top = object.keys().filter(|k| shape.properties.contains(&k.as_str())).count();
        let nested = shape
            .properties
            .iter()
            .filter_map(|p| p.split_once('.'))
            .filter(|(key, sub)| object.get(*key).and_then(Value::as_object).is_some_and(|o| o.contains_key(*sub)))
            .count();
        let unknown = object.len() - top;
        scored.push((index, (exact, matched, required, top + nested, usize::MAX - unknown)));
    }
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.into_iter().map(|(index, _)| index).collect()
}

/// Decodes `value` as `T`, or `None`.
pub fn decode<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ADMIN: Shape = Shape {
        kind: Kind::Object,
        items: None,
        required: &["admin_id", "body"],
        constants: &[("type", &["admin"])],
        properties: &["type", "admin_id", "body"],
    };
    const CONTACT: Shape = Shape {
        kind: Kind::Object,
        items: None,
        required: &["intercom_user_id", "body"],
        constants: &[("type", &["user"])],
        properties: &["type", "intercom_user_id", "body"],
    };
    const TEXT: Shape = Shape { kind: Kind::String, items: None, required: &[], constants: &[], properties: &[] };
    const NUMBERS: Shape =
        Shape { kind: Kind::Array, items: Some(Kind::Integer), required: &[], constants: &[], properties: &[] };

    #[test]
    fn constants_and_keys_pick_the_variant() {
        let shapes = [ADMIN, CONTACT, TEXT, NUMBERS];
        assert_eq!(ranked(&json!({"type": "user", "intercom_user_id": "1", "body": "x"}), &shapes), [1]);
        assert_eq!(ranked(&json!({"type": "admin", "admin_id": "1", "body": "x"}), &shapes), [0]);
        assert_eq!(ranked(&json!({"intercom_user_id": "1", "body": "x"}), &shapes), [1, 0]);
        assert_eq!(ranked(&json!({"type": "bot"}), &shapes), Vec::<usize>::new());
        assert_eq!(ranked(&json!("text"), &shapes), [2]);
        assert_eq!(ranked(&json!([1, 2]), &shapes), [3]);
        assert_eq!(ranked(&json!(["a"]), &shapes), Vec::<usize>::new());
        assert_eq!(ranked(&json!(true), &shapes), Vec::<usize>::new());
    }

    #[test]
    fn keys_one_level_down_break_a_tie() {
        const STARTED: Shape = Shape {
            kind: Kind::Object,
            items: None,
            required: &[],
            constants: &[],
            properties: &["action", "action.name"],
        };
        const FINISHED: Shape = Shape {
            kind: Kind::Object,
            items: None,
            required: &[],
            constants: &[],
            properties: &["action", "action.name", "action.result"],
        };
        let shapes = [STARTED, FINISHED];
        assert_eq!(ranked(&json!({"action": {"name": "x", "result": "success"}}), &shapes), [1, 0]);
        assert_eq!(ranked(&json!({"action": {"name": "x"}}), &shapes), [0, 1]);
    }
}
