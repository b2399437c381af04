//! Loading an OpenAPI description (YAML) into an ordered tree.

use std::fmt;

use yaml_rust2::{Yaml, YamlLoader};

/// A YAML/JSON value that keeps the order of map keys (generated code follows the spec's order).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A real number.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    List(Vec<Node>),
    /// A mapping, in document order.
    Map(Vec<(String, Node)>),
}

/// A failure to read a description or an overrides file.
#[derive(Debug)]
pub struct SpecError(pub String);

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SpecError {}

/// Reads a YAML file into a [`Node`].
pub fn load(path: &std::path::Path) -> Result<Node, SpecError> {
    let text = std::fs::read_to_string(path).map_err(|e| SpecError(format!("cannot read {}: {e}", path.display())))?;
    parse(&text).map_err(|e| SpecError(format!("{}: {}", path.display(), e.0)))
}

/// Parses YAML text into a [`Node`].
pub fn parse(text: &str) -> Result<Node, SpecError> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| SpecError(format!("invalid YAML: {e}")))?;
    let doc = docs.into_iter().next().ok_or_else(|| SpecError("empty YAML document".into()))?;
    Ok(Node::from_yaml(doc))
}

impl Node {
    fn from_yaml(yaml: Yaml) -> Node {
        match yaml {
            Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => Node::Null,
            Yaml::Boolean(b) => Node::Bool(b),
            Yaml::Integer(i) => Node::Int(i),
            Yaml::Real(r) => r.parse().map(Node::Float).unwrap_or(Node::Str(r)),
            Yaml::String(s) => Node::Str(s),
            Yaml::Array(items) => Node::List(items.into_iter().map(Node::from_yaml).collect()),
            Yaml::Hash(map) => Node::Map(
                map.into_iter()
                    .map(|(k, v)| {
                        let key = match k {
                            Yaml::String(s) | Yaml::Real(s) => s,
                            Yaml::Integer(i) => i.to_string(),
                            Yaml::Boolean(b) => b.to_string(),
                            _ => String::new(),
                        };
                        (key, Node::from_yaml(v))
                    })
                    .collect(),
            ),
        }
    }

    /// The value under `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value at a path of keys.
    pub fn at<S: AsRef<str>>(&self, path: &[S]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key.as_ref()))
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The string under `key`.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::as_str)
    }

    /// The boolean under `key`, false when absent.
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some(Node::Bool(true)))
    }

    /// The items of a sequence (none for anything else).
    pub fn items(&self) -> &[Node] {
        match self {
            Node::List(items) => items,
            _ => &[],
        }
    }

    /// The entries of a map (none for anything else).
    pub fn entries(&self) -> &[(String, Node)] {
        match self {
            Node::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The strings of the sequence under `key`.
    pub fn strings(&self, key: &str) -> Vec<String> {
        self.get(key).map(|n| n.items().iter().filter_map(scalar_text).collect()).unwrap_or_default()
    }

    /// Sets the value at `path`, creating maps on the way.
    pub fn set<S: AsRef<str>>(&mut self, path: &[S], value: Node) -> Result<(), SpecError> {
        let Some((first, rest)) = path.split_first() else {
            *self = value;
            return Ok(());
        };
        if !matches!(self, Node::Map(_)) {
            *self = Node::Map(Vec::new());
        }
        let Node::Map(entries) = self else { unreachable!() };
        let key = first.as_ref();
        let index = match entries.iter().position(|(k, _)| k == key) {
            Some(i) => i,
            None => {
                entries.push((key.to_owned(), Node::Null));
                entries.len() - 1
            }
        };
        entries[index].1.set(rest, value)
    }

    /// Removes the value at `path`; an error if it is not there.
    pub fn remove<S: AsRef<str>>(&mut self, path: &[S]) -> Result<(), SpecError> {
        let (last, parent) = path.split_last().ok_or_else(|| SpecError("empty path".into()))?;
        let mut node = self;
        for key in parent {
            node = match node {
                Node::Map(entries) => entries
                    .iter_mut()
                    .find(|(k, _)| k == key.as_ref())
                    .map(|(_, v)| v)
                    .ok_or_else(|| SpecError(format!("no `{}` on the way to remove", key.as_ref())))?,
                _ => return Err(SpecError(format!("`{}` is not a map", key.as_ref()))),
            };
        }
        let Node::Map(entries) = node else { return Err(SpecError("not a map".into())) };
        let before = entries.len();
        entries.retain(|(k, _)| k != last.as_ref());
        if entries.len() == before {
            return Err(SpecError(format!("nothing at `{}` to remove", last.as_ref())));
        }
        Ok(())
    }

    /// The value as JSON (map order is lost: serde_json sorts keys).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Int(i) => Value::from(*i),
            Node::Float(f) => serde_json::Number::from_f64(*f).map(Value::Number).unwrap_or(Value::Null),
            Node::Str(s) => Value::String(s.clone()),
            Node::List(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            Node::Map(entries) => Value::Object(entries.iter().map(|(k, v)| (k.clone(), v.to_json())).collect()),
        }
    }

    /// The value as pretty JSON text in document order.
    pub fn to_json_text(&self) -> String {
        let mut out = String::new();
        write_json(self, 0, &mut out);
        out
    }
}

fn scalar_text(node: &Node) -> Option<String> {
    match node {
        Node::Str(s) => Some(s.clone()),
        Node::Int(i) => Some(i.to_string()),
        Node::Float(f) => Some(f.to_string()),
        Node::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn write_json(node: &Node, indent: usize, out: &mut String) {
    let pad = |n: usize| "  ".repeat(n);
    match node {
        Node::List(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                write_json(item, indent + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push(']');
        }
        Node::Map(entries) if !entries.is_empty() => {
            out.push_str("{\n");
            for (i, (k, v)) in entries.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                out.push_str(&serde_json::Value::String(k.clone()).to_string());
                out.push_str(": ");
                write_json(v, indent + 1, out);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push('}');
        }
        Node::List(_) => out.push_str("[]"),
        Node::Map(_) => out.push_str("{}"),
        other => out.push_str(&other.to_json().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_converts_to_json() {
        let node = parse("b: 1\na: [x, 2.5, true, null]\n").unwrap();
        assert_eq!(node.entries().iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(node.to_json(), serde_json::json!({"b": 1, "a": ["x", 2.5, true, null]}));
        assert_eq!(
            node.to_json_text(),
            "{\n  \"b\": 1,\n  \"a\": [\n    \"x\",\n    2.5,\n    true,\n    null\n  ]\n}"
        );
    }

    #[test]
    fn sets_and_removes_by_path() {
        let mut node = parse("a: {b: 1}").unwrap();
        node.set(&["a", "c", "d"], Node::Int(2)).unwrap();
        assert_eq!(node.to_json(), serde_json::json!({"a": {"b": 1, "c": {"d": 2}}}));
        node.remove(&["a", "b"]).unwrap();
        assert!(node.remove(&["a", "zz"]).is_err());
        assert_eq!(node.to_json(), serde_json::json!({"a": {"c": {"d": 2}}}));
    }
}
