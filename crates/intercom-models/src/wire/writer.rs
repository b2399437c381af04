//! Writing a generated struct: its fields in order (as sent, where that was kept and still holds), then the
//! members it has no field for.

use std::marker::PhantomData;

use serde::ser::{Serialize, SerializeMap, Serializer};

use std::borrow::Cow;

use serde_json::Value;

use super::Form;
use crate::extra::SentAs;
use crate::Extra;

/// Whether a field holds nothing worth writing: `None`, an empty list or map, an empty id, an absent
/// [`Nullable`](crate::Nullable).
pub(crate) trait Empty {
    fn is_empty(&self) -> bool;
}

impl<T> Empty for Option<T> {
    fn is_empty(&self) -> bool {
        self.is_none()
    }
}

impl Empty for String {
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
}

impl<T> Empty for Vec<T> {
    fn is_empty(&self) -> bool {
        <[T]>::is_empty(self)
    }
}

impl Empty for serde_json::Map<String, serde_json::Value> {
    fn is_empty(&self) -> bool {
        serde_json::Map::is_empty(self)
    }
}

impl<T> Empty for std::collections::BTreeMap<String, T> {
    fn is_empty(&self) -> bool {
        std::collections::BTreeMap::is_empty(self)
    }
}

impl<T> Empty for crate::Nullable<T> {
    fn is_empty(&self) -> bool {
        self.is_absent()
    }
}

/// Writes one struct's members.
pub(crate) struct Writer<'a, M> {
    map: M,
    extra: &'a Extra,
    written: u64,
}

impl<'a, M: SerializeMap> Writer<'a, M> {
    /// Starts writing a struct whose kept members are in `extra`.
    pub(crate) fn start<S: Serializer<SerializeMap = M, Error = M::Error>>(
        serializer: S,
        extra: &'a Extra,
    ) -> Result<Self, M::Error> {
        Ok(Self { map: serializer.serialize_map(None)?, extra, written: 0 })
    }

    /// A member that is always written (a required field of a request).
    pub(crate) fn always<T: PartialEq + Serialize, F: Form<T>>(
        &mut self,
        index: usize,
        key: &'static str,
        value: &T,
        _form: F,
    ) -> Result<(), M::Error> {
        if !self.as_sent::<T, F>(index, key, value)? {
            self.map.serialize_entry(key, &Written::<T, F>(value, PhantomData))?;
        }
        self.written |= 1 << index;
        Ok(())
    }

    /// A member written when it holds something, or when it still holds what it was sent as.
    pub(crate) fn unless_empty<T: PartialEq + Empty + Serialize, F: Form<T>>(
        &mut self,
        index: usize,
        key: &'static str,
        value: &T,
        _form: F,
    ) -> Result<(), M::Error> {
        if !self.as_sent::<T, F>(index, key, value)? {
            if value.is_empty() {
                return Ok(());
            }
            self.map.serialize_entry(key, &Written::<T, F>(value, PhantomData))?;
        }
        self.written |= 1 << index;
        Ok(())
    }

    /// Writes the JSON the member was sent as, if it was kept and the field still holds what it reads as.
    fn as_sent<T: PartialEq + Serialize, F: Form<T>>(
        &mut self,
        index: usize,
        key: &'static str,
        value: &T,
    ) -> Result<bool, M::Error> {
        let sent = match self.extra.sent(index, key) {
            None => return Ok(false),
            Some(SentAs::Null) => Cow::Owned(Value::Null),
            Some(SentAs::Empty) => Cow::Owned(F::empty()),
            Some(SentAs::Json(json)) => Cow::Borrowed(json),
            Some(SentAs::Number) => match number_spelled(value) {
                Some(number) => Cow::Owned(number),
                None => return Ok(false),
            },
        };
        let unchanged = F::read(sent.as_ref(), &mut None).is_ok_and(|read| read == *value);
        if unchanged {
            self.map.serialize_entry(key, sent.as_ref())?;
        }
        Ok(unchanged)
    }

    /// Writes the members the struct has no field for (and any named like a field that was not written),
    /// and ends the object.
    pub(crate) fn end(mut self, index: fn(&str) -> Option<usize>) -> Result<M::Ok, M::Error> {
        for (key, value) in self.extra.iter() {
            let written = index(key).is_some_and(|index| self.written & (1 << index) != 0);
            if !written {
                self.map.serialize_entry(key, value)?;
            }
        }
        self.map.end()
    }
}

/// The JSON integer a field's string value spells (`"42"` → `42`), if it spells one.
fn number_spelled<T: Serialize>(value: &T) -> Option<Value> {
    match serde_json::to_value(value).ok()? {
        Value::String(text) => match text.parse::<i64>() {
            Ok(number) => Some(number.into()),
            Err(_) => text.parse::<u64>().ok().map(Value::from),
        },
        _ => None,
    }
}

/// Whether a list struct that came as a bare array is written back as one: it did, and it holds nothing but
/// its items (`others_empty` says the same of its other fields).
pub(crate) fn as_bare_list(extra: &Extra, others_empty: bool) -> bool {
    extra.came_as_bare_list() && others_empty && extra.is_empty()
}

struct Written<'v, T, F>(&'v T, PhantomData<F>);

impl<T: Serialize, F: Form<T>> Serialize for Written<'_, T, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        F::write(self.0, serializer)
    }
}
