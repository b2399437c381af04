//! Which API versions have each operation (`operations-by-version.tsv`), Intercom's SDK method names (its
//! SDK overrides), and the operations an older description has that the newest one dropped.

use std::collections::BTreeMap;

use crate::model::Operation;
use crate::route::normalized;
use crate::spec::{Node, SpecError};

/// The versions table: for each `METHOD /normalized/path`, the `operationId` in each version that has it.
#[derive(Debug, Clone, Default)]
pub struct VersionTable {
    /// The version columns, oldest first (`2.7` … `2.16`, `Preview`).
    pub versions: Vec<String>,
    rows: BTreeMap<String, Vec<Option<String>>>,
}

impl VersionTable {
    /// Reads the tab-separated table.
    pub fn load(path: &std::path::Path) -> Result<Self, SpecError> {
        let text =
            std::fs::read_to_string(path).map_err(|e| SpecError(format!("cannot read {}: {e}", path.display())))?;
        Self::parse(&text)
    }

    /// Parses the table's text: a header `method path v1 v2 …`, then one row per operation.
    pub fn parse(text: &str) -> Result<Self, SpecError> {
        let mut lines = text.lines();
        let header: Vec<&str> =
            lines.next().ok_or_else(|| SpecError("an empty versions table".into()))?.split('\t').collect();
        if header.len() < 3 || header[0] != "method" || header[1] != "path" {
            return Err(SpecError("the versions table must start with `method`, `path`".into()));
        }
        let versions: Vec<String> = header[2..].iter().map(|v| v.to_string()).collect();
        let mut rows = BTreeMap::new();
        for line in lines.filter(|l| !l.trim().is_empty()) {
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() != header.len() {
                return Err(SpecError(format!(
                    "a versions row with {} cells, not {}: {line}",
                    cells.len(),
                    header.len()
                )));
            }
            let ids = cells[2..].iter().map(|c| (!c.is_empty()).then(|| c.to_string())).collect();
            rows.insert(format!("{} {}", cells[0], cells[1]), ids);
        }
        Ok(Self { versions, rows })
    }

    /// The versions that have `method` on `path`, oldest first.
    pub fn versions_of(&self, method: &str, path: &str) -> Vec<String> {
        let Some(ids) = self.rows.get(&format!("{method} {}", normalized(path))) else { return Vec::new() };
        self.versions.iter().zip(ids).filter(|(_, id)| id.is_some()).map(|(v, _)| v.clone()).collect()
    }

    /// Every `(method, normalized path, version)` where an older stable version than `newest` has another
    /// `operationId` than `newest` at that method and path: the newest such version. (Whether it is another
    /// operation or a rename is for the descriptions to say: see [`import_older_shapes`].)
    pub fn renamed_before(&self, newest: &str) -> Vec<(String, String, String)> {
        let Some(new) = self.versions.iter().position(|c| c == newest) else { return Vec::new() };
        let mut out = Vec::new();
        for (key, ids) in &self.rows {
            let Some(current) = &ids[new] else { continue };
            let older = (0..new).rev().find(|&i| ids[i].as_ref().is_some_and(|id| id != current));
            if let (Some(i), Some((method, path))) = (older, key.split_once(' ')) {
                out.push((method.to_owned(), path.to_owned(), self.versions[i].clone()));
            }
        }
        out
    }

    /// The versions whose `operationId` at `method` on `path` is `id`, oldest first.
    pub fn versions_with_id(&self, method: &str, path: &str, id: &str) -> Vec<String> {
        let Some(ids) = self.rows.get(&format!("{method} {}", normalized(path))) else { return Vec::new() };
        self.versions.iter().zip(ids).filter(|(_, cell)| cell.as_deref() == Some(id)).map(|(v, _)| v.clone()).collect()
    }

    /// Every `(method, normalized path)` that `version` has and `newer` lacks.
    pub fn dropped_between(&self, version: &str, newer: &str) -> Vec<(String, String)> {
        let column = |v: &str| self.versions.iter().position(|c| c == v);
        let (Some(old), Some(new)) = (column(version), column(newer)) else { return Vec::new() };
        self.rows
            .iter()
            .filter(|(_, ids)| ids[old].is_some() && ids[new].is_none())
            .filter_map(|(key, _)| key.split_once(' ').map(|(m, p)| (m.to_owned(), p.to_owned())))
            .collect()
    }
}

/// Copies into `spec` the operations `older` has that the table says `spec`'s version dropped, with the
/// component schemas they need that `spec` lacks. Returns their `METHOD path`s.
pub fn import_dropped(
    spec: &mut Node,
    older: &Node,
    table: &VersionTable,
    older_version: &str,
    version: &str,
) -> Result<Vec<String>, SpecError> {
    let mut imported = Vec::new();
    for (method, path) in table.dropped_between(older_version, version) {
        let lower = method.to_ascii_lowercase();
        let found = older
            .get("paths")
            .map(Node::entries)
            .unwrap_or_default()
            .iter()
            .find(|(p, item)| normalized(p) == path && item.get(&lower).is_some());
        let Some((template, item)) = found else {
            return Err(SpecError(format!(
                "{older_version} has no `{method} {path}` though the versions table says so"
            )));
        };
        let operation = item.get(&lower).cloned().unwrap_or(Node::Null);
        spec.set(&["paths", template.as_str(), lower.as_str()], operation.clone())?;
        copy_needed_schemas(spec, older, &operation, older_version)?;
        imported.push(format!("{method} {template}"));
    }
    Ok(imported)
}

/// Where an older version (its description in `older_dir/<version>/`) answers the same method and path
/// with another operation, whose success answer has another schema than `spec`'s, copies that operation
/// into `spec` under [`crate::route::older_shape`]'s key, with its path's parameters and the schemas it needs that
/// `spec` lacks. A mere rename of the `operationId` (the same schema) is left alone. Returns the keys.
pub fn import_older_shapes(
    spec: &mut Node,
    older_dir: &std::path::Path,
    table: &VersionTable,
    newest: &str,
) -> Result<Vec<String>, SpecError> {
    let mut imported = Vec::new();
    for (method, path, version) in table.renamed_before(newest) {
        let file = older_dir.join(&version).join("api.intercom.io.yaml");
        if !file.is_file() {
            continue;
        }
        let older = crate::spec::load(&file)?;
        let lower = method.to_ascii_lowercase();
        let find = |node: &Node| {
            node.get("paths")
                .map(Node::entries)
                .unwrap_or_default()
                .iter()
                .find(|(p, item)| normalized(p) == path && item.get(&lower).is_some())
                .map(|(p, item)| (p.clone(), item.clone()))
        };
        let (Some((template, item)), Some((_, current))) = (find(&older), find(spec)) else { continue };
        let (Some(operation), Some(current)) = (item.get(&lower), current.get(&lower)) else { continue };
        if success_schema(operation) == success_schema(current) {
            continue;
        }
        let key = crate::route::older_shape(&template, &version);
        spec.set(&["paths", key.as_str(), lower.as_str()], operation.clone())?;
        if let Some(shared) = item.get("parameters") {
            spec.set(&["paths", key.as_str(), "parameters"], shared.clone())?;
        }
        copy_needed_schemas(spec, &older, operation, &version)?;
        imported.push(format!("{method} {key}"));
    }
    Ok(imported)
}

/// The `$ref` (or the inline schema's text) of an operation's first 2xx JSON answer.
fn success_schema(operation: &Node) -> Option<String> {
    let responses = operation.get("responses")?;
    let (_, answer) = responses.entries().iter().find(|(status, _)| status.starts_with('2'))?.clone();
    let schema = answer.at(&["content", "application/json", "schema"])?;
    Some(schema.str("$ref").map_or_else(|| schema.to_json_text(), str::to_owned))
}

/// Copies into `spec` the components (schemas, responses...) `node` refers to, and theirs, that `spec` lacks.
fn copy_needed_schemas(spec: &mut Node, older: &Node, node: &Node, version: &str) -> Result<(), SpecError> {
    let mut needed = Vec::new();
    collect_refs(node, &mut needed);
    while let Some(reference) = needed.pop() {
        let at: Vec<&str> = reference.trim_start_matches("#/").split('/').collect();
        if spec.at(&at).is_some() {
            continue;
        }
        let component = older.at(&at).cloned().ok_or_else(|| SpecError(format!("{version} has no `{reference}`")))?;
        collect_refs(&component, &mut needed);
        spec.set(&at, component)?;
    }
    Ok(())
}

fn collect_refs(node: &Node, out: &mut Vec<String>) {
    match node {
        Node::Map(entries) => {
            for (key, value) in entries {
                match (key.as_str(), value.as_str()) {
                    ("$ref", Some(reference)) => out.push(reference.to_owned()),
                    _ => collect_refs(value, out),
                }
            }
        }
        Node::List(items) => items.iter().for_each(|i| collect_refs(i, out)),
        _ => {}
    }
}

/// [`sdk_methods`] of an SDK overrides file. Only its `paths` are read: its `components` repeat keys, which
/// a strict YAML reader refuses.
pub fn load_sdk_methods(path: &std::path::Path) -> Result<BTreeMap<String, String>, SpecError> {
    let text = std::fs::read_to_string(path).map_err(|e| SpecError(format!("cannot read {}: {e}", path.display())))?;
    let paths = text.split("\ncomponents:").next().unwrap_or_default();
    let node = crate::spec::parse(paths).map_err(|e| SpecError(format!("{}: {}", path.display(), e.0)))?;
    Ok(sdk_methods(&node))
}

/// Intercom's SDK method names (`contacts.find`, `helpCenters.collections.list`) by `METHOD path`, from its
/// SDK overrides file.
pub fn sdk_methods(overrides: &Node) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (path, item) in overrides.get("paths").map(Node::entries).unwrap_or_default() {
        for (method, op) in item.entries() {
            let Some(name) = op.str("x-fern-sdk-method-name") else { continue };
            let groups: Vec<String> = op.strings("x-fern-sdk-group-name");
            let full = groups.into_iter().chain([name.to_owned()]).collect::<Vec<_>>().join(".");
            out.insert(format!("{} {}", method.to_ascii_uppercase(), normalized(path)), full);
        }
    }
    out
}

/// Fills in each operation's versions and SDK method name. Where two operations share a method and path
/// (an older version's shape beside the newest's), each has the versions of its own `operationId`.
pub fn annotate(operations: &mut [Operation], table: &VersionTable, sdk: &BTreeMap<String, String>) {
    let routes: Vec<String> = operations.iter().map(Operation::route).collect();
    for op in operations.iter_mut() {
        let shared = routes.iter().filter(|r| **r == op.route()).count() > 1;
        op.versions = match (&op.spec_id, shared) {
            (Some(id), true) => table.versions_with_id(&op.method, &op.path, id),
            _ => table.versions_of(&op.method, &op.path),
        };
        if !shared || op.older_shape.is_none() {
            op.sdk_method = sdk.get(&format!("{} {}", op.method, normalized(&op.path))).cloned();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "method\tpath\t2.11\t2.16\tPreview\n\
                         GET\t/things/{}\tgetThing\tgetThing\tgetThing\n\
                         POST\t/things/{}/poke\tpokeThing\t\t\n\
                         GET\t/new\t\tlistNew\tlistNew\n";

    #[test]
    fn reads_versions_and_what_was_dropped() {
        let table = VersionTable::parse(TABLE).unwrap();
        assert_eq!(table.versions, ["2.11", "2.16", "Preview"]);
        assert_eq!(table.versions_of("GET", "/things/{thing_id}"), ["2.11", "2.16", "Preview"]);
        assert_eq!(table.versions_of("GET", "/new"), ["2.16", "Preview"]);
        assert!(table.versions_of("PUT", "/new").is_empty());
        assert_eq!(table.dropped_between("2.11", "2.16"), [("POST".to_owned(), "/things/{}/poke".to_owned())]);
        assert!(VersionTable::parse("method\tpath\t2.11\nGET\t/x\n").is_err());
    }

    #[test]
    fn imports_a_dropped_operation_with_its_schemas() {
        let older = crate::spec::parse(
            r##"
paths:
  /things/{id}/poke:
    post:
      operationId: pokeThing
      responses:
        "200": {content: {application/json: {schema: {$ref: "#/components/schemas/poke"}}}}
components:
  schemas:
    poke: {type: object, properties: {by: {$ref: "#/components/schemas/thing"}}}
    thing: {type: object}
"##,
        )
        .unwrap();
        let mut spec = crate::spec::parse("paths: {}\ncomponents: {schemas: {thing: {type: string}}}").unwrap();
        let table = VersionTable::parse(TABLE).unwrap();
        let imported = import_dropped(&mut spec, &older, &table, "2.11", "2.16").unwrap();
        assert_eq!(imported, ["POST /things/{id}/poke"]);
        assert_eq!(
            spec.at(&["paths", "/things/{id}/poke", "post", "operationId"]).and_then(Node::as_str),
            Some("pokeThing")
        );
        assert!(spec.at(&["components", "schemas", "poke"]).is_some());
        assert_eq!(spec.at(&["components", "schemas", "thing", "type"]).and_then(Node::as_str), Some("string"));
    }
}
