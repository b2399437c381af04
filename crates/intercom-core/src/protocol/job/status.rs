//! Where a job stands: what a status request's answer means ([`JobStatus`]), and which request starts a
//! job whose status can then be read ([`StartsJob`]).

use crate::protocol::request::Endpoint;

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

/// A request that reads the status of a job: [`GetDataExport`](crate::endpoints::GetDataExport), [`GetJobStatus`](crate::endpoints::GetJobStatus),
/// [`GetReportingDataExport`](crate::endpoints::GetReportingDataExport). Implement it for your own status requests to wait for them too.
pub trait JobStatus: Endpoint {
    /// Where the job stands, by what the status request answered.
    fn job_state(status: &Self::Output) -> JobState;
}

/// A request that starts a job whose status can then be read: [`CreateDataExport`](crate::endpoints::CreateDataExport),
/// [`EnqueueCreateTicket`](crate::endpoints::EnqueueCreateTicket).
pub trait StartsJob: Endpoint {
    /// The request that reads the started job's status.
    type Status: JobStatus;

    /// The status request for the job the start answered with; `None` when the answer names no job.
    fn status_request(&self, started: &Self::Output) -> Option<Self::Status>;
}

/// A status the SDK does not know keeps the wait going (bounded by its deadline); it is logged.
pub(crate) fn unknown_status(status: &str) -> JobState {
    tracing::warn!(status, "intercom job status not known to this SDK: waiting on");
    JobState::Running
}
