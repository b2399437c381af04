//! Recorded responses: the response examples of Intercom's OpenAPI description (2.16, and 2.11 for the
//! operations 2.16 dropped), as files, by endpoint name.

/// One recorded response of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixture {
    /// The endpoint name of the operation it answers (`GetNote`).
    pub operation: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The file name under `fixtures/<operation>/`.
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

/// The recorded responses of one operation, by endpoint name (`GetNote`) or `operationId` (`GetNote`).
pub fn of(operation: &str) -> impl Iterator<Item = &'static Fixture> + '_ {
    let name = intercom_core::operations::find(operation).map_or(operation, |op| op.name);
    all().iter().filter(move |f| f.operation == name)
}

/// The first recorded response of `operation` with `status`.
pub fn find(operation: &str, status: u16) -> Option<&'static Fixture> {
    of(operation).find(|f| f.status == status)
}

/// The success response the mock serves for `operation` by default.
pub fn success(operation: &str) -> Option<&'static Fixture> {
    of(operation).find(|f| f.is_success())
}
