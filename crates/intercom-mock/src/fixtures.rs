//! Recorded responses: the response examples of Intercom's OpenAPI description (2.16, and 2.11 for the
//! operations 2.16 dropped; with the `preview` feature, the Preview description's for the operations Preview
//! changes or adds), as files, by endpoint name.

pub use crate::fixture::Fixture;
use crate::OperationKey;

/// Every recorded response of the stable operations.
pub fn all() -> &'static [Fixture] {
    crate::recorded::ALL
}

/// Every recorded response of the Preview operations (`endpoints::preview`).
#[cfg(feature = "preview")]
pub fn all_preview() -> &'static [Fixture] {
    crate::preview_recorded::ALL
}

/// The recorded responses of `operation`: `GetNote::OPERATION` (a Preview one too), or its name or
/// operationId as a string (see [`OperationKey`]; an unknown name panics with the closest ones).
pub fn of(operation: impl OperationKey) -> impl Iterator<Item = &'static Fixture> {
    let operation = operation.operation();
    let table = match operation.preview {
        #[cfg(feature = "preview")]
        true => all_preview(),
        _ => all(),
    };
    table.iter().filter(move |f| f.operation == operation.name)
}

/// The first recorded response of `operation` with `status`.
pub fn find(operation: impl OperationKey, status: u16) -> Option<&'static Fixture> {
    of(operation).find(|f| f.status == status)
}

/// The success response the mock serves for `operation` by default.
pub fn success(operation: impl OperationKey) -> Option<&'static Fixture> {
    of(operation).find(|f| f.is_success())
}
