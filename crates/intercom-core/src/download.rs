//! Downloads streamed to a writer: an export of any size passes through a fixed buffer. Both clients run
//! the same [`Call`] as for any request, with two differences: an attempt that already wrote bytes is
//! never repeated (the writer would get them twice), and there is no total timeout (a large file takes
//! as long as the link needs; the connect timeout still holds).

use std::io::Write;
use std::time::SystemTime;

use http::header::{ACCEPT_ENCODING, CONTENT_ENCODING};
use http::{HeaderValue, Request, Response, StatusCode};
use tracing::Instrument;

use crate::body_sink::BodySink;
use crate::call::{Answer, Call, Step};
use crate::client::{AsyncClient, BlockingClient};
use crate::config::Timeouts;
use crate::endpoint::Endpoint;
use crate::error::{Error, TransportError};
use crate::export_file::ExportFile;
use crate::pacing::{permit_async, permit_blocking};
use crate::transport::{AsyncHttpClient, HttpClient};

/// A finished download: how many bytes went to the writer, and the answer's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Downloaded {
    /// Bytes written to the writer (after undoing any HTTP `Content-Encoding`; an export is a gzip file,
    /// written as such).
    pub bytes: u64,
    /// The HTTP status.
    pub status: StatusCode,
    /// The `X-Request-Id` header.
    pub request_id: Option<String>,
    /// How many attempts the download took.
    pub attempts: u32,
}

impl Downloaded {
    fn new(answer: Answer<ExportFile>, bytes: u64) -> Self {
        Self { bytes, status: answer.status, request_id: answer.request_id, attempts: answer.attempts }
    }
}

/// The file is compressed already; the download has no total timeout.
fn download_request(mut request: Request<Vec<u8>>) -> Request<Vec<u8>> {
    request.headers_mut().insert(ACCEPT_ENCODING, HeaderValue::from_static("identity"));
    let connect = request.extensions().get::<Timeouts>().copied().unwrap_or_default().connect;
    request.extensions_mut().insert(Timeouts { connect, total: None });
    request
}

/// The step after an attempt: as for any call, except that a failure after bytes were written (or a
/// failed write) ends the download.
fn settle<E: Endpoint<Output = ExportFile> + ?Sized>(
    call: &mut Call<'_, E>,
    endpoint: &E,
    sink: &BodySink<'_>,
    result: Result<Response<Vec<u8>>, TransportError>,
) -> Step<ExportFile> {
    match result {
        Err(source) if sink.written() > 0 || sink.write_failed() => {
            Step::Done(Err(Error::from_transport(endpoint.label(), source)))
        }
        Ok(mut response) if sink.is_accepted() => {
            // The body went to the writer, decoded.
            response.headers_mut().remove(CONTENT_ENCODING);
            call.finish(Ok(response), SystemTime::now())
        }
        result => call.finish(result, SystemTime::now()),
    }
}

impl<T: HttpClient> BlockingClient<T> {
    /// Downloads `endpoint`'s file (an export) into `writer` as it arrives, retrying as the policy says
    /// until the first byte is written. Memory use does not grow with the file.
    ///
    /// An error answer is an [`Error`] as for any call, and nothing is written. A failure midway leaves
    /// the bytes written so far in `writer`: start again with a fresh writer.
    pub fn download_to<E>(&self, endpoint: &E, writer: &mut (dyn Write + Send)) -> Result<Downloaded, Error>
    where
        E: Endpoint<Output = ExportFile> + ?Sized,
    {
        let mut call = Call::new(self.config(), endpoint);
        let mut sink = BodySink::new(writer);
        loop {
            let permit = self.config().pacer().map(permit_blocking);
            let span = call.span();
            let step = span.in_scope(|| {
                let request = download_request(call.request()?);
                sink.reset();
                let result = self.transport().execute_streaming(request, &mut sink);
                Ok::<_, Error>(settle(&mut call, endpoint, &sink, result))
            })?;
            if let Some(permit) = permit {
                permit.answered(call.rate_limit(), SystemTime::now());
            }
            self.record_rate_limit(call.rate_limit());
            match step {
                Step::Done(result) => return result.map(|answer| Downloaded::new(answer, sink.written())),
                Step::Retry(wait) => std::thread::sleep(wait),
            }
        }
    }
}

impl<T: AsyncHttpClient> AsyncClient<T> {
    /// Downloads `endpoint`'s file (an export) into `writer` as it arrives; see
    /// [`BlockingClient::download_to`]. The writes happen on the polling task: give a buffered writer (a
    /// `BufWriter` over a file is quick enough for any runtime).
    pub async fn download_to<E>(&self, endpoint: &E, writer: &mut (dyn Write + Send)) -> Result<Downloaded, Error>
    where
        E: Endpoint<Output = ExportFile> + Sync + ?Sized,
    {
        let mut call = Call::new(self.config(), endpoint);
        let mut sink = BodySink::new(writer);
        loop {
            let permit = match self.config().pacer() {
                Some(pacer) => Some(permit_async(pacer, |wait| self.transport().sleep(wait)).await),
                None => None,
            };
            let span = call.span();
            let step = async {
                let request = download_request(call.request()?);
                sink.reset();
                let result = self.transport().execute_streaming(request, &mut sink).await;
                Ok::<_, Error>(settle(&mut call, endpoint, &sink, result))
            }
            .instrument(span)
            .await?;
            if let Some(permit) = permit {
                permit.answered(call.rate_limit(), SystemTime::now());
            }
            self.record_rate_limit(call.rate_limit());
            match step {
                Step::Done(result) => return result.map(|answer| Downloaded::new(answer, sink.written())),
                Step::Retry(wait) => self.transport().sleep(wait).await,
            }
        }
    }
}
