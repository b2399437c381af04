//! Content decoding: compressed answers (`Content-Encoding: gzip` or `deflate`) are decompressed here, in
//! the sans-IO core, so every transport gets it (closures and your own clients included), with a cap on the
//! decompressed size so a small compressed body cannot become gigabytes.

use std::io::Read;

use http::header::{CONTENT_ENCODING, CONTENT_LENGTH};
use http::HeaderMap;

use crate::protocol::error::{TransportError, TransportErrorKind};

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
    // A body already in memory is its own buffer: the `bufread` decoders read it without copying it first.
    let decoded = match encoding.to_ascii_lowercase().as_str() {
        "gzip" | "x-gzip" => {
            read_capped(flate2::bufread::MultiGzDecoder::new(body), gzip_size_hint(body), cap, &encoding)?
        }
        // `deflate` is zlib-wrapped by the standard; some servers send raw deflate: accept both.
        "deflate" => match read_capped(flate2::bufread::ZlibDecoder::new(body), 0, cap, &encoding) {
            Err(ContentError::Corrupt { .. }) => {
                read_capped(flate2::bufread::DeflateDecoder::new(body), 0, cap, &encoding)?
            }
            other => other?,
        },
        _ => return Ok(None),
    };
    headers.remove(CONTENT_ENCODING);
    headers.remove(CONTENT_LENGTH);
    Ok(Some(decoded))
}

/// The decompressed size a gzip body announces in its last four bytes (of its last member; modulo 4 GiB),
/// believed only as far as deflate can expand (about 1,032 to 1), so a lying trailer cannot make us
/// reserve more than the data could fill.
fn gzip_size_hint(body: &[u8]) -> usize {
    let Some(trailer) = body.len().checked_sub(4).and_then(|start| body.get(start..)) else { return 0 };
    let announced = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]) as usize;
    announced.min(body.len().saturating_mul(1032))
}

/// Reads `decoder` to its end into a buffer of `size_hint` bytes to start with (so that a page is not
/// copied as the buffer grows), refusing more than `cap` bytes.
fn read_capped(decoder: impl Read, size_hint: usize, cap: usize, encoding: &str) -> Result<Vec<u8>, ContentError> {
    let mut out = Vec::with_capacity(size_hint.min(cap).saturating_add(1));
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
    fn the_gzip_trailer_sizes_the_buffer_but_only_as_far_as_deflate_can_expand() {
        let body = gzip(&[b'x'; 5000]);
        assert_eq!(gzip_size_hint(&body), 5000);
        let mut lying = body.clone();
        let end = lying.len();
        lying[end - 4..].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(gzip_size_hint(&lying), lying.len() * 1032);
        assert_eq!(gzip_size_hint(b"abc"), 0);
        let decoded = decode(&mut headers("gzip"), &body, 10_000).unwrap().unwrap();
        assert_eq!(decoded.len(), 5000);
        assert!(decoded.capacity() < 10_000, "sized once, never doubled: {}", decoded.capacity());
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
