//! Simplifications of the description before lowering, so the models say the same thing with fewer types.
//!
//! - A `oneOf`/`anyOf` with a single branch is that branch (2.16 wraps request bodies so:
//!   `oneOf: [$ref create_contact_request]`).
//! - An object whose `oneOf`/`anyOf` branches only add properties to it (`create_data_attribute_request`:
//!   `data_type: options` with `options`, or another `data_type`) is one struct with every property: the
//!   branches' enums are joined, and only what the object or every branch requires is required.
//! - An answer declared as `allOf: [$ref X]` plus a few `properties` of its own is `X`, and `X` gains those
//!   properties (as optional fields, like every field of an answer): `GetContact` answers a `Contact`, not a
//!   `GetContactResponse` that repeats every field of it.
//! - An inline object that is a poorer copy of a named schema gains its members (`crate::richer_shapes`).

use crate::route::ref_name;
use crate::spec::{Node, SpecError};

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch"];

/// Applies every simplification to `spec`.
pub fn normalize(spec: &mut Node) -> Result<(), SpecError> {
    crate::richer_shapes::widen(spec);
    single_branches(spec);
    merge_property_branches(spec);
    fold_answer_extensions(spec)
}

/// Whether a branch only adds properties (and required keys) to the object it belongs to.
fn is_fragment(branch: &Node) -> bool {
    matches!(branch, Node::Map(_))
        && branch.entries().iter().all(|(k, v)| match k.as_str() {
            "properties" | "required" | "title" | "description" => true,
            "type" => v.as_str() == Some("object"),
            _ => false,
        })
}

fn merge_property_branches(node: &mut Node) {
    if let Node::Map(entries) = node {
        let has_properties = entries.iter().any(|(k, _)| k == "properties");
        let fragments = entries.iter().position(|(k, v)| {
            (k == "oneOf" || k == "anyOf")
                && v.items().iter().all(is_fragment)
                && v.items().iter().any(|b| b.get("properties").is_some())
        });
        if let (true, Some(index)) = (has_properties, fragments) {
            let (_, branches) = entries.remove(index);
            let branches = branches.items().to_vec();
            let mut extra_required: Vec<String> = branches.first().map(|b| b.strings("required")).unwrap_or_default();
            extra_required.retain(|key| branches.iter().all(|b| b.strings("required").contains(key)));
            for branch in &branches {
                for (name, property) in branch.get("properties").map(Node::entries).unwrap_or_default() {
                    add_property(entries, name, property);
                }
            }
            if !extra_required.is_empty() {
                let mut required = entries.iter().find(|(k, _)| k == "required").map(|(_, v)| v.clone());
                let list = match required.take() {
                    Some(Node::List(items)) => items,
                    _ => Vec::new(),
                };
                let mut list = list;
                for key in extra_required {
                    if !list.contains(&Node::Str(key.clone())) {
                        list.push(Node::Str(key));
                    }
                }
                entries.retain(|(k, _)| k != "required");
                entries.push(("required".into(), Node::List(list)));
            }
        }
        for (_, value) in entries.iter_mut() {
            merge_property_branches(value);
        }
    } else if let Node::List(items) = node {
        items.iter_mut().for_each(merge_property_branches);
    }
}

/// Adds `property` to an object's `properties`, joining the enum values when it is already there.
fn add_property(object: &mut [(String, Node)], name: &str, property: &Node) {
    let Some((_, Node::Map(properties))) = object.iter_mut().find(|(k, _)| k == "properties") else { return };
    match properties.iter_mut().find(|(k, _)| k == name) {
        None => properties.push((name.to_owned(), property.clone())),
        Some((_, existing)) => {
            let mut values: Vec<Node> = existing.get("enum").map(|e| e.items().to_vec()).unwrap_or_default();
            for value in property.get("enum").map(Node::items).unwrap_or_default() {
                if !values.contains(value) {
                    values.push(value.clone());
                }
            }
            if !values.is_empty() {
                let _ = existing.set(&["enum"], Node::List(values));
            }
        }
    }
}

fn single_branches(node: &mut Node) {
    if let Node::Map(entries) = node {
        let single = entries.iter().position(|(k, v)| (k == "oneOf" || k == "anyOf") && v.items().len() == 1);
        if let Some(index) = single {
            let (_, branches) = entries.remove(index);
            if let Some(Node::Map(branch)) = branches.items().first().cloned() {
                for (key, value) in branch {
                    if !entries.iter().any(|(k, _)| *k == key) {
                        entries.push((key, value));
                    }
                }
            }
        }
        for (_, value) in entries.iter_mut() {
            single_branches(value);
        }
    } else if let Node::List(items) = node {
        items.iter_mut().for_each(single_branches);
    }
}

/// An answer to fold: where its schema is, the component it extends, and the properties it adds.
struct Fold {
    at: Vec<String>,
    target: String,
    own: Vec<(String, Node)>,
}

fn fold_answer_extensions(spec: &mut Node) -> Result<(), SpecError> {
    let mut folds: Vec<Fold> = Vec::new();
    for (path, item) in spec.get("paths").map(Node::entries).unwrap_or_default() {
        for (method, op) in item.entries().iter().filter(|(m, _)| METHODS.contains(&m.as_str())) {
            for (status, response) in op.get("responses").map(Node::entries).unwrap_or_default() {
                let Some(schema) = response.at(&["content", "application/json", "schema"]) else { continue };
                let parts = schema.get("allOf").map(Node::items).unwrap_or_default();
                let [only] = parts else { continue };
                let Some(target) = only.str("$ref").map(ref_name) else { continue };
                let own = schema.get("properties").map(Node::entries).unwrap_or_default().to_vec();
                let at = ["paths", path, method, "responses", status, "content", "application/json", "schema"];
                folds.push(Fold { at: at.iter().map(|s| s.to_string()).collect(), target: target.to_owned(), own });
            }
        }
    }
    for Fold { at, target, own } in folds {
        for (name, property) in own {
            let place = ["components", "schemas", target.as_str(), "properties", name.as_str()];
            if spec.at(&place).is_none() {
                spec.set(&place, property)?;
            }
        }
        spec.set(&at, Node::Map(vec![("$ref".into(), Node::Str(format!("#/components/schemas/{target}")))]))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::parse;

    #[test]
    fn branches_that_only_add_properties_merge_into_one_object() {
        let mut spec = parse(
            r##"
components:
  schemas:
    attribute:
      type: object
      properties: {name: {type: string}}
      required: [name, data_type]
      oneOf:
        - properties: {data_type: {enum: [options]}, options: {type: array}}
          required: [options]
        - properties: {data_type: {enum: [string, integer]}}
"##,
        )
        .unwrap();
        normalize(&mut spec).unwrap();
        let schema = spec.at(&["components", "schemas", "attribute"]).unwrap();
        assert!(schema.get("oneOf").is_none());
        let keys: Vec<_> = schema.get("properties").unwrap().entries().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["name", "data_type", "options"]);
        assert_eq!(schema.at(&["properties", "data_type"]).unwrap().strings("enum"), ["options", "string", "integer"]);
        assert_eq!(schema.strings("required"), ["name", "data_type"]);
    }

    #[test]
    fn single_branches_and_extended_answers_fold() {
        let mut spec = parse(
            r##"
paths:
  /things:
    post:
      requestBody: {content: {application/json: {schema: {oneOf: [{$ref: "#/components/schemas/new_thing"}]}}}}
      responses:
        "200":
          content:
            application/json:
              schema:
                allOf: [{$ref: "#/components/schemas/thing"}]
                properties: {extra: {type: boolean}}
components:
  schemas:
    thing: {type: object, properties: {id: {type: string}}}
    new_thing: {type: object}
"##,
        )
        .unwrap();
        normalize(&mut spec).unwrap();
        let op = spec.at(&["paths", "/things", "post"]).unwrap();
        let body = op.at(&["requestBody", "content", "application/json", "schema", "$ref"]);
        assert_eq!(body.and_then(Node::as_str), Some("#/components/schemas/new_thing"));
        let answer = op.at(&["responses", "200", "content", "application/json", "schema", "$ref"]);
        assert_eq!(answer.and_then(Node::as_str), Some("#/components/schemas/thing"));
        assert!(spec.at(&["components", "schemas", "thing", "properties", "extra"]).is_some());
    }
}
