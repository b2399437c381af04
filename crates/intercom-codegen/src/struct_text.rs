//! A generated struct: its fields, the form each one reads and writes its JSON member in, its `Members`
//! implementation (how the shared reader and writer see it), and a request type's builder.

use std::collections::BTreeSet;

use crate::model::{Field, Model, Style, Ty, TypeDef};
use crate::spelling::{doc, rust_type};
use crate::template::{fill, pairs};

/// How a field is written when it holds nothing: left out, or written anyway (a request's required field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Write {
    Always,
    UnlessEmpty,
}

/// A field as the struct holds it: its Rust type, its form (a type of `crate::wire`), and when it is written.
struct Layout {
    ty: String,
    form: &'static str,
    write: Write,
}

impl Layout {
    fn new(ty: impl Into<String>, form: &'static str, write: Write) -> Self {
        Self { ty: ty.into(), form, write }
    }
}

/// The request types whose optional fields can be sent as `null` (the bodies of `PUT` and `PATCH`
/// operations, and the variants of such a body when it is a one-of).
pub fn update_types(model: &Model) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for op in model.operations.iter().filter(|op| matches!(op.method.as_str(), "PUT" | "PATCH")) {
        let Some(Ty::Named(name)) = &op.request_ty else { continue };
        let Some(def) = model.types.iter().find(|def| &def.name == name) else { continue };
        match &def.kind {
            crate::model::Kind::OneOf(variants) => {
                out.extend(variants.iter().filter_map(|v| match &v.ty {
                    Ty::Named(inner) => Some(inner.clone()),
                    _ => None,
                }));
            }
            _ => {
                out.insert(name.clone());
            }
        }
    }
    out
}

fn is_id(field: &Field) -> bool {
    matches!(field.ty, Ty::Str | Ty::Int) && (field.json == "id" || field.json.ends_with("_id"))
}

/// A field of a type decoded from answers: everything optional and tolerant.
fn response_layout(f: &Field) -> Layout {
    use Write::UnlessEmpty;
    let integer = f.ty == Ty::Int;
    match &f.ty {
        _ if is_id(f) && f.json == "id" => Layout::new("String", if integer { "IntegerId" } else { "Id" }, UnlessEmpty),
        _ if is_id(f) => Layout::new("Option<String>", if integer { "MaybeIntegerId" } else { "MaybeId" }, UnlessEmpty),
        Ty::Vec(inner) if **inner == Ty::Int => Layout::new(rust_type(&f.ty), "IntList", UnlessEmpty),
        Ty::Vec(_) | Ty::Map | Ty::MapOf(_) => Layout::new(rust_type(&f.ty), "Collection", UnlessEmpty),
        // Counts and timestamps may arrive as digit strings: read both.
        Ty::Int => Layout::new("Option<i64>", "MaybeInt", UnlessEmpty),
        Ty::Float => Layout::new("Option<serde_json::Number>", "MaybeNumber", UnlessEmpty),
        ty => Layout::new(format!("Option<{}>", rust_type(ty)), "Maybe", UnlessEmpty),
    }
}

/// A field of a type users build: required fields are required; `clearable` makes optional ones three-state.
fn request_layout(f: &Field, clearable: bool) -> Layout {
    use Write::{Always, UnlessEmpty};
    // An id the spec types as an integer is sent as one; a numeric string in an example still decodes.
    if is_id(f) && f.ty == Ty::Int {
        return match f.required {
            true => Layout::new("i64", "IntId", Always),
            false if clearable => Layout::new("crate::Nullable<i64>", "NullableIntId", UnlessEmpty),
            false => Layout::new("Option<i64>", "MaybeIntId", UnlessEmpty),
        };
    }
    if f.ty == Ty::Map {
        return match f.required {
            true => Layout::new("serde_json::Value", "JsonObject", Always),
            false => Layout::new("Option<serde_json::Value>", "MaybeJsonObject", UnlessEmpty),
        };
    }
    match (f.required, is_id(f)) {
        (true, true) => Layout::new("String", "Id", Always),
        (true, false) => Layout::new(rust_type(&f.ty), "Plain", Always),
        (false, true) if clearable => Layout::new("crate::Nullable<String>", "NullableId", UnlessEmpty),
        (false, false) if clearable => {
            Layout::new(format!("crate::Nullable<{}>", rust_type(&f.ty)), "Plain", UnlessEmpty)
        }
        (false, true) => Layout::new("Option<String>", "MaybeId", UnlessEmpty),
        (false, false) => Layout::new(format!("Option<{}>", rust_type(&f.ty)), "Maybe", UnlessEmpty),
    }
}

fn layout(def: &TypeDef, f: &Field, clearable: bool) -> Layout {
    match def.style {
        Style::Response => response_layout(f),
        Style::Request => request_layout(f, clearable),
    }
}

/// A struct, its `Members` implementation, its serde implementations, and a request type's builder.
pub fn structure(def: &TypeDef, fields: &[Field], clearable: bool) -> String {
    assert!(fields.len() <= 64, "{}: the writer tracks at most 64 fields", def.name);
    let response = def.style == Style::Response;
    let default = response || fields.iter().all(|f| !f.required);
    let layouts: Vec<Layout> = fields.iter().map(|f| layout(def, f, clearable)).collect();
    let mut field_text = String::new();
    let mut partial_fields = String::new();
    let mut index_arms = String::new();
    let mut read_arms = String::new();
    let mut write_lines = String::new();
    let mut finish = Vec::new();
    for (index, (f, l)) in fields.iter().zip(&layouts).enumerate() {
        let values = [("docs", doc(&f.doc, "    ")), ("field", f.rust.clone()), ("type", l.ty.clone())];
        field_text.push_str(&fill(include_str!("../templates/model_field.rs.tmpl"), &pairs(&values)));
        index_arms.push_str(&format!("            {:?} => {index},\n", f.json));
        let read =
            format!("crate::wire::value(map, &mut partial.extra, {index}, {:?}, crate::wire::{})?", f.json, l.form);
        let required = !default && f.required;
        let (read, finished) = match required {
            true => (format!("Some({read})"), format!("{0}: partial.{0}.ok_or({1:?})?", f.rust, f.json)),
            false => (read, format!("{0}: partial.{0}", f.rust)),
        };
        read_arms.push_str(&format!("            {index} => partial.{} = {read},\n", f.rust));
        finish.push(finished);
        let ty = if required { format!("Option<{}>", l.ty) } else { l.ty.clone() };
        partial_fields.push_str(&format!("    {}: {ty},\n", f.rust));
        let method = if l.write == Write::Always { "always" } else { "unless_empty" };
        write_lines.push_str(&format!(
            "        writer.{method}({index}, {:?}, &self.{}, crate::wire::{})?;\n",
            f.json, f.rust, l.form
        ));
    }
    let (partial, partial_name, finish) = match default {
        true => (String::new(), "Self".to_owned(), "        Ok(partial)\n".to_owned()),
        false => {
            partial_fields.push_str("    extra: crate::Extra,\n");
            let values = [("name", def.name.clone()), ("fields", partial_fields)];
            let partial = fill(include_str!("../templates/model_partial.rs.tmpl"), &pairs(&values));
            finish.push("extra: partial.extra".to_owned());
            (partial, format!("Partial{}", def.name), format!("        Ok(Self {{ {} }})\n", finish.join(", ")))
        }
    };
    let (bare_read, bare_write) = bare_list(fields, &layouts, response);
    let values = [
        ("docs", doc(&def.doc, "")),
        ("default", if default { "Default, " } else { "" }.to_owned()),
        ("name", def.name.clone()),
        ("fields", field_text),
        ("partial", partial),
        ("partial_name", partial_name),
        ("bare_read", bare_read),
        ("index_arms", index_arms),
        ("read_arms", read_arms),
        ("finish", finish),
        ("bare_write", bare_write),
        ("write_lines", write_lines),
        ("builder", if response { String::new() } else { request_builder(def, fields, &layouts) }),
    ];
    fill(include_str!("../templates/model_struct.rs.tmpl"), &pairs(&values))
}

/// A list answer (`data` and nothing that must be written) also reads from a bare array, which some
/// endpoints send instead of the wrapper, and writes back as one.
fn bare_list(fields: &[Field], layouts: &[Layout], response: bool) -> (String, String) {
    let is_list = fields.iter().any(|f| f.json == "data" && matches!(f.ty, Ty::Vec(_)));
    if !response || !is_list {
        return (String::new(), String::new());
    }
    let others: Vec<String> = fields
        .iter()
        .zip(layouts)
        .filter(|(f, _)| f.json != "data")
        .map(|(f, _)| format!("crate::wire::Empty::is_empty(&self.{})", f.rust))
        .collect();
    let others = if others.is_empty() { "true".to_owned() } else { others.join(" && ") };
    let write = fill(include_str!("../templates/model_bare_write.rs.tmpl"), &[("others_empty", &others)]);
    (include_str!("../templates/model_bare_list.rs.tmpl").to_owned(), write)
}

/// `new` with the required fields, and a setter per optional field (and a `clear_` twin where it can be
/// sent as `null`), for a request type.
fn request_builder(def: &TypeDef, fields: &[Field], layouts: &[Layout]) -> String {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut setters = String::new();
    for (f, l) in fields.iter().zip(layouts) {
        let clearable = l.ty.starts_with("crate::Nullable<");
        // A free-form object takes what users have (`json!({..})`, a map, pairs); a non-object is refused
        // when the request is built.
        let (argument, convert) = match f.ty {
            Ty::Map => ("impl crate::IntoJsonObject".to_owned(), "into_json_object"),
            _ => {
                let inner = match clearable {
                    true => l.ty.strip_prefix("crate::Nullable<"),
                    false => l.ty.strip_prefix("Option<").filter(|_| !f.required),
                };
                let inner = inner.and_then(|t| t.strip_suffix('>'));
                (format!("impl Into<{}>", inner.unwrap_or(&l.ty)), "into")
            }
        };
        match (&f.constant, f.required) {
            (Some(value), true) => inits.push(format!("{}: {value:?}.to_owned()", f.rust)),
            (_, true) => {
                args.push(format!("{}: {argument}", f.rust));
                inits.push(format!("{}: {}.{convert}()", f.rust, f.rust));
            }
            (_, false) => {
                inits.push(format!("{}: Default::default()", f.rust));
                let wrap = if clearable { "crate::Nullable::Value" } else { "Some" };
                // A keyword field (`r#type`) gets a setter callable as written in the docs: `type_`.
                let setter = match f.rust.strip_prefix("r#") {
                    Some(plain) => format!("{plain}_"),
                    None => f.rust.clone(),
                };
                let values = [
                    ("json", f.json.as_str()),
                    ("field", &f.rust),
                    ("setter", &setter),
                    ("argument", &argument),
                    ("convert", convert),
                    ("wrap", wrap),
                ];
                setters.push_str(&fill(include_str!("../templates/model_setter.rs.tmpl"), &values));
                if clearable {
                    let plain = f.rust.trim_start_matches("r#");
                    let values = [("json", f.json.as_str()), ("field", &f.rust), ("plain", plain)];
                    setters.push_str(&fill(include_str!("../templates/model_clear.rs.tmpl"), &values));
                }
            }
        }
    }
    inits.push("extra: crate::Extra::default()".to_owned());
    let values = [
        ("name", def.name.clone()),
        ("arguments", args.join(", ")),
        ("initializers", inits.join(", ")),
        ("setters", setters),
    ];
    let mut text = fill(include_str!("../templates/model_builder.rs.tmpl"), &pairs(&values));
    text.push_str(&from_only_field(&def.name, &args));
    text
}

/// A body with one required field is made from that field alone, so a request takes it directly:
/// `AttachTagToContact::new(id, "7")`, `CreateContactNote::new(id, "text")`.
fn from_only_field(name: &str, args: &[String]) -> String {
    let [arg] = args else { return String::new() };
    let Some(ty) = arg.split_once(": impl Into<").and_then(|(_, ty)| ty.strip_suffix('>')) else {
        return String::new();
    };
    let sources: &[&str] = if ty == "String" { &["String", "&str"] } else { &[ty] };
    sources
        .iter()
        .map(|source| {
            format!(
                "\nimpl From<{source}> for {name} {{\n    /// The body with its one required field; set the others with the methods.\n    \
                 fn from(value: {source}) -> Self {{\n        Self::new(value)\n    }}\n}}\n"
            )
        })
        .collect()
}
