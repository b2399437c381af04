//! How generated Rust spells a type and a doc comment, for every writer of generated code.

use crate::model::Ty;

/// `text` as doc comment lines, indented.
pub fn doc(text: &str, indent: &str) -> String {
    text.lines().map(|line| format!("{indent}/// {line}\n")).collect()
}

/// The Rust spelling of a type.
pub fn rust_type(ty: &Ty) -> String {
    match ty {
        Ty::Str => "String".into(),
        Ty::Int => "i64".into(),
        Ty::Float => "serde_json::Number".into(),
        Ty::Bool => "bool".into(),
        Ty::Any => "serde_json::Value".into(),
        Ty::Map => "serde_json::Map<String, serde_json::Value>".into(),
        Ty::MapOf(inner) => format!("std::collections::BTreeMap<String, {}>", rust_type(inner)),
        Ty::Vec(inner) => format!("Vec<{}>", rust_type(inner)),
        Ty::Nullable(inner) => format!("Option<{}>", rust_type(inner)),
        Ty::Named(name) => name.clone(),
    }
}
