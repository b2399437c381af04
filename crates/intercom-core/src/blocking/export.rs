//! Exports on the blocking client: the pure [`ExportRun`] driven as an [`Iterator`] of pages, its requests
//! sent on worker threads.

use std::panic::resume_unwind;
use std::sync::mpsc::Receiver;
use std::time::SystemTime;

use super::client::BlockingClient;
use super::workers::{Report, Workers};
use crate::protocol::error::Error;
use crate::protocol::export::{
    Export, ExportCheckpoint, ExportError, ExportPage, ExportProgress, ExportRun, Exportable,
};
use crate::transport::HttpClient;

/// The pages of an export ([`BlockingClient::export`]), in the order they arrive, each record once.
///
/// Up to the export's concurrency, requests are out at once on worker threads; a page is read into the
/// export's state when `next()` hands it out, so [`checkpoint`](Self::checkpoint) taken between pages
/// counts exactly the records handed out. A failed partition is one `Err`, and the others go on. Dropping
/// the iterator stops the export (requests in flight finish on their threads).
pub struct ExportIter<E: Exportable> {
    run: ExportRun<E>,
    workers: Workers<E>,
    reports: Receiver<Report<E>>,
}

impl<E: Exportable> std::fmt::Debug for ExportIter<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportIter").field("progress", &self.run.progress()).finish_non_exhaustive()
    }
}

impl<E: Exportable> ExportIter<E> {
    /// Where the export stands: save it with the records handed out so far, and resume from it
    /// ([`Export::resume`]).
    pub fn checkpoint(&self) -> ExportCheckpoint {
        self.run.checkpoint()
    }

    /// How far the export has come.
    pub fn progress(&self) -> ExportProgress {
        self.run.progress()
    }

    /// Partitions that failed so far (the checkpoint keeps them to be read again).
    pub fn failed(&self) -> usize {
        self.run.failed()
    }
}

impl<E> Iterator for ExportIter<E>
where
    E: Exportable + Send + 'static,
    E::Output: Send + 'static,
{
    type Item = Result<ExportPage<E::Item>, ExportError>;

    fn next(&mut self) -> Option<Self::Item> {
        while let Some((id, request)) = self.run.next_request() {
            match request {
                Ok(request) => self.workers.dispatch(id, request),
                Err(error) => return Some(Err(self.run.on_error(id, error))),
            }
        }
        if self.run.in_flight() == 0 {
            return None;
        }
        // Requests are out and this iterator holds the workers' sender, so `recv` cannot fail.
        match self.reports.recv().ok()? {
            Report::Sent(sent) => Some(match sent.result {
                Ok(output) => self.run.on_answer(sent.index, output),
                Err(error) => Err(self.run.on_error(sent.index, error)),
            }),
            Report::Panicked(panic) => resume_unwind(panic),
        }
    }
}

impl<T: HttpClient + Clone + Send + Sync + 'static> BlockingClient<T> {
    /// Reads every record `export` asks for, many partitions at once under this client's pacer: an
    /// [`Iterator`] of pages, each record once; see [`Export`].
    ///
    /// ```no_run
    /// use intercom_ureq::{serde_json, Client, Export};
    ///
    /// let client = Client::new("token");
    /// let mut export = client.export(Export::contacts())?;
    /// while let Some(page) = export.next() {
    ///     let page = page?;
    ///     println!("{} contacts", page.items.len());
    ///     std::fs::write("export.checkpoint", serde_json::to_vec(&export.checkpoint())?)?;
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export<E>(&self, export: Export<E>) -> Result<ExportIter<E>, Error>
    where
        E: Exportable + Send + 'static,
        E::Output: Send + 'static,
    {
        let run = export.start(SystemTime::now())?;
        let client = self.clone();
        let (workers, reports) = Workers::new(run.concurrency(), move |request: &E| client.send(request));
        Ok(ExportIter { run, workers, reports })
    }
}
