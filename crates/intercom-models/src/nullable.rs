//! [`Nullable`]: a request field that can be left out, sent as `null`, or sent with a value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field of an update that can be left out (the default: Intercom keeps what it has), sent as `null`
/// (Intercom clears it), or sent with a value.
///
/// The update bodies' setters set a value (`UpdateContactRequest::new().phone("+1 555")`); their
/// `clear_*` twins send `null` (`.clear_phone()`). A field you never touch is not sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[doc(alias = "Clearable")]
#[doc(alias = "Patch")]
pub enum Nullable<T> {
    /// Not sent: Intercom keeps the value it has.
    #[default]
    Absent,
    /// Sent as `null`: Intercom clears the value.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the field is left out.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the field is sent as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value sent, if one is.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value sent, if one is, taken out.
    pub fn into_value(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => value.serialize(serializer),
            Self::Absent | Self::Null => serializer.serialize_none(),
        }
    }
}

/// A member that is present reads as `Null` or `Value`; one that is missing stays `Absent` (the default).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Self::Value(value),
            None => Self::Null,
        })
    }
}
