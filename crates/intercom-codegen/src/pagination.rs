//! Which operations are paginated, in which style, and the `Paginated` impls and tests for them.

use std::fmt::Write as _;

use crate::model::{Field, Kind, Model, Operation, ParamIn, Success, Ty, TypeDef};
use crate::overrides::Overrides;
use crate::spec::Node;

/// How one operation pages, as the generator works it out.
#[derive(Debug, Clone)]
pub struct Paging {
    /// `QueryCursor`, `BodyCursor`, `PageNumber`, `NextUrl`, `NextCursor` or `Scroll`.
    pub style: &'static str,
    /// The JSON path of the items: `["data"]`, or `["data", "articles"]`.
    pub items_path: Vec<String>,
    /// The item type.
    pub item: Ty,
    /// Whether the answer has `total_count`.
    pub total_count: bool,
    /// Whether the answer has `pages`, and its type can be read as page information.
    pub pages: bool,
    /// Whether the answer has `scroll_param`.
    pub scroll_param: bool,
    /// Whether the answer gives `page` and `total_pages` at its top level (no `pages` object).
    pub top_level_pages: bool,
    /// Whether the answer gives `next_cursor` (and `has_more`) at its top level.
    pub next_cursor: bool,
    /// The largest `per_page`, when the spec says.
    pub max_per_page: Option<i64>,
    /// How `per_page` is read from the request.
    pub per_page: Option<&'static str>,
    /// The key that identifies an item in tests (`id`, else `name`).
    pub id_field: String,
}

fn find<'m>(model: &'m Model, name: &str) -> Option<&'m TypeDef> {
    model.types.iter().find(|t| t.name == name)
}

fn fields<'m>(model: &'m Model, ty: &Ty) -> Option<&'m [Field]> {
    let Ty::Named(name) = ty else { return None };
    match &find(model, name)?.kind {
        Kind::Struct(fields) => Some(fields),
        Kind::Alias(inner) => fields(model, inner),
        _ => None,
    }
}

fn list_field(fields: &[Field]) -> Option<&Field> {
    let lists = || fields.iter().filter(|f| matches!(&f.ty, Ty::Vec(inner) if matches!(**inner, Ty::Named(_))));
    lists().find(|f| f.json == "data").or_else(|| lists().next())
}

/// The paging of `op`, if it is paginated: its answer has a list of items and says where the next page is:
/// `pages` (read as page information), `scroll_param`, `page` and `total_pages` at its top level, or
/// `next_cursor`.
pub fn paging(model: &Model, op: &Operation, spec: &Node) -> Option<Paging> {
    let Success::Json(answer) = &op.success else { return None };
    let answer_fields = fields(model, answer)?;
    let has = |name: &str| answer_fields.iter().any(|f| f.json == name);
    let pages_field = answer_fields.iter().find(|f| f.json == "pages");
    let pages = pages_field.is_some_and(|f| matches!(&f.ty, Ty::Named(n) if PAGE_TYPES.contains(&n.as_str())));
    let scroll_param = has("scroll_param");
    let top_level_pages = !pages && has("page") && has("total_pages");
    let next_cursor = has("next_cursor");
    if !pages && !scroll_param && !top_level_pages && !next_cursor {
        return None;
    }
    let (items_path, item) = match list_field(answer_fields) {
        Some(list) => (vec![list.json.clone()], list.ty.clone()),
        None => {
            let outer = answer_fields.iter().find(|f| f.json == "data")?;
            let inner = list_field(fields(model, &outer.ty)?)?;
            (vec![outer.json.clone(), inner.json.clone()], inner.ty.clone())
        }
    };
    let Ty::Vec(item) = item else { return None };
    let query = |name: &str| op.params.iter().any(|p| p.location == ParamIn::Query && p.name == name);
    let body_has_pagination = op
        .request_ty
        .as_ref()
        .and_then(|ty| fields(model, ty))
        .is_some_and(|f| f.iter().any(|f| f.json == "pagination"));
    let style = if body_has_pagination {
        "BodyCursor"
    } else if next_cursor && query("cursor") {
        "NextCursor"
    } else if query("scroll_param") || scroll_param {
        "Scroll"
    } else if query("starting_after") {
        "QueryCursor"
    } else if query("page") {
        "PageNumber"
    } else {
        "NextUrl"
    };
    let (per_page, max_per_page) = if query("per_page") {
        (Some("self.per_page"), maximum(spec, op))
    } else if body_has_pagination {
        let max = spec
            .at(&["components", "schemas", "starting_after_paging", "properties", "per_page", "maximum"])
            .and_then(|n| if let Node::Int(i) = n { Some(*i) } else { None });
        (Some("self.body.pagination.as_ref().and_then(|p| p.per_page)"), max)
    } else {
        (None, None)
    };
    let item_fields = fields(model, &item).unwrap_or_default();
    let id_field = ["id", "name"]
        .into_iter()
        .find(|k| item_fields.iter().any(|f| f.json == *k))
        .map(str::to_owned)
        .or_else(|| item_fields.iter().find(|f| f.json.ends_with("_id")).map(|f| f.json.clone()))
        .unwrap_or_else(|| "id".to_owned());
    Some(Paging {
        style,
        items_path,
        item: *item,
        total_count: answer_fields.iter().any(|f| f.json == "total_count"),
        pages,
        scroll_param,
        top_level_pages,
        next_cursor,
        max_per_page,
        per_page,
        id_field,
    })
}

/// The models' page-information types that `intercom_core::pagination::PageInfo` reads.
const PAGE_TYPES: &[&str] = &["CursorPages", "PagesLink", "DataEventSummaryPages"];

/// The `maximum` of the operation's `per_page` query parameter.
fn maximum(spec: &Node, op: &Operation) -> Option<i64> {
    let item = spec.get("paths")?.get(&op.path)?;
    let operation = item.get(&op.method.to_ascii_lowercase())?;
    let params = operation.get("parameters")?;
    let per_page = params.items().iter().find(|p| p.str("name") == Some("per_page"))?;
    match per_page.at(&["schema", "maximum"]) {
        Some(Node::Int(max)) => Some(*max),
        _ => None,
    }
}

/// The `impl Paginated` of one operation, and its `paginated!` line.
pub fn implementation(op: &Operation, paging: &Paging, overrides: &Overrides, out: &mut String) {
    let item = crate::endpoints::core_type(&paging.item);
    let _ = writeln!(out, "\nimpl crate::pagination::Paginated for {} {{", op.name);
    let _ = writeln!(out, "    type Item = {item};");
    let _ = writeln!(
        out,
        "    const STYLE: crate::pagination::PageStyle = crate::pagination::PageStyle::{};",
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
        "output.pages.as_ref().map(crate::pagination::PageInfo::from).unwrap_or_default()"
    } else if paging.top_level_pages {
        "crate::pagination::PageInfo { page: output.page, total_pages: output.total_pages, ..Default::default() }"
    } else if paging.next_cursor {
        "crate::pagination::PageInfo { next_cursor: output.next_cursor.clone().filter(|_| output.has_more != \
         Some(false)), ..Default::default() }"
    } else {
        "crate::pagination::PageInfo::default()"
    };
    let total = if paging.total_count { "output.total_count" } else { "None" };
    let scroll = if paging.scroll_param { "output.scroll_param.clone()" } else { "None" };
    let _ = writeln!(
        out,
        "\n    fn split(output: Self::Output) -> crate::pagination::PageParts<Self::Item> {{\n        \
         let info = {info};\n        let total_count = {total};\n        let scroll_param = {scroll};\n        \
         crate::pagination::PageParts {{ items: {items}, total_count, info, scroll_param }}\n    }}"
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

/// The pagination scenario test of one operation.
pub fn test(op: &Operation, paging: &Paging, call: &str, out: &mut String) {
    let _ = writeln!(
        out,
        "\n#[tokio::test(flavor = \"multi_thread\", worker_threads = 2)]\nasync fn {}_pages() {{\n    let endpoint = {call};\n    \
         check_pagination(endpoint, PageStyle::{}, {:?}).await;\n}}",
        crate::naming::snake(&op.name),
        paging.style,
        paging.id_field
    );
}
