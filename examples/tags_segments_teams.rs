//! Tags, segments and teams, blocking and async: list, create and apply a tag; segments with counts; teams.
//!
//! `cargo run --example tags_segments_teams` (mock) or with `INTERCOM_TOKEN` set (read-only).

mod common;

use intercom_ureq::endpoints::{AttachTagToContact, CreateTag, GetTeam, ListSegments, ListTags, ListTeams};
use intercom_ureq::models::{AttachTagToContactRequest, CreateOrUpdateTagRequest, CreateTagRequest};
use intercom_ureq::Error;

fn blocking(client: &intercom_ureq::Client, real: bool) -> Result<(), Error> {
    common::section("blocking: tags");
    let tags = ListTags::new().send(client)?;
    println!("{}", tags.data.iter().filter_map(|t| t.name.as_deref()).collect::<Vec<_>>().join(", "));
    if !real {
        let body = CreateTagRequest::CreateOrUpdateTagRequest(CreateOrUpdateTagRequest::new("vip"));
        let tag = CreateTag::new(body).send(client)?;
        println!("created tag `{}` ({})", tag.name.unwrap_or_default(), tag.id);
        let applied = AttachTagToContact::new("667d60a18a68186f43bafdb1", AttachTagToContactRequest::new(&tag.id))
            .send(client)?;
        println!("tagged a contact `{}`", applied.name.unwrap_or_default());
    }
    Ok(())
}

async fn concurrent(client: &intercom_hyper::Client) -> Result<(), Error> {
    common::section("async: segments with their sizes, and teams");
    let (segments, teams) = (ListSegments::new().include_count(true), ListTeams::new());
    let (segments, teams) = tokio::try_join!(segments.send(client), teams.send(client))?;
    for segment in &segments.segments {
        println!("- {} ({:?} contacts)", segment.name.as_deref().unwrap_or("?"), segment.count);
    }
    for team in &teams.teams {
        let full = GetTeam::new(&team.id).send(client).await?;
        println!("team {}: {} admin(s)", full.name.unwrap_or_default(), full.admin_ids.len());
    }
    Ok(())
}

fn main() {
    let setup = common::setup("tags_segments_teams");
    common::finish(blocking(&intercom_ureq::Client::from_config(setup.config.clone()), setup.real));
    let client = intercom_hyper::Client::from_config(setup.config.clone());
    common::finish(common::block_on(concurrent(&client)));
}
