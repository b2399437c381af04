//! Downloads streamed to a writer: an export of any size passes through a fixed buffer. Each driver runs
//! its one call loop (`attempts` in `blocking/client.rs`, `asynchronous/client.rs`) with a sink, and the
//! two steps here make the differences: an attempt that already wrote bytes is never repeated (the writer
//! would get them twice), and there is no total timeout (a large file takes as long as the link needs; the
//! connect timeout still holds).

use std::time::SystemTime;

use http::header::{ACCEPT_ENCODING, CONTENT_ENCODING};
use http::{HeaderValue, Request, Response};

use crate::protocol::call::{Call, Step};
use crate::protocol::config::Timeouts;
use crate::protocol::error::{Error, TransportError};
use crate::protocol::export_file::Downloaded;
use crate::protocol::response::Answer;
use crate::transport::BodySink;

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
pub(crate) fn settle(
    call: &mut Call<'_>,
    sink: &BodySink<'_>,
    result: Result<Response<Vec<u8>>, TransportError>,
) -> Step {
    match result {
        Err(source) if sink.written() > 0 || sink.write_failed() => {
            Step::Done(Err(Error::from_transport(call.label().clone(), source)))
        }
        Ok(mut response) if sink.is_accepted() => {
            // The body went to the writer, decoded.
            response.headers_mut().remove(CONTENT_ENCODING);
            call.finish(Ok(response), SystemTime::now())
        }
        result => call.finish(result, SystemTime::now()),
    }
}

/// What a finished download tells its caller: the bytes the writer got, and the answer's facts.
pub(crate) fn downloaded<T>(answer: Answer<T>, bytes: u64) -> Downloaded {
    Downloaded { bytes, status: answer.status, request_id: answer.request_id, attempts: answer.attempts }
}
