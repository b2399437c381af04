//! Serving a data set in pages, in the shape and paging style of any paginated operation.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use intercom_core::protocol::PageStyle;
use serde_json::{json, Value};
use wiremock::{Request, Respond, ResponseTemplate};

/// The scroll parameter the mock hands out.
pub const SCROLL_PARAM: &str = "intercom-mock-scroll";

/// Answers every page request of one operation from a fixed list of items.
///
/// Cursors are `cursor-<n>` (the page after page `n`), page numbers count from 1, `next` URLs carry
/// `page_token=<n>`, and a scroll hands out [`SCROLL_PARAM`] until an empty page.
pub(crate) struct PagedAnswers {
    pub(crate) style: PageStyle,
    pub(crate) template: Value,
    pub(crate) items_path: &'static [&'static str],
    pub(crate) items: Arc<Vec<Value>>,
    pub(crate) per_page: usize,
    pub(crate) scroll_calls: AtomicUsize,
}

/// The cursor (page number, token or scroll parameter) a page request carries, by style.
pub fn cursor_of(style: PageStyle, request: &Request) -> Option<String> {
    let query = |name: &str| request.url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    match style {
        PageStyle::QueryCursor => query("starting_after"),
        PageStyle::BodyCursor => request
            .body_json::<Value>()
            .ok()
            .and_then(|b| b.pointer("/pagination/starting_after").and_then(Value::as_str).map(str::to_owned)),
        PageStyle::PageNumber => query("page"),
        PageStyle::NextUrl => query("page_token"),
        PageStyle::NextCursor => query("cursor"),
        PageStyle::Scroll => query("scroll_param"),
    }
}

impl PagedAnswers {
    fn pages(&self) -> usize {
        self.items.len().div_ceil(self.per_page.max(1))
    }
}

impl Respond for PagedAnswers {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let cursor = cursor_of(self.style, request);
        let index = match self.style {
            PageStyle::Scroll => self.scroll_calls.fetch_add(1, Ordering::SeqCst),
            PageStyle::PageNumber => cursor.and_then(|p| p.parse::<usize>().ok()).map_or(0, |p| p.saturating_sub(1)),
            _ => cursor.and_then(|c| c.rsplit('-').next().and_then(|n| n.parse().ok())).unwrap_or(0),
        };
        let pages = self.pages();
        let start = (index * self.per_page).min(self.items.len());
        let end = (start + self.per_page).min(self.items.len());
        let mut body = self.template.clone();
        let slot = self.items_path.iter().fold(&mut body, |node, key| {
            if !node[*key].is_object() && !node[*key].is_array() {
                node[*key] = json!({});
            }
            &mut node[*key]
        });
        *slot = Value::Array(self.items[start..end].to_vec());
        if body.get("total_count").is_some() {
            body["total_count"] = json!(self.items.len());
        }
        let last = index + 1 >= pages;
        match self.style {
            PageStyle::QueryCursor | PageStyle::BodyCursor => {
                let next = if last {
                    Value::Null
                } else {
                    json!({"page": index + 2, "starting_after": format!("cursor-{}", index + 1)})
                };
                body["pages"] = json!({"type": "pages", "page": index + 1, "per_page": self.per_page, "total_pages": pages, "next": next});
            }
            PageStyle::PageNumber if body.get("total_pages").is_some() => {
                // Lists that give their page numbers at the top level (audiences, content snippets).
                body["page"] = json!(index + 1);
                body["per_page"] = json!(self.per_page);
                body["total_pages"] = json!(pages);
            }
            PageStyle::PageNumber => {
                body["pages"] =
                    json!({"type": "pages", "page": index + 1, "per_page": self.per_page, "total_pages": pages});
            }
            PageStyle::NextCursor => {
                body["next_cursor"] = if last { Value::Null } else { json!(format!("cursor-{}", index + 1)) };
                body["has_more"] = json!(!last);
            }
            PageStyle::NextUrl => {
                // Another host on purpose: a client may follow only the path and query.
                let next = format!("https://elsewhere.example{}?page_token={}", request.url.path(), index + 1);
                body["pages"] = json!({"type": "pages", "next": if last { Value::Null } else { json!(next) }});
            }
            PageStyle::Scroll => body["scroll_param"] = json!(SCROLL_PARAM),
        }
        ResponseTemplate::new(200).set_body_json(body)
    }
}
