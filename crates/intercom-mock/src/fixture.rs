//! What one recorded response is.

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
