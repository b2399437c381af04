//! Contacts: search, and a contact's segments and subscriptions.

use intercom_models::{
    ContactList, ContactSegments, MultipleOrSingleFilterSearchRequest, SearchRequest, SubscriptionTypeList,
};

use crate::endpoint::{json_body, path_param, Endpoint, Json};
use crate::error::Error;
use crate::operations::{self, Operation};

/// Contacts matching a query, one page (`SearchContacts`).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchContacts {
    /// The query and paging.
    pub body: SearchRequest,
}

impl SearchContacts {
    /// A search with this body.
    pub fn new(body: SearchRequest) -> Self {
        Self { body }
    }

    /// A search for `query`, with the server's default page size.
    pub fn query(query: impl Into<MultipleOrSingleFilterSearchRequest>) -> Self {
        Self::new(SearchRequest::new(query))
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

impl Endpoint for SearchContacts {
    type Output = ContactList;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::SEARCH_CONTACTS
    }

    fn path(&self) -> Result<String, Error> {
        Ok("/contacts/search".to_owned())
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        json_body(&self.body)
    }
}

/// The segments a contact belongs to (`listSegmentsForAContact`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSegmentsForAContact {
    /// Intercom's id of the contact.
    pub contact_id: String,
}

impl ListSegmentsForAContact {
    /// The segments of contact `contact_id`.
    pub fn new(contact_id: impl Into<String>) -> Self {
        Self { contact_id: contact_id.into() }
    }
}

impl Endpoint for ListSegmentsForAContact {
    type Output = ContactSegments;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::LIST_SEGMENTS_FOR_A_CONTACT
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!("/contacts/{}/segments", path_param("contact_id", &self.contact_id)?))
    }
}

/// The subscription types a contact has opted in to or out of (`listSubscriptionsForAContact`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSubscriptionsForAContact {
    /// Intercom's id of the contact.
    pub contact_id: String,
}

impl ListSubscriptionsForAContact {
    /// The subscriptions of contact `contact_id`.
    pub fn new(contact_id: impl Into<String>) -> Self {
        Self { contact_id: contact_id.into() }
    }
}

impl Endpoint for ListSubscriptionsForAContact {
    type Output = SubscriptionTypeList;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::LIST_SUBSCRIPTIONS_FOR_A_CONTACT
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!("/contacts/{}/subscriptions", path_param("contact_id", &self.contact_id)?))
    }
}

sendable!(SearchContacts, ListSegmentsForAContact, ListSubscriptionsForAContact);
