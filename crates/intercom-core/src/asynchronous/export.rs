//! Exports on the async client: the pure [`ExportRun`] driven as a `futures_core::Stream` of pages.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::SystemTime;

use futures_core::Stream;

use super::client::AsyncClient;
use crate::protocol::error::Error;
use crate::protocol::export::{
    Export, ExportCheckpoint, ExportError, ExportPage, ExportProgress, ExportRun, Exportable,
};
use crate::transport::AsyncHttpClient;

type Answer<E> = (usize, Result<<E as crate::protocol::request::Endpoint>::Output, Error>);
type Running<E> = Pin<Box<dyn Future<Output = Answer<E>> + Send>>;
type StartFn<E> = Box<dyn Fn(usize, E) -> Running<E> + Send + Sync>;

/// The pages of an export ([`AsyncClient::export`]), in the order they arrive, each record once: a
/// `futures_core::Stream` (or [`next`](Self::next) without `StreamExt`).
///
/// Up to the export's concurrency, requests run inside the stream (no task is spawned), so they progress
/// while it is polled; a finished one is read into the export's state when the stream hands its page out,
/// so [`checkpoint`](Self::checkpoint) taken between pages counts exactly the records handed out. A failed
/// partition is one `Err`, and the others go on. Dropping the stream cancels the requests in flight.
pub struct ExportStream<E: Exportable> {
    run: ExportRun<E>,
    start: StartFn<E>,
    running: Vec<Running<E>>,
    finished: VecDeque<Answer<E>>,
}

// Nothing in it is pinned in place: the running futures are boxed, the finished answers plain values.
impl<E: Exportable> Unpin for ExportStream<E> {}

impl<E: Exportable> std::fmt::Debug for ExportStream<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportStream").field("progress", &self.run.progress()).finish_non_exhaustive()
    }
}

impl<E: Exportable> ExportStream<E> {
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

    /// The next page, or `None` at the end: the stream without `StreamExt`.
    pub async fn next(&mut self) -> Option<Result<ExportPage<E::Item>, ExportError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<E: Exportable> Stream for ExportStream<E> {
    type Item = Result<ExportPage<E::Item>, ExportError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some((id, result)) = this.finished.pop_front() {
                return Poll::Ready(Some(match result {
                    Ok(output) => this.run.on_answer(id, output),
                    Err(error) => Err(this.run.on_error(id, error)),
                }));
            }
            while let Some((id, request)) = this.run.next_request() {
                match request {
                    Ok(request) => this.running.push((this.start)(id, request)),
                    Err(error) => return Poll::Ready(Some(Err(this.run.on_error(id, error)))),
                }
            }
            if this.running.is_empty() {
                return Poll::Ready(None);
            }
            let finished = &mut this.finished;
            this.running.retain_mut(|running| match running.as_mut().poll(cx) {
                Poll::Ready(answer) => {
                    finished.push_back(answer);
                    false
                }
                Poll::Pending => true,
            });
            if finished.is_empty() {
                return Poll::Pending;
            }
        }
    }
}

impl<T: AsyncHttpClient + 'static> AsyncClient<T> {
    /// Reads every record `export` asks for, many partitions at once under this client's pacer: a
    /// `futures_core::Stream` of pages, each record once; see [`Export`].
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use intercom_hyper::{serde_json, Client, Export};
    ///
    /// let client = Client::new("token");
    /// let mut export = client.export(Export::contacts())?;
    /// while let Some(page) = export.next().await {
    ///     let page = page?;
    ///     println!("{} contacts", page.items.len());
    ///     std::fs::write("export.checkpoint", serde_json::to_vec(&export.checkpoint())?)?;
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn export<E>(&self, export: Export<E>) -> Result<ExportStream<E>, Error>
    where
        E: Exportable + Send + Sync + 'static,
        E::Output: Send,
    {
        let run = export.start(SystemTime::now())?;
        let client = self.clone();
        let start: StartFn<E> = Box::new(move |id, request: E| {
            let client = client.clone();
            Box::pin(async move { (id, client.send(&request).await) })
        });
        Ok(ExportStream { run, start, running: Vec::new(), finished: VecDeque::new() })
    }
}
