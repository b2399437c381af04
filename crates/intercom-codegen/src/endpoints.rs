//! From the [`Model`]'s operations to the core crate's operation table and endpoint types, and to one
//! conformance test per operation.

use std::fmt::Write as _;

use crate::model::{Kind, Model, Operation, ParamIn, Style, Success, Ty};
use crate::naming::{field, snake};
use crate::overrides::Overrides;
use crate::render::rust_type;
use crate::spec::Node;

use crate::render::header;

/// The name of an operation's static in the table: `IDENTIFY_ADMIN`.
fn static_name(op: &Operation) -> String {
    snake(&op.name).to_ascii_uppercase()
}

/// Whether sending `op` twice does no harm: every method but `POST`, and a `POST` that only reads (a search,
/// or a listing such as `POST /companies/list`), which the naming rule names `Search…` or `List…`.
pub fn safe_to_retry(op: &Operation) -> bool {
    op.method != "POST" || op.name.starts_with("Search") || op.name.starts_with("List")
}

/// The `ApiVersion` constant of a version column: `2.11` -> `ApiVersion::V2_11`.
fn version_const(version: &str) -> String {
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

/// A type as the core crate spells it (models qualified).
pub fn core_type(ty: &Ty) -> String {
    match ty {
        Ty::Named(name) => format!("intercom_models::{name}"),
        Ty::Vec(inner) => format!("Vec<{}>", core_type(inner)),
        Ty::Nullable(inner) => format!("Option<{}>", core_type(inner)),
        Ty::MapOf(inner) => format!("std::collections::BTreeMap<String, {}>", core_type(inner)),
        other => rust_type(other),
    }
}

/// Whether a value of `ty` has a `Default` (so a body of that type need not be passed to `new`).
pub fn derives_default(model: &Model, ty: &Ty) -> bool {
    match ty {
        Ty::Named(name) => model.types.iter().find(|t| &t.name == name).is_some_and(|t| match &t.kind {
            Kind::Struct(fields) => t.style == Style::Response || fields.iter().all(|f| !f.required),
            Kind::Alias(inner) => derives_default(model, inner),
            _ => false,
        }),
        _ => true,
    }
}

/// `crates/intercom-core/src/operations/generated/table.rs`.
pub fn table(model: &Model) -> String {
    let mut out = header(
        model,
        "Every operation: endpoint name, `operationId`, method, path template and the versions that have it.",
    );
    out.push_str("use http::Method;\n\nuse super::Operation;\nuse crate::version::ApiVersion;\n\n");
    for op in &model.operations {
        let versions: Vec<String> = op.versions.iter().map(|v| version_const(v)).collect();
        let _ = writeln!(
            out,
            "/// [`{}`](crate::endpoints::{}): `{} {}`.\npub static {}: Operation = Operation {{ name: {:?}, id: {:?}, \
             method: Method::{}, path: {:?}, versions: &[{}], sdk_method: {:?}, safe_to_retry: {} }};\n",
            op.name,
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

/// The page of Intercom's API reference for `op`: the newest version that has it, the operation's own page
/// when it has an `operationId`, else its resource group's.
pub fn reference(model: &Model, op: &Operation) -> String {
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

fn param_type(ty: &Ty, required: bool) -> String {
    if required {
        core_type(ty)
    } else {
        format!("Option<{}>", core_type(ty))
    }
}

/// An argument type for a constructor or setter, and how to store it.
fn argument(ty: &Ty) -> (String, &'static str) {
    match ty {
        Ty::Str => ("impl Into<String>".into(), ".into()"),
        other => (core_type(other), ""),
    }
}

/// The files of `crates/intercom-core/src/endpoints/generated/`.
pub fn endpoints(model: &Model, spec: &Node, overrides: &Overrides) -> Vec<(String, String)> {
    let modules = crate::render::by_module(&model.operations, |op| &op.module);
    let mut files =
        vec![crate::render::module_root(model, "One endpoint type per operation, by resource group.", &modules)];
    for (module, ops) in &modules {
        let mut out = header(model, &format!("Endpoints of the `{module}` group."));
        if ops.iter().any(|op| op.is_dropped_by(&model.version)) {
            out.push_str("#![allow(deprecated)] // The deprecated endpoints' own impls.\n\n");
        }
        out.push_str("#[allow(unused_imports)]\nuse crate::endpoint::{json_body, path_param, Binary, Endpoint, Json, NoContent};\n");
        out.push_str("use crate::error::Error;\nuse crate::operations::{self, Operation};\n#[allow(unused_imports)]\nuse crate::query::Query;\n");
        let mut paginated = Vec::new();
        for op in ops {
            out.push('\n');
            endpoint(model, op, &mut out);
            if let Some(paging) = crate::pagination::paging(model, op, spec) {
                crate::pagination::implementation(op, &paging, overrides, &mut out);
                paginated.push(op.name.as_str());
            }
        }
        let names: Vec<&str> = ops.iter().map(|op| op.name.as_str()).collect();
        let _ = writeln!(out, "\nsendable!({});", names.join(", "));
        if !paginated.is_empty() {
            let _ = writeln!(out, "paginated!({});", paginated.join(", "));
        }
        files.push((format!("{module}.rs"), out));
    }
    files
}

fn endpoint(model: &Model, op: &Operation, out: &mut String) {
    let body_default = op.request_ty.as_ref().is_some_and(|ty| derives_default(model, ty));
    let (output, format) = match &op.success {
        Success::Json(ty) => (core_type(ty), "Json"),
        Success::Empty => ("()".to_owned(), "NoContent"),
        Success::Binary => ("crate::ExportFile".to_owned(), "Binary"),
    };
    let intercom = match &op.spec_id {
        Some(id) => format!("Intercom's [`{id}`]({})", reference(model, op)),
        None => format!("[Intercom's reference]({})", reference(model, op)),
    };
    let sdk = op.sdk_method.as_ref().map(|m| format!("; `{m}` in Intercom's SDKs")).unwrap_or_default();
    let _ = writeln!(out, "/// `{} {}`: {intercom}{sdk}.", op.method, op.path);
    let _ = writeln!(out, "///\n/// Answers `{}`.", output.replace("intercom_models::", ""));
    if let Some(since) = op.versions.first() {
        let _ = writeln!(out, "///\n/// Since API {since}; in {}.", version_ranges(&op.versions, &model.versions));
    }
    for alias in op.spec_id.iter().chain(op.sdk_method.iter()).filter(|alias| **alias != op.name) {
        let _ = writeln!(out, "#[doc(alias = {alias:?})]");
    }
    if op.is_dropped_by(&model.version) {
        let last = op.last_stable_version().unwrap_or("an older version");
        let _ = writeln!(
            out,
            "#[deprecated(note = \"API {} dropped this operation (last in {last}): it works only with an older `Intercom-Version`\")]",
            model.version
        );
    }
    let no_arguments = op.params.iter().all(|p| !p.required) && (op.request_ty.is_none() || body_default);
    let _ = writeln!(out, "#[derive(Debug, Clone, {}PartialEq)]", if no_arguments { "Default, " } else { "" });
    let _ = writeln!(out, "pub struct {} {{", op.name);
    for p in &op.params {
        let place = if p.location == ParamIn::Path { "Path" } else { "Query" };
        let _ = writeln!(
            out,
            "    /// {place} parameter `{}`.\n    pub {}: {},",
            p.name,
            p.rust,
            param_type(&p.ty, p.required)
        );
    }
    if let Some(ty) = &op.request_ty {
        let _ = writeln!(out, "    /// The request body.\n    pub body: {},", core_type(ty));
    }
    out.push_str("}\n\n");

    // Constructor: path parameters, required query parameters, and the body unless it has a default.
    let _ = writeln!(out, "impl {} {{", op.name);
    let _ = writeln!(
        out,
        "    /// The operation this request calls (its name, method, path and versions): what `intercom-mock` keys\n    /// its answers by.\n    pub const OPERATION: &'static Operation = &operations::{};\n",
        static_name(op)
    );
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &op.params {
        if p.required {
            let (arg, store) = argument(&p.ty);
            args.push(format!("{}: {arg}", p.rust));
            inits.push(if store.is_empty() { p.rust.clone() } else { format!("{}: {}{store}", p.rust, p.rust) });
        } else {
            inits.push(format!("{}: None", p.rust));
        }
    }
    if let Some(_ty) = &op.request_ty {
        if body_default {
            inits.push("body: Default::default()".into());
        } else {
            args.push(format!("body: {}", core_type(op.request_ty.as_ref().unwrap_or(&Ty::Any))));
            inits.push("body".into());
        }
    }
    let _ = writeln!(
        out,
        "    /// The request, with its required parameters.\n    pub fn new({}) -> Self {{\n        Self {{ {} }}\n    }}",
        args.join(", "),
        inits.join(", ")
    );
    for p in op.params.iter().filter(|p| !p.required) {
        let (arg, store) = argument(&p.ty);
        let _ = writeln!(
            out,
            "\n    /// Sets query parameter `{}`.\n    pub fn {}(mut self, {}: {arg}) -> Self {{\n        self.{} = Some({}{store});\n        self\n    }}",
            p.name, p.rust, p.rust, p.rust, p.rust
        );
    }
    if let (Some(ty), true) = (&op.request_ty, body_default) {
        let _ = writeln!(
            out,
            "\n    /// Sets the request body.\n    pub fn body(mut self, body: {}) -> Self {{\n        self.body = body;\n        self\n    }}",
            core_type(ty)
        );
    }
    out.push_str("}\n\n");

    let _ = writeln!(out, "impl Endpoint for {} {{", op.name);
    let _ = writeln!(out, "    type Output = {output};\n    type Format = {format};\n");
    let _ = writeln!(out, "    fn operation(&self) -> &'static Operation {{\n        Self::OPERATION\n    }}\n");
    let mut template = String::new();
    let mut values = Vec::new();
    for segment in op.path.split('/').skip(1) {
        template.push('/');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => {
                template.push_str("{}");
                values.push(format!("path_param({name:?}, &self.{})?", field(name)));
            }
            None => template.push_str(segment),
        }
    }
    if values.is_empty() {
        let _ = writeln!(
            out,
            "    fn path(&self) -> Result<String, Error> {{\n        Ok({:?}.to_owned())\n    }}",
            op.path
        );
    } else {
        let _ = writeln!(
            out,
            "    fn path(&self) -> Result<String, Error> {{\n        Ok(format!({template:?}, {}))\n    }}",
            values.join(", ")
        );
    }
    let query: Vec<_> = op.params.iter().filter(|p| p.location == ParamIn::Query).collect();
    if !query.is_empty() {
        out.push_str("\n    fn query(&self, query: &mut Query) {\n");
        for p in query {
            let _ = writeln!(out, "        query.push_value({:?}, &self.{});", p.name, p.rust);
        }
        out.push_str("    }\n");
    }
    if op.request_ty.is_some() {
        out.push_str(
            "\n    fn body(&self) -> Result<Option<Vec<u8>>, Error> {\n        json_body(&self.body)\n    }\n",
        );
    }
    out.push_str("}\n");
}

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
pub fn tests(model: &Model, spec: &Node, overrides: &Overrides) -> String {
    let mut out = header(
        model,
        "One conformance test per operation (the request the mock receives, the answer decoded), and one paging \
         scenario per paginated operation.",
    );
    out.push_str("use crate::operation_check::{check_operation, sample, Expected};\n");
    out.push_str("use crate::pagination_check::check_pagination;\nuse intercom_core::protocol::PageStyle;\n");
    for op in &model.operations {
        let mut call = format!("intercom_core::endpoints::{}::new(", op.name);
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
        let body_default = op.request_ty.as_ref().is_some_and(|ty| derives_default(model, ty));
        if let (Some(ty), Some(value)) = (&op.request_ty, &body) {
            if !body_default {
                args.push(sample_expr(ty, value));
            }
        }
        call.push_str(&args.join(", "));
        call.push(')');
        for p in op.params.iter().filter(|p| !p.required) {
            let _ = write!(call, ".{}({})", p.rust, sample_expr(&p.ty, &p.sample));
        }
        if let (Some(ty), Some(value), true) = (&op.request_ty, &body, body_default) {
            let _ = write!(call, ".body({})", sample_expr(ty, value));
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
        if let Some(paging) = crate::pagination::paging(model, op, spec) {
            // Only the required parameters and a small page size: the scenario serves its own cursors.
            let mut paged = format!("intercom_core::endpoints::{}::new({})", op.name, args.join(", "));
            if op.params.iter().any(|p| p.location == ParamIn::Query && p.name == "per_page") {
                paged.push_str(".per_page(3)");
            }
            crate::pagination::test(op, &paging, &paged, &mut out);
        }
        // An operation the newest version dropped is sent with the last version that has it.
        let version = op.last_stable_version().unwrap_or(&model.version);
        if version != model.version {
            let _ = write!(call, ".with_options(intercom_core::RequestOptions::new().api_version({version:?}))");
        }
        let _ = writeln!(
            out,
            "\n#[tokio::test(flavor = \"multi_thread\", worker_threads = 2)]\nasync fn {}() {{\n    let endpoint = {call};\n    \
             check_operation(endpoint, Expected {{ path: {path:?}, query: {:?}, body: {body_text}, exact_body: {exact}, \
             version: {version:?} }}).await;\n}}",
            snake(&op.name),
            query.join("&"),
        );
    }
    out
}

/// `docs/OPERATIONS.md`: every operation the SDK covers, by resource group.
pub fn coverage(model: &Model, spec: &Node) -> String {
    let mut out = format!(
        "# Operations\n\nEvery operation of Intercom's API {} (and the ones it dropped that older versions still \
         have) and the endpoint type that calls it: {} in all. Endpoint names follow one rule (docs/MODELS.md, \
         \"Naming\"); the `operationId` column links Intercom's reference, and the SDK method is the name in \
         Intercom's official SDKs. Generated by `intercom-codegen` (the same model as \
         `intercom_core::operations::ALL`): do not edit.\n",
        model.version,
        model.operations.len()
    );
    let modules = crate::render::by_module(&model.operations, |op| &op.module);
    for ops in modules.values() {
        let _ = write!(
            out,
            "\n## {}\n\n| endpoint | request | operationId | SDK method | versions | returns | pages |\n\
             |---|---|---|---|---|---|---|\n",
            ops[0].tag
        );
        for op in ops {
            let output = match &op.success {
                Success::Json(ty) => core_type(ty).replace("intercom_models::", ""),
                Success::Empty => "()".into(),
                Success::Binary => "ExportFile".into(),
            };
            let pages = crate::pagination::paging(model, op, spec).map(|p| p.style).unwrap_or("");
            let name = match op.is_dropped_by(&model.version) {
                true => format!("`{}` (deprecated)", op.name),
                false => format!("`{}`", op.name),
            };
            let _ = writeln!(
                out,
                "| {name} | `{} {}` | [`{}`]({}) | {} | {} | `{}` | {} |",
                op.method,
                op.path,
                op.spec_id.as_deref().unwrap_or("(none)"),
                reference(model, op),
                op.sdk_method.as_ref().map(|m| format!("`{m}`")).unwrap_or_default(),
                version_ranges(&op.versions, &model.versions),
                output.replace('<', "&lt;").replace('>', "&gt;"),
                pages
            );
        }
    }
    out
}
