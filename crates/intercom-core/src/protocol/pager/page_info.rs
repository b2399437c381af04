//! The paging information of an answer, whatever its shape.

use intercom_models::{CursorPages, CursorPagesNext, DataEventSummaryPages, PagesLink};

/// Where an answer says the next page is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// `pages.next.starting_after`.
    pub next_cursor: Option<String>,
    /// `pages.next` when it is a URL.
    pub next_url: Option<String>,
    /// `pages.page`.
    pub page: Option<i64>,
    /// `pages.total_pages`.
    pub total_pages: Option<i64>,
}

impl From<&CursorPages> for PageInfo {
    fn from(pages: &CursorPages) -> Self {
        let (next_cursor, next_url) = match &pages.next {
            Some(CursorPagesNext::StartingAfterPaging(next)) => (next.starting_after.clone(), None),
            Some(CursorPagesNext::String(url)) => (None, Some(url.clone())),
            _ => (None, None),
        };
        Self { next_cursor, next_url, page: pages.page, total_pages: pages.total_pages }
    }
}

impl From<&PagesLink> for PageInfo {
    fn from(pages: &PagesLink) -> Self {
        Self { next_cursor: None, next_url: pages.next.clone(), page: pages.page, total_pages: pages.total_pages }
    }
}

impl From<&DataEventSummaryPages> for PageInfo {
    fn from(pages: &DataEventSummaryPages) -> Self {
        Self { next_url: pages.next.clone(), ..Self::default() }
    }
}
