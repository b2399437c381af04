//! The paging scenario every generated `*_pages` test runs: the mock serves five pages in the operation's own
//! answer shape (`MockIntercom::serve_pages`), and through both transports every item must arrive once, in
//! order, with the exact cursor (page number, URL token, scroll parameter) sent on each request and the
//! other parameters kept.

use std::sync::Arc;

use intercom_core::protocol::{PageStyle, Pager, Paginated};
use intercom_core::{ApiVersion, Prepared, RequestOptions};
use intercom_mock::{cursor_of, fixtures, MockIntercom, SCROLL_PARAM};
use serde::Serialize;
use serde_json::{json, Value};

use crate::support::{header, Transport};

const PAGES: usize = 5;
const PER_PAGE: usize = 3;

/// The cursors a scenario must see sent, request after request.
fn expected_cursors(style: PageStyle) -> Vec<Option<String>> {
    let mut cursors = vec![None];
    match style {
        PageStyle::QueryCursor | PageStyle::BodyCursor | PageStyle::NextCursor => {
            cursors.extend((1..PAGES).map(|k| Some(format!("cursor-{k}"))))
        }
        PageStyle::PageNumber => cursors.extend((2..=PAGES).map(|k| Some(k.to_string()))),
        PageStyle::NextUrl => cursors.extend((1..PAGES).map(|k| Some(k.to_string()))),
        PageStyle::Scroll => cursors.extend((0..PAGES).map(|_| Some(SCROLL_PARAM.to_owned()))),
    }
    cursors
}

fn id_of<T: Serialize>(item: &T, id_field: &str) -> String {
    serde_json::to_value(item).ok().and_then(|v| v[id_field].as_str().map(str::to_owned)).unwrap_or_default()
}

/// Runs the scenario for one paginated operation: as it is, and with per-request options, which every page
/// must carry (a header, a query pair, the API version).
pub async fn check_pagination<E>(endpoint: E, style: PageStyle, id_field: &'static str)
where
    E: Paginated + Clone + Send + Sync + Unpin + 'static,
    E::Output: Send + 'static,
    E::Item: Serialize + Send + Unpin + 'static,
{
    scenario(Prepared::new(endpoint.clone()), style, id_field, None).await;
    // A stable operation is sent with its newest stable version; a Preview one with Preview, set explicitly.
    let operation = endpoint.operation();
    let version = operation.versions.iter().rev().find(|v| **v != ApiVersion::PREVIEW || operation.preview).cloned();
    let version = version.unwrap_or(ApiVersion::LATEST);
    let options =
        RequestOptions::new().header("x-trace", "every-page").query("extra", "1").api_version(version.clone());
    scenario(Prepared::new(endpoint).with_options(options), style, id_field, Some(version)).await;
}

async fn scenario<E>(request: Prepared<E>, style: PageStyle, id_field: &'static str, options: Option<ApiVersion>)
where
    E: Paginated + Clone + Send + Sync + Unpin + 'static,
    E::Output: Send + 'static,
    E::Item: Serialize + Send + Unpin + 'static,
{
    let endpoint = request.endpoint();
    let operation = endpoint.operation();
    assert_eq!(E::STYLE, style, "{}", operation.name);
    let recorded = fixtures::success(operation).expect("a recorded success");
    let template: Value = serde_json::from_slice(recorded.body).expect("JSON");
    let first_item = E::ITEMS_PATH.iter().try_fold(&template, |node, key| node.get(*key));
    let item = first_item.and_then(|list| list.get(0)).cloned().unwrap_or_else(|| json!({}));
    let expected_ids: Vec<String> = (1..=PAGES * PER_PAGE).map(|i| format!("item-{i}")).collect();
    let items: Vec<Value> = expected_ids
        .iter()
        .map(|id| {
            let mut item = item.clone();
            item[id_field] = json!(id);
            item
        })
        .collect();

    for transport in Transport::BOTH {
        let context = format!("{} via {transport:?}", operation.name);
        let mock = MockIntercom::start_empty().await;
        mock.serve_pages(endpoint, items.clone(), PER_PAGE).await;

        let config = mock.config();
        let request = request.clone();
        let ids: Vec<String> = match transport {
            Transport::Ureq => tokio::task::spawn_blocking(move || {
                let client = intercom_ureq::Client::from_config(config);
                Pager::from_prepared(request)
                    .items(&client)
                    .map(|item| item.map(|item| id_of(&item, id_field)))
                    .collect::<Result<Vec<_>, _>>()
            })
            .await
            .expect("the blocking iterator"),
            Transport::Hyper => {
                let client = Arc::new(intercom_hyper::Client::from_config(config));
                let mut stream = Pager::from_prepared(request).items(&*client);
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

        let received = mock.received(operation).await;
        let cursors: Vec<Option<String>> = received.iter().map(|r| cursor_of(style, r)).collect();
        assert_eq!(cursors, expected_cursors(style), "{context}: the cursor sent on each request");
        if let Some(version) = &options {
            for (i, request) in received.iter().enumerate() {
                let page = format!("{context} with options, page {}", i + 1);
                assert_eq!(header(request, "x-trace"), "every-page", "{page}");
                assert_eq!(header(request, "intercom-version"), version.as_str(), "{page}");
                assert!(request.url.query_pairs().any(|(k, v)| k == "extra" && v == "1"), "{page}: {}", request.url);
            }
        }

        if style != PageStyle::NextUrl {
            let cursor_name = ["starting_after", "page", "scroll_param", "cursor"];
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
