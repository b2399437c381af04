//! Search requests over contacts, conversations and tickets.
//!
//! Reference: <https://developers.intercom.com/docs/references/2.11/rest-api/api.intercom.io/contacts/searchcontacts>

use serde::{Deserialize, Deserializer, Serialize};

use crate::pages::StartingAfterPaging;

open_enum! {
    /// How a single filter compares a field with its value (schema `single_filter_search_request.operator`).
    pub enum SearchOperator {
        /// Equals.
        Eq = "=",
        /// Does not equal.
        Ne = "!=",
        /// Is one of a list.
        In = "IN",
        /// Is none of a list.
        Nin = "NIN",
        /// Less than.
        Lt = "<",
        /// Less than or equal.
        Le = "<=",
        /// Greater than.
        Gt = ">",
        /// Greater than or equal.
        Ge = ">=",
        /// Contains.
        Contains = "~",
        /// Does not contain.
        NotContains = "!~",
        /// Starts with.
        StartsWith = "^",
        /// Ends with.
        EndsWith = "$",
    }
}

open_enum! {
    /// How a group combines its filters (schema `multiple_filter_search_request.operator`).
    pub enum GroupOperator {
        /// Every filter must match.
        And = "AND",
        /// At least one filter must match.
        Or = "OR",
    }
}

/// The value a single filter compares with (schema `single_filter_search_request.value`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FilterValue {
    /// `null`: matches an empty field.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer, e.g. a timestamp.
    Integer(i64),
    /// A string.
    String(String),
    /// A list of strings, for `IN` and `NIN`.
    Strings(Vec<String>),
    /// A list of integers, for `IN` and `NIN`.
    Integers(Vec<i64>),
    /// Any other JSON value, kept as sent.
    Other(serde_json::Value),
}

/// One comparison: `{"field": ..., "operator": ..., "value": ...}` (schema `single_filter_search_request`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SingleFilter {
    /// The field to compare, e.g. `"email"` or `"custom_attributes.plan"`.
    pub field: String,
    /// The comparison.
    pub operator: SearchOperator,
    /// The value to compare with.
    pub value: FilterValue,
}

/// Filters combined with `AND` or `OR` (schema `multiple_filter_search_request`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MultipleFilter {
    /// How the filters combine.
    pub operator: GroupOperator,
    /// The filters: single ones or nested groups.
    pub value: Vec<SearchQuery>,
}

/// A search query: one filter or a group of them (schema `multiple_or_single_filter_search_request`).
///
/// Decoding picks the variant by shape: an object with a `field` is a single filter, one with an `AND`/`OR`
/// operator and a list of values is a group, anything else is kept as [`SearchQuery::Other`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SearchQuery {
    /// One comparison.
    Single(SingleFilter),
    /// A group of filters.
    Multiple(MultipleFilter),
    /// A shape this version does not recognise, kept as sent.
    Other(serde_json::Value),
}

impl<'de> Deserialize<'de> for SearchQuery {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = serde_json::Value::deserialize(deserializer)?;
        let is_single = raw.get("field").is_some();
        let is_group = raw.get("value").is_some_and(serde_json::Value::is_array)
            && raw.get("operator").and_then(serde_json::Value::as_str).is_some_and(|op| op == "AND" || op == "OR");
        let decoded = if is_single {
            SingleFilter::deserialize(&raw).ok().map(Self::Single)
        } else if is_group {
            MultipleFilter::deserialize(&raw).ok().map(Self::Multiple)
        } else {
            None
        };
        Ok(decoded.unwrap_or(Self::Other(raw)))
    }
}

/// The body of a search: a query and optional paging (schema `search_request`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// What to match.
    pub query: SearchQuery,
    /// Page size and cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<StartingAfterPaging>,
}

impl SearchRequest {
    /// A search for `query`, with the server's default page size.
    pub fn new(query: SearchQuery) -> Self {
        Self { query, pagination: None }
    }

    /// Asks for `per_page` results per page.
    pub fn per_page(mut self, per_page: i64) -> Self {
        self.pagination.get_or_insert_with(Default::default).per_page = Some(per_page);
        self
    }

    /// Asks for the page after the cursor `starting_after`.
    pub fn starting_after(mut self, cursor: impl Into<String>) -> Self {
        self.pagination.get_or_insert_with(Default::default).starting_after = Some(cursor.into());
        self
    }
}

impl SingleFilter {
    /// A filter comparing `field` with `value`.
    pub fn new(field: impl Into<String>, operator: SearchOperator, value: FilterValue) -> Self {
        Self { field: field.into(), operator, value }
    }
}

impl From<SingleFilter> for SearchQuery {
    fn from(filter: SingleFilter) -> Self {
        Self::Single(filter)
    }
}

impl From<MultipleFilter> for SearchQuery {
    fn from(group: MultipleFilter) -> Self {
        Self::Multiple(group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_spec_example_as_a_group_of_one_filter() {
        let body = r#"{"query": {"operator": "AND", "value": [{"field": "created_at", "operator": ">", "value": "1306054154"}]}, "pagination": {"per_page": 5}}"#;
        let request: SearchRequest = serde_json::from_str(body).unwrap();
        let SearchQuery::Multiple(group) = &request.query else { panic!("expected a group: {request:?}") };
        assert_eq!(group.operator, GroupOperator::And);
        assert_eq!(
            group.value,
            vec![SearchQuery::Single(SingleFilter::new(
                "created_at",
                SearchOperator::Gt,
                FilterValue::String("1306054154".into())
            ))]
        );
        assert_eq!(request.pagination.as_ref().and_then(|p| p.per_page), Some(5));
        assert_eq!(serde_json::to_string(&request).unwrap(), body.replace(": ", ":").replace(", ", ","));
    }

    #[test]
    fn keeps_unknown_shapes_and_operators() {
        let query: SearchQuery = serde_json::from_str(r#"{"something": "else"}"#).unwrap();
        assert_eq!(query, SearchQuery::Other(serde_json::json!({"something": "else"})));
        let query: SearchQuery =
            serde_json::from_str(r#"{"field": "x", "operator": "NEAR", "value": [1, 2]}"#).unwrap();
        assert_eq!(
            query,
            SearchQuery::Single(SingleFilter::new(
                "x",
                SearchOperator::Unknown("NEAR".into()),
                FilterValue::Integers(vec![1, 2])
            ))
        );
    }
}
