//! Reading a generated struct: one visitor for all of them, which hands each known member to the type and
//! keeps the others in its [`Extra`].

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::Form;
use crate::Extra;

/// A generated struct, as the reader and writer see it.
pub(crate) trait Members: Sized {
    /// What the struct is built in while its members arrive: the struct itself when every field has a
    /// default, else a struct with the required fields as `Option`s.
    type Partial: Default;

    /// What a value of this type looks like, for errors ("a Contact object").
    const EXPECTING: &'static str;

    /// Whether a bare JSON array reads as the struct's `data` list (a list answer without its wrapper).
    const BARE_LIST: bool = false;

    /// The position of the member named `key` among the struct's fields.
    fn index(key: &str) -> Option<usize>;

    /// Where the partial value keeps what it has no field for.
    fn extra(partial: &mut Self::Partial) -> &mut Extra;

    /// Reads the value of the member at `index` (its name just read) into the partial value.
    fn read_member<'de, A: MapAccess<'de>>(
        partial: &mut Self::Partial,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;

    /// Reads a bare array into the `data` list (only called when [`Self::BARE_LIST`]).
    fn read_items<'de, A: SeqAccess<'de>>(_partial: &mut Self::Partial, _items: A) -> Result<(), A::Error> {
        Err(de::Error::custom("a bare list where an object was expected"))
    }

    /// The value, or the name of a required member that never came.
    fn finish(partial: Self::Partial) -> Result<Self, &'static str>;
}

/// Reads a `T` from any JSON deserializer.
pub(crate) fn read<'de, D: Deserializer<'de>, T: Members>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(ObjectVisitor::<T>(PhantomData))
}

/// Reads a bare array of items.
pub(crate) fn items<'de, A: SeqAccess<'de>, T: DeserializeOwned>(items: A) -> Result<Vec<T>, A::Error> {
    Vec::<T>::deserialize(de::value::SeqAccessDeserializer::new(items))
}

/// The value of the member just named, read in its form; how it was sent is kept in `extra` when the value
/// would not write it back.
#[inline(always)]
pub(crate) fn value<'de, A: MapAccess<'de>, T: serde::Serialize, F: Form<T>>(
    map: &mut A,
    extra: &mut Extra,
    index: usize,
    key: &'static str,
    _form: F,
) -> Result<T, A::Error> {
    let mut sent = None;
    let value = map.next_value_seed(FormSeed::<T, F> { sent: &mut sent, form: PhantomData })?;
    extra.keep_sent(index, key, sent);
    Ok(value)
}

struct FormSeed<'a, T, F> {
    sent: &'a mut Option<Value>,
    form: PhantomData<(T, F)>,
}

impl<'de, T: serde::Serialize, F: Form<T>> DeserializeSeed<'de> for FormSeed<'_, T, F> {
    type Value = T;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        F::read(deserializer, self.sent)
    }
}

/// The position a member name has among `T`'s fields, or [`UNKNOWN`] with the name kept aside (a small
/// value to return for every member, an allocation only for the names `T` does not know).
struct KeySeed<'a, T> {
    unknown: &'a mut Option<String>,
    fields: PhantomData<T>,
}

/// What [`KeySeed`] gives for a member name its type has no field for.
const UNKNOWN: usize = usize::MAX;

impl<'de, T: Members> DeserializeSeed<'de> for KeySeed<'_, T> {
    type Value = usize;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, T: Members> Visitor<'de> for KeySeed<'_, T> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }
    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        Ok(match T::index(key) {
            Some(index) => index,
            None => {
                *self.unknown = Some(key.to_owned());
                UNKNOWN
            }
        })
    }
    fn visit_string<E: de::Error>(self, key: String) -> Result<usize, E> {
        Ok(match T::index(&key) {
            Some(index) => index,
            None => {
                *self.unknown = Some(key);
                UNKNOWN
            }
        })
    }
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Members> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut partial = T::Partial::default();
        let mut unknown = None;
        while let Some(index) = map.next_key_seed(KeySeed::<T> { unknown: &mut unknown, fields: PhantomData })? {
            match (index, unknown.take()) {
                (UNKNOWN, Some(name)) => {
                    let value: Value = map.next_value()?;
                    T::extra(&mut partial).insert(name, value);
                }
                (index, _) => T::read_member(&mut partial, index, &mut map)?,
            }
        }
        T::finish(partial).map_err(de::Error::missing_field)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<T, A::Error> {
        if !T::BARE_LIST {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        let mut partial = T::Partial::default();
        T::read_items(&mut partial, items)?;
        T::extra(&mut partial).set_bare_list();
        T::finish(partial).map_err(de::Error::missing_field)
    }
}
