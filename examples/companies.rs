//! Companies, blocking and async: create or update, list pages, their contacts; scroll through all of them.
//!
//! `cargo run --example companies` (mock) or with `INTERCOM_TOKEN` set (read-only).

mod common;

use intercom_ureq::endpoints::{CreateOrUpdateCompany, ListAllCompanies, ListCompanyContacts, ScrollCompanies};
use intercom_ureq::models::CreateOrUpdateCompanyRequest;
use intercom_ureq::Error;

fn blocking(client: &intercom_ureq::Client, real: bool) -> Result<(), Error> {
    if !real {
        common::section("blocking: create or update a company (mock only)");
        let body = CreateOrUpdateCompanyRequest::new().company_id("acme-1").name("Acme").plan("enterprise");
        let company = CreateOrUpdateCompany::new(body).send(client)?;
        println!("{} ({})", company.name.unwrap_or_default(), company.id);
    }
    common::section("blocking: the first pages of companies");
    for page in ListAllCompanies::new().per_page(15).paginate().max_pages(2).pages(client) {
        let page = page?;
        println!("page {}: {} companies of {:?}", page.number, page.items.len(), page.total_count);
        if let Some(company) = page.items.first() {
            let contacts = ListCompanyContacts::new(&company.id).send(client)?;
            println!("  {} has {} contact(s)", company.name.as_deref().unwrap_or("?"), contacts.data.len());
        }
    }
    Ok(())
}

async fn concurrent(client: &intercom_hyper::Client) -> Result<(), Error> {
    common::section("async: scroll through every company (one scroll per workspace)");
    let mut companies = ScrollCompanies::new().items(client);
    let mut count = 0;
    while let Some(company) = companies.next().await {
        company?;
        count += 1;
    }
    println!("{count} companies");
    Ok(())
}

fn main() {
    let setup = common::setup("companies");
    common::finish(blocking(&intercom_ureq::Client::from_config(setup.config.clone()), setup.real));
    let client = intercom_hyper::Client::from_config(setup.config.clone());
    common::finish(common::block_on(concurrent(&client)));
}
