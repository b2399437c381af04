//! The table of operations the SDK covers: spec `operationId`, method and path template.
//!
//! Names follow Intercom's OpenAPI description for API 2.11, spelling included (`lisDataEvents`).

use http::Method;

/// One operation of Intercom's API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// The `operationId` in Intercom's OpenAPI description.
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, with `{parameters}`.
    pub path: &'static str,
}

mod table;

pub use table::*;

/// The pseudo-operation of [`Raw`](crate::Raw) requests; not in [`ALL`].
pub static RAW: Operation = Operation { id: "raw", method: Method::GET, path: "" };

/// The operation a request goes to: among those whose method and template match, the one with the most
/// literal segments (`GET /companies/scroll` is `scrollOverAllCompanies`, not `RetrieveACompanyById`).
pub fn route(method: &Method, path: &str) -> Option<&'static Operation> {
    ALL.iter()
        .copied()
        .filter(|op| op.method == *method && op.matches_path(path))
        .max_by_key(|op| op.path.split('/').filter(|segment| !segment.starts_with('{')).count())
}

/// The operation with this `operationId`.
pub fn find(id: &str) -> Option<&'static Operation> {
    ALL.iter().copied().find(|op| op.id == id)
}

impl Operation {
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
    fn ids_are_unique_and_findable() {
        let mut ids: Vec<_> = ALL.iter().map(|op| op.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len());
        assert_eq!(find("retrieveNote").unwrap().path, "/notes/{note_id}");
        assert!(find("nope").is_none());
    }

    #[test]
    fn templates_match_concrete_paths() {
        assert!(LIST_NOTES.matches_path("/contacts/abc%2F1/notes"));
        assert!(!LIST_NOTES.matches_path("/contacts//notes"));
        assert!(!LIST_NOTES.matches_path("/contacts/abc/notes/1"));
        assert!(IDENTIFY_ADMIN.matches_path("/me"));
        assert!(!IDENTIFY_ADMIN.matches_path("/men"));
    }

    #[test]
    fn routing_prefers_literal_segments() {
        assert_eq!(route(&Method::GET, "/companies/scroll").map(|op| op.id), Some("scrollOverAllCompanies"));
        assert_eq!(route(&Method::GET, "/companies/abc").map(|op| op.id), Some("RetrieveACompanyById"));
        assert_eq!(route(&Method::GET, "/admins/activity_logs").map(|op| op.id), Some("listActivityLogs"));
        assert_eq!(route(&Method::POST, "/admins/activity_logs"), None);
    }

    #[test]
    fn the_table_has_every_operation_of_2_11() {
        assert_eq!(ALL.len(), 108);
    }
}
