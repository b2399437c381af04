//! Recorded responses: the response examples of Intercom's OpenAPI description (2.16, and 2.11 for the
//! operations 2.16 dropped), as files, by endpoint name.

pub use crate::fixture::Fixture;

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
