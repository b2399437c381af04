//! The pure steps around a wait: the status request a started job names, and what a data export that
//! completed has to download.

use intercom_models::{DataExport, DataExportStatus};

use crate::protocol::error::{DecodeError, Error};
use crate::protocol::export_file::Downloaded;
use crate::protocol::job::status::StartsJob;
use crate::protocol::job::wait::JobOutcome;
use crate::protocol::request::Endpoint;
use crate::protocol::response::Answer;

/// The end of a data export: its last status and, when it completed with data, the download.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExportDownload {
    /// The export's last status.
    pub export: DataExport,
    /// What was written to the writer; `None` when there was nothing to download (the export ended
    /// `no_data`, failed or was cancelled).
    pub download: Option<Downloaded>,
}

pub(crate) type StatusOf<J> = <<J as StartsJob>::Status as Endpoint>::Output;

/// The status request for a started job, or a decode error naming what the answer lacked.
pub(crate) fn status_request<J: StartsJob>(start: &J, started: &Answer<J::Output>) -> Result<J::Status, Error>
where
    J::Output: std::fmt::Debug,
{
    start.status_request(&started.value).ok_or_else(|| {
        Error::Decode(Box::new(DecodeError {
            request: start.label(),
            status: started.status,
            path: ".".to_owned(),
            message: "the answer names no job to wait for".to_owned(),
            snippet: format!("{:?}", started.value),
            request_id: started.request_id.clone(),
        }))
    })
}

/// The export's job id when it completed with a file to download.
pub(crate) fn downloadable(outcome: &JobOutcome<DataExport>) -> Option<String> {
    match outcome {
        JobOutcome::Completed(export) if export.status == Some(DataExportStatus::Completed) => {
            export.job_identifier.clone()
        }
        _ => None,
    }
}
