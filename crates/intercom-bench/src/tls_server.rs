//! A TLS server on loopback offering HTTP/2 and HTTP/1.1 by ALPN, with a self-signed certificate made at
//! start-up, for counting the connections concurrent calls use over HTTP/2. Every request gets the same
//! contact. Its counters are read over plain HTTP on a second port, as [`server::stats`](crate::server::stats)
//! expects.

use std::convert::Infallible;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener as StdListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

use crate::data;
use crate::server::Stats;

fn acceptor(certificate: &[u8], key: Vec<u8>) -> TlsAcceptor {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(certificate.to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)),
        )
        .expect("a server config");
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    TlsAcceptor::from(Arc::new(config))
}

/// Answers `GET /stats` on `listener` with the connection count, until the process ends.
fn serve_stats(listener: StdListener, connections: Arc<AtomicUsize>) {
    for stream in listener.incoming().flatten() {
        let mut line = String::new();
        let _ = BufReader::new(&stream).read_line(&mut line);
        let stats = Stats { connections: connections.load(Ordering::SeqCst), ..Stats::default() }.line();
        let _ = (&stream).write_all(
            format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{stats}", stats.len())
                .as_bytes(),
        );
    }
}

/// Prints `address stats-address certificate-file` and serves until the process ends.
pub fn serve() {
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).expect("a certificate");
    let certificate = made.cert.der().to_vec();
    let file = std::env::temp_dir().join(format!("intercom-bench-{}.der", std::process::id()));
    std::fs::write(&file, &certificate).expect("the certificate file");
    let acceptor = acceptor(&certificate, made.signing_key.serialize_der());
    let body = Bytes::from(serde_json::to_vec(&data::contact(7)).expect("JSON"));
    let connections = Arc::new(AtomicUsize::new(0));

    let stats = StdListener::bind("127.0.0.1:0").expect("a port");
    let stats_address = stats.local_addr().expect("an address");
    let counted = Arc::clone(&connections);
    std::thread::spawn(move || serve_stats(stats, counted));

    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        println!("{} {stats_address} {}", listener.local_addr().expect("an address"), file.display());
        std::io::stdout().flush().expect("stdout");
        while let Ok((stream, _)) = listener.accept().await {
            connections.fetch_add(1, Ordering::SeqCst);
            let (acceptor, body) = (acceptor.clone(), body.clone());
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(stream).await else { return };
                let service = service_fn(move |_request: http::Request<hyper::body::Incoming>| {
                    let answer = http::Response::builder()
                        .header("content-type", "application/json")
                        .body(Full::new(body.clone()))
                        .expect("an answer");
                    async move { Ok::<_, Infallible>(answer) }
                });
                let _ = auto::Builder::new(TokioExecutor::new()).serve_connection(TokioIo::new(tls), service).await;
            });
        }
    });
}
