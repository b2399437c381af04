//! The obvious async code compiles and runs: requests joined or spawned straight from `send`, and one
//! request sent twice by borrowing it.

use intercom_core::endpoints::{IdentifyAdmin, ListSegments};
use intercom_core::SendFuture;
use intercom_mock::MockIntercom;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sends_join_and_spawn_without_binding_their_requests() {
    let mock = MockIntercom::start().await;
    let client = intercom_hyper::Client::from_config(mock.config());

    let (segments, me) =
        tokio::try_join!(ListSegments::new().send(&client), IdentifyAdmin::new().send(&client)).expect("both answers");
    assert_eq!(me.r#type.as_deref(), Some("admin"));
    assert!(!segments.segments.is_empty());

    // The future owns the request and a clone of the client: it can be spawned as it is.
    let spawned = tokio::spawn(IdentifyAdmin::new().send(&client));
    assert_eq!(spawned.await.expect("the task").expect("an admin").id, me.id);
    let tasks: Vec<_> = (0..3).map(|_| tokio::spawn(ListSegments::new().send(&client))).collect();
    drop(client.clone());
    for task in tasks {
        assert_eq!(task.await.expect("the task").expect("segments").segments.len(), segments.segments.len());
    }

    // The future has a name, so it can be stored, and outlives the client it came from.
    let stored: SendFuture<'static, _> = ListSegments::new().send(&client.clone());
    assert_eq!(stored.await.expect("segments").segments.len(), segments.segments.len());

    let again = IdentifyAdmin::new();
    client.send(&again).await.expect("once");
    client.send(&again).await.expect("twice");
    mock.assert_received(IdentifyAdmin::OPERATION, 4).await;
    mock.assert_received(ListSegments::OPERATION, 5).await;
}
