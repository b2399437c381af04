//! The overrides file: every place the spec is wrong about the real API, and every name that departs
//! from the default naming rule, each with a one-line reason.

use crate::spec::{Node, SpecError};

/// What a patch does at its place.
#[derive(Debug, Clone)]
pub enum Change {
    /// Sets the value (creating maps on the way).
    Set(Node),
    /// Removes the value.
    Remove,
    /// Adds items at the end of the list there.
    Append(Vec<Node>),
}

/// A change to the description before models are generated.
#[derive(Debug, Clone)]
pub struct Patch {
    /// Keys from the document root to the value changed.
    pub at: Vec<String>,
    /// What changes.
    pub change: Change,
    /// Why the spec is wrong here.
    pub why: String,
}

/// Everything in the overrides file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Changes to the description.
    pub patches: Vec<Patch>,
    /// Changes to the Preview description only, applied after `patches`.
    pub preview_patches: Vec<Patch>,
    /// Type names by spec path (`error` -> `ErrorBody`, `error.errors[]` -> `ErrorItem`).
    pub renames: Vec<(String, String)>,
    /// Variant names of enum values made of symbols (`!=` -> `Ne`).
    pub variants: Vec<(String, String)>,
    /// Modules of schemas no operation reaches.
    pub modules: Vec<(String, String)>,
    /// Request examples that differ from what the request types send, by operation, with the reason.
    pub request_examples: Vec<(String, String)>,
    /// Endpoint names that depart from the naming rule, by `METHOD /path/{template}`.
    pub endpoint_names: Vec<(String, String)>,
    /// Operations (endpoint names) whose success is a file (bytes), which the spec does not say.
    pub binary: Vec<String>,
    /// Hints added to errors met while paging an operation.
    pub pagination_hints: Vec<(String, String)>,
    /// The largest `per_page` of operations whose schema does not say (Intercom states it in words).
    pub per_page_maximums: Vec<(String, i64)>,
}

impl Overrides {
    /// Reads the overrides file.
    pub fn load(path: &std::path::Path) -> Result<Self, SpecError> {
        Self::from_node(&crate::spec::load(path)?)
    }

    /// Reads overrides from a parsed document.
    pub fn from_node(doc: &Node) -> Result<Self, SpecError> {
        let mut out = Overrides {
            patches: patches(doc, "patches")?,
            preview_patches: patches(doc, "preview_patches")?,
            ..Overrides::default()
        };
        for (key, entry) in doc.get("renames").map(Node::entries).unwrap_or_default() {
            out.renames.push((key.clone(), named(entry, "to")?));
            why(entry)?;
        }
        for (key, value) in doc.get("variants").map(Node::entries).unwrap_or_default() {
            let name = value.as_str().ok_or_else(|| SpecError(format!("variant name for `{key}` must be a string")))?;
            out.variants.push((key.clone(), name.to_owned()));
        }
        for (key, entry) in doc.get("modules").map(Node::entries).unwrap_or_default() {
            let module = entry.as_str().ok_or_else(|| SpecError(format!("module of `{key}` must be a string")))?;
            out.modules.push((key.clone(), module.to_owned()));
        }
        for (key, entry) in doc.get("request_examples").map(Node::entries).unwrap_or_default() {
            out.request_examples.push((key.clone(), why(entry)?));
        }
        for (key, entry) in doc.get("endpoint_names").map(Node::entries).unwrap_or_default() {
            out.endpoint_names.push((key.clone(), named(entry, "to")?));
            why(entry)?;
        }
        for (key, entry) in doc.get("pagination_hints").map(Node::entries).unwrap_or_default() {
            out.pagination_hints.push((key.clone(), named(entry, "hint")?));
            why(entry)?;
        }
        for (key, entry) in doc.get("per_page_maximums").map(Node::entries).unwrap_or_default() {
            why(entry)?;
            let Some(Node::Int(max)) = entry.get("max") else {
                return Err(SpecError(format!("per_page maximum of `{key}` needs an integer `max`")));
            };
            out.per_page_maximums.push((key.clone(), *max));
        }
        for (key, entry) in doc.get("binary").map(Node::entries).unwrap_or_default() {
            why(entry)?;
            out.binary.push(key.clone());
        }
        Ok(out)
    }

    /// Applies the patches to a description (and the Preview ones to the Preview description); returns the
    /// patches whose target is not in it (stale for this version of the description), which it skips.
    pub fn apply(&self, spec: &mut Node) -> Result<Vec<String>, SpecError> {
        let mut stale = Vec::new();
        let is_preview = spec.at(&["info", "version"]).and_then(Node::as_str) == Some("Preview");
        let preview = if is_preview { self.preview_patches.as_slice() } else { &[] };
        let tagged = self.patches.iter().map(|p| ("", p)).chain(preview.iter().map(|p| ("preview ", p)));
        for (kind, patch) in tagged {
            let applied = match &patch.change {
                Change::Set(value) => {
                    let parent = &patch.at[..patch.at.len() - 1];
                    let present = parent.is_empty() || spec.at(parent).is_some();
                    present && spec.set(&patch.at, value.clone()).is_ok()
                }
                Change::Remove => spec.remove(&patch.at).is_ok(),
                Change::Append(items) => match spec.at(&patch.at) {
                    Some(Node::List(list)) => {
                        let mut list = list.clone();
                        list.extend(items.iter().cloned());
                        spec.set(&patch.at, Node::List(list)).is_ok()
                    }
                    _ => false,
                },
            };
            if !applied {
                stale.push(format!("{kind}patch at {} ({})", patch.at.join("."), patch.why));
            }
        }
        Ok(stale)
    }

    /// The Rust name chosen for the type at `path`, if renamed.
    pub fn rename(&self, path: &str) -> Option<&str> {
        self.renames.iter().find(|(p, _)| p == path).map(|(_, n)| n.as_str())
    }

    /// The variant name chosen for an enum value.
    pub fn variant(&self, value: &str) -> Option<&str> {
        self.variants.iter().find(|(v, _)| v == value).map(|(_, n)| n.as_str())
    }

    /// The endpoint name chosen for `method` (upper case) on `path`, when the naming rule's is not used.
    /// Parameter names do not count: the Preview description spells `{admin_id}` as `{id}` in places.
    pub fn endpoint_name(&self, method: &str, path: &str) -> Option<&str> {
        let key = crate::route::route(method, path);
        self.endpoint_names.iter().find(|(k, _)| route_of_key(k) == key).map(|(_, n)| n.as_str())
    }

    /// The hint for errors met while paging an operation.
    pub fn pagination_hint(&self, id: &str) -> Option<&str> {
        self.pagination_hints.iter().find(|(o, _)| o == id).map(|(_, h)| h.as_str())
    }

    /// The largest `per_page` the overrides give an operation (by endpoint name).
    pub fn per_page_maximum(&self, name: &str) -> Option<i64> {
        self.per_page_maximums.iter().find(|(n, _)| n == name).map(|(_, max)| *max)
    }

    /// Whether an operation's success is a file.
    pub fn is_binary(&self, id: &str) -> bool {
        self.binary.iter().any(|o| o == id)
    }

    /// The module chosen for a schema.
    pub fn module(&self, schema: &str) -> Option<&str> {
        self.modules.iter().find(|(s, _)| s == schema).map(|(_, m)| m.as_str())
    }
}

/// The route of an `endpoint_names` key (`PUT /admins/{admin_id}/away`), as `route::route` writes it.
pub fn route_of_key(key: &str) -> String {
    key.split_once(' ').map_or_else(|| key.to_owned(), |(method, path)| crate::route::route(method, path))
}

fn patches(doc: &Node, section: &str) -> Result<Vec<Patch>, SpecError> {
    let mut out = Vec::new();
    for entry in doc.get(section).map(Node::items).unwrap_or_default() {
        let at = entry.strings("at");
        if at.is_empty() {
            return Err(SpecError(format!("a patch without `at`: {entry:?}")));
        }
        let change = match (entry.get("set"), entry.flag("remove"), entry.get("append")) {
            (Some(value), false, None) => Change::Set(value.clone()),
            (None, true, None) => Change::Remove,
            (None, false, Some(Node::List(items))) => Change::Append(items.clone()),
            _ => {
                return Err(SpecError(format!(
                    "patch at {at:?} needs exactly one of `set`, `remove: true` and `append: [list]`"
                )))
            }
        };
        out.push(Patch { at, change, why: why(entry)? });
    }
    Ok(out)
}

fn why(entry: &Node) -> Result<String, SpecError> {
    named(entry, "why")
}

fn named(entry: &Node, key: &str) -> Result<String, SpecError> {
    entry
        .str(key)
        .map(str::to_owned)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| SpecError(format!("an override entry needs `{key}`: {entry:?}")))
}
