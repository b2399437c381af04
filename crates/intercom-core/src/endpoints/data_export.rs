//! Content data export: start, check, cancel and download an export job.

use std::io::Read;

use intercom_models::{CreateDataExportsRequest, DataExport};

use crate::endpoint::{json_body, path_param, Binary, Endpoint, Json};
use crate::error::Error;
use crate::operations::{self, Operation};

/// Starts exporting the message data of a time range (`createDataExport`).
#[derive(Debug, Clone, PartialEq)]
pub struct CreateDataExport {
    /// The time range.
    pub body: CreateDataExportsRequest,
}

impl CreateDataExport {
    /// Exports messages created after `created_at_after` and before `created_at_before` (Unix seconds).
    pub fn new(created_at_after: i64, created_at_before: i64) -> Self {
        Self { body: CreateDataExportsRequest { created_at_after, created_at_before } }
    }
}

impl Endpoint for CreateDataExport {
    type Output = DataExport;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::CREATE_DATA_EXPORT
    }

    fn path(&self) -> Result<String, Error> {
        Ok("/export/content/data".to_owned())
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        json_body(&self.body)
    }
}

/// Where an export job stands (`getDataExport`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetDataExport {
    /// The job's id.
    pub job_identifier: String,
}

impl GetDataExport {
    /// The job `job_identifier`.
    pub fn new(job_identifier: impl Into<String>) -> Self {
        Self { job_identifier: job_identifier.into() }
    }
}

impl Endpoint for GetDataExport {
    type Output = DataExport;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::GET_DATA_EXPORT
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!("/export/content/data/{}", path_param("job_identifier", &self.job_identifier)?))
    }
}

/// Cancels an export job (`cancelDataExport`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelDataExport {
    /// The job's id.
    pub job_identifier: String,
}

impl CancelDataExport {
    /// Cancels job `job_identifier`.
    pub fn new(job_identifier: impl Into<String>) -> Self {
        Self { job_identifier: job_identifier.into() }
    }
}

impl Endpoint for CancelDataExport {
    type Output = DataExport;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::CANCEL_DATA_EXPORT
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!("/export/cancel/{}", path_param("job_identifier", &self.job_identifier)?))
    }
}

/// Downloads a completed export (`downloadDataExport`): a gzip-compressed CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadDataExport {
    /// The job's id.
    pub job_identifier: String,
}

impl DownloadDataExport {
    /// Downloads the file of job `job_identifier`.
    pub fn new(job_identifier: impl Into<String>) -> Self {
        Self { job_identifier: job_identifier.into() }
    }
}

impl Endpoint for DownloadDataExport {
    type Output = ExportFile;
    type Format = Binary;

    fn operation(&self) -> &'static Operation {
        &operations::DOWNLOAD_DATA_EXPORT
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!("/download/content/data/{}", path_param("job_identifier", &self.job_identifier)?))
    }
}

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

sendable!(CreateDataExport, GetDataExport, CancelDataExport, DownloadDataExport);

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
