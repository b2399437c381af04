//! Realistic pages of contacts: about 2.5 KB each, with custom attributes, 150 a page.

use serde_json::{json, Value};

/// Contacts in the data set: 30,000, or `INTERCOM_BENCH_CONTACTS` to check that memory does not grow with it.
pub fn total() -> usize {
    std::env::var("INTERCOM_BENCH_CONTACTS").ok().and_then(|n| n.parse().ok()).unwrap_or(30_000)
}
/// Contacts a page.
pub const PER_PAGE: usize = 150;

const PLANS: [&str; 4] = ["free", "team", "business", "enterprise"];

/// One contact, shaped like the API's, with the fields and nesting a real workspace has.
pub fn contact(i: usize) -> Value {
    let t = 1_700_000_000 + i as i64;
    json!({
        "type": "contact", "id": format!("65f1c0d2a8b3c4{i:010}"), "workspace_id": "ecahpwf5",
        "external_id": format!("user-{i}"), "role": if i % 7 == 0 { "lead" } else { "user" },
        "email": format!("person.{i}@example-company-{}.com", i % 97), "email_domain": format!("example-company-{}.com", i % 97),
        "phone": format!("+1555{i:07}"), "formatted_phone": format!("+1 555 {i:07}"), "name": format!("Person Number {i}"),
        "owner_id": 991_267_390 + (i % 5) as i64, "has_hard_bounced": false, "marked_email_as_spam": false,
        "unsubscribed_from_emails": i % 11 == 0, "created_at": t, "updated_at": t + 3600, "signed_up_at": t,
        "last_seen_at": t + 86_400, "last_replied_at": t + 7200, "last_contacted_at": t + 5400,
        "last_email_opened_at": t + 9000, "last_email_clicked_at": null, "language_override": "en",
        "browser": "chrome", "browser_version": "124.0.6367.91", "browser_language": "en-US", "os": "Mac OS X",
        "android_app_name": null, "android_app_version": null, "android_device": null, "android_os_version": null,
        "android_sdk_version": null, "android_last_seen_at": null, "ios_app_name": "Example", "ios_app_version": "5.12.1",
        "ios_device": "iPhone15,2", "ios_os_version": "17.4.1", "ios_sdk_version": "16.5.0", "ios_last_seen_at": t + 600,
        "custom_attributes": {
            "plan": PLANS[i % 4], "seats": (i % 250) as i64, "mrr": (i % 3000) as f64 + 0.99,
            "trial_ends_at": t + 1_209_600, "company_size": "51-200", "industry": "Software", "referrer": "https://www.google.com/",
            "onboarding_step": (i % 9) as i64, "feature_flags": ["new-inbox", "ai-replies"], "nps": (i % 11) as i64,
            "account_manager": "Jordan Smith", "region": "us-east", "beta_tester": i % 13 == 0, "last_invoice_id": format!("in_{i:012}"),
        },
        "avatar": {"type": "avatar", "image_url": format!("https://static.example-cdn.com/avatars/{i}.png")},
        "tags": {"type": "list", "data": [
            {"type": "tag", "id": "7522907", "url": "/tags/7522907"},
            {"type": "tag", "id": "7522908", "url": "/tags/7522908"},
        ], "url": format!("/contacts/65f1c0d2a8b3c4{i:010}/tags"), "total_count": 2, "has_more": false},
        "notes": {"type": "list", "data": [{"type": "note", "id": format!("{}", 40 + i), "url": format!("/notes/{}", 40 + i)}],
                  "url": format!("/contacts/65f1c0d2a8b3c4{i:010}/notes"), "total_count": 1, "has_more": false},
        "companies": {"type": "list", "data": [{"type": "company", "id": format!("6{i:023}"), "url": format!("/companies/6{i:023}")}],
                      "url": format!("/contacts/65f1c0d2a8b3c4{i:010}/companies"), "total_count": 1, "has_more": false},
        "opted_out_subscription_types": {"type": "list", "data": [], "url": format!("/contacts/65f1c0d2a8b3c4{i:010}/subscriptions"), "total_count": 0, "has_more": false},
        "opted_in_subscription_types": {"type": "list", "data": [], "url": format!("/contacts/65f1c0d2a8b3c4{i:010}/subscriptions"), "total_count": 0, "has_more": false},
        "location": {"type": "location", "country": "Ireland", "region": "Dublin", "city": "Dublin", "country_code": "IRL", "continent_code": "EU"},
        "social_profiles": {"type": "list", "data": [{"type": "social_profile", "name": "Twitter", "url": format!("https://twitter.com/person{i}")}]},
    })
}

/// Page `index` (from 0) of the data set, as the API answers `GET /contacts`.
pub fn page(index: usize) -> Vec<u8> {
    let total = total();
    let pages = total.div_ceil(PER_PAGE);
    let data: Vec<Value> = (index * PER_PAGE..((index + 1) * PER_PAGE).min(total)).map(contact).collect();
    let next = if index + 1 < pages {
        json!({"page": index + 2, "starting_after": format!("cursor-{}", index + 1)})
    } else {
        Value::Null
    };
    serde_json::to_vec(&json!({
        "type": "list", "data": data, "total_count": total,
        "pages": {"type": "pages", "next": next, "page": index + 1, "per_page": PER_PAGE, "total_pages": pages},
    }))
    .expect("JSON")
}

/// The answer of `GET /me`.
pub fn me() -> Vec<u8> {
    serde_json::to_vec(&json!({
        "type": "admin", "id": "991267390", "email": "admin1@email.com", "name": "Ciaran1 Lee", "email_verified": true,
        "app": {"type": "app", "id_code": "abc123", "name": "MyApp 1", "created_at": 1_719_492_696, "secure": false,
                "identity_verification": false, "timezone": "America/Los_Angeles", "region": "US"},
        "avatar": {"type": "avatar", "image_url": "https://static.intercomassets.com/assets/default-avatars/admins/128.png"},
        "has_inbox_seat": true,
    }))
    .expect("JSON")
}
