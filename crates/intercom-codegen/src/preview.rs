//! The Preview description against the newest stable one: which of its types and operations are the same
//! (the preview module re-exports those) and which differ or are new (the preview module generates those).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::endpoint_text::{core_type, reference};
use crate::model::{Kind, Model, Operation, ParamIn, Success, Ty, TypeDef};

/// What Preview shares with the stable model, by name.
#[derive(Debug, Clone, Default)]
pub struct Sharing {
    /// Types the same in both, down to every type they name: the preview module re-exports them.
    pub types: BTreeSet<String>,
    /// Operations the same in both (method, path, parameters, body and answer): the stable endpoint serves.
    pub operations: BTreeSet<String>,
}

/// Works out what `preview` shares with `stable`.
pub fn sharing(stable: &Model, preview: &Model) -> Sharing {
    // Start from the types whose own shape is the same, then drop those that name a type that is not shared
    // until nothing changes: a type is shared only when everything it reaches is.
    let mut types: BTreeSet<String> = preview
        .types
        .iter()
        .filter(|p| stable.types.iter().any(|s| s.name == p.name && same_shape(s, p)))
        .map(|p| p.name.clone())
        .collect();
    loop {
        let before = types.len();
        let unshared: Vec<String> = preview
            .types
            .iter()
            .filter(|t| types.contains(&t.name) && !named_in_kind(&t.kind).iter().all(|n| types.contains(*n)))
            .map(|t| t.name.clone())
            .collect();
        for name in unshared {
            types.remove(&name);
        }
        if types.len() == before {
            break;
        }
    }
    let operations = preview
        .operations
        .iter()
        .filter(|p| stable.operations.iter().any(|s| same_operation(s, p, &types)))
        .map(|p| p.name.clone())
        .collect();
    Sharing { types, operations }
}

/// The model the preview module is written from: what Preview does not share, and only that.
pub fn unshared(preview: &Model, sharing: &Sharing) -> Model {
    let mut model = preview.clone();
    model.types.retain(|t| !sharing.types.contains(&t.name));
    model.operations.retain(|op| !sharing.operations.contains(&op.name));
    model
}

/// `model` as seen from outside the preview module: every type named `preview::Name` (shared types are
/// re-exported there too), for the writers that spell types from the core crate or the tests.
pub fn qualified(model: &Model) -> Model {
    let mut out = model.clone();
    for def in &mut out.types {
        def.name = format!("preview::{}", def.name);
        rename_in_kind(&mut def.kind);
    }
    for (_, ty) in &mut out.keys {
        rename(ty);
    }
    for op in &mut out.operations {
        op.params.iter_mut().for_each(|p| rename(&mut p.ty));
        op.request_ty.iter_mut().for_each(rename);
        if let Success::Json(ty) = &mut op.success {
            rename(ty);
        }
        if let Some(paging) = &mut op.paging {
            rename(&mut paging.item);
        }
    }
    out
}

fn rename(ty: &mut Ty) {
    match ty {
        Ty::Named(name) => *name = format!("preview::{name}"),
        Ty::Vec(inner) | Ty::Nullable(inner) | Ty::MapOf(inner) => rename(inner),
        _ => {}
    }
}

fn rename_in_kind(kind: &mut Kind) {
    match kind {
        Kind::Struct(fields) => fields.iter_mut().for_each(|f| rename(&mut f.ty)),
        Kind::OneOf(variants) => variants.iter_mut().for_each(|v| rename(&mut v.ty)),
        Kind::Alias(ty) => rename(ty),
        Kind::Enum(_) => {}
    }
}

/// Whether two types have the same Rust shape (names, fields, variants), whatever their docs say.
fn same_shape(a: &TypeDef, b: &TypeDef) -> bool {
    a.style == b.style && without_docs(&a.kind) == without_docs(&b.kind)
}

fn without_docs(kind: &Kind) -> Kind {
    let mut kind = kind.clone();
    if let Kind::Struct(fields) = &mut kind {
        fields.iter_mut().for_each(|f| f.doc.clear());
    }
    kind
}

/// The generated types a type names directly.
fn named_in_kind(kind: &Kind) -> Vec<&str> {
    let mut out = Vec::new();
    match kind {
        Kind::Struct(fields) => fields.iter().for_each(|f| named_in(&f.ty, &mut out)),
        Kind::OneOf(variants) => variants.iter().for_each(|v| named_in(&v.ty, &mut out)),
        Kind::Alias(ty) => named_in(ty, &mut out),
        Kind::Enum(_) => {}
    }
    out
}

fn named_in<'a>(ty: &'a Ty, out: &mut Vec<&'a str>) {
    match ty {
        Ty::Named(name) => out.push(name),
        Ty::Vec(inner) | Ty::Nullable(inner) | Ty::MapOf(inner) => named_in(inner, out),
        _ => {}
    }
}

/// Whether a Preview operation is the stable one unchanged: name, route, parameters (a path parameter's name
/// aside: it is only a field name, the segment on the wire is the same), body and answer, with every type they
/// name shared.
fn same_operation(stable: &Operation, preview: &Operation, shared: &BTreeSet<String>) -> bool {
    let params_same = stable.params.len() == preview.params.len()
        && stable.params.iter().zip(&preview.params).all(|(s, p)| {
            (s.name == p.name || s.location == ParamIn::Path)
                && s.location == p.location
                && s.ty == p.ty
                && s.required == p.required
        });
    let success = match &preview.success {
        Success::Json(ty) => Some(ty),
        _ => None,
    };
    let mut names = Vec::new();
    preview
        .params
        .iter()
        .map(|p| &p.ty)
        .chain(&preview.request_ty)
        .chain(success)
        .for_each(|ty| named_in(ty, &mut names));
    stable.name == preview.name
        && stable.route() == preview.route()
        && params_same
        && stable.request_ty == preview.request_ty
        && stable.success == preview.success
        && names.iter().all(|n| shared.contains(*n))
}

/// `docs/PREVIEW.md`: how much Preview shares with the stable version, and every operation it changes or adds.
pub fn report(stable: &Model, preview: &Model, sharing: &Sharing) -> String {
    let mut out = format!(
        "# Preview operations\n\nWhat the `preview` feature adds, generated by `intercom-codegen` from Intercom's \
         Preview description against {}: do not edit. docs/VERSIONING.md says what Preview is and how to use it.\n\n\
         - Operations: {} in Preview; {} are the same as in {} (send the stable endpoint type with \
         `ApiVersion::PREVIEW` to reach them), {} differ and {} are new: those {} are endpoint types in \
         `endpoints::preview`.\n\
         - Types: {} in Preview; {} are the same as in {} and re-exported from `models::preview`, {} are written \
         in `models::preview`.\n\n\
         | endpoint | request | operationId | in {} | returns | pages |\n|---|---|---|---|---|---|\n",
        stable.version,
        preview.operations.len(),
        sharing.operations.len(),
        stable.version,
        preview.operations.iter().filter(|op| !sharing.operations.contains(&op.name) && in_stable(stable, op)).count(),
        preview.operations.iter().filter(|op| !in_stable(stable, op)).count(),
        preview.operations.len() - sharing.operations.len(),
        preview.types.len(),
        sharing.types.len(),
        stable.version,
        preview.types.len() - sharing.types.len(),
        stable.version,
    );
    for op in preview.operations.iter().filter(|op| !sharing.operations.contains(&op.name)) {
        let output = match &op.success {
            Success::Json(ty) => core_type(ty).replace("intercom_models::", ""),
            Success::Empty => "()".into(),
            Success::Binary => "ExportFile".into(),
        };
        let _ = writeln!(
            out,
            "| `preview::{}` | `{} {}` | [`{}`]({}) | {} | `{}` | {} |",
            op.name,
            op.method,
            op.path,
            op.spec_id.as_deref().unwrap_or("(none)"),
            reference(preview, op),
            if in_stable(stable, op) { "changed" } else { "new" },
            output.replace('<', "&lt;").replace('>', "&gt;"),
            op.paging.as_ref().map(|p| p.style).unwrap_or(""),
        );
    }
    out
}

fn in_stable(stable: &Model, op: &Operation) -> bool {
    stable.operations.iter().any(|s| s.route() == op.route())
}
