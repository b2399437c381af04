//! What a data export's download gives: the file's bytes ([`ExportFile`]), or the facts of a download
//! streamed to a writer ([`Downloaded`]).

use std::io::Read;

use http::StatusCode;

/// The bytes of a downloaded export, as received (normally gzip-compressed CSV).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    bytes: Vec<u8>,
}

impl From<Vec<u8>> for ExportFile {
    fn from(bytes: Vec<u8>) -> Self {
        Self { bytes }
    }
}

impl ExportFile {
    /// The bytes as received.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes as received, by value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Whether the bytes start with the gzip magic number.
    pub fn is_gzip(&self) -> bool {
        self.bytes.starts_with(&[0x1f, 0x8b])
    }

    /// The CSV: the bytes decompressed when they are gzip, else as they are.
    pub fn decompress(&self) -> std::io::Result<Vec<u8>> {
        if !self.is_gzip() {
            return Ok(self.bytes.clone());
        }
        let mut out = Vec::with_capacity(self.bytes.len() * 4);
        flate2::read::MultiGzDecoder::new(self.bytes.as_slice()).read_to_end(&mut out)?;
        Ok(out)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn decompresses_gzip_and_passes_plain_bytes_through() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"id,name\n1,a\n").unwrap();
        let file = ExportFile::from(gz.finish().unwrap());
        assert!(file.is_gzip());
        assert_eq!(file.decompress().unwrap(), b"id,name\n1,a\n");

        let plain = ExportFile::from(b"id,name\n".to_vec());
        assert!(!plain.is_gzip());
        assert_eq!(plain.decompress().unwrap(), b"id,name\n");

        let broken = ExportFile::from(vec![0x1f, 0x8b, 0x08, 0x00, 0x01]);
        assert!(broken.decompress().is_err());
    }
}
