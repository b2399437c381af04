//! The Preview description against the newest stable one: which of its types and operations are the same
//! (the preview module re-exports those) and which differ or are new (the preview module generates those).

use std::collections::BTreeSet;

use std::fmt::Write as _;

use crate::endpoint_text::{core_type, reference};
use crate::model::{Kind, Model, Operation, Success, Ty, TypeDef};

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
pub fn qualified(model: &Model, shared_types: &[TypeDef]) -> Model {
    let mut out = model.clone();
    out.types.extend(shared_types.iter().cloned());
    for def in &mut out.types {
        def.name = format!("preview::{}", def.name);
        rename_in_kind(&mut def.kind);
    }
    for (_, ty) in &mut out.keys {
        rename(ty);
    }
    for op in &mut out.operations {
        for p in &mut op.params {
            rename(&mut p.ty);
        }
        if let Some(ty) = &mut op.request_ty {
            rename(ty);
        }
        if let crate::model::Success::Json(ty) = &mut op.success {
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

fn types_shared(ty: &Ty, shared: &BTreeSet<String>) -> bool {
    let mut names = Vec::new();
    named_in(ty, &mut names);
    names.iter().all(|n| shared.contains(*n))
}

/// Whether a Preview operation is the stable one unchanged: name, method, path (parameter names aside),
/// parameters, body and answer, with every type they name shared.
fn same_operation(stable: &Operation, preview: &Operation, shared: &BTreeSet<String>) -> bool {
    let route = |op: &Operation| crate::overrides::route_shape(&format!("{} {}", op.method, op.path));
    let params_same = stable.params.len() == preview.params.len()
        && stable.params.iter().zip(&preview.params).all(|(s, p)| {
            // A path parameter's name is only a field name: `{admin_id}` and `{id}` put the same segment on the wire.
            (s.name == p.name || s.location == crate::model::ParamIn::Path)
                && s.location == p.location
                && s.ty == p.ty
                && s.required == p.required
        });
    let success_same = match (&stable.success, &preview.success) {
        (crate::model::Success::Json(s), crate::model::Success::Json(p)) => s == p && types_shared(p, shared),
        (s, p) => s == p,
    };
    stable.name == preview.name
        && route(stable) == route(preview)
        && params_same
        && params_same_types(preview, shared)
        && stable.request_ty == preview.request_ty
        && preview.request_ty.as_ref().is_none_or(|ty| types_shared(ty, shared))
        && success_same
}

fn params_same_types(op: &Operation, shared: &BTreeSet<String>) -> bool {
    op.params.iter().all(|p| types_shared(&p.ty, shared))
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
    let route = |op: &Operation| crate::overrides::route_shape(&format!("{} {}", op.method, op.path));
    stable.operations.iter().any(|s| route(s) == route(op))
}
