//! Content data exports: message engagement data exported as a gzip-compressed CSV.
//!
//! Reference: <https://developers.intercom.com/docs/references/2.11/rest-api/api.intercom.io/data-export>

use serde::{Deserialize, Serialize};

open_enum! {
    /// Where an export job stands (schema `data_export.status`).
    pub enum DataExportStatus {
        /// Queued.
        Pending = "pending",
        /// Running.
        InProgress = "in_progress",
        /// Failed; start a new one.
        Failed = "failed",
        /// Done: the file can be downloaded.
        Completed = "completed",
        /// Done, with nothing in the chosen time range.
        NoData = "no_data",
        /// Cancelled.
        Canceled = "canceled",
    }
}

impl DataExportStatus {
    /// Whether the job has stopped (completed, failed, cancelled or found no data).
    pub fn is_finished(&self) -> bool {
        matches!(self, Self::Failed | Self::Completed | Self::NoData | Self::Canceled)
    }
}

/// An export job (schema `data_export`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataExport {
    /// The job's id: pass it to get, cancel and download.
    pub job_identifier: String,
    /// Where the job stands.
    pub status: Option<DataExportStatus>,
    /// When the download link expires; empty until the job completes.
    pub download_expires_at: Option<String>,
    /// Where to download the file; empty until the job completes.
    pub download_url: Option<String>,
}

/// Starts an export of the messages created in a time range: `POST /export/content/data`
/// (schema `create_data_exports_request`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateDataExportRequest {
    /// Start of the range, in Unix seconds.
    pub created_at_after: i64,
    /// End of the range, in Unix seconds.
    pub created_at_before: i64,
}
