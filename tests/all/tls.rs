//! Both clients over real TLS on loopback: a self-signed certificate made here and trusted through
//! `Config::with_root_certificate`, HTTP/2 by ALPN and multiplexing on hyper, HTTP/1.1 pooling, and the
//! error a certificate the client does not trust gives. Connections are counted at the server.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use intercom_core::endpoints::IdentifyAdmin;
use intercom_core::{Config, Error, TransportErrorKind};
use tokio::net::TcpListener;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

use crate::support::Transport;

const ME: &str = r#"{"type":"admin","id":"991267","name":"Ada Lovelace","email":"ada@example.com"}"#;

/// What the server saw.
#[derive(Default)]
struct Seen {
    /// TCP connections accepted.
    connections: AtomicUsize,
    /// TLS handshakes completed.
    handshakes: AtomicUsize,
    /// Requests answered, by HTTP version.
    versions: Mutex<Vec<http::Version>>,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
}

struct TlsServer {
    address: SocketAddr,
    certificate: Vec<u8>,
    seen: Arc<Seen>,
}

impl TlsServer {
    /// A server for `127.0.0.1` and `localhost` offering `alpn` (most preferred first). Each answer waits
    /// `hold` first, so that concurrent requests are in flight together.
    async fn start(alpn: &[&[u8]], hold: Duration) -> Self {
        let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .expect("a self-signed certificate");
        let certificate = made.cert.der().to_vec();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.signing_key.serialize_der()));
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![CertificateDer::from(certificate.clone())], key)
            .expect("a server config");
        config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let address = listener.local_addr().expect("an address");
        let seen = Arc::new(Seen::default());
        let accepting = Arc::clone(&seen);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                accepting.connections.fetch_add(1, Ordering::SeqCst);
                let (acceptor, seen) = (acceptor.clone(), Arc::clone(&accepting));
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(stream).await else { return };
                    seen.handshakes.fetch_add(1, Ordering::SeqCst);
                    let service = service_fn(move |request: http::Request<hyper::body::Incoming>| {
                        let seen = Arc::clone(&seen);
                        async move {
                            seen.versions.lock().unwrap().push(request.version());
                            let now = seen.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                            seen.most_in_flight.fetch_max(now, Ordering::SeqCst);
                            tokio::time::sleep(hold).await;
                            seen.in_flight.fetch_sub(1, Ordering::SeqCst);
                            let answer = http::Response::builder()
                                .header("content-type", "application/json")
                                .body(Full::new(Bytes::from_static(ME.as_bytes())))
                                .expect("an answer");
                            Ok::<_, Infallible>(answer)
                        }
                    });
                    let _ = auto::Builder::new(TokioExecutor::new()).serve_connection(TokioIo::new(tls), service).await;
                });
            }
        });
        Self { address, certificate, seen }
    }

    /// A configuration for this server that trusts its certificate.
    fn trusted_config(&self) -> Config {
        self.untrusted_config().with_root_certificate(self.certificate.clone())
    }

    fn untrusted_config(&self) -> Config {
        Config::new("tls-token").with_base_url(&format!("https://127.0.0.1:{}", self.address.port())).expect("a URL")
    }

    fn connections(&self) -> usize {
        self.seen.connections.load(Ordering::SeqCst)
    }

    fn versions(&self) -> Vec<http::Version> {
        self.seen.versions.lock().unwrap().clone()
    }
}

const BOTH_PROTOCOLS: &[&[u8]] = &[b"h2", b"http/1.1"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_clients_complete_requests_over_tls_trusting_an_added_root() {
    for (transport, version) in [(Transport::Ureq, http::Version::HTTP_11), (Transport::Hyper, http::Version::HTTP_2)] {
        let server = TlsServer::start(BOTH_PROTOCOLS, Duration::ZERO).await;
        let me = transport.send(server.trusted_config(), IdentifyAdmin::new()).await.unwrap();
        assert_eq!(me.name.as_deref(), Some("Ada Lovelace"), "{transport:?}");
        assert_eq!(server.versions(), [version], "{transport:?}: ureq speaks HTTP/1.1, hyper takes h2 by ALPN");
        assert_eq!(server.connections(), 1, "{transport:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_added_root_is_enough_when_builtin_roots_are_off() {
    for transport in Transport::BOTH {
        let server = TlsServer::start(BOTH_PROTOCOLS, Duration::ZERO).await;
        let config = server.trusted_config().with_builtin_roots(false);
        let me = transport.send(config, IdentifyAdmin::new()).await.unwrap();
        assert_eq!(me.id, "991267", "{transport:?}");
    }
}

fn tls_failure(error: &Error) -> String {
    match error {
        Error::Transport { source, .. } if source.kind() == TransportErrorKind::Tls => error.to_string(),
        other => panic!("expected a TLS transport error, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_the_client_does_not_trust_is_a_tls_error_and_is_not_retried() {
    for transport in Transport::BOTH {
        let server = TlsServer::start(BOTH_PROTOCOLS, Duration::ZERO).await;
        let error = transport.send(server.untrusted_config(), IdentifyAdmin::new()).await.unwrap_err();
        let message = tls_failure(&error);
        assert!(message.contains("the TLS handshake failed"), "{transport:?}: {message}");
        assert!(message.contains("UnknownIssuer"), "{transport:?}: {message}");
        assert!(!error.is_retryable(), "{transport:?}");
        assert_eq!(server.connections(), 1, "{transport:?}: one handshake, no retry");
        assert_eq!(server.seen.handshakes.load(Ordering::SeqCst), 0, "{transport:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_added_root_that_is_not_a_certificate_fails_every_request_before_connecting() {
    for transport in Transport::BOTH {
        let server = TlsServer::start(BOTH_PROTOCOLS, Duration::ZERO).await;
        let config = server.trusted_config().with_root_certificate(b"not DER".to_vec());
        let error = transport.send(config, IdentifyAdmin::new()).await.unwrap_err();
        let message = tls_failure(&error);
        assert!(message.contains("the TLS handshake failed"), "{transport:?}: {message}");
        assert_eq!(server.connections(), 0, "{transport:?}");
    }
}

/// Sends `calls` `GET /me` at once through `client`.
async fn concurrent_hyper_calls(client: &intercom_hyper::Client, calls: usize) {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..calls {
        let client = client.clone();
        tasks.spawn(async move { IdentifyAdmin::new().send(&client).await.map(|me| me.name) });
    }
    while let Some(done) = tasks.join_next().await {
        assert_eq!(done.unwrap().unwrap().as_deref(), Some("Ada Lovelace"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hyper_multiplexes_64_concurrent_calls_on_one_http2_connection() {
    let server = TlsServer::start(BOTH_PROTOCOLS, Duration::from_millis(200)).await;
    concurrent_hyper_calls(&intercom_hyper::Client::from_config(server.trusted_config()), 64).await;
    assert_eq!(server.connections(), 1);
    assert_eq!(server.versions().len(), 64);
    assert!(server.versions().iter().all(|v| *v == http::Version::HTTP_2));
    // The first call goes alone until its answer arrives, so the connection is known to be HTTP/2
    // before the other 63 go, together.
    assert_eq!(server.seen.most_in_flight.load(Ordering::SeqCst), 63);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_http1_the_pool_opens_no_more_connections_than_calls_in_flight() {
    let server = TlsServer::start(&[b"http/1.1"], Duration::from_millis(200)).await;
    let client = intercom_hyper::Client::from_config(server.trusted_config());
    concurrent_hyper_calls(&client, 16).await;
    concurrent_hyper_calls(&client, 16).await;
    assert_eq!(server.versions().len(), 32);
    assert!(server.versions().iter().all(|v| *v == http::Version::HTTP_11));
    assert_eq!(server.connections(), 16, "one connection per call in flight, reused by the second wave");
    assert_eq!(server.seen.most_in_flight.load(Ordering::SeqCst), 16);
}
