//! Intercom's error codes, as an open enum: `err.code() == Some(ErrorCode::NotFound)` instead of comparing
//! strings, and a code this SDK does not know kept as [`ErrorCode::Other`].

use std::fmt;

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        /// The `code` of an error in Intercom's `error.list`. Open: a code not listed here is
        /// [`ErrorCode::Other`] with the code as sent.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
            /// A code this SDK does not list, as Intercom sent it.
            Other(String),
        }

        impl ErrorCode {
            /// The code as Intercom writes it, e.g. `"not_found"`.
            pub fn as_str(&self) -> &str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                    ErrorCode::Other(code) => code,
                }
            }
        }

        impl From<&str> for ErrorCode {
            fn from(code: &str) -> Self {
                match code {
                    $($code => ErrorCode::$variant,)*
                    other => ErrorCode::Other(other.to_owned()),
                }
            }
        }
    };
}

error_codes! {
    /// `unauthorized`: the access token is missing, wrong or revoked.
    Unauthorized = "unauthorized",
    /// `token_unauthorized`: the token lacks the scope this operation needs.
    TokenUnauthorized = "token_unauthorized",
    /// `forbidden`: the app may not do this.
    Forbidden = "forbidden",
    /// `api_plan_restricted`: the workspace's plan does not include this.
    ApiPlanRestricted = "api_plan_restricted",
    /// `not_found`: no such record (many operations use a `<thing>_not_found` code instead; see
    /// [`is_not_found`](ErrorCode::is_not_found)).
    NotFound = "not_found",
    /// `parameter_not_found`: a required parameter is missing.
    ParameterNotFound = "parameter_not_found",
    /// `parameter_invalid`: a parameter has a value Intercom does not accept.
    ParameterInvalid = "parameter_invalid",
    /// `parameter_mismatch`: parameters contradict each other.
    ParameterMismatch = "parameter_mismatch",
    /// `bad_request`: the request is malformed.
    BadRequest = "bad_request",
    /// `data_invalid`: the body's data is not valid.
    DataInvalid = "data_invalid",
    /// `validation_error`: the body failed validation.
    ValidationError = "validation_error",
    /// `conflict`: the record exists already, or changed meanwhile.
    Conflict = "conflict",
    /// `resource_conflict`: another operation holds the record.
    ResourceConflict = "resource_conflict",
    /// `rate_limit_exceeded`: the window's budget is spent (`429`).
    RateLimitExceeded = "rate_limit_exceeded",
    /// `contact_merged`: the contact was merged into another (`410`; see `Error::merged_into`).
    ContactMerged = "contact_merged",
    /// `intercom_version_invalid`: the `Intercom-Version` header names no version.
    IntercomVersionInvalid = "intercom_version_invalid",
    /// `server_error`: Intercom failed.
    ServerError = "server_error",
    /// `service_unavailable`: Intercom is down or overloaded.
    ServiceUnavailable = "service_unavailable",
}

impl ErrorCode {
    /// Whether the code says a record was not found: `not_found` or any `<thing>_not_found`
    /// (`company_not_found`, `tag_not_found`, ...), except a missing parameter.
    pub fn is_not_found(&self) -> bool {
        match self {
            ErrorCode::NotFound => true,
            ErrorCode::Other(code) => code.ends_with("_not_found"),
            _ => false,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_ones_are_kept() {
        assert_eq!(ErrorCode::from("not_found"), ErrorCode::NotFound);
        assert_eq!(ErrorCode::from("rate_limit_exceeded").as_str(), "rate_limit_exceeded");
        let other = ErrorCode::from("tag_has_dependent_objects");
        assert_eq!(other, ErrorCode::Other("tag_has_dependent_objects".into()));
        assert_eq!(other.to_string(), "tag_has_dependent_objects");
        assert!(ErrorCode::from("company_not_found").is_not_found());
        assert!(!ErrorCode::ParameterNotFound.is_not_found());
    }
}
