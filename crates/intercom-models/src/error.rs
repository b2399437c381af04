//! The error object Intercom returns with a failing status (schema `error` of the OpenAPI description).

use serde::{Deserialize, Serialize};

use crate::serde_helpers::null_as_default;

/// The body of a failed request: `{"type": "error.list", "request_id": ..., "errors": [...]}` (schema `error`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorBody {
    /// Always `"error.list"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The id Intercom gave the request; quote it to Intercom's support.
    pub request_id: Option<String>,
    /// What went wrong, one entry per problem.
    #[serde(deserialize_with = "null_as_default")]
    pub errors: Vec<ErrorItem>,
}

/// One problem reported in an [`ErrorBody`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorItem {
    /// Intercom's machine-readable code, e.g. `"not_found"` or `"unauthorized"`.
    pub code: String,
    /// A human-readable explanation.
    pub message: Option<String>,
    /// The request field at fault, when there is one.
    pub field: Option<String>,
}
