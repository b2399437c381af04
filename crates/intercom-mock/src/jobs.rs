//! Jobs that progress by themselves: each job the mock is asked about (by the id in the status request's
//! path) answers "pending", then "in progress", then its end, one step per poll, so a test that waits for
//! an export or an enqueued ticket finishes without scripting anything. [`MockJobs`] sets how many polls a
//! job takes and how it ends.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use intercom_core::operations::Operation;
use serde_json::Value;
use wiremock::{Request, Respond, ResponseTemplate};

/// How the mock's jobs go: how many status reads a job answers as not finished, and how it ends.
///
/// The default: two reads not finished (pending, then in progress), then completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MockJobs {
    /// Status reads answered as not finished before the end.
    pub polls_before_end: u32,
    /// How every job ends.
    pub end: JobEnd,
    /// Whether jobs move along at all: `false` answers every status read with the recorded answer as it
    /// is ([`as_recorded`](Self::as_recorded)).
    pub progress: bool,
}

impl MockJobs {
    /// Jobs that end as `end` after `polls_before_end` reads that say they are not finished.
    pub fn new(polls_before_end: u32, end: JobEnd) -> Self {
        Self { polls_before_end, end, progress: true }
    }

    /// Every status read answered with the recorded answer, unchanged (a job that never moves).
    pub fn as_recorded() -> Self {
        Self { progress: false, ..Self::default() }
    }
}

impl Default for MockJobs {
    fn default() -> Self {
        Self::new(2, JobEnd::Completed)
    }
}

/// How a mock job ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JobEnd {
    /// Completed: an export can then be downloaded.
    Completed,
    /// Failed.
    Failed,
}

/// The status words of one kind of job: the field that holds them, and the word for each step.
struct Words {
    field: &'static str,
    /// The field that holds the job's id, set to the id asked for.
    id_field: &'static str,
    pending: &'static str,
    running: &'static str,
    completed: &'static str,
    failed: &'static str,
}

/// The status words of the job status operation `name`, if it is one.
fn words(name: &str) -> Option<Words> {
    let export = |completed| Words {
        field: "status",
        id_field: "job_identifier",
        pending: "pending",
        running: "in_progress",
        completed,
        failed: "failed",
    };
    let bulk = Words {
        field: "state",
        id_field: "id",
        pending: "pending",
        running: "running",
        completed: "completed",
        failed: "completed_with_errors",
    };
    match name {
        "GetDataExport" => Some(export("completed")),
        "GetReportingDataExport" => Some(Words { running: "processing", ..export("complete") }),
        "GetJobStatus" => Some(Words {
            field: "status",
            id_field: "id",
            pending: "pending",
            running: "pending",
            completed: "success",
            failed: "failed",
        }),
        "GetContactsBulkJob" | "GetCompaniesBulkJob" => Some(bulk),
        _ => None,
    }
}

/// Whether `operation` reads a job's status, so the mock makes its jobs progress.
pub(crate) fn is_job_status(operation: &Operation) -> bool {
    words(operation.name).is_some()
}

/// The shared state: the settings, and how many times each job was read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Jobs(Arc<Mutex<(MockJobs, HashMap<String, u32>)>>);

impl Jobs {
    pub(crate) fn set(&self, settings: MockJobs) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).0 = settings;
    }

    /// The step of the job at `path`, counting this read.
    fn read(&self, path: &str) -> (MockJobs, u32) {
        let mut state = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let settings = state.0;
        let reads = state.1.entry(path.to_owned()).or_insert(0);
        *reads += 1;
        (settings, *reads)
    }
}

/// Answers a job status read: the recorded answer with the job's id and its status at this read.
pub(crate) struct JobAnswer {
    pub(crate) operation: &'static Operation,
    pub(crate) recorded: Value,
    pub(crate) jobs: Jobs,
}

impl Respond for JobAnswer {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let Some(words) = words(self.operation.name) else { return ResponseTemplate::new(500) };
        let path = request.url.path();
        let (settings, reads) = self.jobs.read(path);
        if !settings.progress {
            return ResponseTemplate::new(200).set_body_json(&self.recorded);
        }
        let status = match reads {
            n if n <= settings.polls_before_end => match n {
                1 => words.pending,
                _ => words.running,
            },
            _ => match settings.end {
                JobEnd::Completed => words.completed,
                JobEnd::Failed => words.failed,
            },
        };
        let mut body = self.recorded.clone();
        if let Value::Object(members) = &mut body {
            members.insert(words.field.to_owned(), Value::from(status));
            let id = path.rsplit('/').next().unwrap_or_default();
            members.insert(words.id_field.to_owned(), Value::from(id));
        }
        ResponseTemplate::new(200).set_body_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_kind_has_words_that_are_not_its_end() {
        for name in ["GetDataExport", "GetReportingDataExport", "GetJobStatus", "GetContactsBulkJob"] {
            let words = words(name).unwrap();
            assert_ne!(words.pending, words.completed, "{name}");
            assert_ne!(words.running, words.completed, "{name}");
            assert_ne!(words.failed, words.completed, "{name}");
        }
        assert!(words("GetContact").is_none());
    }
}
