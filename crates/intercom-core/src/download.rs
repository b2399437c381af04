//! Downloads streamed to a writer: an export of any size passes through a fixed buffer. Each client runs
//! its one call loop (`attempts` in client.rs) with a sink, and the two steps here make the differences:
//! an attempt that already wrote bytes is never repeated (the writer would get them twice), and there is
//! no total timeout (a large file takes as long as the link needs; the connect timeout still holds).

use std::io::Write;
use std::time::SystemTime;

use http::header::{ACCEPT_ENCODING, CONTENT_ENCODING};
use http::{HeaderValue, Request, Response, StatusCode};

use crate::body_sink::BodySink;
use crate::call::{Answer, Call, Step};
use crate::client::{AsyncClient, BlockingClient};
use crate::config::Timeouts;
use crate::endpoint::Endpoint;
use crate::error::{Error, TransportError};
use crate::export_file::ExportFile;
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

/// An attempt's request as a download: the file is compressed already, and there is no total timeout.
/// The sink starts the attempt empty-handed.
pub(crate) fn prepare(mut request: Request<Vec<u8>>, sink: &mut BodySink<'_>) -> Request<Vec<u8>> {
    sink.reset();
    request.headers_mut().insert(ACCEPT_ENCODING, HeaderValue::from_static("identity"));
    let connect = request.extensions().get::<Timeouts>().copied().unwrap_or_default().connect;
    request.extensions_mut().insert(Timeouts { connect, total: None });
    request
}

/// The step after a download's attempt: as for any call, except that a failure after bytes were written
/// (or a failed write) ends the download.
pub(crate) fn settle<E: Endpoint + ?Sized>(
    call: &mut Call<'_, E>,
    endpoint: &E,
    sink: &BodySink<'_>,
    result: Result<Response<Vec<u8>>, TransportError>,
) -> Step<E::Output> {
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
        let mut sink = BodySink::new(writer);
        let answer = self.attempts(endpoint, Some(&mut sink))?;
        Ok(Downloaded::new(answer, sink.written()))
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
        let mut sink = BodySink::new(writer);
        let answer = self.attempts(endpoint, Some(&mut sink)).await?;
        Ok(Downloaded::new(answer, sink.written()))
    }
}
