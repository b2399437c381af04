//! Paging objects shared by list responses and search requests.

use serde::{Deserialize, Serialize};

/// Page information of a cursor-paginated list (schema `cursor_pages`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CursorPages {
    /// Always `"pages"`.
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// The current page number.
    pub page: Option<i64>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<StartingAfterPaging>,
    /// Items per page.
    pub per_page: Option<i64>,
    /// Number of pages.
    pub total_pages: Option<i64>,
}

/// A page size and the cursor to start after (schema `starting_after_paging`).
///
/// Sent in search requests as `pagination`, and returned in `pages.next`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StartingAfterPaging {
    /// Items per page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_page: Option<i64>,
    /// The cursor of the page to fetch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starting_after: Option<String>,
}
