//! Where a transport writes a streamed answer body (an export download), so a file of any size passes
//! through a fixed buffer instead of memory. Core decodes a `Content-Encoding` here too, as it does for
//! whole bodies.

use std::io::{self, Write};

use http::header::CONTENT_ENCODING;
use http::{HeaderMap, StatusCode};

use crate::protocol::error::{TransportError, TransportErrorKind};

/// Counts what reaches the caller's writer.
struct Counted<'w> {
    writer: &'w mut (dyn Write + Send),
    written: u64,
}

impl Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.writer.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// How the body arrives; decoders write into a buffer that is drained to the caller's writer after each
/// chunk.
enum Decoder {
    Identity,
    Gzip(flate2::write::MultiGzDecoder<Vec<u8>>),
    Deflate(flate2::write::ZlibDecoder<Vec<u8>>),
}

/// The writer a transport streams a successful answer's body into
/// ([`HttpClient::execute_streaming`](crate::transport::HttpClient::execute_streaming)).
///
/// A transport calls [`accepts`](Self::accepts) with the answer's status and headers once they arrive: when
/// it says yes, the body goes to [`write`](Self::write) chunk by chunk, then [`finish`](Self::finish), and
/// the transport returns the response with an empty body; when it says no (an error status), the body is
/// returned as usual, to become an error.
pub struct BodySink<'w> {
    out: Counted<'w>,
    decoder: Decoder,
    accepted: bool,
    write_error: Option<io::Error>,
}

impl std::fmt::Debug for BodySink<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BodySink").field("accepted", &self.accepted).field("written", &self.written()).finish()
    }
}

impl<'w> BodySink<'w> {
    /// A sink writing into `writer`.
    pub fn new(writer: &'w mut (dyn Write + Send)) -> Self {
        Self { out: Counted { writer, written: 0 }, decoder: Decoder::Identity, accepted: false, write_error: None }
    }

    /// Whether the body of an answer with this status and these headers goes to the sink (a success
    /// status). Sets up decoding for its `Content-Encoding`; an encoding core cannot decode is refused
    /// with [`TransportErrorKind::InvalidResponse`].
    pub fn accepts(&mut self, status: StatusCode, headers: &HeaderMap) -> Result<bool, TransportError> {
        if !status.is_success() {
            return Ok(false);
        }
        let encoding = headers.get(CONTENT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("identity");
        self.decoder = match encoding.trim().to_ascii_lowercase().as_str() {
            "identity" | "" => Decoder::Identity,
            "gzip" | "x-gzip" => Decoder::Gzip(flate2::write::MultiGzDecoder::new(Vec::new())),
            "deflate" => Decoder::Deflate(flate2::write::ZlibDecoder::new(Vec::new())),
            other => {
                let message = format!("the download came with Content-Encoding {other}, which this client cannot read");
                return Err(TransportError::new(TransportErrorKind::InvalidResponse, message));
            }
        };
        self.accepted = true;
        Ok(true)
    }

    /// Writes the next chunk of the body (decoded on the way).
    pub fn write(&mut self, chunk: &[u8]) -> Result<(), TransportError> {
        let result = match &mut self.decoder {
            Decoder::Identity => self.out.write_all(chunk),
            Decoder::Gzip(d) => d.write_all(chunk).and_then(|()| drain(d.get_mut(), &mut self.out)),
            Decoder::Deflate(d) => d.write_all(chunk).and_then(|()| drain(d.get_mut(), &mut self.out)),
        };
        result.map_err(|e| self.failed(e))
    }

    /// Ends the body: the decoder's last bytes are written and the writer flushed.
    pub fn finish(&mut self) -> Result<(), TransportError> {
        let result = match &mut self.decoder {
            Decoder::Identity => Ok(()),
            Decoder::Gzip(d) => d.try_finish().and_then(|()| drain(d.get_mut(), &mut self.out)),
            Decoder::Deflate(d) => d.try_finish().and_then(|()| drain(d.get_mut(), &mut self.out)),
        };
        result.and_then(|()| self.out.flush()).map_err(|e| self.failed(e))
    }

    fn failed(&mut self, error: io::Error) -> TransportError {
        let message = format!("writing the download failed: {error}");
        self.write_error = Some(error);
        TransportError::new(TransportErrorKind::Other, message)
    }

    /// Whether the current answer's body is being written here.
    pub fn is_accepted(&self) -> bool {
        self.accepted
    }

    /// Bytes written to the caller's writer so far (decoded).
    pub fn written(&self) -> u64 {
        self.out.written
    }

    /// Whether writing failed (the caller's writer, or a corrupt encoding): not worth another attempt.
    pub(crate) fn write_failed(&self) -> bool {
        self.write_error.is_some()
    }

    /// Ready for another attempt: nothing accepted yet.
    pub(crate) fn reset(&mut self) {
        self.accepted = false;
        self.decoder = Decoder::Identity;
    }
}

fn drain(decoded: &mut Vec<u8>, out: &mut Counted<'_>) -> io::Result<()> {
    out.write_all(decoded)?;
    decoded.clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn a_success_is_written_through_and_counted_an_error_is_not_accepted() {
        let mut out = Vec::new();
        let mut sink = BodySink::new(&mut out);
        assert!(!sink.accepts(StatusCode::NOT_FOUND, &HeaderMap::new()).unwrap());
        assert!(sink.accepts(StatusCode::OK, &HeaderMap::new()).unwrap());
        sink.write(b"id,").unwrap();
        sink.write(b"name\n").unwrap();
        sink.finish().unwrap();
        assert_eq!(sink.written(), 8);
        drop(sink);
        assert_eq!(out, b"id,name\n" as &[u8]);
    }

    #[test]
    fn a_content_encoding_is_decoded_in_chunks_and_a_corrupt_one_is_an_error() {
        let body = gzip(b"id,name\n1,Ada\n");
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_ENCODING, "gzip".parse().unwrap());
        let mut out = Vec::new();
        let mut sink = BodySink::new(&mut out);
        assert!(sink.accepts(StatusCode::OK, &headers).unwrap());
        for chunk in body.chunks(3) {
            sink.write(chunk).unwrap();
        }
        sink.finish().unwrap();
        drop(sink);
        assert_eq!(out, b"id,name\n1,Ada\n" as &[u8]);

        let mut out = Vec::new();
        let mut sink = BodySink::new(&mut out);
        sink.accepts(StatusCode::OK, &headers).unwrap();
        let failed = sink.write(b"not gzip at all").and_then(|()| sink.finish());
        assert!(failed.is_err() && sink.write_failed());

        headers.insert(CONTENT_ENCODING, "br".parse().unwrap());
        let error = BodySink::new(&mut Vec::new()).accepts(StatusCode::OK, &headers).unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::InvalidResponse);
    }
}
