//! Paging on the async client: `futures_core::Stream`s over pages and items, driving the pure [`Pager`].

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::asynchronous::client::AsyncClient;
use crate::protocol::error::Error;
use crate::protocol::pager::{Page, Pager, Paginate, Paginated};
use crate::protocol::prepared::Prepared;
use crate::transport::AsyncHttpClient;

type Pending<'c, O> = Pin<Box<dyn Future<Output = Result<O, Error>> + Send + 'c>>;

/// The pages of a paginated request, as a `futures_core::Stream`; one request per page. Dropping the stream
/// cancels the request in flight.
pub struct PageStream<'c, T, E: Paginated> {
    client: &'c AsyncClient<T>,
    pager: Pager<E>,
    pending: Option<Pending<'c, E::Output>>,
}

impl<T, E: Paginated> std::fmt::Debug for PageStream<'_, T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageStream").field("pages_read", &self.pager.pages_read()).finish_non_exhaustive()
    }
}

impl<'c, T, E> PageStream<'c, T, E>
where
    T: AsyncHttpClient,
    E: Paginated + Send + Sync + Unpin + 'c,
    E::Output: Send,
{
    /// The pager underneath: after the end, whether the listing is complete and how it compares with the
    /// announced `total_count` ([`Pager::shortfall`]).
    pub fn pager(&self) -> &Pager<E> {
        &self.pager
    }

    /// The next page, without `StreamExt`.
    pub async fn next(&mut self) -> Option<Result<Page<E::Item>, Error>>
    where
        E::Item: Unpin,
    {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    fn start(&mut self, request: Prepared<E>) {
        let client = self.client;
        self.pending = Some(Box::pin(async move { client.send(&request).await }));
    }
}

impl<'c, T, E> Stream for PageStream<'c, T, E>
where
    T: AsyncHttpClient,
    E: Paginated + Send + Sync + Unpin + 'c,
    E::Output: Send,
    E::Item: Unpin,
{
    type Item = Result<Page<E::Item>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.pending.is_none() {
            match this.pager.next_request() {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                Some(Ok(request)) => this.start(request),
            }
        }
        let Some(pending) = this.pending.as_mut() else { return Poll::Ready(None) };
        let result = match pending.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        this.pending = None;
        Poll::Ready(Some(match result {
            Ok(output) => Ok(this.pager.on_answer(output)),
            Err(error) => Err(this.pager.on_error(error)),
        }))
    }
}

/// The items of a paginated request, as a `futures_core::Stream`; only one page is held at a time.
pub struct ItemStream<'c, T, E: Paginated> {
    pages: PageStream<'c, T, E>,
    current: std::vec::IntoIter<E::Item>,
}

impl<T, E: Paginated> std::fmt::Debug for ItemStream<'_, T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemStream").field("pages", &self.pages).finish_non_exhaustive()
    }
}

impl<'c, T, E> ItemStream<'c, T, E>
where
    T: AsyncHttpClient,
    E: Paginated + Send + Sync + Unpin + 'c,
    E::Output: Send,
    E::Item: Unpin,
{
    /// The pager underneath (see [`PageStream::pager`]).
    pub fn pager(&self) -> &Pager<E> {
        &self.pages.pager
    }

    /// The next item, without `StreamExt`.
    pub async fn next(&mut self) -> Option<Result<E::Item, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<'c, T, E> Stream for ItemStream<'c, T, E>
where
    T: AsyncHttpClient,
    E: Paginated + Send + Sync + Unpin + 'c,
    E::Output: Send,
    E::Item: Unpin,
{
    type Item = Result<E::Item, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(page))) => this.current = page.items.into_iter(),
            }
        }
    }
}

impl<T, E> Paginate<E> for AsyncClient<T>
where
    T: AsyncHttpClient,
    E: Paginated + Send + Sync + Unpin,
    E::Output: Send,
    E::Item: Unpin,
{
    type Pages<'c>
        = PageStream<'c, T, E>
    where
        Self: 'c,
        E: 'c;
    type Items<'c>
        = ItemStream<'c, T, E>
    where
        Self: 'c,
        E: 'c;

    fn pages<'c>(&'c self, pager: Pager<E>) -> Self::Pages<'c>
    where
        E: 'c,
    {
        PageStream { client: self, pager, pending: None }
    }

    fn items<'c>(&'c self, pager: Pager<E>) -> Self::Items<'c>
    where
        E: 'c,
    {
        ItemStream { pages: PageStream { client: self, pager, pending: None }, current: Vec::new().into_iter() }
    }
}
