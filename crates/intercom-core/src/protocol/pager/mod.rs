//! Pagination: one pure state machine ([`Pager`]) for every style Intercom uses. The blocking driver wraps
//! it in an [`Iterator`] (`blocking/pages.rs`), the async driver in a `futures_core::Stream`
//! (`asynchronous/pages.rs`); both reach it through the [`Paginate`] trait.

mod page_info;

use std::collections::HashSet;

pub use page_info::PageInfo;

use crate::protocol::error::{Error, PagingError};
use crate::protocol::prepared::Prepared;
use crate::protocol::request::Endpoint;

/// How many empty pages in a row a listing may answer before paging stops with an error (an empty page with
/// a new cursor is followed: records may be filtered out of a page on Intercom's side).
pub const MAX_EMPTY_PAGES_IN_A_ROW: usize = 20;

/// How an operation asks for its next page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// `starting_after` in the query, from `pages.next.starting_after` (ListContacts, listConversations).
    QueryCursor,
    /// `pagination.starting_after` in the body (the three searches).
    BodyCursor,
    /// `page` in the query, or a `pages.next` URL (companies, articles, notes, ...).
    PageNumber,
    /// `pages.next` is a URL with its own query (events, news, activity logs, article search).
    NextUrl,
    /// `cursor` in the query, from the answer's `next_cursor` while `has_more` (a contact's merge history).
    NextCursor,
    /// `scroll_param` in the query (the companies scroll); the end is an empty page.
    Scroll,
}

/// What one answer holds: its items and where the next page is.
#[derive(Debug, Clone)]
pub struct PageParts<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The number of items across all pages, when the answer says.
    pub total_count: Option<i64>,
    /// Where the next page is.
    pub info: PageInfo,
    /// For scrolls: the parameter of the next call.
    pub scroll_param: Option<String>,
}

/// An operation whose answers come in pages. Generated for every paginated operation; implement it for your
/// own endpoints to page through them the same way.
pub trait Paginated: Endpoint + Clone {
    /// One item of a page.
    type Item;
    /// How the operation pages.
    const STYLE: PageStyle;
    /// The largest `per_page` the operation accepts, when the spec says.
    const MAX_PER_PAGE: Option<i64> = None;
    /// Where the items are in an answer's JSON (`["data"]`, `["data", "articles"]`); test servers use it to
    /// build pages.
    const ITEMS_PATH: &'static [&'static str] = &["data"];

    /// The `per_page` this request asks for.
    fn requested_per_page(&self) -> Option<i64> {
        None
    }

    /// Splits an answer into its items and its paging information.
    fn split(output: Self::Output) -> PageParts<Self::Item>;

    /// For [`PageStyle::BodyCursor`]: this request for the page after `cursor`.
    fn with_body_cursor(&self, cursor: &str) -> Self {
        let _ = cursor;
        self.clone()
    }

    /// Helps the reader of an error met while paging (the companies listing's 10,000 limit, say).
    fn error_hint(&self) -> Option<&'static str> {
        None
    }
}

/// One page of items.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// Its items.
    pub items: Vec<T>,
    /// The number of items across all pages, when the answer says.
    pub total_count: Option<i64>,
    /// Its number, from 1.
    pub number: usize,
}

/// The pagination state machine: which request to send next, and what an answer means for the one after.
///
/// It does no I/O: the blocking and the async façades call [`next_request`](Self::next_request), send the
/// request, and hand the answer to [`on_answer`](Self::on_answer) (or the error to
/// [`on_error`](Self::on_error)). Only the current page's items are ever held.
#[derive(Debug, Clone)]
pub struct Pager<E: Paginated> {
    request: Prepared<E>,
    next: Option<Prepared<E>>,
    invalid: Option<String>,
    failure: Option<PagingError>,
    seen: HashSet<Position>,
    pages: usize,
    items: usize,
    empty_in_a_row: usize,
    total_count: Option<i64>,
    ended: Ending,
    max_items: Option<usize>,
    max_pages: Option<usize>,
}

/// How a listing ended, once it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// Not yet.
    Open,
    /// The last answer said there was no next page.
    Complete,
    /// `max_items` or `max_pages` stopped it.
    Limited,
    /// An error stopped it.
    Failed,
}

impl<E: Paginated> Pager<E> {
    /// Pages through `request`, starting with it as it is.
    pub fn new(request: E) -> Self {
        Self::from_prepared(Prepared::new(request))
    }

    /// Pages through `request`, every page sent with its options.
    pub fn from_prepared(request: Prepared<E>) -> Self {
        let endpoint = request.endpoint();
        let invalid = match (endpoint.requested_per_page(), E::MAX_PER_PAGE) {
            (Some(asked), Some(max)) if asked > max || asked < 1 => Some(format!(
                "per_page {asked} is out of range for {}: it must be between 1 and {max}",
                endpoint.operation().name
            )),
            _ => None,
        };
        let first = request.clone();
        Self {
            request,
            next: Some(first),
            invalid,
            failure: None,
            seen: HashSet::new(),
            pages: 0,
            items: 0,
            empty_in_a_row: 0,
            total_count: None,
            ended: Ending::Open,
            max_items: None,
            max_pages: None,
        }
    }

    /// Stops after `max` items.
    pub fn max_items(mut self, max: usize) -> Self {
        self.max_items = Some(max);
        if max == 0 {
            self.next = None;
        }
        self
    }

    /// Stops after `max` pages (requests).
    pub fn max_pages(mut self, max: usize) -> Self {
        self.max_pages = Some(max);
        if max == 0 {
            self.next = None;
        }
        self
    }

    /// The request to send next; `None` when paging is over. A `per_page` above the operation's maximum is
    /// an [`Error::InvalidRequest`] here, before anything is sent.
    pub fn next_request(&mut self) -> Option<Result<Prepared<E>, Error>> {
        if let Some(reason) = self.invalid.take() {
            self.next = None;
            self.ended = Ending::Failed;
            return Some(Err(Error::invalid_request(reason)));
        }
        if let Some(failure) = self.failure.take() {
            return Some(Err(Error::Paging(Box::new(failure))));
        }
        self.next.take().map(Ok)
    }

    /// Reads the answer to the last request: returns its page and works out the next request.
    pub fn on_answer(&mut self, output: E::Output) -> Page<E::Item> {
        self.pages += 1;
        let parts = E::split(output);
        let mut items = parts.items;
        if let Some(max) = self.max_items {
            items.truncate(max.saturating_sub(self.items));
        }
        self.items += items.len();
        self.total_count = parts.total_count.or(self.total_count);
        self.empty_in_a_row = if items.is_empty() { self.empty_in_a_row + 1 } else { 0 };
        let limit_reached =
            self.max_items.is_some_and(|max| self.items >= max) || self.max_pages.is_some_and(|max| self.pages >= max);
        self.next = if limit_reached {
            self.ended = Ending::Limited;
            None
        } else if items.is_empty() && E::STYLE == PageStyle::Scroll {
            None
        } else if self.empty_in_a_row >= MAX_EMPTY_PAGES_IN_A_ROW {
            self.fail(format!("{} empty pages in a row", self.empty_in_a_row));
            None
        } else {
            self.follow(&parts.info, parts.scroll_param.as_deref())
        };
        if self.next.is_none() && self.ended == Ending::Open {
            self.ended = Ending::Complete;
            if let Some(missing) = self.shortfall() {
                tracing::warn!(
                    operation = self.request.operation().name,
                    items = self.items,
                    total_count = self.total_count,
                    missing,
                    "the listing ended with fewer items than the API announced (records may have been deleted \
                     while paging)"
                );
            }
        }
        Page { items, total_count: parts.total_count, number: self.pages }
    }

    /// Ends paging with a [`PagingError`] (yielded by the next [`next_request`](Self::next_request)).
    fn fail(&mut self, reason: String) {
        self.ended = Ending::Failed;
        self.failure =
            Some(PagingError { request: self.request.label(), reason, items: self.items, pages: self.pages });
    }

    /// Ends paging after an error, and makes the error say what it means here.
    pub fn on_error(&mut self, error: Error) -> Error {
        self.next = None;
        self.ended = Ending::Failed;
        let Error::Api(mut api) = error else { return error };
        if E::STYLE == PageStyle::Scroll {
            api.scroll_expired = true;
            api.hint = Some(
                "the companies scroll cannot go on (it expired after a minute unused, or another scroll replaced \
                 it): start again from the beginning"
                    .to_owned(),
            );
            return Error::Api(api);
        }
        if let Some(hint) = self.request.endpoint().error_hint() {
            api.hint = Some(hint.to_owned());
        }
        Error::Api(api)
    }

    /// How many pages were read so far.
    pub fn pages_read(&self) -> usize {
        self.pages
    }

    /// How many items were yielded so far.
    pub fn items_read(&self) -> usize {
        self.items
    }

    /// The number of items the API announced across all pages (`total_count`), when it did.
    pub fn total_count(&self) -> Option<i64> {
        self.total_count
    }

    /// Whether the listing ended because the last answer said there was no next page (not at a limit, not
    /// on an error).
    pub fn is_complete(&self) -> bool {
        self.ended == Ending::Complete
    }

    /// After a complete listing, how many items fewer than the announced `total_count` it yielded: `None`
    /// when it yielded them all (or the API announced no count, or the listing is not over). Not an error:
    /// records deleted while paging, or filtered out by Intercom, make a listing shorter than its count.
    /// A `tracing` warning says the same when it happens.
    pub fn shortfall(&self) -> Option<u64> {
        let announced = u64::try_from(self.total_count?).ok()?;
        let read = self.items as u64;
        (self.ended == Ending::Complete && read < announced).then(|| announced - read)
    }

    /// The next request, if the answer says there is a next page that was not seen before.
    fn follow(&mut self, info: &PageInfo, scroll_param: Option<&str>) -> Option<Prepared<E>> {
        let request = &self.request;
        let cursor = info.next_cursor.as_deref().filter(|c| !c.is_empty());
        let url = info.next_url.as_deref().filter(|u| !u.is_empty());
        let next_page = match (info.page, info.total_pages) {
            (Some(page), Some(total)) if page < total => Some(page + 1),
            _ => None,
        };
        let by_cursor = |c: &str, name| (Position::Cursor(c.to_owned()), request.with_query(name, c.to_owned()));
        let by_url = |u: &str| (Position::Url(u.to_owned()), request.with_url(u));
        let by_page = |n: i64| (Position::Page(n), request.with_query("page", n.to_string()));
        let (position, next) = match E::STYLE {
            PageStyle::Scroll => {
                // The scroll parameter may stay the same from call to call: the end is an empty page.
                let param = scroll_param.filter(|p| !p.is_empty())?;
                return Some(request.with_query("scroll_param", param.to_owned()));
            }
            PageStyle::BodyCursor => {
                let cursor = cursor?;
                (
                    Position::Cursor(cursor.to_owned()),
                    request.with_endpoint(request.endpoint().with_body_cursor(cursor)),
                )
            }
            PageStyle::NextCursor => by_cursor(cursor?, "cursor"),
            PageStyle::QueryCursor => match (cursor, url, next_page) {
                (Some(c), _, _) => by_cursor(c, "starting_after"),
                (None, Some(u), _) => by_url(u),
                (None, None, Some(n)) => by_page(n),
                _ => return None,
            },
            PageStyle::PageNumber | PageStyle::NextUrl => match (url, next_page, cursor) {
                (Some(u), _, _) => by_url(u),
                (None, Some(n), _) => by_page(n),
                (None, None, Some(c)) => by_cursor(c, "starting_after"),
                _ => return None,
            },
        };
        // A cursor, URL or page number seen before would loop forever: stop, and say so.
        if self.seen.insert(position.clone()) {
            return Some(next);
        }
        self.fail(format!("the answer pointed again at {position}, already followed"));
        None
    }
}

/// Where a next page is: what the pager remembers to notice a loop.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Position {
    Cursor(String),
    Url(String),
    Page(i64),
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Position::Cursor(cursor) => write!(f, "the cursor `{cursor}`"),
            Position::Url(url) => write!(f, "the next URL `{url}`"),
            Position::Page(page) => write!(f, "page {page}"),
        }
    }
}

/// Something that can page through `E`: the blocking client gives an [`Iterator`], the async client a
/// `futures_core::Stream`.
pub trait Paginate<E: Paginated> {
    /// The pages, one request each.
    type Pages<'c>
    where
        Self: 'c,
        E: 'c;
    /// The items, page after page.
    type Items<'c>
    where
        Self: 'c,
        E: 'c;

    /// Pages, as [`Page`]s.
    fn pages<'c>(&'c self, pager: Pager<E>) -> Self::Pages<'c>
    where
        E: 'c;

    /// Items, one at a time.
    fn items<'c>(&'c self, pager: Pager<E>) -> Self::Items<'c>
    where
        E: 'c;
}

impl<E: Paginated> Pager<E> {
    /// The pages, read through `client`.
    pub fn pages<'c, C: Paginate<E>>(self, client: &'c C) -> C::Pages<'c>
    where
        E: 'c,
    {
        client.pages(self)
    }

    /// The items, read through `client`.
    pub fn items<'c, C: Paginate<E>>(self, client: &'c C) -> C::Items<'c>
    where
        E: 'c,
    {
        client.items(self)
    }
}

/// Paging a request with options: every page carries them.
impl<E: Paginated> Prepared<E> {
    /// Every item across pages, each page sent with these options (see the endpoint's own `items`).
    pub fn items<C: Paginate<E>>(self, client: &C) -> C::Items<'_> {
        Pager::from_prepared(self).items(client)
    }

    /// Every page, each sent with these options.
    pub fn pages<C: Paginate<E>>(self, client: &C) -> C::Pages<'_> {
        Pager::from_prepared(self).pages(client)
    }

    /// The pager, to set limits first.
    pub fn paginate(self) -> Pager<E> {
        Pager::from_prepared(self)
    }
}

#[cfg(test)]
mod tests;
