//! The paging scenario every generated `*_pages` test runs: the mock serves five pages in the operation's own
//! answer shape (built from its recorded answer), and through both transports every item must arrive once,
//! in order, with the exact cursor (page number, URL token, scroll parameter) sent on each request and the
//! other parameters kept.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use intercom_core::{PageStyle, Pager, Paginated};
use intercom_mock::{fixtures, MockIntercom};
use serde::Serialize;
use serde_json::{json, Value};
use wiremock::{Request, Respond, ResponseTemplate};

use crate::support::Transport;

const PAGES: usize = 5;
const PER_PAGE: usize = 3;
const SCROLL: &str = "scroll-abc";

/// How a generated test describes its operation's paging.
pub struct Scenario {
    /// The style the SDK pages it with.
    pub style: PageStyle,
    /// Where the items are in the answer.
    pub items_path: &'static [&'static str],
    /// The key that identifies an item.
    pub id_field: &'static str,
}

/// Serves page `k` (0-based) of the scenario, picking `k` from the request the way the style says.
struct Pages {
    style: PageStyle,
    template: Value,
    items_path: &'static [&'static str],
    item: Value,
    id_field: &'static str,
    scroll_calls: AtomicUsize,
}

/// The page number a request asks for, and the cursor it carried.
fn cursor_of(style: PageStyle, request: &Request) -> Option<String> {
    let query = |name: &str| request.url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    match style {
        PageStyle::QueryCursor => query("starting_after"),
        PageStyle::BodyCursor => request
            .body_json::<Value>()
            .ok()
            .and_then(|b| b.pointer("/pagination/starting_after").and_then(Value::as_str).map(str::to_owned)),
        PageStyle::PageNumber => query("page"),
        PageStyle::NextUrl => query("page_token"),
        PageStyle::Scroll => query("scroll_param"),
    }
}

impl Respond for Pages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let cursor = cursor_of(self.style, request);
        let index = match self.style {
            PageStyle::Scroll => self.scroll_calls.fetch_add(1, Ordering::SeqCst),
            PageStyle::PageNumber => cursor.and_then(|p| p.parse::<usize>().ok()).map_or(0, |p| p - 1),
            _ => cursor.and_then(|c| c.rsplit('-').next().and_then(|n| n.parse().ok())).unwrap_or(0),
        };
        let count = if index < PAGES { PER_PAGE } else { 0 };
        let items: Vec<Value> = (0..count)
            .map(|i| {
                let mut item = self.item.clone();
                item[self.id_field] = json!(format!("item-{}", index * PER_PAGE + i + 1));
                item
            })
            .collect();
        let mut body = self.template.clone();
        let slot = self.items_path.iter().fold(&mut body, |node, key| {
            if !node[*key].is_object() && !node[*key].is_array() {
                node[*key] = json!({});
            }
            &mut node[*key]
        });
        *slot = Value::Array(items);
        if body.get("total_count").is_some() {
            body["total_count"] = json!(PAGES * PER_PAGE);
        }
        let last = index + 1 >= PAGES;
        match self.style {
            PageStyle::QueryCursor | PageStyle::BodyCursor => {
                let next = if last {
                    Value::Null
                } else {
                    json!({"page": index + 2, "starting_after": format!("cursor-{}", index + 1)})
                };
                body["pages"] = json!({"type": "pages", "page": index + 1, "per_page": PER_PAGE, "total_pages": PAGES, "next": next});
            }
            PageStyle::PageNumber => {
                body["pages"] = json!({"type": "pages", "page": index + 1, "per_page": PER_PAGE, "total_pages": PAGES});
            }
            PageStyle::NextUrl => {
                // Another host on purpose: only the path and query may be followed.
                let next = format!("https://elsewhere.example{}?page_token={}", request.url.path(), index + 1);
                body["pages"] = json!({"type": "pages", "next": if last { Value::Null } else { json!(next) }});
            }
            PageStyle::Scroll => body["scroll_param"] = json!(SCROLL),
        }
        ResponseTemplate::new(200).set_body_json(body)
    }
}

/// The cursors a scenario must see sent, request after request.
fn expected_cursors(style: PageStyle) -> Vec<Option<String>> {
    let mut cursors = vec![None];
    match style {
        PageStyle::QueryCursor | PageStyle::BodyCursor => {
            cursors.extend((1..PAGES).map(|k| Some(format!("cursor-{k}"))))
        }
        PageStyle::PageNumber => cursors.extend((2..=PAGES).map(|k| Some(k.to_string()))),
        PageStyle::NextUrl => cursors.extend((1..PAGES).map(|k| Some(k.to_string()))),
        PageStyle::Scroll => cursors.extend((0..PAGES).map(|_| Some(SCROLL.to_owned()))),
    }
    cursors
}

fn id_of<T: Serialize>(item: &T, id_field: &str) -> String {
    serde_json::to_value(item).ok().and_then(|v| v[id_field].as_str().map(str::to_owned)).unwrap_or_default()
}

/// Runs the scenario for one paginated operation.
pub async fn check_pagination<E>(endpoint: E, scenario: Scenario)
where
    E: Paginated + Clone + Send + Sync + Unpin + 'static,
    E::Output: Send + 'static,
    E::Item: Serialize + Send + Unpin + 'static,
{
    let operation = endpoint.operation();
    assert_eq!(E::STYLE, scenario.style, "{}", operation.id);
    let recorded = fixtures::success(operation.id).expect("a recorded success");
    let template: Value = serde_json::from_slice(recorded.body).expect("JSON");
    let first_item = scenario.items_path.iter().try_fold(&template, |node, key| node.get(*key));
    let item = first_item.and_then(|list| list.get(0)).cloned().unwrap_or_else(|| json!({}));
    let expected_ids: Vec<String> = (1..=PAGES * PER_PAGE).map(|i| format!("item-{i}")).collect();

    for transport in Transport::BOTH {
        let context = format!("{} via {transport:?}", operation.id);
        let mock = MockIntercom::start_empty().await;
        let pages = Pages {
            style: scenario.style,
            template: template.clone(),
            items_path: scenario.items_path,
            item: item.clone(),
            id_field: scenario.id_field,
            scroll_calls: AtomicUsize::new(0),
        };
        mock.on(operation.id).respond_with(pages).mount(mock.server()).await;

        let config = mock.config();
        let request = endpoint.clone();
        let id_field = scenario.id_field;
        let ids: Vec<String> = match transport {
            Transport::Ureq => tokio::task::spawn_blocking(move || {
                let client = intercom_ureq::Client::from_config(config);
                Pager::new(request)
                    .items(&client)
                    .map(|item| item.map(|item| id_of(&item, id_field)))
                    .collect::<Result<Vec<_>, _>>()
            })
            .await
            .expect("the blocking iterator"),
            Transport::Hyper => {
                let client = Arc::new(intercom_hyper::Client::from_config(config));
                let mut stream = Pager::new(request).items(&*client);
                let mut ids = Vec::new();
                let mut failure = None;
                while let Some(item) = stream.next().await {
                    match item {
                        Ok(item) => ids.push(id_of(&item, id_field)),
                        Err(error) => failure = Some(error),
                    }
                }
                match failure {
                    Some(error) => Err(error),
                    None => Ok(ids),
                }
            }
        }
        .unwrap_or_else(|e| panic!("{context}: {e}"));
        assert_eq!(ids, expected_ids, "{context}: every item once, in order");

        let received = mock.received(operation.id).await;
        let cursors: Vec<Option<String>> = received.iter().map(|r| cursor_of(scenario.style, r)).collect();
        assert_eq!(cursors, expected_cursors(scenario.style), "{context}: the cursor sent on each request");

        if scenario.style != PageStyle::NextUrl {
            let cursor_name = ["starting_after", "page", "scroll_param"];
            let first: Vec<(String, String)> = received[0]
                .url
                .query_pairs()
                .filter(|(k, _)| !cursor_name.contains(&k.as_ref()))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            for (i, later) in received.iter().enumerate().skip(1) {
                let pairs: Vec<(String, String)> =
                    later.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
                for pair in &first {
                    assert!(pairs.contains(pair), "{context}: request {} lost the parameter {pair:?}", i + 1);
                }
            }
        }
    }
}
