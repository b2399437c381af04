//! Jobs, work Intercom finishes later (data exports, reporting exports, enqueued tickets): which requests
//! read a job's status and what each status means ([`status`]), how a wait for one goes ([`wait`]), and
//! the steps around it ([`export`]). The endpoints that are jobs say so in `endpoints/job_endpoints.rs`;
//! each driver's `jobs.rs` sends the polls and sleeps.

pub(crate) mod export;
pub(crate) mod status;
pub(crate) mod wait;

pub use export::ExportDownload;
pub use status::{JobState, JobStatus, JobStatusBy, StartsJob};
pub use wait::{CancelWait, JobOutcome, JobWait};
