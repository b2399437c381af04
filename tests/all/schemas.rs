//! The models against Intercom's examples.
//!
//! - Every recorded response (the 2.11 examples, committed) decodes into its operation's declared type, and
//!   an insta snapshot pins the decoded value. Runs without the spec.
//! - With `INTERCOM_OPENAPI_DIR` set: every response example of every version folder decodes into the type the
//!   SDK declares for that operation, re-serializes without dropping a field the overrides do not list, and
//!   every 2.11 request example serializes back from our request type to the same JSON.

use std::collections::BTreeSet;
use std::path::Path;

use intercom_codegen::overrides::Overrides;
use intercom_codegen::Node;
use intercom_mock::fixtures;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::generated_schemas::{with_schema_type, OPERATIONS};
use crate::support::same_json;

/// Decodes `value` as `T` and re-serializes it; the error names the JSON path.
fn round_trip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, String> {
    let decoded: T =
        serde_path_to_error::deserialize(value).map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))?;
    serde_json::to_value(&decoded).map_err(|e| format!("cannot re-serialize: {e}"))
}

/// Decodes `value` as `T` and shows it.
fn debug<T: DeserializeOwned + std::fmt::Debug>(value: &Value) -> Result<String, String> {
    serde_path_to_error::deserialize::<_, T>(value)
        .map(|decoded| format!("{decoded:#?}"))
        .map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))
}

/// The key of the type the SDK declares for `operation`'s answer with `status`.
fn response_key(operation: &str, status: &str) -> Option<&'static str> {
    let (_, _, responses) = OPERATIONS.iter().find(|(id, _, _)| *id == operation)?;
    responses.iter().find(|(s, _)| *s == status).map(|(_, key)| *key).or_else(|| {
        let is_error = status.parse::<u16>().is_ok_and(|code| code >= 400);
        is_error.then_some("error")
    })
}

#[test]
fn every_recorded_response_decodes_and_matches_its_snapshot() {
    let mut decoded = 0;
    for fixture in fixtures::all().iter().filter(|f| f.content_type == "application/json") {
        let name = format!("{}__{}", fixture.operation_id, fixture.file.trim_end_matches(".json"));
        let key = response_key(fixture.operation_id, &fixture.status.to_string())
            .unwrap_or_else(|| panic!("{name}: the SDK declares no type for this answer"));
        let value: Value = serde_json::from_slice(fixture.body).unwrap_or_else(|e| panic!("{name}: {e}"));
        let shown = with_schema_type!(key, debug(&value))
            .unwrap_or_else(|| panic!("{name}: no model type for `{key}`"))
            .unwrap_or_else(|e| panic!("{name} as `{key}`: {e}"));
        assert!(!shown.contains("Other("), "{name}: a one-of fell back to `Other`:\n{shown}");
        insta::assert_snapshot!(name, shown);
        decoded += 1;
    }
    assert_eq!(decoded, 306, "the 2.11 description has 306 JSON response examples");
}

/// Paths of `original` (non-null values) missing from `reserialized`, with list indices as `[]`.
fn dropped(original: &Value, reserialized: &Value, path: &str, out: &mut BTreeSet<String>) {
    match (original, reserialized) {
        (Value::Object(before), Value::Object(after)) => {
            for (key, value) in before {
                let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match after.get(key) {
                    _ if value.is_null() => {}
                    None => {
                        out.insert(here);
                    }
                    Some(kept) => dropped(value, kept, &here, out),
                }
            }
        }
        (Value::Array(before), Value::Array(after)) => {
            for (value, kept) in before.iter().zip(after) {
                dropped(value, kept, &format!("{path}[]"), out);
            }
        }
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
                && !matches!(*name, "Some" | "Ok" | "Err" | "String" | "Number" | "Bool")
        })
        .map(str::to_owned)
        .collect()
}

struct Tally {
    decoded: usize,
    skipped: usize,
    failures: Vec<String>,
    dropped: BTreeSet<String>,
}

fn check_version(spec: &Node, version: &str, overrides: &Overrides, tally: &mut Tally) {
    for (_, item) in spec.get("paths").map(Node::entries).unwrap_or_default() {
        for (_, op) in item.entries() {
            let Some(id) = op.str("operationId") else { continue };
            for (status, response) in op.get("responses").map(Node::entries).unwrap_or_default() {
                let examples = response.at(&["content", "application/json", "examples"]);
                for (name, example) in examples.map(Node::entries).unwrap_or_default() {
                    let Some(value) = example.get("value").map(Node::to_json) else { continue };
                    let Some(key) = response_key(id, status) else {
                        tally.skipped += 1;
                        continue;
                    };
                    let context = format!("{version} {id} {status} `{name}` as `{key}`");
                    match with_schema_type!(key, round_trip(&value)) {
                        None => tally.failures.push(format!("{context}: no model type")),
                        Some(Err(e)) => tally.failures.push(format!("{context}: {e}")),
                        Some(Ok(again)) => {
                            tally.decoded += 1;
                            let mut paths = BTreeSet::new();
                            dropped(&value, &again, "", &mut paths);
                            for path in paths {
                                let listed = overrides.dropped.iter().any(|d| d.operation == id && d.path == path);
                                if !listed {
                                    tally.dropped.insert(format!("{version} {id}: {path}"));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Whether a version folder (`2.16`) is newer than the version the models were generated from (2.11).
fn is_newer_than_sdk(version: &str) -> bool {
    let parse = |v: &str| -> Option<(u32, u32)> {
        let (major, minor) = v.split_once('.')?;
        Some((major.parse().ok()?, minor.parse().ok()?))
    };
    parse(version).is_some_and(|v| v > (2, 11))
}

#[test]
fn every_example_of_every_version_decodes_without_dropping_fields() {
    let Some(dir) = std::env::var_os("INTERCOM_OPENAPI_DIR") else {
        println!(
            "schema conformance: INTERCOM_OPENAPI_DIR is not set; the committed 2.11 fixtures were checked instead"
        );
        return;
    };
    let overrides = Overrides::load(&intercom_codegen::overrides_path()).expect("the overrides file");
    let mut versions: Vec<_> = std::fs::read_dir(&dir)
        .expect("INTERCOM_OPENAPI_DIR is a folder")
        .flatten()
        .filter(|e| e.path().join("api.intercom.io.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    versions.sort();
    assert!(versions.iter().any(|v| v == "2.11"), "no 2.11 folder in {}", Path::new(&dir).display());

    let mut summary = Vec::new();
    let mut failed = Vec::new();
    let mut newer = Vec::new();
    for version in &versions {
        let spec = intercom_codegen::spec::load(&Path::new(&dir).join(version).join("api.intercom.io.yaml"))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut tally = Tally { decoded: 0, skipped: 0, failures: Vec::new(), dropped: BTreeSet::new() };
        check_version(&spec, version, &overrides, &mut tally);
        summary.push(format!(
            "{version}: {} examples decoded, {} skipped (operations the SDK does not have), {} decode errors, {} fields dropped",
            tally.decoded,
            tally.skipped,
            tally.failures.len(),
            tally.dropped.len()
        ));
        // Versions newer than the SDK's may add shapes that only a regeneration models: reported, not failed.
        let sink = if is_newer_than_sdk(version) { &mut newer } else { &mut failed };
        sink.extend(tally.failures);
        sink.extend(tally.dropped.into_iter().map(|d| format!("dropped {d}")));
    }
    println!("schema conformance over {} versions:\n  {}", versions.len(), summary.join("\n  "));
    if !newer.is_empty() {
        println!("newer than the SDK's 2.11, until regeneration ({}):\n  {}", newer.len(), newer.join("\n  "));
    }
    assert!(failed.is_empty(), "{} problems:\n{}", failed.len(), failed.join("\n"));
}

#[test]
fn every_request_example_serializes_back_from_its_request_type() {
    let Some(dir) = std::env::var_os("INTERCOM_OPENAPI_DIR") else {
        println!("request examples: INTERCOM_OPENAPI_DIR is not set; skipped");
        return;
    };
    let overrides = Overrides::load(&intercom_codegen::overrides_path()).expect("the overrides file");
    let spec = intercom_codegen::spec::load(&Path::new(&dir).join("2.11/api.intercom.io.yaml")).expect("the 2.11 file");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut chosen = Vec::new();
    for (_, item) in spec.get("paths").map(Node::entries).unwrap_or_default() {
        for (_, op) in item.entries() {
            let Some(id) = op.str("operationId") else { continue };
            let examples = op.at(&["requestBody", "content", "application/json", "examples"]);
            for (name, example) in examples.map(Node::entries).unwrap_or_default() {
                let Some(value) = example.get("value").map(Node::to_json) else { continue };
                let known_difference =
                    overrides.request_examples.iter().any(|(key, _)| *key == format!("{id}: {name}"));
                let (_, key, _) = OPERATIONS.iter().find(|(op, _, _)| *op == id).expect("every operation is listed");
                let key = key.unwrap_or_else(|| panic!("{id} has a request example but no request type"));
                checked += 1;
                let shown = with_schema_type!(key, debug(&value)).expect("a type for every key");
                if let Ok(shown) = &shown {
                    let variants = variants_in(shown);
                    if !variants.is_empty() {
                        chosen.push(format!("{id} `{name}`: {}", variants.join(", ")));
                    }
                    if !known_difference && shown.contains("Other(") {
                        failures.push(format!("{id} `{name}`: a one-of fell back to `Other`:\n{shown}"));
                    }
                }
                match with_schema_type!(key, round_trip(&value)).expect("a type for every key") {
                    Err(e) if !known_difference => failures.push(format!("{id} `{name}` as `{key}`: {e}")),
                    Ok(sent) if !known_difference && !same_json(&sent, &value) => {
                        failures.push(format!("{id} `{name}`: sends {sent}\n    the example is {value}"))
                    }
                    _ => {}
                }
            }
        }
    }
    println!("request examples: {checked} checked, {} listed as known differences", overrides.request_examples.len());
    insta::assert_snapshot!("request_example_variants", chosen.join("\n"));
    assert!(failures.is_empty(), "{} request examples differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_schema_of_the_sdk_version_is_a_model_type() {
    let Some(dir) = std::env::var_os("INTERCOM_OPENAPI_DIR") else {
        println!("schema coverage: INTERCOM_OPENAPI_DIR is not set; skipped");
        return;
    };
    fn exists<T>() {}
    let spec = intercom_codegen::spec::load(&Path::new(&dir).join("2.11/api.intercom.io.yaml")).expect("the 2.11 file");
    let schemas = spec.at(&["components", "schemas"]).map(Node::entries).unwrap_or_default();
    let missing: Vec<&str> = schemas
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| with_schema_type!(*name, exists()).is_none())
        .collect();
    println!("schema coverage: {} of {} schemas of 2.11 are model types", schemas.len() - missing.len(), schemas.len());
    assert_eq!(schemas.len(), 213);
    assert!(missing.is_empty(), "schemas without a model type: {missing:?}");
}
