//! The blocking driver: everything that does I/O for [`BlockingClient`] (sending with retries and pacing,
//! paging [`Iterator`]s, `send_all` on worker threads, job waits and downloads), each a thin loop around a
//! pure machine of [`crate::protocol`]. `intercom-ureq` re-exports this flavour.

mod client;
mod export;
mod jobs;
mod pages;
mod send_all;
mod workers;

pub use client::BlockingClient;
pub use export::ExportIter;
pub use pages::{ItemIter, PageIter};
pub use send_all::SendAllIter;

/// Pagination on this client: every paginated endpoint has `items(&client)` and `pages(&client)`, an [`Iterator`] of items or pages
/// read one page at a time, and `paginate()` for the [`Pager`](pagination::Pager) to set limits first.
pub mod pagination {
    pub use crate::protocol::pager::*;

    pub use super::{ItemIter, PageIter};
}
