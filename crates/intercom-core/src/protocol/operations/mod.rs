//! The table of operations the SDK covers: endpoint name, spec `operationId`, method, path template, and the
//! API versions that have each.

use http::Method;

use crate::protocol::version::ApiVersion;

/// One operation of Intercom's API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// The endpoint type's name (`GetContact`): stable when Intercom renames its `operationId`.
    pub name: &'static str,
    /// The `operationId` in Intercom's newest description that has the operation (some have none).
    pub id: Option<&'static str>,
    /// The HTTP method.
    pub method: Method,
    /// The path template, with `{parameters}`.
    pub path: &'static str,
    /// The API versions that have the operation, oldest first; empty when unknown (raw requests).
    pub versions: &'static [ApiVersion],
    /// The method of Intercom's official SDKs that calls it (`contacts.find`), when they have one.
    pub sdk_method: Option<&'static str>,
    /// Whether sending it twice does no harm, so a failed attempt may be retried: every `GET`, `PUT` and
    /// `DELETE`, and the `POST`s that only read (searches, `ListAllCompanies`). docs/RESILIENCE.md lists them.
    pub safe_to_retry: bool,
    /// Whether it is one of the Preview API's own endpoints (`endpoints::preview`, behind the `preview`
    /// feature): sent with `Intercom-Version: Preview` unless the request sets its own version.
    pub preview: bool,
}

#[path = "generated/table.rs"]
mod table;

pub use table::*;

#[cfg(feature = "preview")]
#[path = "generated/preview_table.rs"]
mod preview_table;

/// The operations of Intercom's Preview API that differ from or are not in the stable version (the
/// `preview` feature): each is sent with `Intercom-Version: Preview`. See docs/PREVIEW.md.
#[cfg(feature = "preview")]
pub mod preview {
    pub use super::preview_table::*;

    /// The Preview operation a request goes to, by method and path (see [`super::route`]).
    pub fn route(method: &http::Method, path: &str) -> Option<&'static super::Operation> {
        super::route_in(ALL, method, path, &crate::protocol::version::ApiVersion::PREVIEW)
    }

    /// The Preview operation with this endpoint name or `operationId`.
    pub fn find(name_or_id: &str) -> Option<&'static super::Operation> {
        super::find_in(ALL, name_or_id)
    }
}

macro_rules! raw_operations {
    ($($name:ident: $method:ident, $safe:literal;)*) => {$(
        /// The operation of a [`Raw`](crate::Raw) request with this method to a path the SDK does not know;
        /// not in [`ALL`]. Its versions are unknown, so no version check applies.
        pub static $name: Operation = Operation {
            name: "Raw",
            id: None,
            method: Method::$method,
            path: "(raw path)",
            versions: &[],
            sdk_method: None,
            safe_to_retry: $safe,
            preview: false,
        };
    )*};
}

raw_operations! {
    RAW_GET: GET, true;
    RAW_POST: POST, false;
    RAW_PUT: PUT, true;
    RAW_DELETE: DELETE, true;
    RAW_PATCH: PATCH, false;
}

/// The operation of a raw `method` request to `path`: the SDK's own when the path matches one of its
/// templates (`GET /contacts/123` is `GetContact`), else the raw operation of that method.
pub fn raw(method: &Method, path: &str) -> &'static Operation {
    let path = path.split('?').next().unwrap_or(path);
    route(method, path).unwrap_or(match *method {
        Method::POST => &RAW_POST,
        Method::PUT => &RAW_PUT,
        Method::DELETE => &RAW_DELETE,
        Method::PATCH => &RAW_PATCH,
        _ => &RAW_GET,
    })
}

/// The operation a request goes to: among those whose method and template match, the one with the most
/// literal segments (`GET /companies/scroll` is `ScrollCompanies`, not `GetCompany`); where two operations
/// share a method and path in different versions, the newest version's.
pub fn route(method: &Method, path: &str) -> Option<&'static Operation> {
    route_in(ALL, method, path, &ApiVersion::LATEST)
}

/// [`route`] for a request sent with `version`: where a method and path mean different operations in
/// different versions (`GET /custom_object_instances/{type}` finds one instance by `external_id` up to 2.15
/// and lists them in 2.16), the one `version` has.
pub fn route_at(method: &Method, path: &str, version: &ApiVersion) -> Option<&'static Operation> {
    route_in(ALL, method, path, version)
}

fn route_in(
    table: &[&'static Operation],
    method: &Method,
    path: &str,
    version: &ApiVersion,
) -> Option<&'static Operation> {
    table.iter().copied().filter(|op| op.method == *method && op.matches_path(path)).max_by_key(|op| {
        let literal = op.path.split('/').filter(|segment| !segment.starts_with('{')).count();
        (literal, op.versions.contains(version))
    })
}

/// The operation that `version` has at `operation`'s method and path, when it is another one (an older or
/// newer shape of the same route).
pub fn at_version(operation: &Operation, version: &ApiVersion) -> Option<&'static Operation> {
    ALL.iter().copied().find(|op| {
        op.name != operation.name
            && op.method == operation.method
            && op.path == operation.path
            && op.versions.contains(version)
    })
}

/// The operation with this endpoint name (`GetContact`) or `operationId` (`ShowContact`).
pub fn find(name_or_id: &str) -> Option<&'static Operation> {
    find_in(ALL, name_or_id)
}

fn find_in(table: &[&'static Operation], name_or_id: &str) -> Option<&'static Operation> {
    table
        .iter()
        .copied()
        .find(|op| op.name == name_or_id)
        .or_else(|| table.iter().copied().find(|op| op.id == Some(name_or_id)))
}

impl Operation {
    /// The first stable version that has the operation.
    pub fn since(&self) -> Option<&'static ApiVersion> {
        self.versions.iter().find(|v| **v != ApiVersion::PREVIEW)
    }

    /// Whether the newest stable version dropped the operation (the SDK keeps it for older versions).
    pub fn is_deprecated(&self) -> bool {
        !self.versions.is_empty() && !self.versions.contains(&ApiVersion::LATEST)
    }

    /// Whether `version` has the operation: `None` when that cannot be known (a version this SDK does not
    /// know, or an operation without a version list).
    pub fn availability(&self, version: &ApiVersion) -> Option<bool> {
        (version.is_known() && !self.versions.is_empty()).then(|| self.versions.contains(version))
    }

    /// Whether `path` (without query) is an instance of this operation's template.
    pub fn matches_path(&self, path: &str) -> bool {
        let mut template = self.path.split('/');
        let mut actual = path.split('/');
        loop {
            match (template.next(), actual.next()) {
                (None, None) => return true,
                (Some(t), Some(a)) if t.starts_with('{') && t.ends_with('}') => {
                    if a.is_empty() {
                        return false;
                    }
                }
                (Some(t), Some(a)) if t == a => {}
                _ => return false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_findable_by_name_or_id() {
        let mut names: Vec<_> = ALL.iter().map(|op| op.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        assert_eq!(find("GetNote").unwrap().path, "/notes/{note_id}");
        assert_eq!(find("retrieveNote").unwrap().name, "GetNote");
        assert!(find("nope").is_none());
    }

    #[test]
    fn versions_say_since_when_and_what_was_dropped() {
        assert_eq!(LIST_TICKET_STATES.since(), Some(&ApiVersion::V2_12));
        assert_eq!(LIST_TICKET_STATES.availability(&ApiVersion::V2_11), Some(false));
        assert_eq!(LIST_TICKET_STATES.availability(&ApiVersion::V2_16), Some(true));
        assert_eq!(LIST_TICKET_STATES.availability(&ApiVersion::new("2.17")), None);
        assert!(AUTO_ASSIGN_CONVERSATION.is_deprecated());
        assert_eq!(AUTO_ASSIGN_CONVERSATION.availability(&ApiVersion::V2_16), Some(false));
        assert!(!GET_CONTACT.is_deprecated());
        assert_eq!(RAW_GET.availability(&ApiVersion::V2_11), None);
        assert_eq!(raw(&Method::GET, "/contacts/123?x=1").name, "GetContact");
        assert_eq!(raw(&Method::POST, "/not/a/path").method, Method::POST);
        assert!(!raw(&Method::POST, "/not/a/path").safe_to_retry);
    }

    #[test]
    fn reads_sent_as_post_are_safe_to_retry_and_writes_are_not() {
        for read in [&SEARCH_CONTACTS, &SEARCH_CONVERSATIONS, &SEARCH_TICKETS, &SEARCH_CALLS, &LIST_ALL_COMPANIES] {
            assert!(read.safe_to_retry && read.method == Method::POST, "{}", read.name);
        }
        for write in [&CREATE_CONTACT, &REPLY_TO_CONVERSATION, &CREATE_CONTACT_NOTE, &CREATE_DATA_EVENT] {
            assert!(!write.safe_to_retry, "{}", write.name);
        }
        assert!(ALL.iter().filter(|op| op.method != Method::POST).all(|op| op.safe_to_retry));
    }

    #[test]
    fn templates_match_concrete_paths() {
        assert!(LIST_CONTACT_NOTES.matches_path("/contacts/abc%2F1/notes"));
        assert!(!LIST_CONTACT_NOTES.matches_path("/contacts//notes"));
        assert!(!LIST_CONTACT_NOTES.matches_path("/contacts/abc/notes/1"));
        assert!(IDENTIFY_ADMIN.matches_path("/me"));
        assert!(!IDENTIFY_ADMIN.matches_path("/men"));
    }

    #[test]
    fn routing_prefers_literal_segments() {
        assert_eq!(route(&Method::GET, "/companies/scroll").map(|op| op.name), Some("ScrollCompanies"));
        assert_eq!(route(&Method::GET, "/companies/abc").map(|op| op.name), Some("GetCompany"));
        assert_eq!(route(&Method::GET, "/admins/activity_logs").map(|op| op.name), Some("ListActivityLogs"));
        assert_eq!(route(&Method::POST, "/admins/activity_logs"), None);
    }

    #[test]
    fn one_route_in_two_versions_goes_to_the_operation_of_the_version() {
        let path = "/custom_object_instances/Order";
        assert_eq!(route(&Method::GET, path).map(|op| op.name), Some("ListCustomObjectInstances"));
        let at = |version: &str| route_at(&Method::GET, path, &version.into()).map(|op| op.name);
        assert_eq!(at("2.14"), Some("GetCustomObjectInstanceByExternalId"));
        assert_eq!(at("2.16"), Some("ListCustomObjectInstances"));
        assert_eq!(at("Preview"), Some("ListCustomObjectInstances"));
        let list = find("ListCustomObjectInstances").unwrap();
        assert_eq!(at_version(list, &"2.13".into()).map(|op| op.name), Some("GetCustomObjectInstanceByExternalId"));
        assert_eq!(at_version(list, &"2.16".into()), None);
    }

    #[test]
    fn the_table_has_every_operation_of_2_16_and_the_ones_2_16_dropped_or_reshaped() {
        assert_eq!(ALL.len(), 233, "2.16's 231, the one it dropped, the one it answers otherwise");
        assert_eq!(ALL.iter().filter(|op| op.is_deprecated()).count(), 2);
        assert_eq!(ALL.iter().filter(|op| op.id.is_none()).count(), 4, "the reporting-data exports");
    }
}
