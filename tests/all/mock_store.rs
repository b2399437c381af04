//! The mock plays along: what a test writes it can read back (fresh ids, what was sent, found by get, list
//! and search), and a `429` whose window resets 30 s away is retried on the mock's quick clock.

use std::time::{Duration, Instant, SystemTime};

use intercom_core::endpoints::{
    AttachTagToContact, CreateContact, CreateContactNote, DeleteContact, GetContact, GetNote, IdentifyAdmin,
    ListContactNotes, ListContactTags, ListContacts, SearchContacts, UpdateContact,
};
use intercom_core::models::{CreateContactRequest, UpdateContactRequest};
use intercom_core::search::{contact, Search};
use intercom_mock::{fixture_response, fixtures, rate_limited_answer, MockIntercom};

use crate::support::Transport;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_can_be_verified_against_what_the_mock_kept() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let config = mock.config();
        let mut ids = Vec::new();
        for (email, plan) in [("ada@example.com", "pro"), ("alan@example.com", "team"), ("grace@example.org", "pro")] {
            let body = CreateContactRequest::new()
                .email(email)
                .name(email.split('@').next().unwrap())
                .custom_attributes(intercom_core::json!({"plan": plan}));
            let created = transport.send(config.clone(), CreateContact::new(body)).await.expect("created");
            assert_eq!(created.email.as_deref(), Some(email), "{transport:?}: the answer echoes what was sent");
            assert!(!ids.contains(&created.id), "{transport:?}: a fresh id each time");
            ids.push(created.id);
        }
        transport.send(config.clone(), AttachTagToContact::new(ids[0].as_str(), "tag-7")).await.expect("tagged");
        let note =
            transport.send(config.clone(), CreateContactNote::new(ids[0].as_str(), "Imported")).await.expect("note");
        assert_eq!(note.body.as_deref(), Some("Imported"));

        // Read back: get, list (in pages), search, a contact's notes and tags, a note by its id.
        let ada = transport.send(config.clone(), GetContact::new(ids[0].as_str())).await.expect("a contact");
        assert_eq!((ada.id.as_str(), ada.email.as_deref()), (ids[0].as_str(), Some("ada@example.com")));
        let client = intercom_hyper::Client::from_config(config.clone());
        let mut listed = Vec::new();
        let mut pages = ListContacts::new().per_page(2).items(&client);
        while let Some(contact) = pages.next().await {
            listed.push(contact.expect("a listing").id);
        }
        assert_eq!(listed, ids, "{transport:?}: every contact, in pages of 2");
        let query = Search::all([contact::EMAIL.ends_with("@example.com"), contact::custom_text("plan").eq("pro")]);
        let mut found = Vec::new();
        let mut results = SearchContacts::matching(query).unwrap().items(&client);
        while let Some(contact) = results.next().await {
            found.push(contact.expect("found").id);
        }
        assert_eq!(found, vec![ids[0].clone()]);
        let notes = transport.send(config.clone(), ListContactNotes::new(ids[0].as_str())).await.expect("notes");
        assert_eq!(notes.data.iter().map(|n| n.body.clone()).collect::<Vec<_>>(), vec![Some("Imported".to_owned())]);
        let again = transport.send(config.clone(), GetNote::new(note.id.as_str())).await.expect("the note");
        assert_eq!(again.body.as_deref(), Some("Imported"));
        let tags = transport.send(config.clone(), ListContactTags::new(ids[0].as_str())).await.expect("tags");
        assert_eq!(tags.data.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["tag-7"]);

        // Update and delete.
        let update = UpdateContact::new(ids[1].as_str(), UpdateContactRequest::new().name("Alan T."));
        let updated = transport.send(config.clone(), update).await.expect("updated");
        assert_eq!((updated.name.as_deref(), updated.email.as_deref()), (Some("Alan T."), Some("alan@example.com")));
        transport.send(config.clone(), DeleteContact::new(ids[2].as_str())).await.expect("deleted");
        let gone = transport.send(config.clone(), GetContact::new(ids[2].as_str())).await.expect_err("deleted");
        assert!(gone.is_not_found(), "{transport:?}: {gone}");

        // Reads of what was never written answer the recorded examples.
        let recorded_id = |operation| {
            let body: serde_json::Value = serde_json::from_slice(fixtures::success(operation).unwrap().body).unwrap();
            body["id"].as_str().unwrap().to_owned()
        };
        let recorded = transport.send(config.clone(), GetContact::new("never-created")).await.expect("recorded");
        assert_eq!(recorded.id, recorded_id(GetContact::OPERATION));
        mock.keep_writes(false);
        let created = transport.send(config, CreateContact::new(CreateContactRequest::new().email("x@y.z"))).await;
        assert_eq!(created.expect("recorded").id, recorded_id(CreateContact::OPERATION));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scripted_429_is_waited_out_on_the_quick_clock() {
    for transport in Transport::BOTH {
        let mock = MockIntercom::start().await;
        let reset = SystemTime::now() + Duration::from_secs(30);
        let recorded = fixtures::success(IdentifyAdmin::OPERATION).unwrap();
        mock.respond_in_order(IdentifyAdmin::OPERATION, [rate_limited_answer(reset), fixture_response(recorded)]).await;
        let started = Instant::now();
        let me = transport.send(mock.config(), IdentifyAdmin::new()).await.expect("after the 429");
        assert_eq!(me.r#type.as_deref(), Some("admin"));
        mock.assert_received(IdentifyAdmin::OPERATION, 2).await;
        // The window resets in 30 s; on the mock's clock that is 30 ms, so the call did not wait for it.
        assert!(started.elapsed() < Duration::from_secs(10), "{transport:?}: waited {:?}", started.elapsed());
    }
}
