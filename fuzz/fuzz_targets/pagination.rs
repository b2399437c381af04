//! The pagination state machine fed arbitrary answers in every style: never a panic, limits hold, a page
//! with nothing to follow ends paging, and every request it asks for can be built.

#![no_main]

use std::marker::PhantomData;

use intercom_core::pagination::{PageInfo, PageParts};
use intercom_core::protocol::{
    build_request, BodyDecodeError, Endpoint, Operation, PageStyle, Pager, Paginated, Query, ResponseFormat,
};
use intercom_core::{operations, Config, Error};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Clone, PartialEq)]
struct Answer {
    items: usize,
    info: PageInfo,
    scroll: Option<String>,
}

/// Answers are made from the input, never read off a body.
struct NotRead;

impl ResponseFormat<Answer> for NotRead {
    const ACCEPT: &'static str = "application/json";

    fn decode(body: Vec<u8>) -> Result<Answer, BodyDecodeError> {
        Err(BodyDecodeError::new(".", "not read", &body))
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Fake<const STYLE: u8>(PhantomData<()>);

impl<const STYLE: u8> Endpoint for Fake<STYLE> {
    type Output = Answer;
    type Format = NotRead;

    fn operation(&self) -> &'static Operation {
        &operations::LIST_CONTACTS
    }

    fn path(&self) -> Result<String, Error> {
        Ok("/contacts".into())
    }

    fn query(&self, query: &mut Query) {
        query.push("per_page", "5");
    }
}

impl<const STYLE: u8> Paginated for Fake<STYLE> {
    type Item = usize;
    const STYLE: PageStyle = match STYLE {
        0 => PageStyle::QueryCursor,
        1 => PageStyle::BodyCursor,
        2 => PageStyle::PageNumber,
        3 => PageStyle::NextUrl,
        _ => PageStyle::Scroll,
    };

    fn split(output: Answer) -> PageParts<usize> {
        PageParts { items: (0..output.items).collect(), total_count: None, info: output.info, scroll_param: output.scroll }
    }
}

/// Reads answers off the input, a few bytes each.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*first)
    }

    fn text(&mut self) -> Option<String> {
        let length = self.byte()? as usize % 12;
        let taken = &self.0[..length.min(self.0.len())];
        self.0 = &self.0[taken.len()..];
        Some(String::from_utf8_lossy(taken).into_owned())
    }

    fn answer(&mut self) -> Option<Answer> {
        let shape = self.byte()?;
        let items = shape as usize % 4;
        let mut info = PageInfo::default();
        if shape & 0x04 != 0 {
            info.next_cursor = self.text();
        }
        if shape & 0x08 != 0 {
            info.next_url = self.text().map(|t| format!("https://x.example/c?{t}"));
        }
        if shape & 0x10 != 0 {
            info.page = self.byte().map(|b| i64::from(b % 8) - 1);
            info.total_pages = self.byte().map(|b| i64::from(b % 8));
        }
        let scroll = if shape & 0x20 != 0 { self.text() } else { None };
        Some(Answer { items, info, scroll })
    }
}

fn run<const STYLE: u8>(input: &mut Input<'_>, max_items: usize) {
    let config = Config::new("t");
    let mut pager = Pager::new(Fake::<STYLE>(PhantomData)).max_items(max_items);
    let mut items = 0;
    let mut pages = 0;
    while let Some(request) = pager.next_request() {
        let request = request.expect("per_page is valid");
        // Building may refuse a URL the fuzzer made up, but must not panic.
        let _ = build_request(&config, &request);
        let Some(answer) = input.answer() else { return };
        let ends = answer.items == 0
            || (answer.info == PageInfo::default() && answer.scroll.is_none() && Fake::<STYLE>::STYLE != PageStyle::Scroll);
        let page = pager.on_answer(answer);
        pages += 1;
        items += page.items.len();
        assert!(items <= max_items, "max_items");
        assert_eq!(page.number, pages);
        if ends {
            assert!(pager.next_request().is_none(), "a page with nothing to follow ends paging");
            return;
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input(data);
    let Some(choice) = input.byte() else { return };
    let max_items = 1 + (choice as usize >> 3);
    match choice % 5 {
        0 => run::<0>(&mut input, max_items),
        1 => run::<1>(&mut input, max_items),
        2 => run::<2>(&mut input, max_items),
        3 => run::<3>(&mut input, max_items),
        _ => run::<4>(&mut input, max_items),
    }
});
