//! Objects that are a poorer copy of another: where a property holds an object (a named schema or an inline
//! one) whose members are all members of, and at least half of, the named schema another property of the
//! same name refers to, the poorer object gains the richer one's other members. A conversation source's
//! `author` (`conversation_source_author`: `type`, `id`, `name`, `email`) gains `from_ai_agent` and
//! `is_ai_answer` from a part's `author` (`conversation_part_author`), which the API sends for both. The
//! model then has the union of the fields, typed, where the description declares each in one place only. (A
//! short reference, such as a note's `company` with three of a company's twenty members, is not widened.)

use std::collections::{BTreeMap, BTreeSet};

use crate::route::ref_name;
use crate::spec::Node;

/// Widens every such object of `spec`'s component schemas; returns the names of the named ones, and
/// `schema.property` of the inline ones.
pub fn widen(spec: &mut Node) -> Vec<String> {
    let Some(schemas) = spec.at(&["components", "schemas"]).cloned() else { return Vec::new() };
    let mut named_by_property: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, schema) in schemas.entries() {
        collect_named(schema, &schemas, &mut named_by_property);
    }
    let mut widened = Vec::new();
    // Named schemas first: a poorer one gains the members of each richer one at the same property name.
    for targets in named_by_property.values() {
        for poorer in targets {
            let Some(mut schema) = spec.at(&["components", "schemas", poorer.as_str()]).cloned() else { continue };
            let richer: Vec<&Node> = targets
                .iter()
                .filter(|t| *t != poorer)
                .filter_map(|t| schemas.get(t))
                .filter(|t| is_richer(&schema, t))
                .collect();
            if add_members(&mut schema, &richer) {
                widened.push(poorer.clone());
                let _ = spec.set(&["components", "schemas", poorer.as_str()], schema);
            }
        }
    }
    let Some(schemas) = spec.at(&["components", "schemas"]).cloned() else { return widened };
    for (name, schema) in schemas.entries() {
        let mut schema = schema.clone();
        let mut changed = Vec::new();
        widen_in(&mut schema, &schemas, &named_by_property, &mut changed);
        if !changed.is_empty() {
            widened.extend(changed.into_iter().map(|property| format!("{name}.{property}")));
            let _ = spec.set(&["components", "schemas", name.as_str()], schema);
        }
    }
    widened
}

/// Whether `richer` has every member of `poorer`, more, and no more than twice as many.
fn is_richer(poorer: &Node, richer: &Node) -> bool {
    let (own, theirs) = (members(poorer), members(richer));
    !own.is_empty()
        && own.iter().all(|m| theirs.contains(m))
        && theirs.len() > own.len()
        && theirs.len() <= 2 * own.len()
}

/// Adds to `schema` the members of `richer` it lacks; whether it added any.
fn add_members(schema: &mut Node, richer: &[&Node]) -> bool {
    let mut added = false;
    for target in richer {
        for (member, property) in target.get("properties").map(Node::entries).unwrap_or_default() {
            if schema.at(&["properties", member.as_str()]).is_none() {
                added |= schema.set(&["properties", member.as_str()], property.clone()).is_ok();
            }
        }
    }
    added
}

/// The member names of an object schema.
fn members(schema: &Node) -> BTreeSet<&str> {
    schema.get("properties").map(Node::entries).unwrap_or_default().iter().map(|(k, _)| k.as_str()).collect()
}

/// For each property name, the named object schemas properties of that name refer to.
fn collect_named(node: &Node, schemas: &Node, out: &mut BTreeMap<String, BTreeSet<String>>) {
    for (property, value) in node.get("properties").map(Node::entries).unwrap_or_default() {
        if let Some(reference) = value.str("$ref") {
            let target = ref_name(reference);
            if schemas.get(target).is_some_and(|s| !members(s).is_empty()) {
                out.entry(property.clone()).or_default().insert(target.to_owned());
            }
        }
        collect_named(value, schemas, out);
    }
    if let Some(items) = node.get("items") {
        collect_named(items, schemas, out);
    }
}

fn widen_in(
    node: &mut Node,
    schemas: &Node,
    named_by_property: &BTreeMap<String, BTreeSet<String>>,
    changed: &mut Vec<String>,
) {
    let Node::Map(entries) = node else { return };
    let Some((_, Node::Map(properties))) = entries.iter_mut().find(|(k, _)| k == "properties") else { return };
    for (property, value) in properties.iter_mut() {
        if value.get("$ref").is_none() && !members(value).is_empty() {
            let richer: Vec<&Node> = named_by_property
                .get(property)
                .into_iter()
                .flatten()
                .filter_map(|target| schemas.get(target))
                .filter(|target| is_richer(value, target))
                .collect();
            if add_members(value, &richer) {
                changed.push(property.clone());
            }
        }
        widen_in(value, schemas, named_by_property, changed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r##"
components:
  schemas:
    part:
      type: object
      properties:
        author: {$ref: "#/components/schemas/part_author"}
    source:
      type: object
      properties:
        author: {$ref: "#/components/schemas/source_author"}
        company:
          type: object
          properties: {id: {type: string}}
        owner:
          type: object
          properties: {id: {type: string}, name: {type: string}}
    part_author:
      type: object
      properties: {id: {type: string}, name: {type: string}, from_ai_agent: {type: boolean}}
    source_author:
      type: object
      properties: {id: {type: string}, name: {type: string}}
    note:
      type: object
      properties:
        company: {$ref: "#/components/schemas/company"}
        owner: {$ref: "#/components/schemas/part_author"}
    company:
      type: object
      properties: {id: {type: string}, name: {type: string}, size: {type: integer}, plan: {type: string}}
"##;

    fn names(spec: &Node, schema: &[&str]) -> Vec<String> {
        let mut at = vec!["components", "schemas"];
        at.extend_from_slice(schema);
        at.push("properties");
        spec.at(&at).map(Node::entries).unwrap_or_default().iter().map(|(k, _)| k.clone()).collect()
    }

    #[test]
    fn a_poorer_copy_gains_the_richer_members_and_a_short_reference_does_not() {
        let mut spec = crate::spec::parse(SPEC).unwrap();
        let widened = widen(&mut spec);
        assert_eq!(widened, ["source_author", "source.owner"]);
        assert_eq!(names(&spec, &["source_author"]), ["id", "name", "from_ai_agent"]);
        assert_eq!(names(&spec, &["source", "properties", "owner"]), ["id", "name", "from_ai_agent"]);
        // One member of four: a reference, not a poorer copy.
        assert_eq!(names(&spec, &["source", "properties", "company"]), ["id"]);
        assert_eq!(names(&spec, &["part_author"]), ["id", "name", "from_ai_agent"], "the richer one is unchanged");
    }
}
