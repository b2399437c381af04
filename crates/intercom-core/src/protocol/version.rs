//! The `Intercom-Version` a request is sent with: a typed value that still lets any string through.

use std::borrow::Cow;
use std::fmt;

/// An API version, as sent in the `Intercom-Version` header.
///
/// The versions this SDK knows are constants ([`ApiVersion::V2_16`], [`ApiVersion::PREVIEW`], ...); any other
/// string is kept as it is (`ApiVersion::new("2.17")`), so a version newer than the SDK can still be sent.
/// Only known versions are checked against the versions an operation exists in (see
/// [`Operation::availability`](crate::protocol::Operation::availability)).
///
/// ```
/// use intercom_ureq::ApiVersion;
/// assert_eq!(ApiVersion::from("2.11"), ApiVersion::V2_11);
/// assert!(ApiVersion::V2_11 < ApiVersion::V2_16);
/// assert!(!ApiVersion::new("2.17").is_known());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ApiVersion(Cow<'static, str>);

macro_rules! known_versions {
    ($($name:ident = $text:literal),+ $(,)?) => {
        impl ApiVersion {
            $(
                #[doc = concat!("`Intercom-Version: ", $text, "`.")]
                pub const $name: ApiVersion = ApiVersion(Cow::Borrowed($text));
            )+

            /// Every version this SDK knows, oldest first, `Preview` last.
            pub const KNOWN: &'static [ApiVersion] = &[$(ApiVersion::$name),+];
        }
    };
}

known_versions! {
    V2_7 = "2.7", V2_8 = "2.8", V2_9 = "2.9", V2_10 = "2.10", V2_11 = "2.11", V2_12 = "2.12", V2_13 = "2.13",
    V2_14 = "2.14", V2_15 = "2.15", V2_16 = "2.16", PREVIEW = "Preview",
}

impl ApiVersion {
    /// The newest stable version, sent when none is chosen.
    pub const LATEST: ApiVersion = ApiVersion::V2_16;

    /// Any version string, known or not.
    pub fn new(version: impl Into<String>) -> Self {
        let version = version.into();
        match Self::KNOWN.iter().find(|known| known.as_str() == version) {
            Some(known) => known.clone(),
            None => Self(Cow::Owned(version)),
        }
    }

    /// The header value.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this SDK knows the version (and so which operations it has).
    pub fn is_known(&self) -> bool {
        Self::KNOWN.contains(self)
    }

    /// `(major, minor)` of a numbered version; `None` for `Preview` and unknown shapes.
    fn number(&self) -> Option<(u32, u32)> {
        let (major, minor) = self.0.split_once('.')?;
        Some((major.parse().ok()?, minor.parse().ok()?))
    }
}

impl PartialOrd for ApiVersion {
    /// Numbered versions in number order; `Preview` after every numbered one; anything else unordered.
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        let rank = |v: &ApiVersion| match v.number() {
            Some(n) => Some((0, n)),
            None if *v == ApiVersion::PREVIEW => Some((1, (0, 0))),
            None => None,
        };
        match (rank(self), rank(other)) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ if self == other => Some(std::cmp::Ordering::Equal),
            _ => None,
        }
    }
}

impl Default for ApiVersion {
    /// [`ApiVersion::LATEST`].
    fn default() -> Self {
        Self::LATEST
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiVersion({})", self.0)
    }
}

impl From<&str> for ApiVersion {
    fn from(version: &str) -> Self {
        Self::new(version)
    }
}

impl From<String> for ApiVersion {
    fn from(version: String) -> Self {
        Self::new(version)
    }
}

impl From<&ApiVersion> for ApiVersion {
    fn from(version: &ApiVersion) -> Self {
        version.clone()
    }
}

impl PartialEq<str> for ApiVersion {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ApiVersion {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_versions_are_recognised_and_others_pass_through() {
        assert_eq!(ApiVersion::new("2.16"), ApiVersion::V2_16);
        assert!(ApiVersion::new("Preview").is_known());
        let future = ApiVersion::new("2.17");
        assert!(!future.is_known());
        assert_eq!(future.as_str(), "2.17");
        assert_eq!(format!("{future} {future:?}"), "2.17 ApiVersion(2.17)");
        assert_eq!(ApiVersion::default(), ApiVersion::V2_16);
    }

    #[test]
    fn versions_order_by_number_then_preview() {
        assert!(ApiVersion::V2_9 < ApiVersion::V2_10);
        assert!(ApiVersion::V2_16 < ApiVersion::PREVIEW);
        assert!(ApiVersion::new("2.17") > ApiVersion::V2_16);
        assert_eq!(ApiVersion::new("nonsense").partial_cmp(&ApiVersion::V2_16), None);
        assert_eq!(ApiVersion::KNOWN.first(), Some(&ApiVersion::V2_7));
    }
}
