//! Waiting for jobs through both clients against the mock: an export started, polled until it completes
//! and downloaded into a writer; a job that fails; a deadline; a wait cancelled; an export with no data;
//! a download that breaks midway is not repeated.

use std::io::Write;
use std::time::{Duration, Instant};

use intercom_core::endpoints::{DownloadDataExport, EnqueueCreateTicket, GetDataExport};
use intercom_core::models::{CreateDataExportsRequest, DataExportStatus, EnqueueCreateTicketRequest, JobsStatus};
use intercom_core::{CancelWait, Config, Downloaded, Error, ExportDownload, JobOutcome, JobWait};
use intercom_mock::MockIntercom;
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::support::{header, Transport};

fn quick() -> JobWait {
    JobWait::new().with_pauses(Duration::from_millis(5), Duration::from_millis(20))
}

fn export(status: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "job_identifier": "job1", "status": status, "download_url": "", "download_expires_at": ""
    }))
}

fn gzip_csv(rows: usize) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    writeln!(encoder, "conversation_id,created_at").unwrap();
    for i in 0..rows {
        writeln!(encoder, "{i},{}", 1_700_000_000 + i).unwrap();
    }
    encoder.finish().unwrap()
}

async fn export_to(
    transport: Transport,
    config: Config,
    wait: JobWait,
) -> (Result<JobOutcome<ExportDownload>, Error>, Vec<u8>) {
    let range = CreateDataExportsRequest::new(1_700_000_000, 1_700_086_400);
    match transport {
        Transport::Ureq => tokio::task::spawn_blocking(move || {
            let mut file = Vec::new();
            let result = intercom_ureq::Client::from_config(config).export_data_to(range, &wait, &mut file);
            (result, file)
        })
        .await
        .unwrap(),
        Transport::Hyper => {
            let mut file = Vec::new();
            let result = intercom_hyper::Client::from_config(config).export_data_to(range, &wait, &mut file).await;
            (result, file)
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_is_started_polled_until_it_completes_and_its_file_written_as_received() {
    let file = gzip_csv(5_000);
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond("createDataExport", export("pending")).await;
        mock.respond_in_order("getDataExport", [export("pending"), export("in_progress"), export("completed")]).await;
        let body = ResponseTemplate::new(200).set_body_raw(file.clone(), "application/octet-stream");
        mock.respond("downloadDataExport", body).await;

        let (result, written) = export_to(transport, mock.config(), quick()).await;
        let JobOutcome::Completed(done) = result.expect("the export") else { panic!("{transport:?}: not completed") };
        assert_eq!(done.export.status, Some(DataExportStatus::Completed));
        let download = done.download.expect("a file");
        assert_eq!(download.bytes, file.len() as u64, "{transport:?}");
        assert_eq!(written, file, "{transport:?}: the gzip file as received");
        assert_eq!(
            mock.received_bodies("createDataExport").await,
            [json!({"created_at_after": 1_700_000_000, "created_at_before": 1_700_086_400})]
        );
        mock.assert_received("getDataExport", 3).await;
        let downloads = mock.received("downloadDataExport").await;
        assert_eq!(downloads.len(), 1);
        assert_eq!(downloads[0].url.path(), "/download/content/data/job1");
        assert_eq!(
            header(&downloads[0], "accept-encoding"),
            "identity",
            "{transport:?}: the file is compressed already"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_no_data_deadline_and_a_cancelled_wait_each_end_as_they_should() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond("createDataExport", export("pending")).await;
        mock.respond_in_order("getDataExport", [export("in_progress"), export("failed")]).await;
        let (result, written) = export_to(transport, mock.config(), quick()).await;
        match result.expect("a wait") {
            JobOutcome::Failed { status, reason } => {
                assert_eq!(reason, "failed");
                assert_eq!(status.download, None, "{transport:?}: nothing downloaded");
            }
            other => panic!("{transport:?}: {other:?}"),
        }
        assert!(written.is_empty());
        mock.assert_received("downloadDataExport", 0).await;

        let mock = MockIntercom::start().await;
        mock.respond("createDataExport", export("pending")).await;
        mock.respond("getDataExport", export("no_data")).await;
        let (result, _) = export_to(transport, mock.config(), quick()).await;
        let outcome = result.expect("a wait");
        assert!(outcome.is_completed(), "{transport:?}: no_data is done");
        assert_eq!(outcome.into_status().download, None, "{transport:?}: no file to fetch");
        mock.assert_received("downloadDataExport", 0).await;

        let mock = MockIntercom::start().await;
        mock.respond("createDataExport", export("pending")).await;
        mock.respond("getDataExport", export("in_progress")).await;
        let started = Instant::now();
        let (result, _) = export_to(transport, mock.config(), quick().with_deadline(Duration::from_millis(300))).await;
        assert!(matches!(result, Ok(JobOutcome::DeadlinePassed(_))), "{transport:?}: {result:?}");
        assert!(started.elapsed() >= Duration::from_millis(300));
        let polls = mock.received("getDataExport").await.len();
        assert!((10..=80).contains(&polls), "{transport:?}: polls back off to 20 ms: {polls}");

        let cancel = CancelWait::new();
        let wait =
            JobWait::new().with_pauses(Duration::from_secs(30), Duration::from_secs(30)).with_cancel(cancel.clone());
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            cancel.cancel();
        });
        let started = Instant::now();
        let (result, _) = export_to(transport, mock.config(), wait).await;
        stopper.join().unwrap();
        assert!(matches!(result, Ok(JobOutcome::WaitCancelled(_))), "{transport:?}: {result:?}");
        assert!(started.elapsed() < Duration::from_secs(5), "{transport:?}: stopped within its 30 s pause");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_enqueued_ticket_is_waited_for_through_jobs_status() {
    let job =
        |status: &str| ResponseTemplate::new(200).set_body_json(json!({"type": "job", "id": "77", "status": status}));
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond("enqueueCreateTicket", job("pending")).await;
        mock.respond_in_order("jobsStatus", [job("pending"), job("success")]).await;
        let request: EnqueueCreateTicketRequest =
            serde_json::from_value(json!({"ticket_type_id": "1", "contacts": [{"id": "c1"}]})).unwrap();
        let start = EnqueueCreateTicket::new(request);
        let config = mock.config();
        let outcome = match transport {
            Transport::Ureq => tokio::task::spawn_blocking(move || {
                intercom_ureq::Client::from_config(config).start_and_wait(&start, &quick())
            })
            .await
            .unwrap(),
            Transport::Hyper => intercom_hyper::Client::from_config(config).start_and_wait(&start, &quick()).await,
        };
        let JobOutcome::Completed(job) = outcome.expect("a wait") else { panic!("{transport:?}") };
        assert_eq!((job.id.as_str(), job.status), ("77", Some(JobsStatus::Success)));
        let polls = mock.received("jobsStatus").await;
        assert_eq!(polls.len(), 2);
        assert_eq!(polls[0].url.path(), "/jobs/status/77");
    }
}

async fn download(transport: Transport, config: Config) -> (Result<Downloaded, Error>, Vec<u8>) {
    let endpoint = DownloadDataExport::new("job1");
    match transport {
        Transport::Ureq => tokio::task::spawn_blocking(move || {
            let mut file = Vec::new();
            (intercom_ureq::Client::from_config(config).download_to(&endpoint, &mut file), file)
        })
        .await
        .unwrap(),
        Transport::Hyper => {
            let mut file = Vec::new();
            (intercom_hyper::Client::from_config(config).download_to(&endpoint, &mut file).await, file)
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_is_retried_before_its_first_byte_and_an_error_answer_writes_nothing() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let file = gzip_csv(100);
        let ok = ResponseTemplate::new(200).set_body_raw(file.clone(), "application/octet-stream");
        mock.respond_in_order("downloadDataExport", [ResponseTemplate::new(503), ok]).await;
        let (result, written) = download(transport, mock.config()).await;
        let done = result.expect("the second attempt");
        assert_eq!((done.attempts, done.bytes), (2, file.len() as u64), "{transport:?}");
        assert_eq!(written, file);

        let mock = MockIntercom::start().await;
        let missing = json!({"type": "error.list", "errors": [{"code": "not_found", "message": "Export not found"}]});
        mock.respond("downloadDataExport", ResponseTemplate::new(404).set_body_json(missing)).await;
        let (result, written) = download(transport, mock.config()).await;
        let error = result.expect_err("a 404");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{transport:?}: {error}");
        assert!(error.to_string().contains("Export not found"), "{error}");
        assert!(written.is_empty(), "{transport:?}: an error body is not the file");

        // An HTTP-level gzip over the file is undone, so the writer still gets the file.
        let mock = MockIntercom::start().await;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(b"plain,csv\n").unwrap();
        let wrapped = ResponseTemplate::new(200)
            .insert_header("Content-Encoding", "gzip")
            .set_body_raw(encoder.finish().unwrap(), "text/csv");
        mock.respond("downloadDataExport", wrapped).await;
        let (result, written) = download(transport, mock.config()).await;
        assert_eq!(result.expect("a download").bytes, 10);
        assert_eq!(written, b"plain,csv\n", "{transport:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_status_request_of_a_wait_can_be_used_on_its_own() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond("getDataExport", export("canceled")).await;
        let config = mock.config();
        let outcome = match transport {
            Transport::Ureq => tokio::task::spawn_blocking(move || {
                intercom_ureq::Client::from_config(config).wait_for(&GetDataExport::new("job1"), &quick())
            })
            .await
            .unwrap(),
            Transport::Hyper => {
                intercom_hyper::Client::from_config(config).wait_for(&GetDataExport::new("job1"), &quick()).await
            }
        };
        assert!(matches!(outcome, Ok(JobOutcome::Cancelled(_))), "{transport:?}: {outcome:?}");
        mock.assert_received("getDataExport", 1).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mocks_own_jobs_progress_by_themselves_and_can_be_made_to_fail() {
    for transport in Transport::BOTH {
        // Nothing scripted: the recorded export is pending, then in progress, then completed.
        let mock = MockIntercom::start().await;
        let (result, file) = export_to(transport, mock.config(), quick()).await;
        let JobOutcome::Completed(download) = result.expect("an export") else { panic!("{transport:?}") };
        assert_eq!(download.export.job_identifier.as_deref(), Some("al9w983lwu88w1fd"), "{transport:?}");
        assert_eq!(download.export.status, Some(DataExportStatus::Completed));
        assert_eq!(file, intercom_mock::fixtures::success(DownloadDataExport::OPERATION).unwrap().body);
        let polls = mock.received(GetDataExport::OPERATION).await;
        assert_eq!(polls.len(), 3, "{transport:?}: pending, in progress, completed");
        assert!(polls.iter().all(|p| p.url.path() == "/export/content/data/al9w983lwu88w1fd"));

        // Each job counts its own reads; a job can be made to fail, after any number of reads.
        let mock = MockIntercom::start().await;
        mock.set_jobs(intercom_mock::MockJobs::new(0, intercom_mock::JobEnd::Failed));
        let (result, file) = export_to(transport, mock.config(), quick()).await;
        assert!(matches!(result.expect("a wait"), JobOutcome::Failed { .. }), "{transport:?}");
        assert!(file.is_empty());
        mock.assert_received(GetDataExport::OPERATION, 1).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn any_request_can_be_waited_for_with_a_function_that_reads_its_state() {
    use intercom_core::endpoints::GetTicket;
    use intercom_core::models::Ticket;
    use intercom_core::{JobState, JobStatusBy};

    let ticket =
        |open: bool| ResponseTemplate::new(200).set_body_json(json!({"type": "ticket", "id": "7", "open": open}));
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        mock.respond_in_order(GetTicket::OPERATION, [ticket(true), ticket(true), ticket(false)]).await;
        let closed = |t: &Ticket| if t.open == Some(false) { JobState::Completed } else { JobState::Running };
        let status = JobStatusBy::new(GetTicket::new("7"), closed);
        let config = mock.config();
        let outcome = match transport {
            Transport::Ureq => tokio::task::spawn_blocking(move || {
                intercom_ureq::Client::from_config(config).wait_for(&status, &quick())
            })
            .await
            .unwrap(),
            Transport::Hyper => intercom_hyper::Client::from_config(config).wait_for(&status, &quick()).await,
        };
        let JobOutcome::Completed(ticket) = outcome.expect("a wait") else { panic!("{transport:?}") };
        assert_eq!((ticket.id.as_str(), ticket.open), ("7", Some(false)));
        mock.assert_received(GetTicket::OPERATION, 3).await;
    }
}
