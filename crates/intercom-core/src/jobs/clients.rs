//! The waits on both clients: poll, pause (in slices when the wait can be cancelled), poll again.

use std::io::Write;
use std::time::Instant;

use intercom_models::{CreateDataExportsRequest, DataExport, DataExportStatus};

use super::{outcome, JobOutcome, JobStatus, JobWait, Next, StartsJob, Waiting};
use crate::call::Answer;
use crate::client::{AsyncClient, BlockingClient};
use crate::download::Downloaded;
use crate::endpoint::Endpoint;
use crate::endpoints::{CreateDataExport, DownloadDataExport};
use crate::error::{DecodeError, Error};
use crate::transport::{AsyncHttpClient, HttpClient};

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

type StatusOf<J> = <<J as StartsJob>::Status as Endpoint>::Output;

/// The status request for a started job, or a decode error naming what the answer lacked.
fn status_request<J: StartsJob>(start: &J, started: &Answer<J::Output>) -> Result<J::Status, Error>
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
fn downloadable(outcome: &JobOutcome<DataExport>) -> Option<String> {
    match outcome {
        JobOutcome::Completed(export) if export.status == Some(DataExportStatus::Completed) => {
            export.job_identifier.clone()
        }
        _ => None,
    }
}

impl<T: HttpClient> BlockingClient<T> {
    /// Reads the job's status with `status` until the job ends, pausing between reads as `wait` says.
    /// A failed read is an error (after the usual retries); a job that fails is [`JobOutcome::Failed`].
    ///
    /// ```no_run
    /// use intercom_core::endpoints::GetDataExport;
    /// use intercom_core::{JobOutcome, JobWait};
    /// # fn demo(client: intercom_core::BlockingClient<fn(http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, intercom_core::TransportError>>) -> Result<(), intercom_core::Error> {
    /// match client.wait_for(&GetDataExport::new("job_1"), &JobWait::new())? {
    ///     JobOutcome::Completed(export) => println!("ready: {:?}", export.download_url),
    ///     other => println!("not ready: {other:?}"),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn wait_for<S: JobStatus>(&self, status: &S, wait: &JobWait) -> Result<JobOutcome<S::Output>, Error> {
        let mut waiting = Waiting::new(wait, Instant::now());
        let mut current = self.send(status)?;
        let mut next = waiting.polled(S::job_state(&current), Instant::now());
        loop {
            next = match next {
                Next::Done(ending) => return Ok(outcome(ending, current)),
                Next::Sleep(pause) => {
                    std::thread::sleep(pause);
                    waiting.next(Instant::now())
                }
                Next::Poll => {
                    current = self.send(status)?;
                    waiting.polled(S::job_state(&current), Instant::now())
                }
            };
        }
    }

    /// Starts a job with `start` and waits for it ([`wait_for`](Self::wait_for)).
    pub fn start_and_wait<J>(&self, start: &J, wait: &JobWait) -> Result<JobOutcome<StatusOf<J>>, Error>
    where
        J: StartsJob,
        J::Output: std::fmt::Debug,
    {
        let started = self.send_with_answer(start)?;
        self.wait_for(&status_request(start, &started)?, wait)
    }

    /// Exports the content data of a time range: starts the export, waits for it, and when it completes
    /// streams the file (gzip-compressed CSV, written as received) into `writer` without holding it in
    /// memory.
    pub fn export_data_to(
        &self,
        range: CreateDataExportsRequest,
        wait: &JobWait,
        writer: &mut (dyn Write + Send),
    ) -> Result<JobOutcome<ExportDownload>, Error> {
        let outcome = self.start_and_wait(&CreateDataExport::new(range), wait)?;
        let download = match downloadable(&outcome) {
            Some(job) => Some(self.download_to(&DownloadDataExport::new(job), writer)?),
            None => None,
        };
        Ok(outcome.map(|export| ExportDownload { export, download }))
    }
}

impl<T: AsyncHttpClient> AsyncClient<T> {
    /// Reads the job's status with `status` until the job ends; see [`BlockingClient::wait_for`].
    /// Dropping the future stops the wait too.
    pub async fn wait_for<S>(&self, status: &S, wait: &JobWait) -> Result<JobOutcome<S::Output>, Error>
    where
        S: JobStatus + Sync,
    {
        let mut waiting = Waiting::new(wait, Instant::now());
        let mut current = self.send(status).await?;
        let mut next = waiting.polled(S::job_state(&current), Instant::now());
        loop {
            next = match next {
                Next::Done(ending) => return Ok(outcome(ending, current)),
                Next::Sleep(pause) => {
                    self.transport().sleep(pause).await;
                    waiting.next(Instant::now())
                }
                Next::Poll => {
                    current = self.send(status).await?;
                    waiting.polled(S::job_state(&current), Instant::now())
                }
            };
        }
    }

    /// Starts a job with `start` and waits for it; see [`BlockingClient::start_and_wait`].
    pub async fn start_and_wait<J>(&self, start: &J, wait: &JobWait) -> Result<JobOutcome<StatusOf<J>>, Error>
    where
        J: StartsJob + Sync,
        J::Output: std::fmt::Debug,
        J::Status: Sync,
    {
        let started = self.send_with_answer(start).await?;
        self.wait_for(&status_request(start, &started)?, wait).await
    }

    /// Exports the content data of a time range into `writer`; see [`BlockingClient::export_data_to`].
    pub async fn export_data_to(
        &self,
        range: CreateDataExportsRequest,
        wait: &JobWait,
        writer: &mut (dyn Write + Send),
    ) -> Result<JobOutcome<ExportDownload>, Error> {
        let outcome = self.start_and_wait(&CreateDataExport::new(range), wait).await?;
        let download = match downloadable(&outcome) {
            Some(job) => Some(self.download_to(&DownloadDataExport::new(job), writer).await?),
            None => None,
        };
        Ok(outcome.map(|export| ExportDownload { export, download }))
    }
}
