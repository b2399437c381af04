//! Recorded responses: the response examples of Intercom's 2.11 OpenAPI description, as files.

/// One recorded response of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixture {
    /// The spec `operationId` it answers.
    pub operation_id: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The file name under `fixtures/<operation_id>/`.
    pub file: &'static str,
    /// The `Content-Type` it is served with; empty for an empty body.
    pub content_type: &'static str,
    /// The bytes, served unchanged.
    pub body: &'static [u8],
}

impl Fixture {
    /// Whether this is a success answer (2xx).
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as text (fixtures of JSON answers are UTF-8).
    pub fn text(&self) -> &'static str {
        std::str::from_utf8(self.body).unwrap_or_default()
    }
}

/// Every recorded response.
pub fn all() -> &'static [Fixture] {
    crate::recorded::ALL
}

/// The recorded responses of one operation.
pub fn of(operation_id: &str) -> impl Iterator<Item = &'static Fixture> + '_ {
    all().iter().filter(move |f| f.operation_id == operation_id)
}

/// The first recorded response of `operation_id` with `status`.
pub fn find(operation_id: &str, status: u16) -> Option<&'static Fixture> {
    of(operation_id).find(|f| f.status == status)
}

/// The success response the mock serves for `operation_id` by default.
pub fn success(operation_id: &str) -> Option<&'static Fixture> {
    of(operation_id).find(|f| f.is_success())
}
