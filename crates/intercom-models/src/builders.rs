//! Hand-written conveniences on generated types: constructors for the request bodies people build often.

use crate::{ContactSearchRequest, CreateDataEventRequest, DataExportStatus, SearchRequest, StartingAfterPaging};

impl CreateDataEventRequest {
    /// An event of the contact with your `user_id`.
    pub fn for_user_id(event_name: impl Into<String>, created_at: i64, user_id: impl Into<String>) -> Self {
        Self::new(event_name, created_at).user_id(user_id)
    }

    /// An event of the contact with this email address.
    pub fn for_email(event_name: impl Into<String>, created_at: i64, email: impl Into<String>) -> Self {
        Self::new(event_name, created_at).email(email)
    }

    /// An event of the contact with this Intercom id.
    pub fn for_id(event_name: impl Into<String>, created_at: i64, id: impl Into<String>) -> Self {
        Self::new(event_name, created_at).id(id)
    }

    /// Adds one metadata value. (A `metadata` set to something other than an object is left as it is, and
    /// sending the event reports it.)
    pub fn insert_metadata(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        let metadata = self.metadata.get_or_insert_with(|| serde_json::Value::Object(Default::default()));
        if let serde_json::Value::Object(map) = metadata {
            map.insert(key.into(), value.into());
        }
        self
    }
}

impl DataExportStatus {
    /// Whether the job has stopped (completed, failed, cancelled or found no data).
    pub fn is_finished(&self) -> bool {
        matches!(self, Self::Failed | Self::Completed | Self::NoData | Self::Canceled)
    }
}

/// Paging setters for the search bodies (conversations and tickets share one type, contacts have their own).
macro_rules! search_paging {
    ($($request:ty),+) => {$(
        impl $request {
            /// Asks for `per_page` results per page.
            pub fn per_page(mut self, per_page: i64) -> Self {
                self.pagination.get_or_insert_with(StartingAfterPaging::default).per_page = Some(per_page);
                self
            }

            /// Asks for the page after the cursor `starting_after`.
            pub fn starting_after(mut self, cursor: impl Into<String>) -> Self {
                self.pagination.get_or_insert_with(StartingAfterPaging::default).starting_after = Some(cursor.into());
                self
            }
        }
    )+};
}

search_paging!(SearchRequest, ContactSearchRequest);

impl From<SearchRequest> for ContactSearchRequest {
    /// The same query, paging and sort, for the contacts search (its body has the same shape).
    fn from(request: SearchRequest) -> Self {
        Self { query: request.query, pagination: request.pagination, sort: request.sort, extra: request.extra }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        FilterValue, GroupOperator, MultipleFilterSearchRequest, SearchOperator, SearchQuery, SingleFilterSearchRequest,
    };

    #[test]
    fn the_spec_search_example_round_trips_through_the_generated_types() {
        let body = r#"{"query":{"operator":"AND","value":[{"field":"created_at","operator":">","value":"1306054154"}]},"pagination":{"per_page":5}}"#;
        let request: SearchRequest = serde_json::from_str(body).unwrap();
        let expected = SearchRequest::new(MultipleFilterSearchRequest::new(
            GroupOperator::And,
            [SingleFilterSearchRequest::new(
                "created_at",
                SearchOperator::Gt,
                FilterValue::String("1306054154".into()),
            )
            .into()],
        ))
        .per_page(5);
        assert_eq!(request, expected);
        assert_eq!(serde_json::to_string(&request).unwrap(), body);
    }

    #[test]
    fn unknown_search_shapes_and_operators_are_kept() {
        let query: SearchQuery = serde_json::from_str(r#"{"something": "else"}"#).unwrap();
        assert_eq!(query, SearchQuery::Other(serde_json::json!({"something": "else"})));
        let query: SearchQuery =
            serde_json::from_str(r#"{"field": "x", "operator": "NEAR", "value": [1, 2]}"#).unwrap();
        let expected = SingleFilterSearchRequest::new(
            "x",
            SearchOperator::Unknown("NEAR".into()),
            FilterValue::IntegerList(vec![1, 2]),
        );
        assert_eq!(query, expected.into());
    }

    #[test]
    fn events_need_a_contact_and_skip_what_is_unset() {
        let event = CreateDataEventRequest::for_email("signed-up", 1_700_000_000, "a@b.c").insert_metadata("plan", 3);
        assert_eq!(
            serde_json::to_value(&event).unwrap(),
            serde_json::json!({"event_name": "signed-up", "created_at": 1_700_000_000, "email": "a@b.c", "metadata": {"plan": 3}})
        );
    }
}
