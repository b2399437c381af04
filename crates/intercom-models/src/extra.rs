//! [`Extra`]: the members of a JSON object that its model has no field for.

use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde_json::{Map, Value};

/// The members of a JSON object that its model has no field for, kept as sent and written back when the
/// model is encoded: a field Intercom adds after this release still reaches you, and nothing you decode is
/// lost when you store or forward it.
///
/// It reads and writes as a [`serde_json::Map`] (it dereferences to one): `contact.extra.get("new_field")`,
/// `body.extra.insert("beta_flag".into(), json!(true))` to send a member the model does not know yet. A
/// member named like one of the model's fields is written from the field, unless the field is empty.
///
/// It also remembers, for the model's own fields, the JSON they were sent as where the typed value would
/// write something else (`null` for a value that is absent, an id sent as a number, a count sent as a
/// string, an empty list): encoding writes that JSON again while the field still holds the value it was
/// decoded to, so decoding and encoding give back the same JSON (an id sent as a number is written as a
/// number while it holds digits). Equality and `Debug` see only the members.
#[derive(Clone, Default)]
#[doc(alias = "additional_properties")]
#[doc(alias = "unknown_fields")]
pub struct Extra {
    /// Fields (by position) sent as `null`.
    nulls: u64,
    /// Fields (by position) sent as an empty list or object; with the same bit in `others`, sent as the
    /// integer their string value spells (an id sent as `42`), which needs nothing kept.
    empties: u64,
    /// Fields (by position) sent in another form, kept by name in `more` (unless also in `empties`).
    others: u64,
    /// Everything else, allocated only when there is some.
    more: Option<Box<More>>,
}

#[derive(Clone, Default)]
struct More {
    members: Map<String, Value>,
    /// Fields sent in another form than their value writes (an id sent as a number...), by name.
    sent: Vec<(&'static str, Value)>,
    bare_list: bool,
}

/// How a field was sent, when its value would not write it back.
pub(crate) enum SentAs<'a> {
    Null,
    Empty,
    /// As the integer the field's string spells.
    Number,
    Json(&'a Value),
}

fn no_members() -> &'static Map<String, Value> {
    static EMPTY: OnceLock<Map<String, Value>> = OnceLock::new();
    EMPTY.get_or_init(Map::new)
}

impl Extra {
    /// The members, as a map.
    pub fn as_map(&self) -> &Map<String, Value> {
        self
    }

    /// The members, as a map, taken out.
    pub fn into_map(self) -> Map<String, Value> {
        self.more.map(|more| more.members).unwrap_or_default()
    }

    /// Whether the object came as a bare JSON array: a list answer without its `{"type": "list", "data": ..}`
    /// wrapper, which some endpoints send.
    pub fn came_as_bare_list(&self) -> bool {
        self.more.as_ref().is_some_and(|more| more.bare_list)
    }

    /// Remembers how the field at `index` (named `key`) was sent: `None` when its value writes it back.
    #[inline(always)]
    pub(crate) fn keep_sent(&mut self, index: usize, key: &'static str, sent: Option<Value>) {
        let bit = 1u64 << index;
        match sent {
            None if (self.nulls | self.empties | self.others) & bit == 0 => {}
            Some(Value::Null) => self.nulls |= bit,
            sent => self.keep_sent_slowly(bit, key, sent),
        }
    }

    #[inline(never)]
    fn keep_sent_slowly(&mut self, bit: u64, key: &'static str, sent: Option<Value>) {
        if self.others & !self.empties & bit != 0 {
            if let Some(more) = &mut self.more {
                more.sent.retain(|(k, _)| *k != key);
            }
        }
        self.nulls &= !bit;
        self.empties &= !bit;
        self.others &= !bit;
        match sent {
            None => {}
            Some(Value::Null) => self.nulls |= bit,
            Some(Value::Array(items)) if items.is_empty() => self.empties |= bit,
            Some(Value::Object(members)) if members.is_empty() => self.empties |= bit,
            Some(Value::Number(number)) if number.is_i64() || number.is_u64() => {
                self.empties |= bit;
                self.others |= bit;
            }
            Some(other) => {
                self.others |= bit;
                self.more_mut().sent.push((key, other));
            }
        }
    }

    /// How the field at `index` (named `key`) was sent, if its value would not write it back.
    #[inline]
    pub(crate) fn sent(&self, index: usize, key: &str) -> Option<SentAs<'_>> {
        let bit = 1u64 << index;
        if self.nulls & bit != 0 {
            Some(SentAs::Null)
        } else if self.empties & self.others & bit != 0 {
            Some(SentAs::Number)
        } else if self.empties & bit != 0 {
            Some(SentAs::Empty)
        } else if self.others & bit != 0 {
            let more = self.more.as_ref()?;
            more.sent.iter().find(|(k, _)| *k == key).map(|(_, v)| SentAs::Json(v))
        } else {
            None
        }
    }

    pub(crate) fn set_bare_list(&mut self) {
        self.more_mut().bare_list = true;
    }

    fn more_mut(&mut self) -> &mut More {
        self.more.get_or_insert_with(Box::default)
    }
}

impl Deref for Extra {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Map<String, Value> {
        match &self.more {
            Some(more) => &more.members,
            None => no_members(),
        }
    }
}

impl DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.more_mut().members
    }
}

impl From<Map<String, Value>> for Extra {
    fn from(members: Map<String, Value>) -> Self {
        let more = (!members.is_empty()).then(|| Box::new(More { members, ..More::default() }));
        Self { more, ..Self::default() }
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl serde::Serialize for Extra {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&**self, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Extra {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <Map<String, Value> as serde::Deserialize>::deserialize(deserializer).map(Self::from)
    }
}
