//! Hand-written shortcuts on generated endpoints, for the calls people make most.

use intercom_models::{
    ContactSearchRequest, CreateDataExportsRequest, ListDataEventsFilter, ListDataEventsFilterEmailQueryParameter,
    ListDataEventsFilterIntercomUserIdQueryParameter, ListDataEventsFilterUserIdQueryParameter, SearchQuery,
};

use super::{CreateDataExport, ListDataEvents, SearchContacts, SearchConversations, SearchTickets};
use crate::protocol::error::Error;
use crate::search::Search;

impl SearchContacts {
    /// A search for `search` (see [`crate::search`]), checked against Intercom's limits first.
    pub fn matching(search: Search) -> Result<Self, Error> {
        Ok(Self::new(ContactSearchRequest::from(search.build()?)))
    }

    /// A search for `query`, with the server's default page size.
    pub fn query(query: impl Into<SearchQuery>) -> Self {
        Self::new(ContactSearchRequest::new(query))
    }

    /// Asks for `per_page` contacts per page (Intercom allows up to 150).
    pub fn per_page(mut self, per_page: i64) -> Self {
        self.body = self.body.per_page(per_page);
        self
    }

    /// Asks for the page after `cursor` (from `pages.next.starting_after`).
    pub fn starting_after(mut self, cursor: impl Into<String>) -> Self {
        self.body = self.body.starting_after(cursor);
        self
    }
}

impl SearchConversations {
    /// A search for `search` (see [`crate::search`]), checked against Intercom's limits first.
    pub fn matching(search: Search) -> Result<Self, Error> {
        Ok(Self::new(search.build()?))
    }
}

impl SearchTickets {
    /// A search for `search` (see [`crate::search`]), checked against Intercom's limits first.
    pub fn matching(search: Search) -> Result<Self, Error> {
        Ok(Self::new(search.build()?))
    }
}

impl ListDataEvents {
    fn of(filter: ListDataEventsFilter) -> Self {
        Self::new(filter, "user")
    }

    /// The events of the user with your `user_id`.
    pub fn for_user_id(user_id: impl Into<String>) -> Self {
        Self::of(ListDataEventsFilter::UserIdQueryParameter(ListDataEventsFilterUserIdQueryParameter::new(user_id)))
    }

    /// The events of the user with this Intercom id.
    pub fn for_intercom_user_id(id: impl Into<String>) -> Self {
        Self::of(ListDataEventsFilter::IntercomUserIdQueryParameter(
            ListDataEventsFilterIntercomUserIdQueryParameter::new(id),
        ))
    }

    /// The events of the user with this email address.
    pub fn for_email(email: impl Into<String>) -> Self {
        Self::of(ListDataEventsFilter::EmailQueryParameter(ListDataEventsFilterEmailQueryParameter::new(email)))
    }
}

impl CreateDataExport {
    /// Exports the messages created after `created_at_after` and before `created_at_before` (Unix seconds).
    pub fn between(created_at_after: i64, created_at_before: i64) -> Self {
        Self::new(CreateDataExportsRequest::new(created_at_after, created_at_before))
    }
}
