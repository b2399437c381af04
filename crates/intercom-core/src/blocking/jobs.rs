//! Job waits on the blocking client: poll, sleep the thread, poll again, as [`Waiting`] says; and a data
//! export started, waited for and downloaded in one call.

use std::io::Write;
use std::time::Instant;

use intercom_models::CreateDataExportsRequest;

use crate::blocking::client::BlockingClient;
use crate::endpoints::{CreateDataExport, DownloadDataExport};
use crate::protocol::error::Error;
use crate::protocol::job::export::{downloadable, status_request, StatusOf};
use crate::protocol::job::wait::{outcome, Next, Waiting};
use crate::protocol::job::{ExportDownload, JobOutcome, JobStatus, JobWait, StartsJob};
use crate::transport::HttpClient;

impl<T: HttpClient> BlockingClient<T> {
    /// Reads the job's status with `status` until the job ends, pausing between reads as `wait` says.
    /// A failed read is an error (after the usual retries); a job that fails is [`JobOutcome::Failed`].
    ///
    /// ```no_run
    /// use intercom_ureq::endpoints::GetDataExport;
    /// use intercom_ureq::{Client, JobOutcome, JobWait};
    /// # fn demo(client: Client) -> Result<(), intercom_ureq::Error> {
    /// match client.wait_for(&GetDataExport::new("job_1"), &JobWait::new())? {
    ///     JobOutcome::Completed(export) => println!("ready: {:?}", export.download_url),
    ///     other => println!("not ready: {other:?}"),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn wait_for<S: JobStatus>(&self, status: &S, wait: &JobWait) -> Result<JobOutcome<S::Output>, Error> {
        let mut waiting = Waiting::new(wait, Instant::now());
        let mut current = self.send(status)?;
        let mut next = waiting.polled(status.job_state(&current), Instant::now());
        loop {
            next = match next {
                Next::Done(ending) => return Ok(outcome(ending, current)),
                Next::Sleep(pause) => {
                    std::thread::sleep(pause);
                    waiting.next(Instant::now())
                }
                Next::Poll => {
                    current = self.send(status)?;
                    waiting.polled(status.job_state(&current), Instant::now())
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
