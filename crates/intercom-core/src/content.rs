//! Content decoding: compressed answers (`Content-Encoding: gzip` or `deflate`) are decompressed here, in
//! the sans-IO core, so every transport gets it (closures and your own clients included), with a cap on the
//! decompressed size so a small compressed body cannot become gigabytes.

use std::io::Read;

use http::header::{CONTENT_ENCODING, CONTENT_LENGTH};
use http::HeaderMap;

use crate::error::{TransportError, TransportErrorKind};

/// The `Accept-Encoding` every request sends while compression is on
/// ([`Config::with_compression`](crate::Config::with_compression)).
pub const ACCEPT_ENCODING: &str = "gzip, deflate";

/// The largest decompressed answer accepted by default, 64 MiB (the transports' cap on what comes over the
/// wire is the same).
pub const DEFAULT_MAX_DECOMPRESSED_BYTES: usize = 64 * 1024 * 1024;

/// Why a compressed answer could not be decompressed.
#[derive(Debug)]
pub(crate) enum ContentError {
    /// It decompresses to more than the cap.
    TooLarge(TransportError),
    /// It is not valid data of its encoding.
    Corrupt {
        /// The encoding it claimed.
        encoding: String,
        /// What the decoder said.
        message: String,
    },
}

/// Decompresses `body` when its `Content-Encoding` is gzip or deflate (asked for or not), and then drops
/// the encoding and length headers, which described the compressed bytes; `None` when there is nothing to
/// decompress. Any other encoding is left as it is: decoding it fails later and the error describes the body
/// rather than dumping it.
pub(crate) fn decode(headers: &mut HeaderMap, body: &[u8], cap: usize) -> Result<Option<Vec<u8>>, ContentError> {
    let Some(encoding) = headers.get(CONTENT_ENCODING).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_owned())
    else {
        return Ok(None);
    };
    let decoded = match encoding.to_ascii_lowercase().as_str() {
        "gzip" | "x-gzip" => read_capped(flate2::read::MultiGzDecoder::new(body), cap, &encoding)?,
        // `deflate` is zlib-wrapped by the standard; some servers send raw deflate: accept both.
        "deflate" => match read_capped(flate2::read::ZlibDecoder::new(body), cap, &encoding) {
            Err(ContentError::Corrupt { .. }) => read_capped(flate2::read::DeflateDecoder::new(body), cap, &encoding)?,
            other => other?,
        },
        _ => return Ok(None),
    };
    headers.remove(CONTENT_ENCODING);
    headers.remove(CONTENT_LENGTH);
    Ok(Some(decoded))
}

fn read_capped(decoder: impl Read, cap: usize, encoding: &str) -> Result<Vec<u8>, ContentError> {
    let mut out = Vec::new();
    let read = decoder.take(cap as u64 + 1).read_to_end(&mut out);
    if let Err(e) = read {
        return Err(ContentError::Corrupt { encoding: encoding.to_owned(), message: e.to_string() });
    }
    if out.len() > cap {
        return Err(ContentError::TooLarge(TransportError::new(
            TransportErrorKind::BodyTooLarge,
            format!("the {encoding}-compressed answer decompresses to more than {cap} bytes"),
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn headers(encoding: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_ENCODING, encoding.parse().unwrap());
        headers.insert(CONTENT_LENGTH, "10".parse().unwrap());
        headers
    }

    #[test]
    fn gzip_and_both_deflates_decompress_and_the_headers_go() {
        let mut h = headers("gzip");
        assert_eq!(decode(&mut h, &gzip(b"{\"a\":1}"), 100).unwrap().unwrap(), b"{\"a\":1}");
        assert!(h.get(CONTENT_ENCODING).is_none() && h.get(CONTENT_LENGTH).is_none());

        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(b"zlib").unwrap();
        assert_eq!(decode(&mut headers("deflate"), &zlib.finish().unwrap(), 100).unwrap().unwrap(), b"zlib");
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(b"raw").unwrap();
        assert_eq!(decode(&mut headers("Deflate"), &raw.finish().unwrap(), 100).unwrap().unwrap(), b"raw");

        let mut br = headers("br");
        assert_eq!(decode(&mut br, b"\x0bbrotli", 100).unwrap(), None, "left as it is");
        assert!(br.get(CONTENT_ENCODING).is_some());
        assert_eq!(decode(&mut HeaderMap::new(), b"plain", 100).unwrap(), None);
    }

    #[test]
    fn a_bomb_is_too_large_and_a_corrupt_body_names_its_encoding() {
        let bomb = gzip(&vec![b' '; 10_000_000]);
        assert!(bomb.len() < 20_000, "a small body");
        match decode(&mut headers("gzip"), &bomb, 1_000_000) {
            Err(ContentError::TooLarge(e)) => assert_eq!(e.kind(), TransportErrorKind::BodyTooLarge),
            other => panic!("{other:?}"),
        }
        match decode(&mut headers("gzip"), b"\x1f\x8bnot really gzip", 100) {
            Err(ContentError::Corrupt { encoding, .. }) => assert_eq!(encoding, "gzip"),
            other => panic!("{other:?}"),
        }
    }
}
