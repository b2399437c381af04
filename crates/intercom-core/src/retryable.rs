//! The one table of statuses worth sending again, read by the retry policy and by
//! `Error::is_retryable`.

use http::StatusCode;

/// `408`, `429` and the server errors `500`, `502`, `503`, `504`.
pub(crate) const RETRYABLE_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];

/// Whether `status` is in [`RETRYABLE_STATUSES`].
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    RETRYABLE_STATUSES.contains(&status.as_u16())
}
