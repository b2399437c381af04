//! Which requests read a job's status, what each status means, and which requests start a job.

use intercom_models::{DataExport, DataExportStatus, GetReportingDataExportResponse, Jobs, JobsStatus};

use crate::endpoint::Endpoint;
use crate::endpoints::{CreateDataExport, EnqueueCreateTicket, GetDataExport, GetJobStatus, GetReportingDataExport};

/// Where a job stands, by its status.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JobState {
    /// Not finished (also for a status this SDK does not know: the deadline bounds the wait).
    Running,
    /// Finished its work.
    Completed,
    /// Failed, with the status the API gave.
    Failed(String),
    /// Cancelled.
    Cancelled,
}

/// A request that reads the status of a job: [`GetDataExport`], [`GetJobStatus`],
/// [`GetReportingDataExport`]. Implement it for your own status requests to wait for them too.
pub trait JobStatus: Endpoint {
    /// Where the job stands, by what the status request answered.
    fn job_state(status: &Self::Output) -> JobState;
}

/// A request that starts a job whose status can then be read: [`CreateDataExport`],
/// [`EnqueueCreateTicket`].
pub trait StartsJob: Endpoint {
    /// The request that reads the started job's status.
    type Status: JobStatus;

    /// The status request for the job the start answered with; `None` when the answer names no job.
    fn status_request(&self, started: &Self::Output) -> Option<Self::Status>;
}

/// A status the SDK does not know keeps the wait going (bounded by its deadline); it is logged.
fn unknown(status: &str) -> JobState {
    tracing::warn!(status, "intercom job status not known to this SDK: waiting on");
    JobState::Running
}

impl JobStatus for GetDataExport {
    fn job_state(export: &DataExport) -> JobState {
        match &export.status {
            None | Some(DataExportStatus::Pending | DataExportStatus::InProgress) => JobState::Running,
            // `no_data`: finished, with nothing to download.
            Some(DataExportStatus::Completed | DataExportStatus::NoData) => JobState::Completed,
            Some(DataExportStatus::Failed) => JobState::Failed("failed".to_owned()),
            Some(DataExportStatus::Canceled) => JobState::Cancelled,
            Some(other) => unknown(other.as_str()),
        }
    }
}

impl JobStatus for GetJobStatus {
    fn job_state(job: &Jobs) -> JobState {
        match &job.status {
            None | Some(JobsStatus::Pending) => JobState::Running,
            Some(JobsStatus::Success) => JobState::Completed,
            Some(JobsStatus::Failed) => JobState::Failed("failed".to_owned()),
            Some(other) => unknown(other.as_str()),
        }
    }
}

impl JobStatus for GetReportingDataExport {
    fn job_state(export: &GetReportingDataExportResponse) -> JobState {
        match export.status.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("pending" | "processing" | "in_progress" | "queued") => JobState::Running,
            Some("complete" | "completed" | "success") => JobState::Completed,
            Some("canceled" | "cancelled") => JobState::Cancelled,
            Some(failed @ ("failed" | "error")) => JobState::Failed(failed.to_owned()),
            Some(other) => unknown(other),
        }
    }
}

impl StartsJob for CreateDataExport {
    type Status = GetDataExport;

    fn status_request(&self, started: &DataExport) -> Option<GetDataExport> {
        started.job_identifier.as_deref().filter(|id| !id.is_empty()).map(GetDataExport::new)
    }
}

impl StartsJob for EnqueueCreateTicket {
    type Status = GetJobStatus;

    fn status_request(&self, started: &Jobs) -> Option<GetJobStatus> {
        Some(&started.id).filter(|id| !id.is_empty()).map(GetJobStatus::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn export(status: &str) -> DataExport {
        serde_json::from_value(serde_json::json!({"job_identifier": "j1", "status": status})).unwrap()
    }

    #[test]
    fn each_status_of_each_job_maps_to_a_state() {
        assert_eq!(GetDataExport::job_state(&export("in_progress")), JobState::Running);
        assert_eq!(GetDataExport::job_state(&export("no_data")), JobState::Completed);
        assert_eq!(GetDataExport::job_state(&export("failed")), JobState::Failed("failed".into()));
        assert_eq!(GetDataExport::job_state(&export("canceled")), JobState::Cancelled);
        assert_eq!(GetDataExport::job_state(&export("paused")), JobState::Running, "unknown: wait on");
        let job: Jobs = serde_json::from_value(serde_json::json!({"id": "9", "status": "success"})).unwrap();
        assert_eq!(GetJobStatus::job_state(&job), JobState::Completed);
        let report = GetReportingDataExportResponse { status: Some("complete".into()), ..Default::default() };
        assert_eq!(GetReportingDataExport::job_state(&report), JobState::Completed);
        assert_eq!(
            CreateDataExport::new(intercom_models::CreateDataExportsRequest::new(1, 2))
                .status_request(&export("pending")),
            Some(GetDataExport::new("j1"))
        );
    }
}
