//! Which API versions have each operation (`operations-by-version.tsv`), Intercom's SDK method names (its
//! SDK overrides), and the operations an older description has that the newest one dropped.

use std::collections::BTreeMap;

use crate::model::Operation;
use crate::route::{normalized, ref_name};
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
        let mut needed = Vec::new();
        collect_refs(&operation, &mut needed);
        while let Some(name) = needed.pop() {
            if spec.at(&["components", "schemas", name.as_str()]).is_some() {
                continue;
            }
            let schema = older
                .at(&["components", "schemas", name.as_str()])
                .cloned()
                .ok_or_else(|| SpecError(format!("{older_version} has no schema `{name}`")))?;
            collect_refs(&schema, &mut needed);
            spec.set(&["components", "schemas", name.as_str()], schema)?;
        }
        imported.push(format!("{method} {template}"));
    }
    Ok(imported)
}

fn collect_refs(node: &Node, out: &mut Vec<String>) {
    match node {
        Node::Map(entries) => {
            for (key, value) in entries {
                match (key.as_str(), value.as_str()) {
                    ("$ref", Some(reference)) => out.push(ref_name(reference).to_owned()),
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

/// Fills in each operation's versions and SDK method name.
pub fn annotate(operations: &mut [Operation], table: &VersionTable, sdk: &BTreeMap<String, String>) {
    for op in operations {
        op.versions = table.versions_of(&op.method, &op.path);
        op.sdk_method = sdk.get(&format!("{} {}", op.method, normalized(&op.path))).cloned();
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
