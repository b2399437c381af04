//! A listing shorter than its `total_count` logs a warning. In a test binary of its own: tracing caches
//! whether a callsite is wanted, and other tests hitting it with no subscriber would race with this one.

use std::sync::{Arc, Mutex};

use intercom_core::endpoints::ListContacts;
use intercom_core::models::ContactList;
use intercom_core::protocol::Pager;

#[derive(Clone)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_short_listing_is_logged_as_a_warning() {
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let writer = Buffer(Arc::clone(&buffer));
    let subscriber = tracing_subscriber::fmt().with_ansi(false).with_writer(move || writer.clone()).finish();
    tracing::subscriber::with_default(subscriber, || {
        let mut pager = Pager::new(ListContacts::new());
        assert!(pager.next_request().is_some());
        let page: ContactList = serde_json::from_value(serde_json::json!({
            "type": "list", "data": [{"type": "contact", "id": "a"}], "total_count": 4, "pages": {"next": null}
        }))
        .unwrap();
        pager.on_answer(page);
        assert!(pager.next_request().is_none());
        assert_eq!(pager.shortfall(), Some(3));
    });
    let log = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
    let warning = log.lines().find(|l| l.contains("WARN")).unwrap_or_else(|| panic!("no warning in:\n{log}"));
    assert!(warning.contains("fewer items than the API announced"), "{warning}");
    for field in ["operation=\"ListContacts\"", "items=1", "total_count=4", "missing=3"] {
        assert!(warning.contains(field), "`{field}` is missing from: {warning}");
    }
}
