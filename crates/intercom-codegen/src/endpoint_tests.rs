//! `tests/all/generated/operations.rs`: one conformance test per operation, and one paging scenario per
//! paginated operation.

use std::fmt::Write as _;

use crate::endpoint_text::{core_type, namespace};
use crate::model::{Model, Operation, Paging, ParamIn, Ty};
use crate::naming::snake;
use crate::overrides::Overrides;
use crate::render::header;
use crate::spec::Node;
use crate::template::{fill, pairs};

/// Percent-encodes everything but RFC 3986's unreserved characters (the tests' own oracle).
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn scalar_text(node: &Node) -> Option<String> {
    match node {
        Node::Null => None,
        Node::Str(s) => Some(s.clone()),
        other => Some(other.to_json().to_string()),
    }
}

/// The query pairs a parameter's sample becomes (objects exploded, lists repeated).
fn query_pairs(name: &str, sample: &Node) -> Vec<String> {
    match sample {
        Node::Map(entries) => entries
            .iter()
            .filter_map(|(k, v)| scalar_text(v).map(|t| format!("{}={}", encode(k), encode(&t))))
            .collect(),
        Node::List(items) => {
            items.iter().filter_map(|v| scalar_text(v).map(|t| format!("{}={}", encode(name), encode(&t)))).collect()
        }
        other => scalar_text(other).map(|t| format!("{}={}", encode(name), encode(&t))).into_iter().collect(),
    }
}

fn sample_expr(ty: &Ty, sample: &Node) -> String {
    let sample = match (ty, sample) {
        // A path parameter is text, whatever the schema says (`article_id: integer`).
        (Ty::Str, Node::Int(_) | Node::Float(_) | Node::Bool(_)) => Node::Str(scalar_text(sample).unwrap_or_default()),
        _ => sample.clone(),
    };
    format!("sample::<{}>(r##\"{}\"##)", core_type(ty), sample.to_json())
}

/// `tests/all/generated/operations.rs`: one test per operation, through both transports.
pub fn tests(model: &Model, overrides: &Overrides) -> String {
    let mut out = header(
        model,
        "One conformance test per operation (the request the mock receives, the answer decoded), and one paging \
         scenario per paginated operation.",
    );
    out.push_str("use crate::operation_check::{check_operation, sample, Expected};\n");
    out.push_str("use crate::pagination_check::check_pagination;\nuse intercom_core::protocol::PageStyle;\n");
    for op in &model.operations {
        let mut call = format!("intercom_core::endpoints::{}{}::new(", namespace(model), op.name);
        let mut args = Vec::new();
        for p in op.params.iter().filter(|p| p.required) {
            args.push(sample_expr(&p.ty, &p.sample));
        }
        let (body, exact) = match &op.request_ty {
            None => (None, true),
            Some(_) => {
                let listed =
                    |name: &str| overrides.request_examples.iter().any(|(k, _)| *k == format!("{}: {name}", op.name));
                let chosen = op.request_examples.iter().find(|(name, _)| !listed(name));
                match (chosen, op.request_examples.first(), &op.request_sample) {
                    (Some((_, value)), _, _) => (Some(value.clone()), true),
                    (None, Some((_, value)), _) => (Some(value.clone()), false),
                    (None, None, Some(sample)) => (Some(sample.clone()), true),
                    (None, None, None) => (Some(Node::Map(Vec::new())), true),
                }
            }
        };
        if let (Some(ty), Some(value)) = (&op.request_ty, &body) {
            args.push(sample_expr(ty, value));
        }
        call.push_str(&args.join(", "));
        call.push(')');
        for p in op.params.iter().filter(|p| !p.required) {
            let _ = write!(call, ".{}({})", p.rust, sample_expr(&p.ty, &p.sample));
        }
        let mut path = String::new();
        for segment in op.path.split('/').skip(1) {
            path.push('/');
            match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => {
                    let sample = op.params.iter().find(|p| p.name == name).and_then(|p| scalar_text(&p.sample));
                    path.push_str(&encode(&sample.unwrap_or_default()));
                }
                None => path.push_str(segment),
            }
        }
        let query: Vec<String> = op
            .params
            .iter()
            .filter(|p| p.location == ParamIn::Query)
            .flat_map(|p| query_pairs(&p.name, &p.sample))
            .collect();
        let body_text = match &body {
            Some(value) => format!("Some(r##\"{}\"##)", value.to_json()),
            None => "None".into(),
        };
        if let Some(paging) = &op.paging {
            // Only the required parameters and a small page size: the scenario serves its own cursors.
            let mut paged =
                format!("intercom_core::endpoints::{}{}::new({})", namespace(model), op.name, args.join(", "));
            if op.params.iter().any(|p| p.location == ParamIn::Query && p.name == "per_page") {
                paged.push_str(".per_page(3)");
            }
            paging_test(op, paging, &paged, &mut out);
        }
        // An operation the newest version dropped is sent with the last version that has it.
        let version = match crate::endpoint_text::is_preview(model) {
            true => model.version.as_str(),
            false => op.last_stable_version().unwrap_or(&model.version),
        };
        if version != model.version {
            let _ = write!(call, ".with_options(intercom_core::RequestOptions::new().api_version({version:?}))");
        }
        let values = [
            ("test_name", snake(&op.name)),
            ("call", call),
            ("path", format!("{path:?}")),
            ("query", format!("{:?}", query.join("&"))),
            ("body", body_text),
            ("exact", exact.to_string()),
            ("version", format!("{version:?}")),
        ];
        out.push_str(&fill(include_str!("../templates/operation_test.rs.tmpl"), &pairs(&values)));
    }
    out
}

/// The pagination scenario test of one operation.
fn paging_test(op: &Operation, paging: &Paging, call: &str, out: &mut String) {
    let values = [
        ("test_name", snake(&op.name)),
        ("call", call.to_owned()),
        ("style", paging.style.to_string()),
        ("id_field", format!("{:?}", paging.id_field)),
    ];
    out.push_str(&fill(include_str!("../templates/pagination_test.rs.tmpl"), &pairs(&values)));
}
