//! `crates/intercom-core/src/protocol/operations/generated/table.rs`: every operation as data.

use std::fmt::Write as _;

use crate::endpoint_text::{is_preview, namespace, safe_to_retry, static_name, version_const};
use crate::model::Model;
use crate::render::header;

/// `crates/intercom-core/src/protocol/operations/generated/table.rs`.
pub fn table(model: &Model) -> String {
    let mut out = header(
        model,
        "Every operation: endpoint name, `operationId`, method, path template and the versions that have it.",
    );
    let operation = if is_preview(model) { "crate::protocol::operations::Operation" } else { "super::Operation" };
    let _ = write!(out, "use http::Method;\n\nuse {operation};\nuse crate::protocol::version::ApiVersion;\n\n");
    for op in &model.operations {
        let versions: Vec<String> = op.versions.iter().map(|v| version_const(v)).collect();
        let _ = writeln!(
            out,
            "/// [`{}`](crate::endpoints::{}{}): `{} {}`.\npub static {}: Operation = Operation {{ name: {:?}, id: {:?}, \
             method: Method::{}, path: {:?}, versions: &[{}], sdk_method: {:?}, safe_to_retry: {}, preview: {} }};\n",
            op.name,
            namespace(model),
            op.name,
            op.method,
            op.path,
            static_name(op),
            op.name,
            op.spec_id,
            op.method,
            op.path,
            versions.join(", "),
            op.sdk_method,
            safe_to_retry(op),
            is_preview(model),
        );
    }
    out.push_str(
        "/// Every operation the SDK covers, in the description's order.\npub static ALL: &[&Operation] = &[\n",
    );
    for op in &model.operations {
        let _ = writeln!(out, "    &{},", static_name(op));
    }
    out.push_str("];\n");
    out
}
