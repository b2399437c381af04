//! The state machine on its own, for every style.

use std::marker::PhantomData;

use super::*;
use crate::protocol::build_request;
use crate::protocol::config::Config;
use crate::protocol::error::ApiError;
use crate::protocol::format::Json;
use crate::protocol::operations::{self, Operation};
use crate::protocol::query::Query;
use crate::protocol::request::json_body;

/// An answer made up for the tests.
#[derive(Debug, Clone, serde::Deserialize)]
struct Answer {
    items: Vec<u32>,
    cursor: Option<String>,
    url: Option<String>,
    page: Option<i64>,
    total_pages: Option<i64>,
    scroll: Option<String>,
}

fn answer(items: &[u32]) -> Answer {
    Answer { items: items.to_vec(), cursor: None, url: None, page: None, total_pages: None, scroll: None }
}

trait Style {
    const STYLE: PageStyle;
}
macro_rules! style {
    ($name:ident, $style:ident) => {
        #[derive(Debug, Clone, PartialEq)]
        struct $name;
        impl Style for $name {
            const STYLE: PageStyle = PageStyle::$style;
        }
    };
}
style!(QueryCursor, QueryCursor);
style!(BodyCursor, BodyCursor);
style!(PageNumber, PageNumber);
style!(NextUrl, NextUrl);
style!(Scroll, Scroll);
style!(NextCursor, NextCursor);

#[derive(Debug, Clone, PartialEq)]
struct Fake<S> {
    per_page: Option<i64>,
    body_cursor: Option<String>,
    style: PhantomData<S>,
}

fn fake<S>() -> Fake<S> {
    Fake { per_page: Some(2), body_cursor: None, style: PhantomData }
}

impl<S: Style> Endpoint for Fake<S> {
    type Output = Answer;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::LIST_CONTACTS
    }

    fn path(&self) -> Result<String, Error> {
        Ok("/things".into())
    }

    fn query(&self, query: &mut Query) {
        query.push_value("per_page", &self.per_page);
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        match S::STYLE {
            PageStyle::BodyCursor => json_body(&serde_json::json!({"starting_after": self.body_cursor})),
            _ => Ok(None),
        }
    }
}

impl<S: Style + Clone> Paginated for Fake<S> {
    type Item = u32;
    const STYLE: PageStyle = S::STYLE;
    const MAX_PER_PAGE: Option<i64> = Some(150);

    fn requested_per_page(&self) -> Option<i64> {
        self.per_page
    }

    fn split(output: Answer) -> PageParts<u32> {
        let info = PageInfo {
            next_cursor: output.cursor,
            next_url: output.url,
            page: output.page,
            total_pages: output.total_pages,
        };
        PageParts { items: output.items, total_count: Some(99), info, scroll_param: output.scroll }
    }

    fn with_body_cursor(&self, cursor: &str) -> Self {
        Self { body_cursor: Some(cursor.to_owned()), ..self.clone() }
    }

    fn error_hint(&self) -> Option<&'static str> {
        Some("a hint")
    }
}

/// The URL (and body) of the next request, or `None` when the pager is done.
fn next_url<S: Style + Clone>(pager: &mut Pager<Fake<S>>) -> Option<String> {
    let request = pager.next_request()?.expect("a valid request");
    let built = build_request(&Config::new("t"), &request).expect("builds");
    let body = String::from_utf8(built.body().clone()).unwrap();
    let url = built.uri().to_string().replace("https://api.intercom.io", "");
    Some(if body.is_empty() { url } else { format!("{url} {body}") })
}

#[test]
fn query_cursor_follows_next_starting_after_until_it_is_null() {
    let mut pager = Pager::new(fake::<QueryCursor>());
    assert_eq!(next_url(&mut pager).as_deref(), Some("/things?per_page=2"));
    let page = pager.on_answer(Answer { cursor: Some("c1".into()), ..answer(&[1, 2]) });
    assert_eq!(page, Page { items: vec![1, 2], total_count: Some(99), number: 1 });
    assert_eq!(next_url(&mut pager).as_deref(), Some("/things?per_page=2&starting_after=c1"));
    pager.on_answer(Answer { cursor: Some("c2".into()), ..answer(&[3, 4]) });
    assert_eq!(next_url(&mut pager).as_deref(), Some("/things?per_page=2&starting_after=c2"));
    pager.on_answer(answer(&[5]));
    assert_eq!(next_url(&mut pager), None, "no cursor: the last page");
}

/// The error the pager ends with.
fn failure<S: Style + Clone>(pager: &mut Pager<Fake<S>>) -> String {
    let Some(Err(err)) = pager.next_request() else { panic!("expected a paging error") };
    assert!(matches!(err, Error::Paging(_)), "{err:?}");
    assert!(!err.is_retryable());
    assert!(pager.next_request().is_none(), "then the end");
    assert!(!pager.is_complete());
    err.to_string()
}

#[test]
fn a_repeated_cursor_is_a_paging_error_that_says_what_was_read() {
    let mut pager = Pager::new(fake::<QueryCursor>());
    next_url(&mut pager);
    pager.on_answer(Answer { cursor: Some("c1".into()), ..answer(&[1]) });
    next_url(&mut pager);
    pager.on_answer(Answer { cursor: Some("c1".into()), ..answer(&[2]) });
    assert_eq!(
        failure(&mut pager),
        "paging GET /contacts stopped: the answer pointed again at the cursor `c1`, already followed; 2 item(s) \
         in 2 page(s) were read, and the listing may be incomplete"
    );
    assert_eq!(pager.shortfall(), None, "a failed listing has no shortfall to report");
}

#[test]
fn an_empty_cursor_ends_a_listing_but_an_empty_page_with_a_new_cursor_does_not() {
    let mut pager = Pager::new(fake::<QueryCursor>());
    next_url(&mut pager);
    pager.on_answer(Answer { cursor: Some(String::new()), ..answer(&[1]) });
    assert_eq!(next_url(&mut pager), None, "an empty cursor");
    assert!(pager.is_complete());

    let mut pager = Pager::new(fake::<QueryCursor>());
    next_url(&mut pager);
    let page = pager.on_answer(Answer { cursor: Some("c9".into()), ..answer(&[]) });
    assert!(page.items.is_empty());
    assert_eq!(next_url(&mut pager).as_deref(), Some("/things?per_page=2&starting_after=c9"), "followed");
    pager.on_answer(answer(&[7]));
    assert_eq!(next_url(&mut pager), None);
    assert!(pager.is_complete());
    assert_eq!(pager.items_read(), 1);
}

#[test]
fn every_style_follows_past_an_empty_page() {
    fn followed<S: Style + Clone>(empty: Answer, expected: &str) {
        let mut pager = Pager::new(fake::<S>());
        next_url(&mut pager);
        pager.on_answer(empty);
        assert_eq!(next_url(&mut pager).as_deref(), Some(expected), "{:?}", S::STYLE);
    }
    followed::<QueryCursor>(Answer { cursor: Some("c".into()), ..answer(&[]) }, "/things?per_page=2&starting_after=c");
    followed::<BodyCursor>(
        Answer { cursor: Some("b".into()), ..answer(&[]) },
        r#"/things?per_page=2 {"starting_after":"b"}"#,
    );
    followed::<PageNumber>(Answer { page: Some(1), total_pages: Some(2), ..answer(&[]) }, "/things?per_page=2&page=2");
    followed::<NextUrl>(Answer { url: Some("https://x/things?next=n".into()), ..answer(&[]) }, "/things?next=n");
    followed::<NextCursor>(Answer { cursor: Some("k".into()), ..answer(&[]) }, "/things?per_page=2&cursor=k");
    // The scroll alone ends on an empty page: that is how the API says it is over.
    let mut pager = Pager::new(fake::<Scroll>());
    next_url(&mut pager);
    pager.on_answer(Answer { scroll: Some("s".into()), ..answer(&[]) });
    assert_eq!(next_url(&mut pager), None);
    assert!(pager.is_complete());
}

#[test]
fn a_run_of_empty_pages_ends_with_a_paging_error() {
    let mut pager = Pager::new(fake::<QueryCursor>());
    for k in 0..MAX_EMPTY_PAGES_IN_A_ROW {
        assert!(next_url(&mut pager).is_some(), "page {k}");
        pager.on_answer(Answer { cursor: Some(format!("c{k}")), ..answer(&[]) });
    }
    assert!(failure(&mut pager).contains("stopped: 20 empty pages in a row; 0 item(s) in 20 page(s)"));
}

#[test]
fn each_style_reports_a_loop() {
    let mut pager = Pager::new(fake::<BodyCursor>());
    next_url(&mut pager);
    pager.on_answer(Answer { cursor: Some("Wz/E2=".into()), ..answer(&[1]) });
    next_url(&mut pager);
    pager.on_answer(Answer { cursor: Some("Wz/E2=".into()), ..answer(&[2]) });
    assert!(failure(&mut pager).contains("the cursor `Wz/E2=`"), "a base64 cursor with a slash is still a cursor");

    let mut pager = Pager::new(fake::<PageNumber>());
    next_url(&mut pager);
    pager.on_answer(Answer { page: Some(1), total_pages: Some(3), ..answer(&[1]) });
    next_url(&mut pager);
    pager.on_answer(Answer { page: Some(1), total_pages: Some(3), ..answer(&[2]) });
    assert!(failure(&mut pager).contains("pointed again at page 2"), "the server went back to page 1");

    let mut pager = Pager::new(fake::<NextUrl>());
    next_url(&mut pager);
    pager.on_answer(Answer { url: Some("https://x/events?next=a".into()), ..answer(&[1]) });
    next_url(&mut pager);
    pager.on_answer(Answer { url: Some("https://x/events?next=a".into()), ..answer(&[2]) });
    assert!(failure(&mut pager).contains("the next URL `https://x/events?next=a`"));

    let mut pager = Pager::new(fake::<NextCursor>());
    assert_eq!(next_url(&mut pager).as_deref(), Some("/things?per_page=2"));
    pager.on_answer(Answer { cursor: Some("n1".into()), ..answer(&[1]) });
    assert_eq!(next_url(&mut pager).as_deref(), Some("/things?per_page=2&cursor=n1"));
    pager.on_answer(Answer { cursor: Some("n1".into()), ..answer(&[2]) });
    assert!(failure(&mut pager).contains("the cursor `n1`"));
}

#[test]
fn a_short_listing_is_complete_and_says_how_short() {
    // Every style: the answers announce 99 items (the fake's total_count) and the listing ends early.
    fn ended_short<S: Style + Clone>(last: Answer) {
        let mut pager = Pager::new(fake::<S>());
        next_url(&mut pager);
        pager.on_answer(last);
        assert!(pager.next_request().is_none(), "{:?}", S::STYLE);
        assert!(pager.is_complete(), "{:?}", S::STYLE);
        assert_eq!(pager.total_count(), Some(99));
        assert_eq!(pager.shortfall(), Some(97), "{:?}: 2 of 99", S::STYLE);
    }
    ended_short::<QueryCursor>(answer(&[1, 2]));
    ended_short::<BodyCursor>(answer(&[1, 2]));
    ended_short::<PageNumber>(Answer { page: Some(1), total_pages: Some(1), ..answer(&[1, 2]) });
    ended_short::<NextUrl>(answer(&[1, 2]));
    ended_short::<NextCursor>(answer(&[1, 2]));
    let mut pager = Pager::new(fake::<Scroll>());
    next_url(&mut pager);
    pager.on_answer(Answer { scroll: Some("s".into()), ..answer(&[1, 2]) });
    next_url(&mut pager);
    pager.on_answer(Answer { scroll: Some("s".into()), ..answer(&[]) });
    assert_eq!(pager.shortfall(), Some(97), "a scroll too");

    let mut limited = Pager::new(fake::<QueryCursor>()).max_items(1);
    next_url(&mut limited);
    limited.on_answer(Answer { cursor: Some("c".into()), ..answer(&[1, 2]) });
    assert!(!limited.is_complete());
    assert_eq!(limited.shortfall(), None, "a listing cut by a limit is not short");
}

#[test]
fn body_cursor_moves_the_cursor_into_the_body() {
    let mut pager = Pager::new(fake::<BodyCursor>());
    assert_eq!(next_url(&mut pager).as_deref(), Some(r#"/things?per_page=2 {"starting_after":null}"#));
    pager.on_answer(Answer { cursor: Some("WzE2=".into()), ..answer(&[1]) });
    assert_eq!(next_url(&mut pager).as_deref(), Some(r#"/things?per_page=2 {"starting_after":"WzE2="}"#));
    pager.on_answer(Answer { url: Some("https://x/things?page=2".into()), ..answer(&[2]) });
    assert_eq!(next_url(&mut pager), None, "a search never follows a URL: its body would be lost");
}

#[test]
fn page_numbers_count_up_to_total_pages() {
    let mut pager = Pager::new(fake::<PageNumber>());
    next_url(&mut pager);
    pager.on_answer(Answer { page: Some(1), total_pages: Some(3), ..answer(&[1]) });
    assert_eq!(next_url(&mut pager).as_deref(), Some("/things?per_page=2&page=2"));
    pager.on_answer(Answer { page: Some(2), total_pages: Some(3), ..answer(&[2]) });
    assert_eq!(next_url(&mut pager).as_deref(), Some("/things?per_page=2&page=3"));
    pager.on_answer(Answer { page: Some(3), total_pages: Some(3), ..answer(&[3]) });
    assert_eq!(next_url(&mut pager), None);
}

#[test]
fn a_url_next_keeps_its_own_query_and_never_its_host() {
    let mut pager = Pager::new(fake::<NextUrl>());
    next_url(&mut pager);
    pager.on_answer(Answer {
        url: Some("https://elsewhere.example/events?per_page=2&next=ab+c%3D".into()),
        ..answer(&[1])
    });
    assert_eq!(next_url(&mut pager).as_deref(), Some("/events?per_page=2&next=ab+c%3D"));
    pager.on_answer(Answer {
        url: Some("https://elsewhere.example/events?per_page=2&next=ab+c%3D".into()),
        ..answer(&[2])
    });
    assert!(failure(&mut pager).contains("already followed"), "the same URL again");

    let mut pager = Pager::new(fake::<PageNumber>());
    next_url(&mut pager);
    pager.on_answer(Answer {
        url: Some("https://api.intercom.io/things?page=2&per_page=2".into()),
        page: Some(1),
        total_pages: Some(5),
        ..answer(&[1])
    });
    assert_eq!(next_url(&mut pager).as_deref(), Some("/things?page=2&per_page=2"), "a URL wins over counting");
}

#[test]
fn a_scroll_repeats_its_parameter_and_ends_on_an_empty_page() {
    let mut pager = Pager::new(fake::<Scroll>());
    assert_eq!(next_url(&mut pager).as_deref(), Some("/things?per_page=2"));
    for _ in 0..3 {
        pager.on_answer(Answer { scroll: Some("s1".into()), ..answer(&[1, 2]) });
        assert_eq!(next_url(&mut pager).as_deref(), Some("/things?per_page=2&scroll_param=s1"));
    }
    pager.on_answer(Answer { scroll: Some("s1".into()), ..answer(&[]) });
    assert_eq!(next_url(&mut pager), None);
}

#[test]
fn limits_cut_items_and_pages() {
    let mut pager = Pager::new(fake::<QueryCursor>()).max_items(3);
    next_url(&mut pager);
    assert_eq!(pager.on_answer(Answer { cursor: Some("c1".into()), ..answer(&[1, 2]) }).items, [1, 2]);
    next_url(&mut pager);
    assert_eq!(pager.on_answer(Answer { cursor: Some("c2".into()), ..answer(&[3, 4]) }).items, [3]);
    assert_eq!(next_url(&mut pager), None);

    let mut pager = Pager::new(fake::<QueryCursor>()).max_pages(1);
    next_url(&mut pager);
    pager.on_answer(Answer { cursor: Some("c1".into()), ..answer(&[1, 2]) });
    assert_eq!(next_url(&mut pager), None);
    assert!(Pager::new(fake::<QueryCursor>()).max_items(0).next_request().is_none());
}

#[test]
fn per_page_above_the_maximum_is_refused_before_sending() {
    let mut pager = Pager::new(Fake::<QueryCursor> { per_page: Some(151), ..fake() });
    let err = pager.next_request().unwrap().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request: per_page 151 is out of range for ListContacts: it must be between 1 and 150"
    );
    assert!(pager.next_request().is_none());
}

fn api_error(status: u16) -> Error {
    ApiError::for_test(fake::<QueryCursor>().label(), status, Vec::new())
}

#[test]
fn errors_end_paging_and_say_what_they_mean_here() {
    let mut pager = Pager::new(fake::<Scroll>());
    next_url(&mut pager);
    let err = pager.on_error(api_error(404));
    assert!(err.is_scroll_expired() && err.status().map(|s| s.as_u16()) == Some(404), "{err:?}");
    assert!(err.to_string().ends_with("start again from the beginning"), "{err}");
    assert!(pager.next_request().is_none());

    let mut pager = Pager::new(fake::<QueryCursor>());
    next_url(&mut pager);
    let err = pager.on_error(api_error(400));
    assert!(err.to_string().ends_with("; a hint"), "{err}");
}
