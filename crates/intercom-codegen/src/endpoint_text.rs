//! The pieces every endpoint writer shares: names, types as core spells them, version ranges, reference links.

use crate::model::{Model, Operation};
use crate::naming::snake;

/// Whether `model` is the Preview description's: its endpoints, operations, fixtures and tests go in a
/// `preview` module (behind the `preview` feature) and are sent with `Intercom-Version: Preview`.
pub fn is_preview(model: &Model) -> bool {
    model.version == "Preview"
}

/// The path below `endpoints`, `operations` and `fixtures` where `model`'s items go: `preview::` or nothing.
pub fn namespace(model: &Model) -> &'static str {
    if is_preview(model) {
        "preview::"
    } else {
        ""
    }
}

/// The name of an operation's static in the table: `IDENTIFY_ADMIN`.
pub fn static_name(op: &Operation) -> String {
    snake(&op.name).to_ascii_uppercase()
}

/// Whether sending `op` twice does no harm: every method but `POST`, and a `POST` that only reads (a search,
/// or a listing such as `POST /companies/list`), which the naming rule names `Search…` or `List…`.
pub fn safe_to_retry(op: &Operation) -> bool {
    op.method != "POST" || op.name.starts_with("Search") || op.name.starts_with("List")
}

/// The `ApiVersion` constant of a version column: `2.11` -> `ApiVersion::V2_11`.
pub fn version_const(version: &str) -> String {
    match version {
        "Preview" => "ApiVersion::PREVIEW".into(),
        v => format!("ApiVersion::V{}", v.replace('.', "_")),
    }
}

/// The versions as a reader wants them: `2.7–2.11`, `2.14–2.16, Preview`.
pub fn version_ranges(versions: &[String], known: &[String]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        match run.as_slice() {
            [] => {}
            [one] => out.push((*one).to_owned()),
            [first, .., last] => out.push(format!("{first}–{last}")),
        }
        run.clear();
    };
    for version in known {
        if versions.contains(version) && version != "Preview" {
            run.push(version);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    if versions.iter().any(|v| v == "Preview") {
        out.push("Preview".into());
    }
    out.join(", ")
}

/// A type as the core crate spells it (models qualified): the models writer's own spelling.
pub use crate::render::qualified as core_type;

/// The start page of Intercom's Preview reference. Preview items link there rather than to their own page:
/// Intercom's Preview text links those pages itself, and a copied link reads as copied text.
pub const PREVIEW_REFERENCE: &str = "https://developers.intercom.com/docs/references/preview/rest-api/api.intercom.io";

/// The page of Intercom's API reference for `op`: the newest version that has it, the operation's own page
/// when it has an `operationId`, else its resource group's; for Preview, the Preview reference.
pub fn reference(model: &Model, op: &Operation) -> String {
    if is_preview(model) {
        return PREVIEW_REFERENCE.to_owned();
    }
    let version = op.last_stable_version().unwrap_or(&model.version);
    let group = format!(
        "https://developers.intercom.com/docs/references/{version}/rest-api/api.intercom.io/{}",
        op.tag.to_ascii_lowercase().replace(' ', "-")
    );
    match &op.spec_id {
        Some(id) => format!("{group}/{}", id.to_ascii_lowercase()),
        None => group,
    }
}
