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

    let spawned = {
        let client = client.clone();
        tokio::spawn(async move { IdentifyAdmin::new().send(&client).await })
    };
    assert_eq!(spawned.await.expect("the task").expect("an admin").id, me.id);

    // The future has a name, so it can be stored.
    let stored: SendFuture<'_, _> = ListSegments::new().send(&client);
    assert_eq!(stored.await.expect("segments").segments.len(), segments.segments.len());

    let again = IdentifyAdmin::new();
    client.send(&again).await.expect("once");
    client.send(&again).await.expect("twice");
    mock.assert_received(IdentifyAdmin::OPERATION, 4).await;
}
