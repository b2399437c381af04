//! A webhook receiver on loopback: verifies each notification's signature over the raw body, decodes it and
//! dispatches it by item. It needs only `intercom-webhooks` (no Intercom client) and a small hyper server.
//!
//! `INTERCOM_CLIENT_SECRET=... cargo run -p intercom-webhooks --example receiver` then point Intercom's
//! webhook (through a tunnel) at `http://127.0.0.1:8080/`.

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use intercom_webhooks::{receive, Item, Notification, WebhookError, SIGNATURE_HEADER};
use tokio::net::TcpListener;

/// Notifications are small; anything bigger is refused.
const MAX_BODY: usize = 1024 * 1024;

/// Serves webhooks on `listener` forever, calling `dispatch` for each verified notification.
pub async fn serve(listener: TcpListener, secret: Vec<u8>, dispatch: Arc<dyn Fn(Notification) + Send + Sync>) {
    let secret: Arc<[u8]> = secret.into();
    while let Ok((stream, _)) = listener.accept().await {
        let (secret, dispatch) = (Arc::clone(&secret), Arc::clone(&dispatch));
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(request, Arc::clone(&secret), Arc::clone(&dispatch)));
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

async fn handle(
    request: Request<Incoming>,
    secret: Arc<[u8]>,
    dispatch: Arc<dyn Fn(Notification) + Send + Sync>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let answer = |status: StatusCode, text: &str| {
        let mut response = Response::new(Full::new(Bytes::from(text.to_owned())));
        *response.status_mut() = status;
        Ok(response)
    };
    if request.method() != Method::POST {
        return answer(StatusCode::METHOD_NOT_ALLOWED, "POST notifications here");
    }
    let signature = request.headers().get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    // The signature covers the raw bytes: read them as they came, and never re-serialize before checking.
    let body = match Limited::new(request.into_body(), MAX_BODY).collect().await {
        Ok(body) => body.to_bytes(),
        Err(_) => return answer(StatusCode::PAYLOAD_TOO_LARGE, "too large"),
    };
    match receive(&secret, signature.as_deref(), &body) {
        Ok(notification) => {
            dispatch(notification);
            answer(StatusCode::OK, "ok")
        }
        Err(WebhookError::Signature(e)) => answer(StatusCode::UNAUTHORIZED, &e.to_string()),
        Err(e) => answer(StatusCode::BAD_REQUEST, &e.to_string()),
    }
}

/// What the example does with a notification: one line per item.
pub fn describe(notification: &Notification) -> String {
    let topic = notification.topic.as_str();
    match notification.item() {
        Item::Conversation(c) => {
            format!("{topic}: conversation {} is {}", c.id, c.state.map(|s| s.to_string()).unwrap_or_default())
        }
        Item::Contact(c) => format!("{topic}: contact {} <{}>", c.id, c.email.unwrap_or_default()),
        Item::Company(c) => format!("{topic}: company {} ({})", c.id, c.name.unwrap_or_default()),
        Item::Ticket(t) => format!("{topic}: ticket {}", t.id),
        Item::Admin(a) => format!("{topic}: admin {}", a.id),
        Item::ContactTag(t) => format!("{topic}: tag {} on a contact", t.tag.map(|t| t.id).unwrap_or_default()),
        Item::Other(raw) => format!("{topic}: {raw}"),
        other => format!("{topic}: {other:?}"),
    }
}

#[allow(dead_code)]
#[tokio::main]
async fn main() {
    let secret = std::env::var("INTERCOM_CLIENT_SECRET").unwrap_or_else(|_| {
        eprintln!("INTERCOM_CLIENT_SECRET is not set: using `example-secret`");
        "example-secret".into()
    });
    let listener = TcpListener::bind("127.0.0.1:8080").await.expect("port 8080 is free");
    println!("listening on http://{}", listener.local_addr().expect("an address"));
    serve(listener, secret.into_bytes(), Arc::new(|n| println!("{}", describe(&n)))).await;
}
