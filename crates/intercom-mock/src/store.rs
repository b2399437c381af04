//! What a test writes, it can read back: contacts, companies, tickets, and a contact's notes, tags and
//! companies are kept in memory. A create answers with a fresh id and what was sent; a get, list or search
//! of what was created finds it; an update changes it; a delete removes it (a get of it is then a `404`).
//! Until a test writes to a collection, its reads answer the recorded examples, as before.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use intercom_core::endpoints::{
    ListCompanies, ListContactCompanies, ListContactNotes, ListContacts, ListConversations, SearchContacts,
    SearchConversations, SearchTickets,
};
use intercom_core::protocol::{PageStyle, Paginated};
use serde_json::{json, Value};
use wiremock::{Request, Respond, ResponseTemplate};

use crate::error_answers::error_answer;
use crate::paged::PagedAnswers;

/// What an operation does to the store.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Role {
    /// Adds what was sent, with a fresh id, to the collection at the request's path.
    Create,
    /// Reads one object by the id that ends the path.
    Get,
    /// Changes one object with what was sent.
    Update,
    /// Removes one object.
    Delete,
    /// Lists the collection at the request's path, in pages when it has a paging style.
    List(Option<(PageStyle, &'static [&'static str])>),
    /// Searches the collection at the path before `/search`.
    Search(PageStyle, &'static [&'static str]),
}

fn paging<E: Paginated>() -> Option<(PageStyle, &'static [&'static str])> {
    Some((E::STYLE, E::ITEMS_PATH))
}

/// The role of the operation named `name`, if the store keeps its resource.
pub(crate) fn role(name: &str) -> Option<Role> {
    Some(match name {
        "CreateContact"
        | "CreateContactNote"
        | "AttachTagToContact"
        | "AttachCompanyToContact"
        | "CreateOrUpdateCompany"
        | "CreateTicket" => Role::Create,
        "GetContact" | "GetNote" | "GetCompany" | "GetTicket" | "GetConversation" => Role::Get,
        "UpdateContact" | "UpdateCompany" | "UpdateTicket" => Role::Update,
        "DeleteContact" | "DeleteCompany" | "DetachTagFromContact" | "DetachCompanyFromContact" => Role::Delete,
        "ListContacts" => Role::List(paging::<ListContacts>()),
        "ListContactNotes" => Role::List(paging::<ListContactNotes>()),
        "ListCompanies" => Role::List(paging::<ListCompanies>()),
        "ListContactCompanies" => Role::List(paging::<ListContactCompanies>()),
        "ListContactTags" => Role::List(None),
        "SearchContacts" => Role::Search(SearchContacts::STYLE, SearchContacts::ITEMS_PATH),
        "SearchTickets" => Role::Search(SearchTickets::STYLE, SearchTickets::ITEMS_PATH),
        "SearchConversations" => Role::Search(SearchConversations::STYLE, SearchConversations::ITEMS_PATH),
        "ListConversations" => Role::List(paging::<ListConversations>()),
        _ => return None,
    })
}

#[derive(Debug)]
struct Collections {
    /// Whether writes are kept (else every operation answers its recorded example).
    keeps_writes: bool,
    next_id: u64,
    /// By the collection's path (`/contacts`, `/contacts/<id>/notes`), in creation order.
    objects: BTreeMap<String, Vec<Value>>,
    /// `<collection path>/<id>` of what was deleted.
    deleted: BTreeSet<String>,
}

impl Default for Collections {
    fn default() -> Self {
        Self { keeps_writes: true, next_id: 0, objects: BTreeMap::new(), deleted: BTreeSet::new() }
    }
}

/// The objects a mock keeps, shared by its responders.
#[derive(Debug, Clone, Default)]
pub(crate) struct Store(Arc<Mutex<Collections>>);

impl Store {
    fn lock(&self) -> MutexGuard<'_, Collections> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds `objects` to the collection at `path`, replacing those with the same id.
    pub(crate) fn insert(&self, path: &str, objects: impl IntoIterator<Item = Value>) {
        let mut collections = self.lock();
        let collection = collections.objects.entry(path.trim_end_matches('/').to_owned()).or_default();
        let objects: Vec<Value> = objects.into_iter().collect();
        let ids: BTreeSet<String> = objects.iter().map(|o| o["id"].to_string()).collect();
        collection.retain(|o| !ids.contains(&o["id"].to_string()));
        collection.extend(objects);
    }

    /// Forgets everything written, and from now on keeps writes or not.
    pub(crate) fn reset(&self, keeps_writes: bool) {
        *self.lock() = Collections { keeps_writes, ..Collections::default() };
    }
}

/// Answers one operation from the store, with its recorded answer as the shape (and as the answer when
/// the store has nothing for it).
pub(crate) struct StoreAnswer {
    pub(crate) role: Role,
    pub(crate) recorded: Value,
    pub(crate) store: Store,
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// `/contacts/abc` as (`/contacts`, `abc`).
fn split_last(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

/// The object `id` of `collection`, or of any collection of the same kind (`/notes/7` finds a note
/// created at `/contacts/c1/notes`).
fn find<'a>(collections: &'a mut Collections, collection: &str, id: &str) -> Option<&'a mut Value> {
    let kind = split_last(collection).1;
    let key = collections
        .objects
        .iter()
        .filter(|(path, _)| path.as_str() == collection || split_last(path).1 == kind)
        .find(|(_, objects)| objects.iter().any(|o| o["id"] == id))
        .map(|(path, _)| path.clone())?;
    collections.objects.get_mut(&key)?.iter_mut().find(|o| o["id"] == id)
}

/// `answer` with the members of `sent` over its own, where the answer has the member in the same shape
/// (a request may send a plan's name where the answer has a plan object: that member keeps the recorded
/// one); `custom_attributes` are merged, as Intercom does.
fn overlay(answer: &mut Value, sent: &Value) {
    let (Value::Object(answer), Value::Object(sent)) = (answer, sent) else { return };
    for (key, value) in sent {
        let Some(current) = answer.get_mut(key) else { continue };
        match (current, value) {
            (Value::Object(inner), Value::Object(more)) if key == "custom_attributes" => inner.extend(more.clone()),
            (current, value) if same_shape(current, value) => *current = value.clone(),
            _ => {}
        }
    }
}

/// Whether `sent` can stand where the answer has `recorded`: the same JSON kind, or a plain value where the
/// answer recorded `null`.
fn same_shape(recorded: &Value, sent: &Value) -> bool {
    match (recorded, sent) {
        (Value::Null, sent) => matches!(sent, Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null),
        (Value::String(_), Value::String(_))
        | (Value::Number(_), Value::Number(_))
        | (Value::Bool(_), Value::Bool(_))
        | (Value::Array(_), Value::Array(_))
        | (Value::Object(_), Value::Object(_)) => true,
        _ => false,
    }
}

fn body_of(request: &Request) -> Value {
    request.body_json().unwrap_or(Value::Null)
}

fn ok(body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

impl StoreAnswer {
    fn create(&self, request: &Request) -> ResponseTemplate {
        let sent = body_of(request);
        let mut object = self.recorded.clone();
        let mut collections = self.store.lock();
        collections.next_id += 1;
        if object.get("id").is_some() {
            object["id"] = json!(format!("mock-{}", collections.next_id));
        }
        overlay(&mut object, &sent);
        for stamp in ["created_at", "updated_at"] {
            if object.get(stamp).is_some() {
                object[stamp] = json!(now());
            }
        }
        let collection = request.url.path().to_owned();
        let id = object["id"].clone();
        let objects = collections.objects.entry(collection).or_default();
        objects.retain(|o| o["id"] != id);
        objects.push(object.clone());
        ok(&object)
    }

    fn get(&self, request: &Request) -> ResponseTemplate {
        let (collection, id) = split_last(request.url.path());
        let mut collections = self.store.lock();
        if let Some(object) = find(&mut collections, collection, id) {
            return ok(object);
        }
        if collections.deleted.contains(request.url.path()) {
            return error_answer(404);
        }
        ok(&self.recorded)
    }

    fn update(&self, request: &Request) -> ResponseTemplate {
        let (collection, id) = split_last(request.url.path());
        let sent = body_of(request);
        let mut collections = self.store.lock();
        let deleted = collections.deleted.contains(request.url.path());
        match find(&mut collections, collection, id) {
            Some(object) => {
                overlay(object, &sent);
                if object.get("updated_at").is_some() {
                    object["updated_at"] = json!(now());
                }
                ok(object)
            }
            None if deleted => error_answer(404),
            None => {
                let mut answer = self.recorded.clone();
                overlay(&mut answer, &sent);
                if answer.get("id").is_some() {
                    answer["id"] = json!(id);
                }
                ok(&answer)
            }
        }
    }

    fn delete(&self, request: &Request) -> ResponseTemplate {
        let (collection, id) = split_last(request.url.path());
        let mut collections = self.store.lock();
        let removed = collections.objects.get_mut(collection).and_then(|objects| {
            let at = objects.iter().position(|o| o["id"] == id)?;
            Some(objects.remove(at))
        });
        collections.deleted.insert(request.url.path().to_owned());
        let mut answer = match removed {
            // A detach answers the detached object; a delete answers Intercom's deleted object.
            Some(object) if self.recorded.get("deleted").is_none() => object,
            _ => self.recorded.clone(),
        };
        if answer.get("id").is_some() {
            answer["id"] = json!(id);
        }
        ok(&answer)
    }

    fn list(&self, request: &Request, paging: Option<(PageStyle, &'static [&'static str])>) -> ResponseTemplate {
        let collection = request.url.path().to_owned();
        let items = self.store.lock().objects.get(&collection).cloned().unwrap_or_default();
        if items.is_empty() {
            return ok(&self.recorded);
        }
        match paging {
            Some((style, items_path)) => {
                let per_page = query_number(request, "per_page").unwrap_or(50);
                pages(style, items_path, &self.recorded, items, per_page).respond(request)
            }
            None => {
                let mut body = self.recorded.clone();
                if let Some(slot) = first_list(&mut body) {
                    *slot = Value::Array(items);
                }
                ok(&body)
            }
        }
    }

    fn search(&self, request: &Request, style: PageStyle, items_path: &'static [&'static str]) -> ResponseTemplate {
        let collection = split_last(request.url.path()).0.to_owned();
        let sent = body_of(request);
        let collections = self.store.lock();
        let Some(items) = collections.objects.get(&collection).filter(|items| !items.is_empty()) else {
            return ok(&self.recorded);
        };
        let mut found: Vec<Value> = items.iter().filter(|item| matches(item, &sent["query"])).cloned().collect();
        sort(&mut found, &sent["sort"]);
        let per_page = sent.pointer("/pagination/per_page").and_then(Value::as_u64).map_or(50, |n| n as usize);
        pages(style, items_path, &self.recorded, found, per_page).respond(request)
    }
}

impl Respond for StoreAnswer {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        if !self.store.lock().keeps_writes {
            return ok(&self.recorded);
        }
        match self.role {
            Role::Create => self.create(request),
            Role::Get => self.get(request),
            Role::Update => self.update(request),
            Role::Delete => self.delete(request),
            Role::List(paging) => self.list(request, paging),
            Role::Search(style, items_path) => self.search(request, style, items_path),
        }
    }
}

fn pages(
    style: PageStyle,
    items_path: &'static [&'static str],
    template: &Value,
    items: Vec<Value>,
    per_page: usize,
) -> PagedAnswers {
    PagedAnswers {
        style,
        template: template.clone(),
        items_path,
        items: Arc::new(items),
        per_page: per_page.max(1),
        scroll_calls: AtomicUsize::new(0),
    }
}

fn query_number(request: &Request, name: &str) -> Option<usize> {
    request.url.query_pairs().find(|(k, _)| k == name).and_then(|(_, v)| v.parse().ok())
}

/// The first member of `body` that is a list: where a list answer holds its items.
fn first_list(body: &mut Value) -> Option<&mut Value> {
    let Value::Object(members) = body else { return None };
    members.values_mut().find(|v| v.is_array())
}

/// Whether `item` matches a search query (`{"field", "operator", "value"}`, or a group of them under
/// `AND`/`OR`), as Intercom reads one: dotted fields reach into objects (`custom_attributes.plan`).
fn matches(item: &Value, query: &Value) -> bool {
    let operator = query["operator"].as_str().unwrap_or_default();
    if let Some(group) = query["value"].as_array().filter(|_| matches!(operator, "AND" | "OR")) {
        return match operator {
            "AND" => group.iter().all(|q| matches(item, q)),
            _ => group.iter().any(|q| matches(item, q)),
        };
    }
    let Some(field) = query["field"].as_str() else { return true };
    let actual = self::field(item, field);
    let expected = &query["value"];
    let text = |v: &Value| match v {
        Value::String(s) => s.to_lowercase(),
        other => other.to_string(),
    };
    let number = |v: &Value| v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok()));
    let in_list = || expected.as_array().is_some_and(|list| list.iter().any(|v| text(v) == text(actual)));
    match operator {
        "=" => text(actual) == text(expected) || (expected.is_null() && actual.is_null()),
        "!=" => text(actual) != text(expected),
        "IN" => in_list(),
        "NIN" => !in_list(),
        ">" => number(actual).zip(number(expected)).is_some_and(|(a, e)| a > e),
        "<" => number(actual).zip(number(expected)).is_some_and(|(a, e)| a < e),
        ">=" => number(actual).zip(number(expected)).is_some_and(|(a, e)| a >= e),
        "<=" => number(actual).zip(number(expected)).is_some_and(|(a, e)| a <= e),
        "~" => text(actual).contains(&text(expected)),
        "!~" => !text(actual).contains(&text(expected)),
        "^" => text(actual).starts_with(&text(expected)),
        "$" => text(actual).ends_with(&text(expected)),
        _ => false,
    }
}

/// The value at a dotted field (`custom_attributes.plan`), `null` when absent.
fn field<'a>(item: &'a Value, field: &str) -> &'a Value {
    field.split('.').try_fold(item, |node, key| node.get(key)).unwrap_or(&Value::Null)
}

/// Orders search results as a search's `sort` asks (`{"field", "order"}`, descending unless `ascending`):
/// numbers by value, anything else by its text, equal values in creation order. No `sort`, creation order.
fn sort(items: &mut [Value], sort: &Value) {
    let Some(by) = sort["field"].as_str() else { return };
    let descending = sort["order"].as_str() != Some("ascending");
    items.sort_by(|a, b| {
        let (a, b) = (field(a, by), field(b, by));
        let order = match (a.as_f64(), b.as_f64()) {
            (Some(a), Some(b)) => a.total_cmp(&b),
            _ => a.to_string().cmp(&b.to_string()),
        };
        if descending {
            order.reverse()
        } else {
            order
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_match_as_intercom_reads_them() {
        let ada = json!({"email": "ada@example.com", "role": "user", "created_at": 1_700_000_100,
                         "custom_attributes": {"plan": "pro"}});
        let query = |v: Value| matches(&ada, &v);
        assert!(query(json!({"field": "email", "operator": "=", "value": "ADA@example.com"})));
        assert!(query(json!({"field": "email", "operator": "$", "value": "@example.com"})));
        assert!(query(json!({"field": "created_at", "operator": ">", "value": 1_700_000_000})));
        assert!(!query(json!({"field": "created_at", "operator": "<", "value": "1700000000"})));
        assert!(query(json!({"field": "custom_attributes.plan", "operator": "IN", "value": ["pro", "team"]})));
        assert!(query(json!({"operator": "AND", "value": [
            {"field": "role", "operator": "=", "value": "user"},
            {"operator": "OR", "value": [
                {"field": "role", "operator": "=", "value": "lead"},
                {"field": "email", "operator": "~", "value": "ada"},
            ]},
        ]})));
        assert!(!query(json!({"field": "role", "operator": "NIN", "value": ["user"]})));
        assert!(query(json!({"field": "created_at", "operator": ">=", "value": 1_700_000_100})));
        assert!(query(json!({"field": "created_at", "operator": "<=", "value": "1700000100"})));
        assert!(!query(json!({"field": "created_at", "operator": "<=", "value": 1_700_000_099})));
    }

    #[test]
    fn results_are_sorted_as_asked_with_ties_in_creation_order() {
        let items = || {
            vec![
                json!({"id": "a", "created_at": 3}),
                json!({"id": "b", "created_at": 1}),
                json!({"id": "c", "created_at": 3}),
                json!({"id": "d"}),
            ]
        };
        let ids = |items: &[Value]| items.iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        let mut up = items();
        sort(&mut up, &json!({"field": "created_at", "order": "ascending"}));
        assert_eq!(ids(&up), ["b", "a", "c", "d"]);
        let mut down = items();
        sort(&mut down, &json!({"field": "created_at"}));
        assert_eq!(ids(&down), ["d", "a", "c", "b"]);
        let mut unsorted = items();
        sort(&mut unsorted, &Value::Null);
        assert_eq!(ids(&unsorted), ["a", "b", "c", "d"]);
    }

    #[test]
    fn what_is_sent_goes_over_the_recorded_shape() {
        let mut answer = json!({"id": "1", "email": "old@example.com", "custom_attributes": {"a": 1},
                                "plan": {"id": "1", "name": "pro"}, "phone": null});
        overlay(
            &mut answer,
            &json!({"email": "new@example.com", "custom_attributes": {"b": 2}, "plan": "enterprise",
                    "phone": "+1 555", "unknown": 1}),
        );
        assert_eq!(
            answer,
            json!({"id": "1", "email": "new@example.com", "custom_attributes": {"a": 1, "b": 2},
                   "plan": {"id": "1", "name": "pro"}, "phone": "+1 555"})
        );
    }
}
