//! The example receiver, over real HTTP on loopback: signed notifications are dispatched, tampered, unsigned
//! and wrongly signed ones refused.

#[path = "../examples/receiver.rs"]
#[allow(dead_code)]
mod receiver;

use std::sync::{Arc, Mutex};

use intercom_webhooks::sign;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const SECRET: &[u8] = b"client-secret-abc";

async fn post(address: &str, body: &[u8], signature: Option<&str>) -> u16 {
    let mut stream = TcpStream::connect(address).await.expect("the receiver");
    let header = signature.map(|s| format!("X-Hub-Signature: {s}\r\n")).unwrap_or_default();
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n{header}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[tokio::test]
async fn the_receiver_dispatches_signed_notifications_and_refuses_the_rest() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let dispatch =
        Arc::new(move |n: intercom_webhooks::Notification| sink.lock().unwrap().push(receiver::describe(&n)));
    tokio::spawn(receiver::serve(listener, SECRET.to_vec(), dispatch));

    let conversation = intercom_mock::fixtures::success("GetConversation").unwrap().text();
    let body = format!(
        r#"{{"type":"notification_event","id":"notif_1","topic":"conversation.admin.closed","app_id":"abc","created_at":1719492978,"data":{{"type":"notification_event_data","item":{conversation}}}}}"#
    );
    let body = body.as_bytes();

    assert_eq!(post(&address, body, Some(&sign(SECRET, body))).await, 200, "signed");
    let mut tampered = body.to_vec();
    let at = tampered.iter().position(|&b| b == b'c').unwrap();
    tampered[at] = b'x';
    assert_eq!(post(&address, &tampered, Some(&sign(SECRET, body))).await, 401, "tampered body");
    assert_eq!(post(&address, body, Some(&sign(b"another secret", body))).await, 401, "wrong secret");
    assert_eq!(post(&address, body, None).await, 401, "unsigned");
    assert_eq!(
        post(&address, b"not json", Some(&sign(SECRET, b"not json"))).await,
        400,
        "signed, but not a notification"
    );

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen, ["conversation.admin.closed: conversation 503 is closed"]);
}
