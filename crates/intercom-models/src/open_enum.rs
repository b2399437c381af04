//! The `open_enum!` macro: a string enum that keeps values it does not know.

/// Declares a string enum whose unknown values decode to `Unknown(String)` instead of failing.
///
/// The enum is `#[non_exhaustive]` (Intercom adds values; a new one may become a variant in a minor
/// release) and gets `as_str()`, `Display`, `From<&str>`, `From<String>`, `Serialize` and `Deserialize`.
/// A non-string JSON scalar (a number or a boolean) also decodes, to `Unknown` with its text.
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the SDK does not know, kept exactly as the server sent it.
            Unknown(::std::string::String),
        }

        impl $name {
            /// The value as it appears in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )+
                    Self::Unknown(raw) => raw,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(raw: &str) -> Self {
                match raw {
                    $( $value => Self::$variant, )+
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(raw: ::std::string::String) -> Self {
                match raw.as_str() {
                    $( $value => Self::$variant, )+
                    _ => Self::Unknown(raw),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::serde_helpers::deserialize_open_enum(deserializer)
            }
        }
    };
}
