//! Forms: how one field reads its JSON (tolerantly) and writes it back, and when the JSON as sent must be
//! kept because the typed value would not write it again.

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Number, Value};

use super::Empty;
use crate::serde_helpers::{read_id, read_int};
use crate::Nullable;

/// How a field of type `T` reads and writes its JSON member.
pub(crate) trait Form<T: Serialize> {
    /// The value; `sent_as` is set to the JSON as sent when writing the value would not give it back.
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<T, D::Error>;

    /// Writes the value (as its own serde implementation does, unless the form says otherwise).
    fn write<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    /// The empty JSON this form reads as an empty value (`[]`, or `{}` for a map).
    fn empty() -> Value {
        Value::Array(Vec::new())
    }
}

/// A value read and written by its own serde implementation (nested models, enums, strings, flags).
pub(crate) struct Plain;

impl<T: DeserializeOwned + Serialize> Form<T> for Plain {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, _: &mut Option<Value>) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// An optional value: `null` reads as `None`, and is kept to be written back.
pub(crate) struct Maybe;

impl<T: DeserializeOwned + Serialize> Form<Option<T>> for Maybe {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<Option<T>, D::Error> {
        let value = Option::<T>::deserialize(deserializer)?;
        if value.is_none() {
            *sent_as = Some(Value::Null);
        }
        Ok(value)
    }
}

/// A list or map that `null` reads as empty. An empty one is kept as sent (`null`, `[]` or `{}`), since
/// an empty collection nobody sent is not written.
pub(crate) struct Collection;

/// A collection type, for [`Collection`]: the JSON of an empty one.
pub(crate) trait Items: Default + Empty {
    fn empty_json() -> Value;
}

impl<T> Items for Vec<T> {
    fn empty_json() -> Value {
        Value::Array(Vec::new())
    }
}

impl Items for serde_json::Map<String, Value> {
    fn empty_json() -> Value {
        Value::Object(serde_json::Map::new())
    }
}

impl<T> Items for std::collections::BTreeMap<String, T> {
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
        let items = Option::<T>::deserialize(deserializer)?;
        match &items {
            None => *sent_as = Some(Value::Null),
            Some(items) if items.is_empty() => *sent_as = Some(T::empty_json()),
            Some(_) => {}
        }
        Ok(items.unwrap_or_default())
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

/// What to keep of an integer-typed id written by [`crate::serde_helpers::integer_id`]: a number it writes
/// back as the same number is exact, a numeric string it writes as a number is not.
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
        let (id, sent) = read_id(deserializer)?;
        *sent_as = sent;
        Ok(id.unwrap_or_default())
    }
}

impl Form<String> for IntegerId {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<String, D::Error> {
        let (id, sent) = read_id(deserializer)?;
        *sent_as = integer_id_sent(&id, sent);
        Ok(id.unwrap_or_default())
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
        let (id, sent) = read_id(deserializer)?;
        *sent_as = sent;
        Ok(id)
    }
}

impl Form<Option<String>> for MaybeIntegerId {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        sent_as: &mut Option<Value>,
    ) -> Result<Option<String>, D::Error> {
        let (id, sent) = read_id(deserializer)?;
        *sent_as = integer_id_sent(&id, sent);
        Ok(id)
    }
    fn write<S: Serializer>(value: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
        crate::serde_helpers::optional_integer_id(value, serializer)
    }
}

/// An integer id a request sends as a JSON integer, read from an integer or a numeric string.
pub(crate) struct IntId;
/// [`IntId`] that may be absent.
pub(crate) struct MaybeIntId;

fn read_int_id<'de, D: Deserializer<'de>>(
    deserializer: D,
    sent_as: &mut Option<Value>,
) -> Result<Option<i64>, D::Error> {
    let (id, sent) = read_id(deserializer)?;
    let Some(text) = id else {
        *sent_as = sent;
        return Ok(None);
    };
    let number = text.parse().map_err(|_| de::Error::custom(format!("`{text}` is not an integer id")))?;
    // A numeric string is written back as a number: keep the string.
    if sent.is_none() {
        *sent_as = Some(Value::String(text));
    }
    Ok(Some(number))
}

impl Form<i64> for IntId {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<i64, D::Error> {
        read_int_id(deserializer, sent_as)?.ok_or_else(|| de::Error::custom("an integer id, not null"))
    }
}

impl Form<Option<i64>> for MaybeIntId {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<Option<i64>, D::Error> {
        read_int_id(deserializer, sent_as)
    }
}

/// A count or a timestamp, read from an integer, a string of digits or a whole float.
pub(crate) struct MaybeInt;

impl Form<Option<i64>> for MaybeInt {
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<Option<i64>, D::Error> {
        let (value, sent) = read_int(deserializer)?;
        *sent_as = sent;
        Ok(value)
    }
}

/// A list of integers, each read as [`MaybeInt`] reads one.
pub(crate) struct IntList;

impl Form<Vec<i64>> for IntList {
    fn read<'de, D: Deserializer<'de>>(deserializer: D, sent_as: &mut Option<Value>) -> Result<Vec<i64>, D::Error> {
        let sent = Option::<Value>::deserialize(deserializer)?.unwrap_or(Value::Null);
        let numbers = crate::serde_helpers::int_list(&sent).map_err(de::Error::custom)?;
        let exact = matches!(&sent, Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_i64));
        if !exact {
            *sent_as = Some(sent);
        }
        Ok(numbers)
    }
}

/// A number kept exactly, read from a JSON number or a numeric string.
pub(crate) struct MaybeNumber;

impl Form<Option<Number>> for MaybeNumber {
    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        sent_as: &mut Option<Value>,
    ) -> Result<Option<Number>, D::Error> {
        let sent = Option::<Value>::deserialize(deserializer)?.unwrap_or(Value::Null);
        if let Value::Number(number) = sent {
            return Ok(Some(number));
        }
        let number = crate::serde_helpers::optional_number(&sent).map_err(de::Error::custom)?;
        *sent_as = Some(sent);
        Ok(number)
    }
}

/// A free-form object a request sends: anything decodes, only an object is sent. (No description has a
/// required one today; the generator would use it for one.)
#[allow(dead_code)]
pub(crate) struct JsonObject;
/// [`JsonObject`] that may be absent.
pub(crate) struct MaybeJsonObject;

impl Form<Value> for JsonObject {
    fn read<'de, D: Deserializer<'de>>(deserializer: D, _: &mut Option<Value>) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }
    fn write<S: Serializer>(value: &Value, serializer: S) -> Result<S::Ok, S::Error> {
        crate::serde_helpers::json_object(value, serializer)
    }
}

impl Form<Option<Value>> for MaybeJsonObject {
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
    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        sent_as: &mut Option<Value>,
    ) -> Result<Nullable<String>, D::Error> {
        // `null` is written back as `null`: only a number sent for the id is kept.
        let (id, sent) = read_id(deserializer)?;
        Ok(match id {
            Some(id) => {
                *sent_as = sent;
                Nullable::Value(id)
            }
            None => Nullable::Null,
        })
    }
}

impl Form<Nullable<i64>> for NullableIntId {
    fn read<'de, D: Deserializer<'de>>(
        deserializer: D,
        sent_as: &mut Option<Value>,
    ) -> Result<Nullable<i64>, D::Error> {
        let mut sent = None;
        let id = read_int_id(deserializer, &mut sent)?;
        Ok(match id {
            Some(id) => {
                *sent_as = sent;
                Nullable::Value(id)
            }
            None => Nullable::Null,
        })
    }
}
