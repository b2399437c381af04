//! `crates/intercom-core/src/protocol/operations/generated/table.rs`: every operation as data.

use crate::endpoint_text::{is_preview, namespace, safe_to_retry, static_name, version_const};
use crate::model::Model;
use crate::render::header;
use crate::template::{fill, pairs};

/// `crates/intercom-core/src/protocol/operations/generated/table.rs`.
pub fn table(model: &Model) -> String {
    let rows: String = model
        .operations
        .iter()
        .map(|op| {
            let versions: Vec<String> = op.versions.iter().map(|v| version_const(v)).collect();
            let values = [
                ("name", op.name.clone()),
                ("namespace", namespace(model).to_owned()),
                ("method", op.method.clone()),
                ("path", op.path.clone()),
                ("static_name", static_name(op)),
                ("name_literal", format!("{:?}", op.name)),
                ("id", format!("{:?}", op.spec_id)),
                ("path_literal", format!("{:?}", op.path)),
                ("versions", versions.join(", ")),
                ("sdk_method", format!("{:?}", op.sdk_method)),
                ("safe_to_retry", safe_to_retry(op).to_string()),
                ("preview", is_preview(model).to_string()),
            ];
            fill(include_str!("../templates/operation_row.rs.tmpl"), &pairs(&values))
        })
        .collect();
    let all: String = model.operations.iter().map(|op| format!("    &{},\n", static_name(op))).collect();
    let header = header(
        model,
        "Every operation: endpoint name, `operationId`, method, path template and the versions that have it.",
    );
    let operation_type = if is_preview(model) { "crate::protocol::operations::Operation" } else { "super::Operation" };
    let values = [("header", header.as_str()), ("operation_type", operation_type), ("rows", &rows), ("all", &all)];
    fill(include_str!("../templates/operations_table.rs.tmpl"), &values)
}
