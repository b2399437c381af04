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

macro_rules! operations {
    ($($name:ident = $id:literal, $method:ident, $path:literal;)+) => {
        $(
            #[doc = concat!("`", $id, "`: `", stringify!($method), " ", $path, "`.")]
            pub static $name: Operation = Operation { id: $id, method: Method::$method, path: $path };
        )+

        /// Every operation the SDK covers, in the order of the spec's resource groups.
        pub static ALL: &[&Operation] = &[$(&$name),+];
    };
}

operations! {
    IDENTIFY_ADMIN = "identifyAdmin", GET, "/me";
    LIST_ADMINS = "listAdmins", GET, "/admins";
    RETRIEVE_ADMIN = "retrieveAdmin", GET, "/admins/{admin_id}";
    SEARCH_CONTACTS = "SearchContacts", POST, "/contacts/search";
    LIST_SEGMENTS_FOR_A_CONTACT = "listSegmentsForAContact", GET, "/contacts/{contact_id}/segments";
    LIST_SUBSCRIPTIONS_FOR_A_CONTACT = "listSubscriptionsForAContact", GET, "/contacts/{contact_id}/subscriptions";
    LIST_NOTES = "listNotes", GET, "/contacts/{contact_id}/notes";
    CREATE_NOTE = "createNote", POST, "/contacts/{contact_id}/notes";
    RETRIEVE_NOTE = "retrieveNote", GET, "/notes/{note_id}";
    LIS_DATA_EVENTS = "lisDataEvents", GET, "/events";
    CREATE_DATA_EVENT = "createDataEvent", POST, "/events";
    DATA_EVENT_SUMMARIES = "dataEventSummaries", POST, "/events/summaries";
    CREATE_DATA_EXPORT = "createDataExport", POST, "/export/content/data";
    GET_DATA_EXPORT = "getDataExport", GET, "/export/content/data/{job_identifier}";
    CANCEL_DATA_EXPORT = "cancelDataExport", POST, "/export/cancel/{job_identifier}";
    DOWNLOAD_DATA_EXPORT = "downloadDataExport", GET, "/download/content/data/{job_identifier}";
    LIST_SEGMENTS = "listSegments", GET, "/segments";
    RETRIEVE_SEGMENT = "retrieveSegment", GET, "/segments/{segment_id}";
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
}
