//! One type per operation of API 2.16 (and the one it dropped), generated, grouped like the API reference
//! and all re-exported here.
//!
//! Each type takes its required parameters in `new` and its optional ones through setters; it has
//! `send(&client)` (the blocking client returns the result, the async client a future) and
//! `with_options(RequestOptions)` for per-request options. Paginated ones also have `items(&client)`,
//! `pages(&client)` and `paginate()` (see [`crate::pagination`]). With the `preview` feature, `preview` holds
//! the endpoints of Intercom's Preview API, each sent with `Intercom-Version: Preview`.

/// Gives endpoint types their `send` and `with_options` methods.
macro_rules! sendable {
    ($($endpoint:ty),+ $(,)?) => {$(
        impl $endpoint {
            /// Sends this request with `client`. From a [`BlockingClient`]($crate::BlockingClient): a
            /// `Result<Output, Error>`; from an [`AsyncClient`]($crate::AsyncClient): a
            /// [`SendFuture`]($crate::SendFuture) that owns the request. To send it twice, clone it or use
            /// `client.send(&request)`.
            pub fn send<'c, C: $crate::protocol::execute::Execute<Self>>(self, client: &'c C) -> C::Outcome<'c> {
                client.execute(self)
            }

            /// This request with per-request options (API version, headers, query pairs, timeout).
            pub fn with_options(self, options: $crate::protocol::options::RequestOptions) -> $crate::protocol::prepared::Prepared<Self> {
                $crate::protocol::prepared::Prepared::new(self).with_options(options)
            }
        }
    )+};
}

/// Gives paginated endpoint types `items`, `pages` and `paginate`.
macro_rules! paginated {
    ($($endpoint:ty),+ $(,)?) => {$(
        impl $endpoint {
            /// Every item across pages, read through `client`: an
            /// [`ItemIter`]($crate::pagination::ItemIter) (an `Iterator`) from the blocking client, an
            /// [`ItemStream`]($crate::pagination::ItemStream) (a `Stream`) from the async client. Only one
            /// page is held at a time.
            pub fn items<C: $crate::protocol::pager::Paginate<Self>>(self, client: &C) -> C::Items<'_> {
                $crate::protocol::pager::Pager::new(self).items(client)
            }

            /// Every page, read through `client`: a [`PageIter`]($crate::pagination::PageIter) or a
            /// [`PageStream`]($crate::pagination::PageStream) of [`Page`]($crate::Page)s.
            pub fn pages<C: $crate::protocol::pager::Paginate<Self>>(self, client: &C) -> C::Pages<'_> {
                $crate::protocol::pager::Pager::new(self).pages(client)
            }

            /// The pager, to set limits first: `.paginate().max_items(500).items(&client)`.
            pub fn paginate(self) -> $crate::protocol::pager::Pager<Self> {
                $crate::protocol::pager::Pager::new(self)
            }
        }
    )+};
}

mod conveniences;
mod exports;
mod generated;
mod job_endpoints;

pub use generated::*;
