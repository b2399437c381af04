//! How a request type's `send` reaches a client, blocking or async: the trait both clients implement.

use crate::protocol::prepared::Prepared;
use crate::protocol::request::Endpoint;

/// Something that can send endpoint `E`: a blocking client returns the result, an async one a future of it.
///
/// Every endpoint has a `send(&client)` method built on this trait, so the same request type works with
/// both clients: `ListSegments::new().send(&client)?` or `ListSegments::new().send(&client).await?`. `send`
/// takes the request by value, so the future owns it and can be joined or spawned; to send the same
/// request twice, clone it or call `client.send(&request)`, which borrows.
pub trait Execute<E: Endpoint> {
    /// The result (blocking) or a future of it (async, [`SendFuture`](crate::SendFuture)).
    type Outcome<'c>
    where
        Self: 'c,
        E: 'c;

    /// Sends `endpoint`.
    fn execute<'c>(&'c self, endpoint: E) -> Self::Outcome<'c>
    where
        E: 'c;
}

impl<E: Endpoint> Prepared<E> {
    /// Sends this request with `client`: the blocking client returns the result, the async client a future.
    pub fn send<'c, C: Execute<Self>>(self, client: &'c C) -> C::Outcome<'c> {
        client.execute(self)
    }
}
