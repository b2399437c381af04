//! Recorded responses: the response examples of Intercom's OpenAPI description (2.16, and 2.11 for the
//! operations 2.16 dropped; with the `preview` feature, the Preview description's for the operations Preview
//! changes or adds), as files, by endpoint name.

use intercom_core::operations::Operation;

pub use crate::fixture::Fixture;

/// Every recorded response of the stable operations.
pub fn all() -> &'static [Fixture] {
    crate::recorded::ALL
}

/// Every recorded response of the Preview operations (`endpoints::preview`).
#[cfg(feature = "preview")]
pub fn all_preview() -> &'static [Fixture] {
    crate::preview_recorded::ALL
}

/// The recorded responses of one stable operation, by endpoint name (`GetNote`) or `operationId`
/// (`retrieveNote`).
pub fn of(operation: &str) -> impl Iterator<Item = &'static Fixture> + '_ {
    let name = intercom_core::operations::find(operation).map_or(operation, |op| op.name);
    all().iter().filter(move |f| f.operation == name)
}

/// The recorded responses of `operation`, stable or Preview.
pub fn recorded_for(operation: &Operation) -> impl Iterator<Item = &'static Fixture> + '_ {
    let table = match operation.preview {
        #[cfg(feature = "preview")]
        true => all_preview(),
        _ => all(),
    };
    table.iter().filter(move |f| f.operation == operation.name)
}

/// The first recorded response of `operation` with `status`.
pub fn find(operation: &str, status: u16) -> Option<&'static Fixture> {
    of(operation).find(|f| f.status == status)
}

/// The success response the mock serves for `operation` by default.
pub fn success(operation: &str) -> Option<&'static Fixture> {
    of(operation).find(|f| f.is_success())
}
