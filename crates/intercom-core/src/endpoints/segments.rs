//! Segments: `GET /segments`, `GET /segments/{segment_id}`.

use intercom_models::{Segment, SegmentList};

use crate::endpoint::{path_param, Endpoint, Json};
use crate::error::Error;
use crate::operations::{self, Operation};

/// Every segment of the workspace (`listSegments`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListSegments {
    /// Whether to count the contacts in each segment.
    pub include_count: Option<bool>,
}

impl ListSegments {
    /// The request, without counts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks for the number of contacts in each segment (slower on large workspaces).
    pub fn include_count(mut self, include_count: bool) -> Self {
        self.include_count = Some(include_count);
        self
    }
}

impl Endpoint for ListSegments {
    type Output = SegmentList;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::LIST_SEGMENTS
    }

    fn path(&self) -> Result<String, Error> {
        Ok("/segments".to_owned())
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        self.include_count.map(|v| ("include_count", v.to_string())).into_iter().collect()
    }
}

/// One segment, by id (`retrieveSegment`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrieveSegment {
    /// The segment's id.
    pub segment_id: String,
}

impl RetrieveSegment {
    /// The segment with id `segment_id`.
    pub fn new(segment_id: impl Into<String>) -> Self {
        Self { segment_id: segment_id.into() }
    }
}

impl Endpoint for RetrieveSegment {
    type Output = Segment;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::RETRIEVE_SEGMENT
    }

    fn path(&self) -> Result<String, Error> {
        Ok(format!("/segments/{}", path_param("segment_id", &self.segment_id)?))
    }
}

sendable!(ListSegments, RetrieveSegment);
