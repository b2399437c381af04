//! The files of `crates/intercom-core/src/endpoints/generated/`: one endpoint type per operation, with its
//! `Endpoint` impl and, for a paginated one, its `Paginated` impl.

use std::fmt::Write as _;

use crate::endpoint_text::{core_type, is_preview, namespace, reference, static_name, version_ranges};
use crate::model::{Model, Operation, Paging, ParamIn, Success, Ty};
use crate::naming::field;
use crate::overrides::Overrides;
use crate::render::header;

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
        let mut out = header(model, &format!("Endpoints of the `{module}` group."));
        if ops.iter().any(|op| op.is_dropped_by(&model.version)) {
            out.push_str("#![allow(deprecated)] // The deprecated endpoints' own impls.\n\n");
        }
        out.push_str("#[allow(unused_imports)]\nuse crate::protocol::format::{Binary, Json, NoContent};\n#[allow(unused_imports)]\nuse crate::protocol::request::{json_body, path_param, Endpoint};\n");
        out.push_str("use crate::protocol::error::Error;\nuse crate::protocol::operations::{self, Operation};\n#[allow(unused_imports)]\nuse crate::protocol::query::Query;\n");
        let mut paginated = Vec::new();
        for op in ops {
            out.push('\n');
            endpoint(model, op, &mut out);
            if let Some(paging) = &op.paging {
                paginated_impl(op, paging, overrides, &mut out);
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
    let (output, format) = match &op.success {
        Success::Json(ty) => (core_type(ty), "Json"),
        Success::Empty => ("()".to_owned(), "NoContent"),
        Success::Binary => ("crate::ExportFile".to_owned(), "Binary"),
    };
    let intercom = match &op.spec_id {
        Some(id) if is_preview(model) => {
            format!("Intercom's `{id}` in its [Preview reference]({})", reference(model, op))
        }
        Some(id) => format!("Intercom's [`{id}`]({})", reference(model, op)),
        None => format!("[Intercom's reference]({})", reference(model, op)),
    };
    let sdk = op.sdk_method.as_ref().map(|m| format!("; `{m}` in Intercom's SDKs")).unwrap_or_default();
    let _ = writeln!(out, "/// `{} {}`: {intercom}{sdk}.", op.method, op.path);
    let _ = writeln!(out, "///\n/// Answers `{}`.", output.replace("intercom_models::", ""));
    if is_preview(model) {
        let _ = writeln!(
            out,
            "///\n/// Preview: sent with `Intercom-Version: Preview` whatever the client's version (a request's own\n/// `RequestOptions::api_version` wins); in {}. See docs/VERSIONING.md.",
            version_ranges(&op.versions, &model.versions)
        );
    } else if let Some(since) = op.versions.first() {
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
    let no_arguments = op.params.iter().all(|p| !p.required) && op.request_ty.is_none();
    let _ = writeln!(out, "#[derive(Debug, Clone, {}PartialEq)]", if no_arguments { "Default, " } else { "" });
    out.push_str("#[non_exhaustive]\n");
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
        "    /// The operation this request calls (its name, method, path and versions): what `intercom-mock` keys\n    /// its answers by.\n    pub const OPERATION: &'static Operation = &operations::{}{};\n",
        namespace(model),
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
    // One rule: a request that sends a body takes it in `new`, after the path parameters.
    if let Some(ty) = &op.request_ty {
        args.push(format!("body: impl Into<{}>", core_type(ty)));
        inits.push("body: body.into()".into());
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

/// The `impl Paginated` of one operation, and its `paginated!` line.
fn paginated_impl(op: &Operation, paging: &Paging, overrides: &Overrides, out: &mut String) {
    let item = core_type(&paging.item);
    let _ = writeln!(out, "\nimpl crate::protocol::pager::Paginated for {} {{", op.name);
    let _ = writeln!(out, "    type Item = {item};");
    let _ = writeln!(
        out,
        "    const STYLE: crate::protocol::pager::PageStyle = crate::protocol::pager::PageStyle::{};",
        paging.style
    );
    if let Some(max) = paging.max_per_page {
        let _ = writeln!(out, "    const MAX_PER_PAGE: Option<i64> = Some({max});");
    }
    if paging.items_path != ["data"] {
        let path: Vec<String> = paging.items_path.iter().map(|s| format!("{s:?}")).collect();
        let _ = writeln!(out, "    const ITEMS_PATH: &'static [&'static str] = &[{}];", path.join(", "));
    }
    if let Some(per_page) = paging.per_page {
        let _ = writeln!(out, "\n    fn requested_per_page(&self) -> Option<i64> {{\n        {per_page}\n    }}");
    }
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
    let total = if paging.total_count { "output.total_count" } else { "None" };
    let scroll = if paging.scroll_param { "output.scroll_param.clone()" } else { "None" };
    let _ = writeln!(
        out,
        "\n    fn split(output: Self::Output) -> crate::protocol::pager::PageParts<Self::Item> {{\n        \
         let info = {info};\n        let total_count = {total};\n        let scroll_param = {scroll};\n        \
         crate::protocol::pager::PageParts {{ items: {items}, total_count, info, scroll_param }}\n    }}"
    );
    if paging.style == "BodyCursor" {
        out.push_str(
            "\n    fn with_body_cursor(&self, cursor: &str) -> Self {\n        let mut next = self.clone();\n        \
             next.body.pagination.get_or_insert_with(Default::default).starting_after = Some(cursor.to_owned());\n        \
             next\n    }\n",
        );
    }
    if let Some(hint) = overrides.pagination_hint(&op.name) {
        let _ = writeln!(out, "\n    fn error_hint(&self) -> Option<&'static str> {{\n        Some({hint:?})\n    }}");
    }
    out.push_str("}\n");
}
