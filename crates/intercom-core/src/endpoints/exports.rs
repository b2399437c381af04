//! The exports of contacts, conversations and tickets: their searches partitioned by creation time.

use intercom_models::{Contact, ConversationListItem, Ticket};

use crate::endpoints::{SearchContacts, SearchConversations, SearchTickets};
use crate::protocol::error::Error;
use crate::protocol::export::{Export, Exportable};
use crate::search::Search;

impl Export<SearchContacts> {
    /// Every contact (users and leads).
    pub fn contacts() -> Self {
        Self::new()
    }
}

impl Export<SearchConversations> {
    /// Every conversation.
    pub fn conversations() -> Self {
        Self::new()
    }
}

impl Export<SearchTickets> {
    /// Every ticket.
    pub fn tickets() -> Self {
        Self::new()
    }
}

impl Exportable for SearchContacts {
    const RESOURCE: &'static str = "contacts";

    fn search(search: Search) -> Result<Self, Error> {
        Self::matching(search)
    }

    fn created_at(item: &Contact) -> Option<i64> {
        item.created_at
    }
}

impl Exportable for SearchConversations {
    const RESOURCE: &'static str = "conversations";

    fn search(search: Search) -> Result<Self, Error> {
        Self::matching(search)
    }

    fn created_at(item: &ConversationListItem) -> Option<i64> {
        item.created_at
    }
}

impl Exportable for SearchTickets {
    const RESOURCE: &'static str = "tickets";

    fn search(search: Search) -> Result<Self, Error> {
        Self::matching(search)
    }

    fn created_at(item: &Ticket) -> Option<i64> {
        item.created_at
    }
}
