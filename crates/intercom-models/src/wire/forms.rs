//! Forms: how one field reads its JSON (tolerantly) and writes it back, and when the JSON as sent must be
//! kept because the typed value would not write it again.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Number, Value};

use crate::Nullable;

/// How a field of type `T` reads and writes its JSON member.
pub(crate) trait Form<T> {
    /// The value; `sent_as` is set to the JSON as sent when writing the value would not give it back.
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<T, D::Error>;

    /// Writes the value.
    fn write<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;

    /// The empty JSON this form reads as an empty value (`[]`, or `{}` for a map).
    fn empty() -> Value {
        Value::Array(Vec::new())
    }
}

/// A value read and written by its own serde implementation (nested models, enums, strings, flags).
pub(crate) struct Plain;

impl<T: DeserializeOwned + Serialize> Form<T> for Plain {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<T, D::Error> {
        let read = move || -> Result<(T, Option<Value>), D::Error> { Ok((T::deserialize(deserializer)?, None)) };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

/// An optional value: `null` reads as `None`, and is kept to be written back.
pub(crate) struct Maybe;

impl<T: DeserializeOwned + Serialize> Form<Option<T>> for Maybe {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<Option<T>, D::Error> {
        let read = move || -> Result<(Option<T>, Option<Value>), D::Error> {
            let value = Option::<T>::deserialize(deserializer)?;
            let sent = value.is_none().then_some(Value::Null);
            Ok((value, sent))
        };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

/// A list or map that `null` reads as empty. An empty one is kept as sent (`null`, `[]` or `{}`), since
/// an empty collection nobody sent is not written.
pub(crate) struct Collection;

/// A collection type, for [`Collection`] and [`Empty`](super::Empty).
pub(crate) trait Items: Default {
    fn has_none(&self) -> bool;
    fn empty_json() -> Value;
}

impl<T> Items for Vec<T> {
    fn has_none(&self) -> bool {
        self.is_empty()
    }
    fn empty_json() -> Value {
        Value::Array(Vec::new())
    }
}

impl Items for serde_json::Map<String, Value> {
    fn has_none(&self) -> bool {
        self.is_empty()
    }
    fn empty_json() -> Value {
        Value::Object(serde_json::Map::new())
    }
}

impl<T> Items for std::collections::BTreeMap<String, T> {
    fn has_none(&self) -> bool {
        self.is_empty()
    }
    fn empty_json() -> Value {
        Value::Object(serde_json::Map::new())
    }
}

impl<T: DeserializeOwned + Serialize + Items> Form<T> for Collection {
    fn empty() -> Value {
        T::empty_json()
    }
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<T, D::Error> {
        let read = move || -> Result<(T, Option<Value>), D::Error> {
            Ok(match Option::<T>::deserialize(deserializer)? {
                None => (T::default(), Some(Value::Null)),
                Some(items) if items.has_none() => (items, Some(T::empty_json())),
                Some(items) => (items, None),
            })
        };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

/// An id the API sends as a string or an integer, read as a string (`null` as `""`).
pub(crate) struct Id;
/// [`Id`] for an id the description types as an integer: written as a JSON integer when it is one.
pub(crate) struct IntegerId;
/// [`Id`] that may be absent.
pub(crate) struct MaybeId;
/// [`IntegerId`] that may be absent.
pub(crate) struct MaybeIntegerId;

/// Reads an id as text, with the JSON as sent when it was not a string.
fn read_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(Option<String>, Option<Value>), D::Error> {
    struct IdVisitor;

    impl<'de> Visitor<'de> for IdVisitor {
        type Value = (Option<String>, Option<Value>);

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
            Ok((Some(v.to_string()), Some(Value::from(v))))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok((Some(v.to_string()), Some(Value::from(v))))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok((None, Some(Value::Null)))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok((None, Some(Value::Null)))
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(IdVisitor)
        }
    }

    deserializer.deserialize_any(IdVisitor)
}

/// Whether an integer-typed id written by [`crate::serde_helpers::integer_id`] gives back what was sent.
fn integer_id_sent(id: &Option<String>, sent: Option<Value>) -> Option<Value> {
    let written_as_number = id.as_deref().is_some_and(|id| id.parse::<i64>().is_ok());
    match (sent, id) {
        (Some(Value::Number(_)), _) if written_as_number => None,
        (None, Some(id)) if written_as_number => Some(Value::String(id.clone())),
        (sent, _) => sent,
    }
}

impl Form<String> for Id {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<String, D::Error> {
        let read = move || -> Result<(String, Option<Value>), D::Error> {
            let (id, sent) = read_id(deserializer)?;
            Ok((id.unwrap_or_default(), sent))
        };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &String, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value)
    }
}

impl Form<String> for IntegerId {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<String, D::Error> {
        let read = move || -> Result<(String, Option<Value>), D::Error> {
            let (id, sent) = read_id(deserializer)?;
            let sent = integer_id_sent(&id, sent);
            Ok((id.unwrap_or_default(), sent))
        };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &String, serializer: S) -> Result<S::Ok, S::Error> {
        crate::serde_helpers::integer_id(value, serializer)
    }
}

impl Form<Option<String>> for MaybeId {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        sent_as: &mut Option<Value>,
    ) -> Result<Option<String>, D::Error> {
        let read = move || -> Result<(Option<String>, Option<Value>), D::Error> { read_id(deserializer) };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl Form<Option<String>> for MaybeIntegerId {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        sent_as: &mut Option<Value>,
    ) -> Result<Option<String>, D::Error> {
        let read = move || -> Result<(Option<String>, Option<Value>), D::Error> {
            let (id, sent) = read_id(deserializer)?;
            let sent = integer_id_sent(&id, sent);
            Ok((id, sent))
        };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
        crate::serde_helpers::optional_integer_id(value, serializer)
    }
}

/// An integer id a request sends as a JSON integer, read from an integer or a numeric string.
pub(crate) struct IntId;
/// [`IntId`] that may be absent.
pub(crate) struct MaybeIntId;

fn read_int_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(Option<i64>, Option<Value>), D::Error> {
    let (id, sent) = read_id(deserializer)?;
    let Some(text) = id else { return Ok((None, sent)) };
    let number = text.parse().map_err(|_| de::Error::custom(format!("`{text}` is not an integer id")))?;
    // A numeric string is written back as a number: keep the string.
    let sent = if sent.is_none() { Some(Value::String(text)) } else { None };
    Ok((Some(number), sent))
}

impl Form<i64> for IntId {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<i64, D::Error> {
        let read = move || -> Result<(i64, Option<Value>), D::Error> {
            match read_int_id(deserializer)? {
                (Some(number), sent) => Ok((number, sent)),
                (None, _) => Err(de::Error::custom("an integer id, not null")),
            }
        };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(*value)
    }
}

impl Form<Option<i64>> for MaybeIntId {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<Option<i64>, D::Error> {
        let read = move || -> Result<(Option<i64>, Option<Value>), D::Error> { read_int_id(deserializer) };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &Option<i64>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

/// A count or a timestamp, read from an integer, a string of digits or a whole float.
pub(crate) struct MaybeInt;

impl Form<Option<i64>> for MaybeInt {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<Option<i64>, D::Error> {
        let read =
            move || -> Result<(Option<i64>, Option<Value>), D::Error> { crate::serde_helpers::read_int(deserializer) };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &Option<i64>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

/// A list of integers, each read as [`MaybeInt`] reads one.
pub(crate) struct IntList;

impl Form<Vec<i64>> for IntList {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<Vec<i64>, D::Error> {
        let read = move || -> Result<(Vec<i64>, Option<Value>), D::Error> {
            let sent = Option::<Value>::deserialize(deserializer)?.unwrap_or(Value::Null);
            let numbers = crate::serde_helpers::int_list(&sent).map_err(de::Error::custom)?;
            let exact = matches!(&sent, Value::Array(items) if !items.is_empty()
                && items.iter().all(|item| item.is_i64()));
            Ok((numbers, (!exact).then_some(sent)))
        };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &Vec<i64>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

/// A number kept exactly, read from a JSON number or a numeric string.
pub(crate) struct MaybeNumber;

impl Form<Option<Number>> for MaybeNumber {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        sent_as: &mut Option<Value>,
    ) -> Result<Option<Number>, D::Error> {
        let read = move || -> Result<(Option<Number>, Option<Value>), D::Error> {
            let sent = Option::<Value>::deserialize(deserializer)?.unwrap_or(Value::Null);
            if let Value::Number(number) = sent {
                return Ok((Some(number), None));
            }
            let number = crate::serde_helpers::optional_number(&sent).map_err(de::Error::custom)?;
            Ok((number, Some(sent)))
        };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &Option<Number>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

/// A free-form object a request sends: anything decodes, only an object is sent. (No description has a
/// required one today; the generator would use it for one.)
#[allow(dead_code)]
pub(crate) struct JsonObject;
/// [`JsonObject`] that may be absent.
pub(crate) struct MaybeJsonObject;

impl Form<Value> for JsonObject {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<Value, D::Error> {
        let read =
            move || -> Result<(Value, Option<Value>), D::Error> { Ok((Value::deserialize(deserializer)?, None)) };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &Value, serializer: S) -> Result<S::Ok, S::Error> {
        crate::serde_helpers::json_object(value, serializer)
    }
}

impl Form<Option<Value>> for MaybeJsonObject {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        sent_as: &mut Option<Value>,
    ) -> Result<Option<Value>, D::Error> {
        <Maybe as Form<Option<Value>>>::read(deserializer, sent_as)
    }
    fn write<S: Serializer>(value: &Option<Value>, serializer: S) -> Result<S::Ok, S::Error> {
        crate::serde_helpers::optional_json_object(value, serializer)
    }
}

/// An id of an update that can be sent as `null` ([`Id`]'s reading, three states).
pub(crate) struct NullableId;
/// An integer id of an update that can be sent as `null` ([`IntId`]'s reading, three states).
pub(crate) struct NullableIntId;

impl Form<Nullable<String>> for NullableId {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        sent_as: &mut Option<Value>,
    ) -> Result<Nullable<String>, D::Error> {
        let read = move || -> Result<(Nullable<String>, Option<Value>), D::Error> {
            Ok(match read_id(deserializer)? {
                (Some(id), sent) => (Nullable::Value(id), sent),
                (None, _) => (Nullable::Null, None),
            })
        };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &Nullable<String>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl Form<Nullable<i64>> for NullableIntId {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        sent_as: &mut Option<Value>,
    ) -> Result<Nullable<i64>, D::Error> {
        let read = move || -> Result<(Nullable<i64>, Option<Value>), D::Error> {
            Ok(match read_int_id(deserializer)? {
                (Some(id), sent) => (Nullable::Value(id), sent),
                (None, _) => (Nullable::Null, None),
            })
        };
        let (value, sent) = read()?;
        *sent_as = sent;
        Ok(value)
    }
    fn write<S: Serializer>(value: &Nullable<i64>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}
