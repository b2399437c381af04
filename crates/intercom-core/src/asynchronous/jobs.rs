//! Job waits on the async client: poll, sleep with the transport's timer, poll again, as [`Waiting`] says;
//! and a data export started, waited for and downloaded in one call.

use std::io::Write;
use std::time::Instant;

use intercom_models::CreateDataExportsRequest;

use crate::asynchronous::client::AsyncClient;
use crate::endpoints::{CreateDataExport, DownloadDataExport};
use crate::protocol::error::Error;
use crate::protocol::job::export::{downloadable, status_request, StatusOf};
use crate::protocol::job::wait::{outcome, Next, Waiting};
use crate::protocol::job::{ExportDownload, JobOutcome, JobStatus, JobWait, StartsJob};
use crate::transport::AsyncHttpClient;

impl<T: AsyncHttpClient> AsyncClient<T> {
    /// Reads the job's status with `status` until the job ends; see [`BlockingClient::wait_for`](crate::BlockingClient::wait_for).
    /// Dropping the future stops the wait too.
    pub async fn wait_for<S>(&self, status: &S, wait: &JobWait) -> Result<JobOutcome<S::Output>, Error>
    where
        S: JobStatus + Sync,
    {
        let mut waiting = Waiting::new(wait, Instant::now());
        let mut current = self.send(status).await?;
        let mut next = waiting.polled(status.job_state(&current), Instant::now());
        loop {
            next = match next {
                Next::Done(ending) => return Ok(outcome(ending, current)),
                Next::Sleep(pause) => {
                    self.transport().sleep(pause).await;
                    waiting.next(Instant::now())
                }
                Next::Poll => {
                    current = self.send(status).await?;
                    waiting.polled(status.job_state(&current), Instant::now())
                }
            };
        }
    }

    /// Starts a job with `start` and waits for it; see
    /// [`BlockingClient::start_and_wait`](crate::BlockingClient::start_and_wait).
    pub async fn start_and_wait<J>(&self, start: &J, wait: &JobWait) -> Result<JobOutcome<StatusOf<J>>, Error>
    where
        J: StartsJob + Sync,
        J::Output: std::fmt::Debug,
        J::Status: Sync,
    {
        let started = self.send_with_answer(start).await?;
        self.wait_for(&status_request(start, &started)?, wait).await
    }

    /// Exports the content data of a time range into `writer`; see
    /// [`BlockingClient::export_data_to`](crate::BlockingClient::export_data_to).
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
