//! The naming rule of endpoint types: a verb and a resource, read from the method and the path template,
//! never from the `operationId` (Intercom renames those between versions). docs/MODELS.md ("Naming")
//! states the rule; `endpoint_names` in the overrides file lists the exceptions.
//!
//! - `GET /things` → `ListThings`; `POST /things` → `CreateThing`; `PUT /things` → `UpdateThing`.
//! - `GET /things/{id}` → `GetThing`; `PUT`/`PATCH` → `UpdateThing`; `DELETE` → `DeleteThing`.
//! - `… /things/search` → `SearchThings`.
//! - A domain verb after a resource (`POST /contacts/{id}/archive`, `POST /visitors/convert`) → the verb and the
//!   resource: `ArchiveContact`, `ConvertVisitor`; `reply` reads `ReplyTo` (`ReplyToConversation`).
//! - A relation (`tags`, `companies`, `subscriptions`, `customers`) under a resource:
//!   `POST /contacts/{id}/tags` → `AttachTagToContact`, `DELETE /contacts/{id}/tags/{tag_id}` →
//!   `DetachTagFromContact`, `GET /contacts/{id}/tags` → `ListContactTags`.
//! - Any other collection under a resource: `GET /contacts/{id}/notes` → `ListContactNotes`, `POST` →
//!   `CreateContactNote`; one item of it (`GET /articles/{id}/versions/{version_id}`) → `GetVersion`.

use crate::naming::pascal;

/// Verbs that name an action on the resource before them, when a `POST` path ends with them, and how the
/// name spells them.
const VERBS: &[(&str, &str)] = &[
    ("archive", "Archive"),
    ("unarchive", "Unarchive"),
    ("block", "Block"),
    ("reply", "ReplyTo"),
    ("merge", "Merge"),
    ("convert", "Convert"),
    ("publish", "Publish"),
    ("dismiss", "Dismiss"),
    ("redact", "Redact"),
    ("cancel", "Cancel"),
    ("register", "Register"),
];

fn verb(segment: &str) -> Option<&'static str> {
    VERBS.iter().find(|(s, _)| *s == segment).map(|(_, v)| *v)
}

/// Collections under a resource whose `POST` attaches an existing thing and whose `DELETE` detaches it.
const RELATIONS: &[&str] = &["tags", "companies", "subscriptions", "customers"];

/// The singular of a path segment's last word: `news_items` → `news_item`, `companies` → `company`,
/// `ip_allowlist` → `ip_allowlist`.
pub fn singular_segment(segment: &str) -> String {
    let (head, last) = match segment.rsplit_once('_') {
        Some((head, last)) => (format!("{head}_"), last),
        None => (String::new(), segment),
    };
    let last = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["sses", "xes", "ches", "uses"].iter().any(|end| last.ends_with(end)) {
        last[..last.len() - 2].to_owned()
    } else if last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("us") {
        last[..last.len() - 1].to_owned()
    } else {
        last.to_owned()
    };
    head + &last
}

fn is_param(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

/// The endpoint type name the rule gives `method` (upper case) on `path`, or `None` when the rule has
/// nothing to say (an exception must name it).
pub fn rule(method: &str, path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let last = *segments.last()?;
    let one = |s: &str| pascal(&singular_segment(s));
    let many = |s: &str| pascal(s);
    // The literal segment before position `i`, skipping one parameter.
    let resource_before = |i: usize| -> Option<&str> {
        let before = segments.get(..i)?;
        before.iter().rev().find(|s| !is_param(s)).copied()
    };
    let n = segments.len();

    if last == "search" {
        return Some(format!("Search{}", many(resource_before(n - 1)?)));
    }
    if is_param(last) {
        let collection = *segments.get(n.checked_sub(2)?)?;
        if is_param(collection) {
            return None;
        }
        let parent = (n >= 4 && is_param(segments[n - 3])).then(|| segments[n - 4]);
        if let (Some(parent), true) = (parent, RELATIONS.contains(&collection)) {
            return match method {
                "DELETE" => Some(format!("Detach{}From{}", one(collection), one(parent))),
                _ => None,
            };
        }
        let verb = match method {
            "GET" => "Get",
            "PUT" | "PATCH" => "Update",
            "DELETE" => "Delete",
            _ => return None,
        };
        return Some(format!("{verb}{}", one(collection)));
    }
    let after_param = n >= 2 && is_param(segments[n - 2]);
    if after_param {
        let parent = segments[n - 3];
        if let (Some(verb), "POST") = (verb(last), method) {
            return Some(format!("{verb}{}", one(parent)));
        }
        if RELATIONS.contains(&last) {
            return match method {
                "POST" => Some(format!("Attach{}To{}", one(last), one(parent))),
                "GET" => Some(format!("List{}{}", one(parent), many(last))),
                _ => None,
            };
        }
        return match method {
            "GET" => Some(format!("List{}{}", one(parent), many(last))),
            "POST" => Some(format!("Create{}{}", one(parent), one(last))),
            _ => None,
        };
    }
    if let (Some(verb), "POST") = (verb(last), method) {
        return Some(format!("{verb}{}", one(resource_before(n - 1)?)));
    }
    match method {
        "GET" => Some(format!("List{}", many(last))),
        "POST" => Some(format!("Create{}", one(last))),
        "PUT" | "PATCH" => Some(format!("Update{}", one(last))),
        "DELETE" => Some(format!("Delete{}", many(last))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule() {
        let cases = [
            ("GET", "/contacts", "ListContacts"),
            ("POST", "/contacts", "CreateContact"),
            ("GET", "/contacts/{contact_id}", "GetContact"),
            ("PUT", "/contacts/{contact_id}", "UpdateContact"),
            ("DELETE", "/contacts/{contact_id}", "DeleteContact"),
            ("POST", "/contacts/search", "SearchContacts"),
            ("POST", "/contacts/{contact_id}/archive", "ArchiveContact"),
            ("POST", "/conversations/{id}/reply", "ReplyToConversation"),
            ("POST", "/contacts/{contact_id}/tags", "AttachTagToContact"),
            ("DELETE", "/contacts/{contact_id}/tags/{tag_id}", "DetachTagFromContact"),
            ("GET", "/contacts/{contact_id}/tags", "ListContactTags"),
            ("DELETE", "/contacts/{contact_id}/subscriptions/{id}", "DetachSubscriptionFromContact"),
            ("GET", "/contacts/{contact_id}/notes", "ListContactNotes"),
            ("POST", "/companies/{company_id}/notes", "CreateCompanyNote"),
            ("GET", "/news/news_items/{id}", "GetNewsItem"),
            ("GET", "/help_center/collections", "ListCollections"),
            ("POST", "/visitors/convert", "ConvertVisitor"),
            ("PUT", "/ip_allowlist", "UpdateIpAllowlist"),
            ("GET", "/admins/activity_logs/search", "SearchActivityLogs"),
            ("GET", "/ticket_states", "ListTicketStates"),
            ("GET", "/companies", "ListCompanies"),
            ("POST", "/messages", "CreateMessage"),
            ("GET", "/away_status_reasons", "ListAwayStatusReasons"),
        ];
        for (method, path, name) in cases {
            assert_eq!(rule(method, path).as_deref(), Some(name), "{method} {path}");
        }
        assert_eq!(singular_segment("statuses"), "status");
        assert_eq!(singular_segment("office_hours"), "office_hour");
    }
}
