//! The files of `crates/intercom-core/src/endpoints/generated/`: one endpoint type per operation, with its
//! `Endpoint` impl and, for a paginated one, its `Paginated` impl.

use std::fmt::Write as _;

use crate::endpoint_text::{core_type, is_preview, namespace, reference, static_name, version_ranges};
use crate::model::{Model, Operation, Paging, ParamIn, Success, Ty};
use crate::naming::field;
use crate::overrides::Overrides;
use crate::render::header;
use crate::template::fill;

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
pub fn endpoints(model: &Model, overrides: &Overrides) -> Vec<(String, String)> {
    let modules = crate::render::by_module(&model.operations, |op| &op.module);
    let mut files =
        vec![crate::render::module_root(model, "One endpoint type per operation, by resource group.", &modules)];
    for (module, ops) in &modules {
        let mut endpoints = String::new();
        let mut paginated = Vec::new();
        for op in ops {
            endpoints.push_str(&endpoint(model, op));
            if let Some(paging) = &op.paging {
                endpoints.push_str(&paginated_impl(op, paging, overrides));
                paginated.push(op.name.as_str());
            }
        }
        let names: Vec<&str> = ops.iter().map(|op| op.name.as_str()).collect();
        let deprecated = ops.iter().any(|op| op.is_dropped_by(&model.version));
        let file = fill(
            include_str!("../templates/endpoints_file.rs.tmpl"),
            &[
                ("header", &header(model, &format!("Endpoints of the `{module}` group."))),
                (
                    "allow_deprecated",
                    if deprecated { "#![allow(deprecated)] // The deprecated endpoints' own impls.\n\n" } else { "" },
                ),
                ("endpoints", &endpoints),
                ("sendable", &names.join(", ")),
                (
                    "paginated",
                    &if paginated.is_empty() {
                        String::new()
                    } else {
                        format!("paginated!({});\n", paginated.join(", "))
                    },
                ),
            ],
        );
        files.push((format!("{module}.rs"), file));
    }
    files
}

/// The doc comment and attributes above an endpoint type: what it calls, what it answers, its versions.
fn endpoint_docs(model: &Model, op: &Operation, output: &str) -> String {
    let mut docs = String::new();
    let intercom = match &op.spec_id {
        Some(id) if is_preview(model) => {
            format!("Intercom's `{id}` in its [Preview reference]({})", reference(model, op))
        }
        Some(id) => format!("Intercom's [`{id}`]({})", reference(model, op)),
        None => format!("[Intercom's reference]({})", reference(model, op)),
    };
    let sdk = op.sdk_method.as_ref().map(|m| format!("; `{m}` in Intercom's SDKs")).unwrap_or_default();
    let _ = writeln!(docs, "/// `{} {}`: {intercom}{sdk}.", op.method, op.path);
    let _ = writeln!(docs, "///\n/// Answers `{}`.", output.replace("intercom_models::", ""));
    let ranges = version_ranges(&op.versions, &model.versions);
    if is_preview(model) {
        let _ = writeln!(
            docs,
            "///\n/// Preview: sent with `Intercom-Version: Preview` whatever the client's version (a request's own\n\
             /// `RequestOptions::api_version` wins); in {ranges}. See docs/VERSIONING.md."
        );
    } else if let Some(since) = op.versions.first() {
        let _ = writeln!(docs, "///\n/// Since API {since}; in {ranges}.");
    }
    for alias in op.spec_id.iter().chain(op.sdk_method.iter()).filter(|alias| **alias != op.name) {
        let _ = writeln!(docs, "#[doc(alias = {alias:?})]");
    }
    if op.is_dropped_by(&model.version) {
        let last = op.last_stable_version().unwrap_or("an older version");
        let _ = writeln!(
            docs,
            "#[deprecated(note = \"API {} dropped this operation (last in {last}): it works only with an older \
             `Intercom-Version`\")]",
            model.version
        );
    }
    docs
}

/// The `format!` (or literal) that fills the path parameters into the path template.
fn path_expression(op: &Operation) -> String {
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
        format!("{:?}.to_owned()", op.path)
    } else {
        format!("format!({template:?}, {})", values.join(", "))
    }
}

/// One endpoint type: the struct, its constructor and setters, and its `Endpoint` impl.
fn endpoint(model: &Model, op: &Operation) -> String {
    let (output, format) = match &op.success {
        Success::Json(ty) => (core_type(ty), "Json"),
        Success::Empty => ("()".to_owned(), "NoContent"),
        Success::Binary => ("crate::ExportFile".to_owned(), "Binary"),
    };
    // A models type is decoded by the decoder compiled in the models crate; anything else by its format.
    let decode = match &op.success {
        Success::Json(Ty::Named(_)) => "crate::protocol::format::decode_model(body)".to_owned(),
        _ => format!("<{format} as ResponseFormat<Self::Output>>::decode(body)"),
    };
    let mut fields = String::new();
    let mut arguments = Vec::new();
    let mut initializers = Vec::new();
    let mut setters = String::new();
    for p in &op.params {
        let place = if p.location == ParamIn::Path { "Path" } else { "Query" };
        let values =
            [("place", place), ("json", &p.name), ("field", &p.rust), ("type", &param_type(&p.ty, p.required))];
        fields.push_str(&fill(include_str!("../templates/endpoint_field.rs.tmpl"), &values));
        let (argument, store) = argument(&p.ty);
        if p.required {
            arguments.push(format!("{}: {argument}", p.rust));
            initializers.push(if store.is_empty() { p.rust.clone() } else { format!("{}: {}{store}", p.rust, p.rust) });
        } else {
            initializers.push(format!("{}: None", p.rust));
            let value = format!("{}{store}", p.rust);
            let values = [("json", p.name.as_str()), ("field", &p.rust), ("argument", &argument), ("value", &value)];
            setters.push_str(&fill(include_str!("../templates/endpoint_setter.rs.tmpl"), &values));
        }
    }
    // One rule: a request that sends a body takes it in `new`, after the path parameters.
    if let Some(ty) = &op.request_ty {
        fields.push_str(&format!("    /// The request body.\n    pub body: {},\n", core_type(ty)));
        arguments.push(format!("body: impl Into<{}>", core_type(ty)));
        initializers.push("body: body.into()".into());
    }
    let pushes: String = op
        .params
        .iter()
        .filter(|p| p.location == ParamIn::Query)
        .map(|p| format!("        query.push_value({:?}, &self.{});\n", p.name, p.rust))
        .collect();
    let query = if pushes.is_empty() {
        String::new()
    } else {
        fill(include_str!("../templates/endpoint_query.rs.tmpl"), &[("pushes", &pushes)])
    };
    let body = if op.request_ty.is_some() { include_str!("../templates/endpoint_body.rs.tmpl") } else { "" };
    let no_arguments = op.params.iter().all(|p| !p.required) && op.request_ty.is_none();
    fill(
        include_str!("../templates/endpoint.rs.tmpl"),
        &[
            ("docs", &endpoint_docs(model, op, &output)),
            ("default", if no_arguments { "Default, " } else { "" }),
            ("name", &op.name),
            ("fields", &fields),
            ("operation", &format!("{}{}", namespace(model), static_name(op))),
            ("arguments", &arguments.join(", ")),
            ("initializers", &initializers.join(", ")),
            ("setters", &setters),
            ("output", &output),
            ("format", format),
            ("decode", &decode),
            ("path", &path_expression(op)),
            ("query", &query),
            ("body", body),
        ],
    )
}

/// The `impl Paginated` of one operation.
fn paginated_impl(op: &Operation, paging: &Paging, overrides: &Overrides) -> String {
    let mut constants = String::new();
    if let Some(max) = paging.max_per_page {
        let _ = writeln!(constants, "    const MAX_PER_PAGE: Option<i64> = Some({max});");
    }
    if paging.items_path != ["data"] {
        let path: Vec<String> = paging.items_path.iter().map(|s| format!("{s:?}")).collect();
        let _ = writeln!(constants, "    const ITEMS_PATH: &'static [&'static str] = &[{}];", path.join(", "));
    }
    let requested_per_page = paging
        .per_page
        .as_ref()
        .map(|per_page| format!("\n    fn requested_per_page(&self) -> Option<i64> {{\n        {per_page}\n    }}\n"))
        .unwrap_or_default();
    let items = match paging.items_path.as_slice() {
        [field] => format!("output.{}", crate::naming::field(field)),
        [outer, inner] => format!(
            "output.{}.map(|inner| inner.{}).unwrap_or_default()",
            crate::naming::field(outer),
            crate::naming::field(inner)
        ),
        _ => "Vec::new()".into(),
    };
    let info = if paging.pages {
        "output.pages.as_ref().map(crate::protocol::pager::PageInfo::from).unwrap_or_default()"
    } else if paging.top_level_pages {
        "crate::protocol::pager::PageInfo { page: output.page, total_pages: output.total_pages, ..Default::default() }"
    } else if paging.next_cursor {
        "crate::protocol::pager::PageInfo { next_cursor: output.next_cursor.clone().filter(|_| output.has_more != \
         Some(false)), ..Default::default() }"
    } else {
        "crate::protocol::pager::PageInfo::default()"
    };
    let body_cursor =
        if paging.style == "BodyCursor" { include_str!("../templates/paginated_body_cursor.rs.tmpl") } else { "" };
    let error_hint = overrides
        .pagination_hint(&op.name)
        .map(|hint| format!("\n    fn error_hint(&self) -> Option<&'static str> {{\n        Some({hint:?})\n    }}\n"))
        .unwrap_or_default();
    fill(
        include_str!("../templates/paginated.rs.tmpl"),
        &[
            ("name", &op.name),
            ("item", &core_type(&paging.item)),
            ("style", paging.style),
            ("constants", &constants),
            ("requested_per_page", &requested_per_page),
            ("info", info),
            ("total_count", if paging.total_count { "output.total_count" } else { "None" }),
            ("scroll_param", if paging.scroll_param { "output.scroll_param.clone()" } else { "None" }),
            ("items", &items),
            ("body_cursor", body_cursor),
            ("error_hint", &error_hint),
        ],
    )
}
