//! The models against Intercom's examples.
//!
//! - Every recorded response (the examples of 2.16, and of 2.11 for the operation 2.16 dropped) decodes into
//!   its operation's declared type, and an insta snapshot pins the decoded value.
//! - Every response example of every version folder (the descriptions kept in the repository, or
//!   `INTERCOM_OPENAPI_DIR`) decodes into the type the SDK declares for that operation, re-serializes without
//!   dropping a field the overrides do not list, and every request example of 2.16 (and of 2.11 for the
//!   operation 2.16 dropped) serializes back from our request type to the same JSON.

use std::collections::BTreeSet;

use intercom_codegen::overrides::Overrides;
use intercom_codegen::Node;
use intercom_mock::fixtures;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::generated_schemas::{with_schema_type, OPERATIONS};

/// Decodes `value` as `T` and re-serializes it; the error names the JSON path.
pub(crate) fn round_trip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, String> {
    let decoded: T =
        serde_path_to_error::deserialize(value).map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))?;
    serde_json::to_value(&decoded).map_err(|e| format!("cannot re-serialize: {e}"))
}

/// Decodes `value` as `T` and shows it.
pub(crate) fn debug<T: DeserializeOwned + std::fmt::Debug>(value: &Value) -> Result<String, String> {
    serde_path_to_error::deserialize::<_, T>(value)
        .map(|decoded| format!("{decoded:#?}"))
        .map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))
}

/// The SDK's operation of a route `METHOD /path/{}`: `(name, route, request key, answers)`.
pub(crate) type OperationEntry =
    (&'static str, &'static str, Option<&'static str>, &'static [(&'static str, &'static str)]);

/// A generated registry of model types: its operations, and a value decoded as the type of a key.
pub(crate) struct Registry {
    /// Every operation of the description.
    pub operations: &'static [OperationEntry],
    /// Decodes and re-serializes a value as the type of a key; `None` for an unknown key.
    pub round_trip: fn(&str, &Value) -> Option<Result<Value, String>>,
    /// Decodes a value as the type of a key and shows it; `None` for an unknown key.
    pub debug: fn(&str, &Value) -> Option<Result<String, String>>,
}

/// The stable models (2.16, and the operation 2.11 has that 2.16 dropped).
const STABLE: Registry = Registry {
    operations: OPERATIONS,
    round_trip: |key, value| with_schema_type!(key, round_trip(value)),
    debug: |key, value| with_schema_type!(key, debug(value)),
};

impl Registry {
    /// The SDK's operation for `method` on `path` (any parameter names) in the newest version.
    pub fn operation_of(&self, method: &str, path: &str) -> Option<&'static OperationEntry> {
        self.operation_at(method, path, intercom_codegen::NEWEST)
    }

    /// The SDK's operation for `method` on `path` in `version`: where a method and path mean different
    /// operations in different versions, the one `version` has.
    pub fn operation_at(&self, method: &str, path: &str, version: &str) -> Option<&'static OperationEntry> {
        let route = format!("{} {}", method.to_ascii_uppercase(), intercom_codegen::route::normalized(path));
        let mut candidates = self.operations.iter().filter(|(_, r, _, _)| *r == route);
        let first = candidates.next()?;
        let has_version = |entry: &&OperationEntry| {
            intercom_core::operations::find(entry.0).is_some_and(|op| op.versions.iter().any(|v| v.as_str() == version))
        };
        Some(std::iter::once(first).chain(candidates).find(has_version).unwrap_or(first))
    }

    /// The operation with this endpoint name.
    pub fn operation_named(&self, name: &str) -> Option<&'static OperationEntry> {
        self.operations.iter().find(|(n, _, _, _)| *n == name)
    }
}

fn operation_of(method: &str, path: &str) -> Option<&'static OperationEntry> {
    STABLE.operation_of(method, path)
}

/// The key of the type the SDK declares for an operation's answer with `status`.
pub(crate) fn response_key(operation: &OperationEntry, status: &str) -> Option<&'static str> {
    operation.3.iter().find(|(s, _)| *s == status).map(|(_, key)| *key).or_else(|| {
        let is_error = status.parse::<u16>().is_ok_and(|code| code >= 400);
        is_error.then_some("error")
    })
}

/// Every `(path, method, operation)` of a description.
pub(crate) fn operations_of(spec: &Node) -> Vec<(&str, &str, &Node)> {
    let mut out = Vec::new();
    for (path, item) in spec.get("paths").map(Node::entries).unwrap_or_default() {
        for (method, op) in item.entries().iter().filter(|(m, _)| m != "parameters") {
            out.push((path.as_str(), method.as_str(), op));
        }
    }
    out
}

#[test]
fn every_recorded_response_decodes_and_matches_its_snapshot() {
    let mut decoded = 0;
    for fixture in fixtures::all().iter().filter(|f| f.content_type == "application/json") {
        let name = format!("{}__{}", fixture.operation, fixture.file.trim_end_matches(".json"));
        let operation = STABLE.operation_named(fixture.operation).expect("a fixture of a known operation");
        let key = response_key(operation, &fixture.status.to_string())
            .unwrap_or_else(|| panic!("{name}: the SDK declares no type for this answer"));
        let value: Value = serde_json::from_slice(fixture.body).unwrap_or_else(|e| panic!("{name}: {e}"));
        let shown = with_schema_type!(key, debug(&value))
            .unwrap_or_else(|| panic!("{name}: no model type for `{key}`"))
            .unwrap_or_else(|e| panic!("{name} as `{key}`: {e}"));
        assert!(!shown.contains("Other("), "{name}: a one-of fell back to `Other`:\n{shown}");
        insta::assert_snapshot!(name, shown);
        decoded += 1;
    }
    let newest = load(intercom_codegen::NEWEST);
    let legacy = load(intercom_codegen::LEGACY);
    let examples = |spec: &Node, only_dropped: bool| -> usize {
        operations_of(spec)
            .into_iter()
            .filter(|(path, method, _)| {
                let dropped = operation_of(method, path)
                    .and_then(|o| intercom_core::operations::find(o.0))
                    .is_some_and(|op| op.is_deprecated());
                dropped == only_dropped
            })
            .flat_map(|(_, _, op)| op.get("responses").map(Node::entries).unwrap_or_default())
            .map(|(_, r)| r.at(&["content", "application/json", "examples"]).map_or(0, |e| e.entries().len()))
            .sum()
    };
    // An operation older versions answer at a path 2.16 uses otherwise: the examples of the last version
    // that has it.
    let older_shapes: usize = intercom_core::operations::ALL
        .iter()
        .filter(|op| op.is_deprecated())
        .filter_map(|op| {
            let last = op.versions.iter().rev().find(|v| **v != intercom_core::ApiVersion::PREVIEW)?.as_str();
            (last != intercom_codegen::LEGACY).then(|| (op, load(last)))
        })
        .map(|(op, spec)| {
            operations_of(&spec)
                .into_iter()
                .filter(|(_, _, node)| node.str("operationId") == op.id)
                .flat_map(|(_, _, node)| node.get("responses").map(Node::entries).unwrap_or_default())
                .map(|(_, r)| r.at(&["content", "application/json", "examples"]).map_or(0, |e| e.entries().len()))
                .sum::<usize>()
        })
        .sum();
    assert!(older_shapes > 0, "GetCustomObjectInstanceByExternalId has 2.15's examples");
    let stand_ins =
        fixtures::all().iter().filter(|f| f.file.contains("from_2_11") || f.file.contains("made_from_schema"));
    let expected = examples(&newest, false) + examples(&legacy, true) + older_shapes + stand_ins.count();
    assert_eq!(decoded, expected, "every JSON response example of 2.16 (and of the operations it dropped)");
}

/// Where `written` differs from `original`, as JSON paths (list indices as `[i]`) with both values.
pub(crate) fn differences(original: &Value, written: &Value, path: &str, out: &mut Vec<String>) {
    match (original, written) {
        (Value::Object(before), Value::Object(after)) => {
            for (key, value) in before {
                let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match after.get(key) {
                    None => out.push(format!("{here}: {value} was not written back")),
                    Some(kept) => differences(value, kept, &here, out),
                }
            }
            for (key, value) in after.iter().filter(|(key, _)| !before.contains_key(*key)) {
                let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                out.push(format!("{here}: {value} was written, never sent"));
            }
        }
        (Value::Array(before), Value::Array(after)) if before.len() == after.len() => {
            for (index, (value, kept)) in before.iter().zip(after).enumerate() {
                differences(value, kept, &format!("{path}[{index}]"), out);
            }
        }
        _ if original != written => out.push(format!("{path}: sent {original}, written back as {written}")),
        _ => {}
    }
}

/// The one-of variants a decoded value's `Debug` shows, outermost first: `Name(` where `Name` is a variant
/// of a generated one-of type (tuple variants of our enums; `Some(` is not one).
fn variants_in(debug: &str) -> Vec<String> {
    debug
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '('))
        .filter_map(|token| token.strip_suffix('('))
        .filter(|name| {
            name.starts_with(|c: char| c.is_ascii_uppercase())
                && !matches!(*name, "Some" | "Ok" | "Err" | "String" | "Number" | "Bool" | "Value")
        })
        .map(str::to_owned)
        .collect()
}

/// What checking one description's response examples found.
#[derive(Default)]
pub(crate) struct Tally {
    pub decoded: usize,
    pub skipped: BTreeSet<String>,
    pub failures: Vec<String>,
    /// Where writing a decoded example back did not give the example.
    pub differences: Vec<String>,
}

/// Decodes every response example of `spec` as the type `registry` declares, and writes it back: the JSON
/// must be the example's, member for member.
pub(crate) fn check_version(registry: &Registry, spec: &Node, version: &str, tally: &mut Tally) {
    for (path, method, op) in operations_of(spec) {
        let Some(operation) = registry.operation_at(method, path, version) else {
            // Only an operation the SDK does not have may be passed over, and the summary names it.
            tally.skipped.insert(format!("{} {path}", method.to_ascii_uppercase()));
            continue;
        };
        let id = operation.0;
        let core = intercom_core::operations::find(id).filter(|op| !op.versions.is_empty());
        if core.is_some_and(|op| !op.versions.iter().any(|v| v.as_str() == version)) && version != "Preview" {
            tally.failures.push(format!("{version} {method} {path} is decoded as {id}, which {version} does not have"));
            continue;
        }
        for (status, response) in op.get("responses").map(Node::entries).unwrap_or_default() {
            let examples = response.at(&["content", "application/json", "examples"]);
            for (name, example) in examples.map(Node::entries).unwrap_or_default() {
                let Some(value) = example.get("value").map(Node::to_json) else { continue };
                let Some(key) = response_key(operation, status) else {
                    tally.failures.push(format!("{version} {id} {status} `{name}`: the SDK declares no type for it"));
                    continue;
                };
                let context = format!("{version} {id} {status} `{name}` as `{key}`");
                match (registry.round_trip)(key, &value) {
                    None => tally.failures.push(format!("{context}: no model type")),
                    Some(Err(e)) => tally.failures.push(format!("{context}: {e}")),
                    Some(Ok(again)) => {
                        tally.decoded += 1;
                        let mut found = Vec::new();
                        differences(&value, &again, "", &mut found);
                        tally.differences.extend(found.into_iter().map(|d| format!("{context}: {d}")));
                    }
                }
            }
        }
    }
}

/// The descriptions to check: every stable version folder.
fn version_folders() -> Vec<String> {
    let versions = intercom_codegen::version_folders();
    for required in [intercom_codegen::LEGACY, intercom_codegen::NEWEST] {
        assert!(
            versions.iter().any(|v| v == required),
            "no {required} folder in {}",
            intercom_codegen::spec_dir().display()
        );
    }
    versions
}

pub(crate) fn load(version: &str) -> Node {
    let path = intercom_codegen::spec_dir().join(version).join("api.intercom.io.yaml");
    intercom_codegen::spec::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_example_of_every_version_decodes_and_writes_back_exactly() {
    let versions = version_folders();
    let mut summary = Vec::new();
    let mut failed = Vec::new();
    for version in &versions {
        let spec = load(version);
        let mut tally = Tally::default();
        check_version(&STABLE, &spec, version, &mut tally);
        let skipped = if tally.skipped.is_empty() {
            String::new()
        } else {
            let list: Vec<_> = tally.skipped.iter().cloned().collect();
            format!(" (skipped: operations of this version only, which the SDK does not have: {})", list.join(", "))
        };
        summary.push(format!(
            "{version}: {} examples decoded, {} decode errors, {} written back differently{skipped}",
            tally.decoded,
            tally.failures.len(),
            tally.differences.len()
        ));
        failed.extend(tally.failures);
        failed.extend(tally.differences);
    }
    println!("schema conformance over {} versions:\n  {}", versions.len(), summary.join("\n  "));
    assert!(failed.is_empty(), "{} problems:\n{}", failed.len(), failed.join("\n"));
}

/// What checking request examples found.
#[derive(Default)]
pub(crate) struct RequestTally {
    pub checked: usize,
    pub failures: Vec<String>,
    /// The one-of variants each example decoded to.
    pub chosen: Vec<String>,
}

/// Serializes every request example of `operations` back from the request type `registry` declares.
pub(crate) fn check_request_examples<'a>(
    registry: &Registry,
    operations: impl IntoIterator<Item = (&'a str, &'a str, &'a Node)>,
    overrides: &Overrides,
) -> RequestTally {
    let mut tally = RequestTally::default();
    for (path, method, op) in operations {
        let operation = registry.operation_of(method, path).expect("every operation is listed");
        let id = operation.0;
        let examples = op.at(&["requestBody", "content", "application/json", "examples"]);
        for (name, example) in examples.map(Node::entries).unwrap_or_default() {
            let Some(value) = example.get("value").map(Node::to_json) else { continue };
            let known_difference = overrides.request_examples.iter().any(|(key, _)| *key == format!("{id}: {name}"));
            let key = operation.2.unwrap_or_else(|| panic!("{id} has a request example but no request type"));
            tally.checked += 1;
            let shown = (registry.debug)(key, &value).expect("a type for every key");
            if let Ok(shown) = &shown {
                let variants = variants_in(shown);
                if !variants.is_empty() {
                    tally.chosen.push(format!("{id} `{name}`: {}", variants.join(", ")));
                }
                if !known_difference && shown.contains("Other(") {
                    tally.failures.push(format!("{id} `{name}`: a one-of fell back to `Other`:\n{shown}"));
                }
            }
            match (registry.round_trip)(key, &value).expect("a type for every key") {
                Err(e) if !known_difference => tally.failures.push(format!("{id} `{name}` as `{key}`: {e}")),
                Ok(sent) if !known_difference && sent != value => {
                    tally.failures.push(format!("{id} `{name}`: sends {sent}\n    the example is {value}"))
                }
                _ => {}
            }
        }
    }
    tally
}

#[test]
fn every_request_example_serializes_back_from_its_request_type() {
    let overrides = Overrides::load(&intercom_codegen::overrides_path()).expect("the overrides file");
    let newest = load(intercom_codegen::NEWEST);
    let legacy = load(intercom_codegen::LEGACY);
    let legacy_only: Vec<_> = operations_of(&legacy)
        .into_iter()
        .filter(|(path, method, _)| {
            operation_of(method, path)
                .is_some_and(|o| intercom_core::operations::find(o.0).is_some_and(|op| op.is_deprecated()))
        })
        .collect();
    let tally = check_request_examples(&STABLE, operations_of(&newest).into_iter().chain(legacy_only), &overrides);
    println!(
        "request examples: {} checked, {} listed as known differences",
        tally.checked,
        overrides.request_examples.len()
    );
    insta::assert_snapshot!("request_example_variants", tally.chosen.join("\n"));
    let failures = tally.failures;
    assert!(failures.is_empty(), "{} request examples differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_request_example_of_every_version_decodes_and_writes_back_exactly() {
    let overrides = Overrides::load(&intercom_codegen::overrides_path()).expect("the overrides file");
    let mut failures = Vec::new();
    let mut summary = Vec::new();
    for version in version_folders() {
        let spec = load(&version);
        let known: Vec<_> =
            operations_of(&spec).into_iter().filter(|(path, method, _)| operation_of(method, path).is_some()).collect();
        let tally = check_request_examples(&STABLE, known, &overrides);
        summary.push(format!("{version}: {} request examples", tally.checked));
        failures.extend(tally.failures.into_iter().map(|f| format!("{version} {f}")));
    }
    println!("request examples written back exactly: {}", summary.join(", "));
    assert!(failures.is_empty(), "{} request examples differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_schema_of_the_newest_version_is_a_model_type() {
    fn exists<T>() {}
    let spec = load(intercom_codegen::NEWEST);
    let schemas = spec.at(&["components", "schemas"]).map(Node::entries).unwrap_or_default();
    let missing: Vec<&str> = schemas
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| with_schema_type!(*name, exists()).is_none())
        .collect();
    println!(
        "schema coverage: {} of {} schemas of {} are model types",
        schemas.len() - missing.len(),
        schemas.len(),
        intercom_codegen::NEWEST
    );
    assert_eq!(schemas.len(), 338);
    assert!(missing.is_empty(), "schemas without a model type: {missing:?}");
}
