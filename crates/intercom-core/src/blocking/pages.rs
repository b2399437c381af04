//! Paging on the blocking client: [`Iterator`]s over pages and items, driving the pure [`Pager`].

use crate::blocking::client::BlockingClient;
use crate::protocol::error::Error;
use crate::protocol::pager::{Page, Pager, Paginate, Paginated};
use crate::transport::HttpClient;

/// The pages of a paginated request, fetched one request per `next()`.
#[derive(Debug)]
pub struct PageIter<'c, T, E: Paginated> {
    client: &'c BlockingClient<T>,
    pager: Pager<E>,
}

impl<T, E: Paginated> PageIter<'_, T, E> {
    /// The pager underneath: after the end, whether the listing is complete and how it compares with the
    /// announced `total_count` ([`Pager::shortfall`]).
    pub fn pager(&self) -> &Pager<E> {
        &self.pager
    }
}

impl<T: HttpClient, E: Paginated> Iterator for PageIter<'_, T, E> {
    type Item = Result<Page<E::Item>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let request = match self.pager.next_request()? {
            Ok(request) => request,
            Err(error) => return Some(Err(error)),
        };
        Some(match self.client.send(&request) {
            Ok(output) => Ok(self.pager.on_answer(output)),
            Err(error) => Err(self.pager.on_error(error)),
        })
    }
}

/// The items of a paginated request; the next page is fetched when the current one is used up, so only one
/// page is held at a time.
#[derive(Debug)]
pub struct ItemIter<'c, T, E: Paginated> {
    pages: PageIter<'c, T, E>,
    current: std::vec::IntoIter<E::Item>,
}

impl<T, E: Paginated> ItemIter<'_, T, E> {
    /// The pager underneath (see [`PageIter::pager`]).
    pub fn pager(&self) -> &Pager<E> {
        &self.pages.pager
    }
}

impl<T: HttpClient, E: Paginated> Iterator for ItemIter<'_, T, E> {
    type Item = Result<E::Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.current = page.items.into_iter(),
                Err(error) => return Some(Err(error)),
            }
        }
    }
}

impl<T: HttpClient, E: Paginated> Paginate<E> for BlockingClient<T> {
    type Pages<'c>
        = PageIter<'c, T, E>
    where
        Self: 'c,
        E: 'c;
    type Items<'c>
        = ItemIter<'c, T, E>
    where
        Self: 'c,
        E: 'c;

    fn pages<'c>(&'c self, pager: Pager<E>) -> Self::Pages<'c>
    where
        E: 'c,
    {
        PageIter { client: self, pager }
    }

    fn items<'c>(&'c self, pager: Pager<E>) -> Self::Items<'c>
    where
        E: 'c,
    {
        ItemIter { pages: PageIter { client: self, pager }, current: Vec::new().into_iter() }
    }
}
