//! The async driver: everything that does I/O for [`AsyncClient`] (sending with retries and pacing, paging
//! `futures_core::Stream`s, `send_all` as a stream, job waits and downloads), each a thin loop around a
//! pure machine of [`crate::protocol`]. It needs no particular runtime: the transport brings its timer.
//! `intercom-hyper` re-exports this flavour.

mod client;
mod export;
mod jobs;
mod pages;
mod send_all;

pub use client::{AsyncClient, SendFuture};
pub use export::ExportStream;
pub use pages::{ItemStream, PageStream};
pub use send_all::SendAll;

/// Pagination on this client: every paginated endpoint has `items(&client)` and `pages(&client)`, a `futures_core::Stream` of items or pages
/// read one page at a time, and `paginate()` for the [`Pager`](pagination::Pager) to set limits first.
pub mod pagination {
    pub use crate::protocol::pager::*;

    pub use super::{ItemStream, PageStream};
}
