//! Where a job stands: what a status request's answer means ([`JobStatus`]), and which request starts a
//! job whose status can then be read ([`StartsJob`]).

use crate::protocol::error::{Error, RequestLabel};
use crate::protocol::format::BodyDecodeError;
use crate::protocol::operations::Operation;
use crate::protocol::options::RequestOptions;
use crate::protocol::query::Query;
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

/// A request that reads the status of a job: [`GetDataExport`](crate::endpoints::GetDataExport),
/// [`GetJobStatus`](crate::endpoints::GetJobStatus), [`GetReportingDataExport`](crate::endpoints::GetReportingDataExport),
/// and with the `preview` feature the bulk jobs' `GetContactsBulkJob` and `GetCompaniesBulkJob`.
///
/// To wait for another request (an endpoint of this SDK or your own), wrap it in [`JobStatusBy`] with a
/// function that reads the state from its answer; or implement this trait for a type of your own.
pub trait JobStatus: Endpoint {
    /// Where the job stands, by what the status request answered.
    fn job_state(&self, status: &Self::Output) -> JobState;
}

/// A status request whose answer `state_of` reads: any request can be waited for, without implementing
/// [`JobStatus`] (which the orphan rule forbids for this SDK's endpoints outside it).
///
/// ```
/// use intercom_ureq::endpoints::GetTicket;
/// use intercom_ureq::{JobState, JobStatusBy};
///
/// // Wait until a ticket is closed.
/// let status = JobStatusBy::new(GetTicket::new("7"), |ticket: &intercom_ureq::models::Ticket| match ticket.open {
///     Some(false) => JobState::Completed,
///     _ => JobState::Running,
/// });
/// # let _ = status;
/// ```
#[derive(Clone)]
pub struct JobStatusBy<E, F> {
    request: E,
    state_of: F,
}

impl<E: Endpoint, F: Fn(&E::Output) -> JobState> JobStatusBy<E, F> {
    /// `request`, whose answers `state_of` reads.
    pub fn new(request: E, state_of: F) -> Self {
        Self { request, state_of }
    }
}

impl<E: std::fmt::Debug, F> std::fmt::Debug for JobStatusBy<E, F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobStatusBy").field("request", &self.request).finish_non_exhaustive()
    }
}

impl<E: Endpoint, F> Endpoint for JobStatusBy<E, F> {
    type Output = E::Output;
    type Format = E::Format;

    fn operation(&self) -> &'static Operation {
        self.request.operation()
    }

    fn method(&self) -> http::Method {
        self.request.method()
    }

    fn path(&self) -> Result<String, Error> {
        self.request.path()
    }

    fn query(&self, query: &mut Query) {
        self.request.query(query);
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        self.request.body()
    }

    fn label(&self) -> RequestLabel {
        self.request.label()
    }

    fn is_safe_to_retry(&self) -> bool {
        self.request.is_safe_to_retry()
    }

    fn decode(&self, body: Vec<u8>) -> Result<Self::Output, BodyDecodeError> {
        self.request.decode(body)
    }

    fn options(&self) -> Option<&RequestOptions> {
        self.request.options()
    }
}

impl<E: Endpoint, F: Fn(&E::Output) -> JobState> JobStatus for JobStatusBy<E, F> {
    fn job_state(&self, status: &E::Output) -> JobState {
        (self.state_of)(status)
    }
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
