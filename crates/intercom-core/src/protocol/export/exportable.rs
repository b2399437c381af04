//! What can be exported: a search whose records can be partitioned by creation time (the endpoints of
//! contacts, conversations and tickets implement it).

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
