//! Which endpoints are jobs: the status requests a wait polls ([`JobStatus`]) and the requests that start a
//! job ([`StartsJob`]), with what each status they answer means.

use intercom_models::{DataExport, DataExportStatus, GetReportingDataExportResponse, Jobs, JobsStatus};

use super::{CreateDataExport, EnqueueCreateTicket, GetDataExport, GetJobStatus, GetReportingDataExport};
use crate::protocol::job::status::{unknown_status, JobState, JobStatus, StartsJob};

impl JobStatus for GetDataExport {
    fn job_state(&self, export: &DataExport) -> JobState {
        match &export.status {
            None | Some(DataExportStatus::Pending | DataExportStatus::InProgress) => JobState::Running,
            // `no_data`: finished, with nothing to download.
            Some(DataExportStatus::Completed | DataExportStatus::NoData) => JobState::Completed,
            Some(DataExportStatus::Failed) => JobState::Failed("failed".to_owned()),
            Some(DataExportStatus::Canceled) => JobState::Cancelled,
            Some(other) => unknown_status(other.as_str()),
        }
    }
}

impl JobStatus for GetJobStatus {
    fn job_state(&self, job: &Jobs) -> JobState {
        match &job.status {
            None | Some(JobsStatus::Pending) => JobState::Running,
            Some(JobsStatus::Success) => JobState::Completed,
            Some(JobsStatus::Failed) => JobState::Failed("failed".to_owned()),
            Some(other) => unknown_status(other.as_str()),
        }
    }
}

impl JobStatus for GetReportingDataExport {
    fn job_state(&self, export: &GetReportingDataExportResponse) -> JobState {
        match export.status.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("pending" | "processing" | "in_progress" | "queued") => JobState::Running,
            Some("complete" | "completed" | "success") => JobState::Completed,
            Some("canceled" | "cancelled") => JobState::Cancelled,
            Some(failed @ ("failed" | "error")) => JobState::Failed(failed.to_owned()),
            Some(other) => unknown_status(other),
        }
    }
}

/// The Preview bulk jobs: `completed_with_errors` is an end too (the job ran every task; the tasks say which
/// failed), so it reads as completed.
#[cfg(feature = "preview")]
mod bulk_jobs {
    use intercom_models::preview::{CompaniesBulkJob, CompaniesBulkJobState, ContactsBulkJob, ContactsBulkJobState};

    use super::{unknown_status, JobState, JobStatus};
    use crate::endpoints::preview::{GetCompaniesBulkJob, GetContactsBulkJob};

    impl JobStatus for GetContactsBulkJob {
        fn job_state(&self, job: &ContactsBulkJob) -> JobState {
            match &job.state {
                None | Some(ContactsBulkJobState::Pending | ContactsBulkJobState::Running) => JobState::Running,
                Some(ContactsBulkJobState::Completed | ContactsBulkJobState::CompletedWithErrors) => {
                    JobState::Completed
                }
                Some(other) => unknown_status(other.as_str()),
            }
        }
    }

    impl JobStatus for GetCompaniesBulkJob {
        fn job_state(&self, job: &CompaniesBulkJob) -> JobState {
            match &job.state {
                None | Some(CompaniesBulkJobState::Pending | CompaniesBulkJobState::Running) => JobState::Running,
                Some(CompaniesBulkJobState::Completed | CompaniesBulkJobState::CompletedWithErrors) => {
                    JobState::Completed
                }
                Some(other) => unknown_status(other.as_str()),
            }
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
        assert_eq!(GetDataExport::new("j1").job_state(&export("in_progress")), JobState::Running);
        assert_eq!(GetDataExport::new("j1").job_state(&export("no_data")), JobState::Completed);
        assert_eq!(GetDataExport::new("j1").job_state(&export("failed")), JobState::Failed("failed".into()));
        assert_eq!(GetDataExport::new("j1").job_state(&export("canceled")), JobState::Cancelled);
        assert_eq!(GetDataExport::new("j1").job_state(&export("paused")), JobState::Running, "unknown: wait on");
        let job: Jobs = serde_json::from_value(serde_json::json!({"id": "9", "status": "success"})).unwrap();
        assert_eq!(GetJobStatus::new("9").job_state(&job), JobState::Completed);
        let mut report = GetReportingDataExportResponse::default();
        report.status = Some("complete".into());
        assert_eq!(GetReportingDataExport::new("j", "a", "c").job_state(&report), JobState::Completed);
        assert_eq!(
            CreateDataExport::new(intercom_models::CreateDataExportsRequest::new(1, 2))
                .status_request(&export("pending")),
            Some(GetDataExport::new("j1"))
        );
    }
}
