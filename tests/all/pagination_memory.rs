//! 30,000 items in pages of 150 through both transports: all arrive, in order, and at no time is more than
//! one page of items alive (counted by the items themselves, not timed).

use std::sync::atomic::{AtomicUsize, Ordering};

use intercom_core::models::CursorPages;
use intercom_core::pagination::{PageInfo, PageParts};
use intercom_core::protocol::{Endpoint, Json, Operation, PageStyle, Pager, Paginated, Query};
use intercom_core::{operations, Error};
use intercom_mock::MockIntercom;
use serde::Deserialize;
use serde_json::json;
use wiremock::{Request, Respond, ResponseTemplate};

use crate::support::Transport;

const TOTAL: usize = 30_000;
const PER_PAGE: usize = 150;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static MAX_LIVE: AtomicUsize = AtomicUsize::new(0);

/// Counts the items alive: one more when decoded, one less when dropped.
#[derive(Debug)]
struct Alive;

impl Default for Alive {
    fn default() -> Self {
        let now = LIVE.fetch_add(1, Ordering::SeqCst) + 1;
        MAX_LIVE.fetch_max(now, Ordering::SeqCst);
        Alive
    }
}

impl Drop for Alive {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

#[derive(Debug, Deserialize)]
struct Thing {
    id: String,
    #[serde(skip)]
    _alive: Alive,
}

#[derive(Debug, Deserialize)]
struct ThingPage {
    data: Vec<Thing>,
    total_count: Option<i64>,
    pages: Option<CursorPages>,
}

/// A paginated endpoint of the user's own, on the path of ListContacts.
#[derive(Debug, Clone, PartialEq)]
struct ListThings;

impl Endpoint for ListThings {
    type Output = ThingPage;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::LIST_CONTACTS
    }

    fn path(&self) -> Result<String, Error> {
        Ok("/contacts".into())
    }

    fn query(&self, query: &mut Query) {
        query.push("per_page", PER_PAGE.to_string());
    }
}

impl Paginated for ListThings {
    type Item = Thing;
    const STYLE: PageStyle = PageStyle::QueryCursor;

    fn split(output: ThingPage) -> PageParts<Thing> {
        let info = output.pages.as_ref().map(PageInfo::from).unwrap_or_default();
        PageParts { items: output.data, total_count: output.total_count, info, scroll_param: None }
    }
}

struct Pages;

impl Respond for Pages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page: usize = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "starting_after")
            .and_then(|(_, v)| v.strip_prefix("cursor-").and_then(|n| n.parse().ok()))
            .unwrap_or(0);
        let data: Vec<_> =
            (0..PER_PAGE).map(|i| json!({"type": "contact", "id": format!("{}", page * PER_PAGE + i)})).collect();
        let last = (page + 1) * PER_PAGE >= TOTAL;
        let next = if last { json!(null) } else { json!({"starting_after": format!("cursor-{}", page + 1)}) };
        ResponseTemplate::new(200).set_body_json(json!({
            "type": "list", "data": data, "total_count": TOTAL, "pages": {"type": "pages", "page": page + 1, "next": next}
        }))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_thousand_items_arrive_with_one_page_alive_at_a_time() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start_empty().await;
        mock.on("ListContacts").respond_with(Pages).mount(mock.server()).await;
        MAX_LIVE.store(0, Ordering::SeqCst);
        let config = mock.config();
        let count = match transport {
            Transport::Ureq => tokio::task::spawn_blocking(move || {
                let client = intercom_ureq::Client::from_config(config);
                let mut count = 0;
                for thing in Pager::new(ListThings).items(&client) {
                    assert_eq!(thing.expect("an item").id, count.to_string(), "in order");
                    count += 1;
                }
                count
            })
            .await
            .expect("the blocking thread"),
            Transport::Hyper => {
                let client = intercom_hyper::Client::from_config(config);
                let mut stream = Pager::new(ListThings).items(&client);
                let mut count = 0;
                while let Some(thing) = stream.next().await {
                    assert_eq!(thing.expect("an item").id, count.to_string(), "in order");
                    count += 1;
                }
                count
            }
        };
        assert_eq!(count, TOTAL, "{transport:?}: every item");
        assert_eq!(mock.received("ListContacts").await.len(), TOTAL / PER_PAGE, "{transport:?}: one request a page");
        let max_live = MAX_LIVE.load(Ordering::SeqCst);
        assert!(max_live <= PER_PAGE, "{transport:?}: {max_live} items alive at once: more than one page");
        assert!(max_live > 0, "{transport:?}: the counter counted");
        assert_eq!(LIVE.load(Ordering::SeqCst), 0, "{transport:?}: nothing left alive");
    }
}
