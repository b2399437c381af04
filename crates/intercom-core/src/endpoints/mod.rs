//! One type per operation, grouped like the API reference.
//!
//! Each type takes its required parameters in `new`, its optional ones through setters, and has a
//! `send(&client)` method that works with the blocking and the async client alike.

/// Gives endpoint types their `send` method.
macro_rules! sendable {
    ($($endpoint:ty),+ $(,)?) => {$(
        impl $endpoint {
            /// Sends this request with `client`: the blocking client returns the result, the async client a
            /// future of it.
            pub fn send<'a, C: $crate::Execute<Self>>(&'a self, client: &'a C) -> C::Outcome<'a> {
                client.execute(self)
            }
        }
    )+};
}

pub mod admins;
pub mod contacts;
pub mod data_events;
pub mod data_export;
pub mod notes;
pub mod segments;

pub use admins::*;
pub use contacts::*;
pub use data_events::*;
pub use data_export::*;
pub use notes::*;
pub use segments::*;
