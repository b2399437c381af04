//! Realistic pages of contacts: about 2.6 KB each (about a tenth of that gzip-compressed), with custom
//! attributes, 150 a page.

use serde_json::{json, Value};

/// Contacts in the data set: 30,000, or `INTERCOM_BENCH_CONTACTS` to check that memory does not grow with it.
pub fn total() -> usize {
    std::env::var("INTERCOM_BENCH_CONTACTS").ok().and_then(|n| n.parse().ok()).unwrap_or(30_000)
}
/// Contacts a page.
pub const PER_PAGE: usize = 150;

const PLANS: [&str; 4] = ["free", "team", "business", "enterprise"];
const FIRST: [&str; 16] = [
    "ada", "grace", "alan", "edsger", "barbara", "donald", "frances", "ken", "margaret", "dennis", "radia", "linus",
    "sophie", "tim", "hedy", "john",
];
const LAST: [&str; 16] = [
    "lovelace",
    "hopper",
    "turing",
    "dijkstra",
    "liskov",
    "knuth",
    "allen",
    "thompson",
    "hamilton",
    "ritchie",
    "perlman",
    "torvalds",
    "wilson",
    "berners-lee",
    "lamarr",
    "backus",
];

/// A deterministic 64-bit value for contact `i` and `salt` (splitmix64), so that ids, hashes and times vary
/// as real ones do and the data compresses like real answers (about 10x with gzip), not like a template.
fn noise(i: usize, salt: u64) -> u64 {
    let mut z = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(salt.wrapping_mul(0xbf58_476d_1ce4_e5b9));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `len` hex digits of noise.
fn hex(i: usize, salt: u64, len: usize) -> String {
    (0..len.div_ceil(16)).map(|k| format!("{:016x}", noise(i, salt * 31 + k as u64))).collect::<String>()[..len]
        .to_owned()
}

/// When contact `i` was created.
fn created_at(i: usize) -> i64 {
    1_600_000_000 + (noise(i, 1) % 100_000_000) as i64
}

/// The id of contact `i` (what [`contact`] gives it), without building the contact.
pub fn contact_id(i: usize) -> String {
    format!("{:08x}{}", created_at(i), hex(i, 2, 16))
}

/// One contact, shaped like the API's, with the fields and nesting a real workspace has.
pub fn contact(i: usize) -> Value {
    let t = created_at(i);
    let at = |salt: u64| t + (noise(i, salt) % 10_000_000) as i64;
    let id = contact_id(i);
    let (first, last) = (FIRST[noise(i, 3) as usize % 16], LAST[noise(i, 4) as usize % 16]);
    let domain = format!("{}-{}.com", LAST[noise(i, 5) as usize % 16], hex(i, 6, 4));
    let uuid = hex(i, 7, 32);
    let (note, company) = (noise(i, 25) % 100_000_000, format!("{:08x}{}", at(26), hex(i, 26, 16)));
    json!({
        "type": "contact", "id": id, "workspace_id": "ecahpwf5",
        "external_id": format!("{}-{}-{}-{}-{}", &uuid[..8], &uuid[8..12], &uuid[12..16], &uuid[16..20], &uuid[20..]),
        "role": if i % 7 == 0 { "lead" } else { "user" },
        "email": format!("{first}.{last}{}@{domain}", noise(i, 8) % 1000), "email_domain": domain,
        "phone": format!("+1{:010}", noise(i, 9) % 10_000_000_000), "formatted_phone": format!("+1 {:03} {:07}", noise(i, 10) % 1000, noise(i, 11) % 10_000_000),
        "name": format!("{} {}", first, last),
        "owner_id": 991_267_390 + (i % 5) as i64, "has_hard_bounced": false, "marked_email_as_spam": false,
        "unsubscribed_from_emails": i % 11 == 0, "created_at": t, "updated_at": at(12), "signed_up_at": t,
        "last_seen_at": at(13), "last_replied_at": at(14), "last_contacted_at": at(15),
        "last_email_opened_at": at(16), "last_email_clicked_at": null, "language_override": "en",
        "browser": "chrome", "browser_version": format!("{}.0.{}.{}", 110 + noise(i, 17) % 20, noise(i, 18) % 9999, noise(i, 19) % 300), "browser_language": "en-US", "os": "Mac OS X",
        "android_app_name": null, "android_app_version": null, "android_device": null, "android_os_version": null,
        "android_sdk_version": null, "android_last_seen_at": null, "ios_app_name": "Example", "ios_app_version": "5.12.1",
        "ios_device": "iPhone15,2", "ios_os_version": "17.4.1", "ios_sdk_version": "16.5.0", "ios_last_seen_at": at(20),
        "custom_attributes": {
            "plan": PLANS[i % 4], "seats": (i % 250) as i64, "mrr": (i % 3000) as f64 + 0.99,
            "trial_ends_at": at(21), "company_size": "51-200", "industry": "Software", "referrer": "https://www.google.com/",
            "onboarding_step": (i % 9) as i64, "feature_flags": ["new-inbox", "ai-replies"], "nps": (i % 11) as i64,
            "account_manager": "Jordan Smith", "region": "us-east", "beta_tester": i % 13 == 0, "last_invoice_id": format!("in_{}", hex(i, 22, 24)),
        },
        "avatar": {"type": "avatar", "image_url": format!("https://static.example-cdn.com/avatars/{}/{}.png", hex(i, 23, 8), hex(i, 24, 32))},
        "tags": {"type": "list", "data": [
            {"type": "tag", "id": "7522907", "url": "/tags/7522907"},
            {"type": "tag", "id": "7522908", "url": "/tags/7522908"},
        ], "url": format!("/contacts/{id}/tags"), "total_count": 2, "has_more": false},
        "notes": {"type": "list", "data": [{"type": "note", "id": note.to_string(), "url": format!("/notes/{note}")}],
                  "url": format!("/contacts/{id}/notes"), "total_count": 1, "has_more": false},
        "companies": {"type": "list", "data": [{"type": "company", "id": company, "url": format!("/companies/{company}")}],
                      "url": format!("/contacts/{id}/companies"), "total_count": 1, "has_more": false},
        "opted_out_subscription_types": {"type": "list", "data": [], "url": format!("/contacts/{id}/subscriptions"), "total_count": 0, "has_more": false},
        "opted_in_subscription_types": {"type": "list", "data": [], "url": format!("/contacts/{id}/subscriptions"), "total_count": 0, "has_more": false},
        "location": {"type": "location", "country": "Ireland", "region": "Dublin", "city": "Dublin", "country_code": "IRL", "continent_code": "EU"},
        "social_profiles": {"type": "list", "data": [{"type": "social_profile", "name": "Twitter", "url": format!("https://twitter.com/{first}{}", hex(i, 27, 5))}]},
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
