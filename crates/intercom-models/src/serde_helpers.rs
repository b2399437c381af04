//! Deserialization helpers that make the models tolerant of what the real API sends.
//!
//! Generated and hand-written models use them through `#[serde(deserialize_with = "...")]`.

pub use crate::json_object::{json_object, optional_json_object};
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// Decodes an id that the API sends either as a JSON string or as a JSON integer; `null` becomes `""`.
pub fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(optional_id(deserializer)?.unwrap_or_default())
}

/// Like [`id`], for ids that may be absent: `null` becomes `None`.
pub fn optional_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(read_id(deserializer)?.0)
}

/// Reads an id as [`optional_id`] does, with the JSON as sent when it was not a string (a number, `null`),
/// for models that write back what they read.
pub(crate) fn read_id<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<(Option<String>, Option<serde_json::Value>), D::Error> {
    struct IdVisitor;

    impl<'de> Visitor<'de> for IdVisitor {
        type Value = (Option<String>, Option<serde_json::Value>);

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an id as a string or an integer")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok((Some(v.to_owned()), None))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok((Some(v), None))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok((Some(v.to_string()), Some(serde_json::Value::from(v))))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok((Some(v.to_string()), Some(serde_json::Value::from(v))))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok((None, Some(serde_json::Value::Null)))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok((None, Some(serde_json::Value::Null)))
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(IdVisitor)
        }
    }

    deserializer.deserialize_any(IdVisitor)
}

/// Encodes an id the description types as an integer as a JSON integer when it is one (`"42"` → `42`), else
/// as the string it is: a type shared by answers and requests sends such ids as the API expects them.
pub fn integer_id<S: serde::Serializer>(id: &str, serializer: S) -> Result<S::Ok, S::Error> {
    match id.parse::<i64>() {
        Ok(number) => serializer.serialize_i64(number),
        Err(_) => serializer.serialize_str(id),
    }
}

/// Like [`integer_id`], for ids that may be absent (only called when present).
pub fn optional_integer_id<S: serde::Serializer>(id: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
    match id {
        Some(id) => integer_id(id, serializer),
        None => serializer.serialize_none(),
    }
}

/// Decodes an integer id that may come as a JSON integer or a numeric string.
pub fn int_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    optional_int_id(deserializer)?.ok_or_else(|| de::Error::custom("an integer id, not null"))
}

/// Like [`int_id`], for ids that may be absent: `null` becomes `None`.
pub fn optional_int_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    match optional_id(deserializer)? {
        None => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|_| de::Error::custom(format!("`{text}` is not an integer id"))),
    }
}

/// Decodes an integer (a count, a timestamp in Unix seconds) that the API may send as a JSON integer, as a
/// string of digits (`"1700000000"`), or as a float with no fraction; `null` becomes `None`. Anything else
/// is an error naming what came.
#[inline]
pub fn optional_int<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(deserializer.deserialize_any(IntVisitor)?.0)
}

/// A list of integers, each as [`optional_int`] reads it; `null` becomes an empty list.
pub fn int_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<i64>, D::Error> {
    struct Items;

    impl<'de> Visitor<'de> for Items {
        type Value = Vec<i64>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of integers")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Items)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element_seed(IntSeed)? {
                out.extend(item);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_any(Items)
}

struct IntSeed;

impl<'de> de::DeserializeSeed<'de> for IntSeed {
    type Value = Option<i64>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Ok(deserializer.deserialize_any(IntVisitor)?.0)
    }
}

/// Reads an integer as [`optional_int`] does, with the JSON as sent when it was not a JSON integer (a
/// string, a whole float, `null`), for models that write back what they read.
#[inline]
pub(crate) fn read_int<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<(Option<i64>, Option<serde_json::Value>), D::Error> {
    deserializer.deserialize_any(IntVisitor)
}

struct IntVisitor;

impl<'de> Visitor<'de> for IntVisitor {
    type Value = (Option<i64>, Option<serde_json::Value>);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer, or a string of digits")
    }
    #[inline]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok((Some(v), None))
    }
    #[inline]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        match i64::try_from(v) {
            Ok(v) => Ok((Some(v), None)),
            Err(_) => Err(E::custom(format!("{v} is too large for an integer field"))),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Ok((Some(v as i64), Some(serde_json::Value::from(v))))
        } else {
            Err(E::custom(format!("{v} is not a whole number")))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let sent = Some(serde_json::Value::String(v.to_owned()));
        let text = v.trim();
        if text.is_empty() {
            return Ok((None, sent));
        }
        match text.parse::<i64>() {
            Ok(number) => Ok((Some(number), sent)),
            Err(_) => text
                .parse::<f64>()
                .ok()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| (Some(f as i64), sent))
                .ok_or_else(|| E::custom(format!("`{v}` is not an integer"))),
        }
    }
    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((None, Some(serde_json::Value::Null)))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((None, Some(serde_json::Value::Null)))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(IntVisitor)
    }
}

/// Decodes a number kept exactly (`serde_json::Number`) that the API may send as a JSON number or as a
/// numeric string (`"12.50"`); `null` and `""` become `None`.
pub fn optional_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<serde_json::Number>, D::Error> {
    match Option::<serde_json::Value>::deserialize(deserializer)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Number(n)) => Ok(Some(n)),
        Some(serde_json::Value::String(text)) if text.trim().is_empty() => Ok(None),
        Some(serde_json::Value::String(text)) => text
            .trim()
            .parse::<serde_json::Number>()
            .map(Some)
            .map_err(|_| de::Error::custom(format!("`{text}` is not a number"))),
        Some(other) => Err(de::Error::custom(format!("expected a number, found {other}"))),
    }
}

/// Decodes `null` as the type's default (an empty list, an empty map), so a list the API sends as
/// `null` reads the same as an absent or empty one.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Decodes an [`open_enum!`](crate::open_enum) value without allocating for known values.
///
/// A value of another JSON type (a number, a boolean, even an object from a newer API version) decodes to
/// `Unknown` holding its JSON text, so it never fails the response around it.
#[doc(hidden)]
pub fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct OpenEnumVisitor<T>(std::marker::PhantomData<T>);

    impl<'de, T> Visitor<'de> for OpenEnumVisitor<T>
    where
        T: for<'a> From<&'a str> + From<String>,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
            Ok(T::from(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            Ok(T::from(v.to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            Ok(T::from(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
            Ok(T::from(v.to_string()))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
            Ok(T::from(v.to_string()))
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            let value = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
            Ok(T::from(value.to_string()))
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
            let value = serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
            Ok(T::from(value.to_string()))
        }
    }

    deserializer.deserialize_any(OpenEnumVisitor(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct WithId {
        #[serde(default, deserialize_with = "super::id")]
        id: String,
        #[serde(default, deserialize_with = "super::optional_id")]
        other: Option<String>,
        #[serde(default, deserialize_with = "super::null_as_default")]
        list: Vec<i64>,
    }

    #[test]
    fn ids_accept_strings_integers_and_null() {
        let v: WithId = serde_json::from_str(r#"{"id": 991267493, "other": "abc", "list": null}"#).unwrap();
        assert_eq!(v.id, "991267493");
        assert_eq!(v.other.as_deref(), Some("abc"));
        assert!(v.list.is_empty());

        let v: WithId = serde_json::from_str(r#"{"id": "x-1", "other": null, "list": [1, 2]}"#).unwrap();
        assert_eq!(v.id, "x-1");
        assert_eq!(v.other, None);
        assert_eq!(v.list, vec![1, 2]);

        let v: WithId = serde_json::from_str(r#"{"id": null, "other": -7}"#).unwrap();
        assert_eq!(v.id, "");
        assert_eq!(v.other.as_deref(), Some("-7"));
    }

    crate::open_enum! {
        /// A test enum.
        enum Color {
            /// Red.
            Red = "red",
        }
    }

    #[test]
    fn open_enums_keep_unknown_values_of_any_json_type() {
        let colors: Vec<Color> = serde_json::from_str(r#"["red", "blue", 3, true, {"a": 1}, [1]]"#).unwrap();
        let raw: Vec<&str> = colors.iter().map(Color::as_str).collect();
        assert_eq!(raw, ["red", "blue", "3", "true", r#"{"a":1}"#, "[1]"]);
        assert_eq!(colors[0], Color::Red);
        assert_eq!(colors[1], Color::Unknown("blue".into()));
        assert_eq!(serde_json::to_string(&colors[..2]).unwrap(), r#"["red","blue"]"#);
        assert_eq!(Color::from("red").to_string(), "red");
    }

    #[test]
    fn an_id_that_is_an_object_is_a_clear_error() {
        let err = serde_json::from_str::<WithId>(r#"{"id": {"a": 1}}"#).err().unwrap();
        assert!(err.to_string().contains("an id as a string or an integer"), "{err}");
    }

    #[test]
    fn numbers_and_timestamps_read_from_digit_strings() {
        #[derive(Debug, Default, serde::Deserialize)]
        #[serde(default)]
        struct Counts {
            #[serde(deserialize_with = "crate::serde_helpers::optional_int")]
            created_at: Option<i64>,
            #[serde(deserialize_with = "crate::serde_helpers::optional_int")]
            count: Option<i64>,
            #[serde(deserialize_with = "crate::serde_helpers::int_list")]
            team_ids: Vec<i64>,
            #[serde(deserialize_with = "crate::serde_helpers::optional_number")]
            spend: Option<serde_json::Number>,
        }
        let v: Counts = serde_json::from_str(
            r#"{"created_at": "1700000000", "count": 3.0, "team_ids": ["1", 2, null], "spend": "12.50"}"#,
        )
        .unwrap();
        assert_eq!(v.created_at, Some(1_700_000_000));
        assert_eq!(v.count, Some(3));
        assert_eq!(v.team_ids, [1, 2]);
        assert_eq!(v.spend.unwrap().as_f64(), Some(12.5));
        let v: Counts = serde_json::from_str(r#"{"created_at": null, "count": "", "team_ids": null}"#).unwrap();
        assert_eq!((v.created_at, v.count, v.team_ids.len(), v.spend), (None, None, 0, None));
        let err = serde_json::from_str::<Counts>(r#"{"created_at": "yesterday"}"#).unwrap_err();
        assert!(err.to_string().contains("`yesterday` is not an integer"), "{err}");
        assert!(serde_json::from_str::<Counts>(r#"{"count": 1.5}"#).is_err());
    }
}
