//! What can be exported: the three searches, each partitioned by its records' creation time.

use intercom_models::{Contact, ConversationListItem, Ticket};

use crate::endpoints::{SearchContacts, SearchConversations, SearchTickets};
use crate::protocol::error::Error;
use crate::protocol::pager::Paginated;
use crate::search::Search;

/// A search an export can split by creation time: contacts, conversations and tickets.
pub trait Exportable: Paginated + Sized {
    /// The resource, as a checkpoint names it (`"contacts"`).
    const RESOURCE: &'static str;

    /// The search request for `search`.
    fn search(search: Search) -> Result<Self, Error>;

    /// When `item` was created (Unix seconds), which places it in exactly one partition.
    fn created_at(item: &Self::Item) -> Option<i64>;
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
