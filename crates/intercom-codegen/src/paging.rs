//! Which operations are paginated and how: worked out once, while lowering, and kept on each operation
//! ([`Operation::paging`](crate::model::Operation::paging)) for the writers.

use crate::model::{Field, Kind, Model, Operation, Paging, ParamIn, Success, Ty, TypeDef};
use crate::spec::Node;

/// Sets the paging of every operation of `model`. A `per_page` maximum comes from the schema, else from the
/// overrides (where Intercom states one only in words).
pub fn annotate(model: &mut Model, spec: &Node, overrides: &crate::overrides::Overrides) {
    let pagings: Vec<Option<Paging>> = model.operations.iter().map(|op| paging(model, op, spec)).collect();
    for (op, mut paging) in model.operations.iter_mut().zip(pagings) {
        if let Some(paging) = paging.as_mut().filter(|p| p.max_per_page.is_none() && p.per_page.is_some()) {
            paging.max_per_page = overrides.per_page_maximum(&op.name);
        }
        op.paging = paging;
    }
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
fn paging(model: &Model, op: &Operation, spec: &Node) -> Option<Paging> {
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
