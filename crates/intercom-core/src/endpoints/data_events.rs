//! Data events: record events, list a user's events, add event summaries.

use intercom_models::{CreateDataEventRequest, CreateDataEventSummariesRequest, DataEventSummary};

use crate::endpoint::{json_body, Endpoint, Json, NoContent};
use crate::error::Error;
use crate::operations::{self, Operation};

/// Records an event (`createDataEvent`). Intercom answers `202 Accepted` with no body.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateDataEvent {
    /// The event.
    pub body: CreateDataEventRequest,
}

impl CreateDataEvent {
    /// Records `event`.
    pub fn new(event: CreateDataEventRequest) -> Self {
        Self { body: event }
    }
}

impl Endpoint for CreateDataEvent {
    type Output = ();
    type Format = NoContent;

    fn operation(&self) -> &'static Operation {
        &operations::CREATE_DATA_EVENT
    }

    fn path(&self) -> Result<String, Error> {
        Ok("/events".to_owned())
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        json_body(&self.body)
    }
}

/// Which user's events to list: the spec's `filter` parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventsOf {
    /// Your id of the user.
    UserId(String),
    /// Intercom's id of the user.
    IntercomUserId(String),
    /// The user's email address.
    Email(String),
}

impl EventsOf {
    fn query_pair(&self) -> (&'static str, String) {
        match self {
            EventsOf::UserId(v) => ("user_id", v.clone()),
            EventsOf::IntercomUserId(v) => ("intercom_user_id", v.clone()),
            EventsOf::Email(v) => ("email", v.clone()),
        }
    }
}

/// A user's events, or with [`summary`](Self::summary) their counts per event name (`lisDataEvents`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListDataEvents {
    /// Whose events.
    pub user: EventsOf,
    /// Whether to return counts per event name instead of the events.
    pub summary: Option<bool>,
    /// Events per page.
    pub per_page: Option<u32>,
}

impl ListDataEvents {
    /// The events of `user`.
    pub fn new(user: EventsOf) -> Self {
        Self { user, summary: None, per_page: None }
    }

    /// Asks for counts per event name instead of the events.
    pub fn summary(mut self, summary: bool) -> Self {
        self.summary = Some(summary);
        self
    }

    /// Asks for `per_page` events per page.
    pub fn per_page(mut self, per_page: u32) -> Self {
        self.per_page = Some(per_page);
        self
    }
}

impl Endpoint for ListDataEvents {
    type Output = DataEventSummary;
    type Format = Json;

    fn operation(&self) -> &'static Operation {
        &operations::LIS_DATA_EVENTS
    }

    fn path(&self) -> Result<String, Error> {
        Ok("/events".to_owned())
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = vec![self.user.query_pair(), ("type", "user".to_owned())];
        if let Some(summary) = self.summary {
            query.push(("summary", summary.to_string()));
        }
        if let Some(per_page) = self.per_page {
            query.push(("per_page", per_page.to_string()));
        }
        query
    }
}

/// Adds event counts to a user's summary (`dataEventSummaries`). Intercom answers with no body.
#[derive(Debug, Clone, PartialEq)]
pub struct DataEventSummaries {
    /// The summary.
    pub body: CreateDataEventSummariesRequest,
}

impl DataEventSummaries {
    /// Sends `summaries`.
    pub fn new(summaries: CreateDataEventSummariesRequest) -> Self {
        Self { body: summaries }
    }
}

impl Endpoint for DataEventSummaries {
    type Output = ();
    type Format = NoContent;

    fn operation(&self) -> &'static Operation {
        &operations::DATA_EVENT_SUMMARIES
    }

    fn path(&self) -> Result<String, Error> {
        Ok("/events/summaries".to_owned())
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        json_body(&self.body)
    }
}

sendable!(CreateDataEvent, ListDataEvents, DataEventSummaries);
