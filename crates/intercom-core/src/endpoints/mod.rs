//! One type per operation of API 2.11, generated, grouped like the API reference and all re-exported here.
//!
//! Each type takes its required parameters in `new` and its optional ones through setters; it has
//! `send(&client)` (the blocking client returns the result, the async client a future) and
//! `with_options(RequestOptions)` for per-request options.

/// Gives endpoint types their `send` and `with_options` methods.
macro_rules! sendable {
    ($($endpoint:ty),+ $(,)?) => {$(
        impl $endpoint {
            /// Sends this request with `client`: the blocking client returns the result, the async client a
            /// future of it.
            pub fn send<'a, C: $crate::Execute<Self>>(&'a self, client: &'a C) -> C::Outcome<'a> {
                client.execute(self)
            }

            /// This request with per-request options (API version, headers, query pairs, timeout).
            pub fn with_options(self, options: $crate::RequestOptions) -> $crate::WithOptions<Self> {
                $crate::WithOptions { endpoint: self, options }
            }
        }
    )+};
}

mod conveniences;
mod generated;

pub use generated::*;
