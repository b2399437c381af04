//! From the description's schemas to the [`Model`]: naming, styles, modules and polymorphic shapes.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::model::{
    Field, JsonKind, Kind, Model, Operation, Param, ParamIn, Shape, Style, Success, Ty, TypeDef, Variant,
};
use crate::naming::{field, humanize, pascal, singular, snake, variant};
use crate::overrides::Overrides;
use crate::route::ref_name;
use crate::spec::{Node, SpecError};

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch"];

/// Names the generated code uses for its own purposes; a type may not take them.
const RESERVED: &[&str] = &["Option", "Vec", "String", "Box", "Result", "Value", "Map", "Serialize", "Deserialize"];

/// Builds the model of a (patched) description.
pub fn lower(spec: &Node, overrides: &Overrides) -> Result<Model, SpecError> {
    let schemas = spec.at(&["components", "schemas"]).ok_or_else(|| SpecError("no components.schemas".into()))?;
    let version = spec.at(&["info", "version"]).and_then(Node::as_str).unwrap_or("unknown").to_owned();
    let usage = Usage::of(spec, schemas);
    let mut lowerer = Lowerer {
        schemas,
        overrides,
        version: version.clone(),
        usage,
        done: HashMap::new(),
        types: Vec::new(),
        names: HashSet::new(),
        component_names: schemas
            .entries()
            .iter()
            .map(|(name, _)| overrides.rename(name).map(str::to_owned).unwrap_or_else(|| pascal(name)))
            .collect(),
        errors: Vec::new(),
    };
    let mut keys = Vec::new();
    for (name, _) in schemas.entries() {
        let ty = lowerer.component(name);
        keys.push((name.clone(), ty));
    }
    let mut operations = Vec::new();
    for (path, item) in spec.get("paths").map(Node::entries).unwrap_or_default() {
        for (method, op) in item.entries() {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            if let Some(operation) = lowerer.operation(path, method, item, op, &mut keys) {
                operations.push(operation);
            }
        }
    }
    if !lowerer.errors.is_empty() {
        return Err(SpecError(lowerer.errors.join("\n")));
    }
    let mut model = Model { version, versions: Vec::new(), types: lowerer.types, keys, operations };
    crate::paging::annotate(&mut model, spec, overrides);
    Ok(model)
}

/// Which operations reach each component schema: its style (request or response) and its module.
struct Usage {
    in_requests: HashSet<String>,
    in_responses: HashSet<String>,
    tags: HashMap<String, BTreeSet<String>>,
    first_tag: HashMap<String, String>,
}

impl Usage {
    fn of(spec: &Node, schemas: &Node) -> Usage {
        let mut usage = Usage {
            in_requests: HashSet::new(),
            in_responses: HashSet::new(),
            tags: HashMap::new(),
            first_tag: HashMap::new(),
        };
        for (_, item) in spec.get("paths").map(Node::entries).unwrap_or_default() {
            for (method, op) in item.entries() {
                if !METHODS.contains(&method.as_str()) {
                    continue;
                }
                let tag = op.get("tags").and_then(|t| t.items().first()).and_then(Node::as_str).unwrap_or("other");
                let mut request = BTreeSet::new();
                let mut response = BTreeSet::new();
                if let Some(body) = op.get("requestBody") {
                    reach(body, schemas, &mut request);
                }
                if let Some(parameters) = op.get("parameters") {
                    reach(parameters, schemas, &mut request);
                }
                if let Some(responses) = op.get("responses") {
                    reach(responses, schemas, &mut response);
                }
                for name in request.iter().chain(response.iter()) {
                    usage.tags.entry(name.clone()).or_default().insert(tag.to_owned());
                    usage.first_tag.entry(name.clone()).or_insert_with(|| tag.to_owned());
                }
                usage.in_requests.extend(request);
                usage.in_responses.extend(response);
            }
        }
        usage
    }

    fn style(&self, schema: &str) -> Style {
        if self.in_requests.contains(schema) && !self.in_responses.contains(schema) {
            Style::Request
        } else {
            Style::Response
        }
    }
}

/// Adds every component schema reachable from `node` to `out`.
fn reach(node: &Node, schemas: &Node, out: &mut BTreeSet<String>) {
    match node {
        Node::Map(entries) => {
            for (key, value) in entries {
                if key == "$ref" {
                    if let Some(name) = value.as_str().map(ref_name) {
                        if out.insert(name.to_owned()) {
                            if let Some(schema) = schemas.get(name) {
                                reach(schema, schemas, out);
                            }
                        }
                    }
                } else {
                    reach(value, schemas, out);
                }
            }
        }
        Node::List(items) => items.iter().for_each(|i| reach(i, schemas, out)),
        _ => {}
    }
}

struct Ctx {
    path: String,
    module: String,
    style: Style,
    tag: Option<String>,
}

impl Ctx {
    fn child(&self, suffix: &str) -> Ctx {
        Ctx {
            path: format!("{}{suffix}", self.path),
            module: self.module.clone(),
            style: self.style,
            tag: self.tag.clone(),
        }
    }
}

/// Where an operation's parts are lowered: its endpoint name, method, path, module and tag.
struct Site<'a> {
    name: &'a str,
    upper: &'a str,
    path: &'a str,
    module: String,
    tag: &'a str,
}

impl Site<'_> {
    /// The context of a type lowered for this operation under registry `key`.
    fn ctx(&self, key: &str, style: Style) -> Ctx {
        Ctx { path: key.to_owned(), module: self.module.clone(), style, tag: Some(self.tag.to_owned()) }
    }
}

/// An operation's JSON request body, lowered.
struct RequestBody {
    key: String,
    ty: Ty,
    examples: Vec<(String, Node)>,
    sample: Option<Node>,
}

/// An operation's answers, lowered.
struct Answers {
    responses: Vec<(String, String)>,
    success: Option<Success>,
    success_status: String,
    success_sample: Option<Node>,
}

struct Lowerer<'a> {
    schemas: &'a Node,
    overrides: &'a Overrides,
    version: String,
    usage: Usage,
    done: HashMap<String, Ty>,
    types: Vec<TypeDef>,
    names: HashSet<String>,
    /// The names of the component schemas, reserved before any inline type is named.
    component_names: HashSet<String>,
    errors: Vec<String>,
}

/// `ByExternalId` for an operation whose required query parameters are `external_id`: how an older
/// version's operation at a path the newest version uses otherwise is told apart by name.
fn looked_up_by(item: &Node, op: &Node) -> String {
    let declared = item.get("parameters").map(Node::items).unwrap_or_default();
    let own = op.get("parameters").map(Node::items).unwrap_or_default();
    let required: Vec<String> = declared
        .iter()
        .chain(own.iter())
        .filter(|p| p.str("in") == Some("query") && p.flag("required"))
        .filter_map(|p| p.str("name").map(crate::naming::pascal))
        .collect();
    if required.is_empty() {
        "ByVersion".to_owned()
    } else {
        format!("By{}", required.join("And"))
    }
}

impl Lowerer<'_> {
    /// Lowers one operation: its name, its parameters, its request body and its answers.
    fn operation(
        &mut self,
        key: &str,
        method: &str,
        item: &Node,
        op: &Node,
        keys: &mut Vec<(String, Ty)>,
    ) -> Option<Operation> {
        let tag = op.get("tags").and_then(|t| t.items().first()).and_then(Node::as_str).unwrap_or("other").to_owned();
        let upper = method.to_ascii_uppercase();
        let path = crate::route::without_version(key);
        let older_shape = crate::route::shape_version(key).map(str::to_owned);
        let name = match &older_shape {
            // An older version's operation beside the newest one: the rule's name, and what it looks up by.
            Some(_) => crate::endpoint_names::rule(&upper, path).map(|name| name + &looked_up_by(item, op)),
            None => self
                .overrides
                .endpoint_name(&upper, path)
                .map(str::to_owned)
                .or_else(|| crate::endpoint_names::rule(&upper, path)),
        };
        let Some(name) = name else {
            self.errors.push(format!("`{upper} {path}` needs a name in the overrides' `endpoint_names`"));
            return None;
        };
        let site = Site { name: &name, upper: &upper, path, module: snake(&tag), tag: &tag };
        let declared = item.get("parameters").map(Node::items).unwrap_or_default();
        let own = op.get("parameters").map(Node::items).unwrap_or_default();
        let params = declared.iter().chain(own.iter()).filter_map(|param| self.parameter(&site, param)).collect();
        let body = op
            .at(&["requestBody", "content", "application/json"])
            .map(|content| self.request_body(&site, content, keys));
        let answers = self.answers(&site, op, keys);
        Some(Operation {
            spec_id: op.str("operationId").map(str::to_owned),
            versions: Vec::new(),
            sdk_method: None,
            older_shape,
            module: site.module.clone(),
            name: name.clone(),
            tag: tag.clone(),
            method: upper.clone(),
            path: path.to_owned(),
            params,
            request: body.as_ref().map(|b| b.key.clone()),
            request_ty: body.as_ref().map(|b| b.ty.clone()),
            request_examples: body.as_ref().map(|b| b.examples.clone()).unwrap_or_default(),
            request_sample: body.and_then(|b| b.sample),
            responses: answers.responses,
            success: answers.success.unwrap_or(Success::Empty),
            success_status: answers.success_status,
            success_sample: answers.success_sample,
            paging: None,
        })
    }

    /// One path or query parameter (a header or cookie parameter is not the SDK's to send): its type and a
    /// sample value for the tests.
    fn parameter(&mut self, site: &Site<'_>, param: &Node) -> Option<Param> {
        let param = self.resolve(param).clone();
        let location = match param.str("in") {
            Some("path") => ParamIn::Path,
            Some("query") => ParamIn::Query,
            _ => return None,
        };
        let param_name = param.str("name")?;
        let name = site.name;
        let schema = param.get("schema").cloned().unwrap_or(Node::Null);
        let key = format!("op:{name}.{}.{param_name}", if location == ParamIn::Path { "path" } else { "query" });
        let hint = format!("{name}{}", pascal(param_name));
        let doc = format!("The `{param_name}` parameter of `{name}`.");
        let ty = match location {
            ParamIn::Path => Ty::Str,
            ParamIn::Query => self.lower(&schema, &site.ctx(&key, Style::Request), &hint, &doc),
        };
        let sample = param.get("example").cloned().or_else(|| schema.get("example").cloned());
        let sample = sample.unwrap_or_else(|| self.sample(&schema, &format!("{param_name}-1")));
        // A list parameter's example may be written as the comma-separated text (`published,draft`).
        let sample = match (&sample, schema.str("type")) {
            (Node::Str(text), Some("array")) => {
                let integers = self.resolve(schema.get("items").unwrap_or(&Node::Null)).str("type") == Some("integer");
                let item = |s: &str| match s.trim().parse() {
                    Ok(number) if integers => Node::Int(number),
                    _ => Node::Str(s.trim().to_owned()),
                };
                Node::List(text.split(',').map(item).collect())
            }
            _ => sample,
        };
        Some(Param {
            name: param_name.to_owned(),
            rust: field(param_name),
            location,
            ty,
            required: location == ParamIn::Path || param.flag("required"),
            sample,
        })
    }

    /// The registry key and type of a body's schema, the request's (`answer` is `None`) or the answer's
    /// with that status: a component's own, or a type of its own for an inline schema, registered under
    /// `op:<name>.request` or `op:<name>.response.<status>`.
    fn body_type(
        &mut self,
        site: &Site<'_>,
        schema: &Node,
        answer: Option<&str>,
        keys: &mut Vec<(String, Ty)>,
    ) -> (String, Ty) {
        if let Some(reference) = schema.str("$ref") {
            return (ref_name(reference).to_owned(), self.component(ref_name(reference)));
        }
        let (name, upper, path) = (site.name, site.upper, site.path);
        let (key, hint, doc, style) = match answer {
            None => (
                format!("op:{name}.request"),
                format!("{name}Request"),
                format!("The body of `{upper} {path}` (`{name}`)."),
                Style::Request,
            ),
            Some(status) => (
                format!("op:{name}.response.{status}"),
                format!("{name}Response"),
                format!("The `{status}` answer of `{upper} {path}` (`{name}`)."),
                Style::Response,
            ),
        };
        let ty = self.lower(schema, &site.ctx(&key, style), &hint, &doc);
        keys.push((key.clone(), ty.clone()));
        (key, ty)
    }

    /// The JSON request body: its registry key and type (an inline schema becomes a type of its own), its
    /// examples, and a sample made from the schema when it has none.
    fn request_body(&mut self, site: &Site<'_>, content: &Node, keys: &mut Vec<(String, Ty)>) -> RequestBody {
        let schema = content.get("schema").cloned().unwrap_or(Node::Null);
        let (key, ty) = self.body_type(site, &schema, None, keys);
        let mut examples = Vec::new();
        for (example_name, example) in content.get("examples").map(Node::entries).unwrap_or_default() {
            if let Some(value) = example.get("value") {
                examples.push((example_name.clone(), value.clone()));
            }
        }
        if let (true, Some(value)) = (examples.is_empty(), content.get("example")) {
            examples.push(("example".to_owned(), value.clone()));
        }
        let sample = examples.is_empty().then(|| self.sample(&schema, "x"));
        RequestBody { key, ty, examples, sample }
    }

    /// The answers: each JSON one's registry key by status, and the first success (JSON, empty or a file),
    /// with a sample when it has no examples.
    fn answers(&mut self, site: &Site<'_>, op: &Node, keys: &mut Vec<(String, Ty)>) -> Answers {
        let mut answers =
            Answers { responses: Vec::new(), success: None, success_status: "200".into(), success_sample: None };
        for (status, response) in op.get("responses").map(Node::entries).unwrap_or_default() {
            let is_success = status.starts_with('2');
            let Some(schema) = response.at(&["content", "application/json", "schema"]) else {
                if is_success && answers.success.is_none() {
                    let binary = self.overrides.is_binary(site.name);
                    answers.success = Some(if binary { Success::Binary } else { Success::Empty });
                    answers.success_status = status.clone();
                }
                continue;
            };
            let (key, ty) = self.body_type(site, schema, Some(status), keys);
            if is_success && answers.success.is_none() {
                answers.success = Some(Success::Json(ty));
                answers.success_status = status.clone();
                if response.at(&["content", "application/json", "examples"]).is_none() {
                    answers.success_sample = Some(self.sample(schema, "x"));
                }
            }
            answers.responses.push((status.clone(), key));
        }
        answers
    }

    /// A value of `schema` for tests: its example, or one made from its type (objects: every property that
    /// has an example, and every required one).
    fn sample(&self, schema: &Node, text: &str) -> Node {
        let schema = self.resolve(schema);
        if let Some(example) = schema.get("example") {
            return example.clone();
        }
        if let Some(first) = schema.get("oneOf").or(schema.get("anyOf")).and_then(|b| b.items().first()) {
            if !is_constraint_only(first) {
                return self.sample(first, text);
            }
        }
        if let Some(value) = schema.get("enum").and_then(|e| e.items().first()) {
            return value.clone();
        }
        let (properties, required) = if schema.get("allOf").is_some() {
            self.merged(schema)
        } else {
            (schema.get("properties").map(|p| p.entries().to_vec()).unwrap_or_default(), schema.strings("required"))
        };
        match schema.str("type") {
            Some("integer") => Node::Int(1),
            Some("number") => Node::Float(1.5),
            Some("boolean") => Node::Bool(true),
            Some("string") => Node::Str(text.to_owned()),
            Some("array") => Node::List(vec![self.sample(schema.get("items").unwrap_or(&Node::Null), text)]),
            _ if !properties.is_empty() => Node::Map(
                properties
                    .iter()
                    .filter(|(k, v)| required.contains(k) || self.resolve(v).get("example").is_some())
                    .map(|(k, v)| (k.clone(), self.sample(v, text)))
                    .collect(),
            ),
            _ => Node::Map(Vec::new()),
        }
    }

    fn component(&mut self, name: &str) -> Ty {
        if let Some(ty) = self.done.get(name) {
            return ty.clone();
        }
        let Some(node) = self.schemas.get(name) else {
            self.errors.push(format!("`$ref` to a missing schema `{name}`"));
            return Ty::Any;
        };
        let type_name = self.overrides.rename(name).map(str::to_owned).unwrap_or_else(|| pascal(name));
        self.done.insert(name.to_owned(), Ty::Named(type_name.clone()));
        let tags = self.usage.tags.get(name).cloned().unwrap_or_default();
        let module = match (self.overrides.module(name), tags.len()) {
            (Some(module), _) => module.to_owned(),
            (None, 1) => snake(tags.iter().next().map(String::as_str).unwrap_or("shared")),
            (None, 0) => "unreferenced".to_owned(),
            (None, _) => "shared".to_owned(),
        };
        let tag = node
            .get("x-tags")
            .and_then(|t| t.items().first())
            .and_then(Node::as_str)
            .map(str::to_owned)
            .or_else(|| self.usage.first_tag.get(name).cloned());
        let ctx = Ctx { path: name.to_owned(), module, style: self.usage.style(name), tag };
        let doc = format!("The `{name}` object{}.", self.reference(&ctx));
        let ty = self.lower(node, &ctx, &type_name, &doc);
        if ty != Ty::Named(type_name.clone()) {
            // A schema that is a list, a scalar or another schema: keep its name as an alias.
            self.define(&ctx, type_name.clone(), doc, Kind::Alias(ty));
        }
        Ty::Named(type_name)
    }

    fn reference(&self, ctx: &Ctx) -> String {
        match &ctx.tag {
            Some(_) if self.version == "Preview" => {
                format!(" ([Preview reference]({}))", crate::endpoint_text::PREVIEW_REFERENCE)
            }
            Some(tag) => format!(
                " ([reference](https://developers.intercom.com/docs/references/{}/rest-api/api.intercom.io/{}))",
                self.version,
                tag.to_ascii_lowercase().replace(' ', "-")
            ),
            None => String::new(),
        }
    }

    /// Adds a type. An inline type whose name a component schema (or an earlier type) holds gets a suffix:
    /// `Body` for an operation's request body, `Inline` otherwise.
    fn define(&mut self, ctx: &Ctx, name: String, doc: String, kind: Kind) -> usize {
        if RESERVED.contains(&name.as_str()) {
            self.errors
                .push(format!("`{}` would be named `{name}`, which generated code reserves: rename it", ctx.path));
        }
        let is_component = !ctx.path.contains(['.', '|', '[', ':']);
        let mut name = name;
        if !is_component {
            let suffix = if ctx.path.starts_with("op:") && ctx.path.ends_with(".request") { "Body" } else { "Inline" };
            while self.component_names.contains(&name) || self.names.contains(&name) {
                name.push_str(suffix);
            }
        }
        if !self.names.insert(name.clone()) {
            self.errors.push(format!("two types would be named `{name}` (the second is `{}`): rename one", ctx.path));
        }
        self.types.push(TypeDef {
            name,
            module: ctx.module.clone(),
            doc,
            kind,
            style: ctx.style,
            path: ctx.path.clone(),
        });
        self.types.len() - 1
    }

    /// The type of `node`; a struct, enum or one-of is defined under the name `hint` (or its rename).
    fn lower(&mut self, node: &Node, ctx: &Ctx, hint: &str, doc: &str) -> Ty {
        let hint = self.overrides.rename(&ctx.path).unwrap_or(hint).to_owned();
        if let Some(reference) = node.str("$ref") {
            return self.component(ref_name(reference));
        }
        if node.get("allOf").is_some() {
            let (properties, required) = self.merged(node);
            return self.structure(ctx, &hint, doc, &properties, &required);
        }
        for key in ["oneOf", "anyOf"] {
            let Some(branches) = node.get(key).map(Node::items) else { continue };
            if branches.iter().all(is_constraint_only) {
                continue;
            }
            return self.one_of(ctx, &hint, doc, branches);
        }
        let values: Vec<String> = node
            .get("enum")
            .map(|e| e.items().iter().filter_map(Node::as_str).map(str::to_owned).collect())
            .unwrap_or_default();
        if values.len() > 1 && node.str("type").unwrap_or("string") == "string" {
            return self.open_enum(ctx, &hint, doc, values);
        }
        match node.str("type") {
            Some("string") => Ty::Str,
            Some("integer") => Ty::Int,
            Some("number") => Ty::Float,
            Some("boolean") => Ty::Bool,
            Some("array") => {
                let items = node.get("items").cloned().unwrap_or(Node::Null);
                let inner =
                    self.lower(&items, &ctx.child("[]"), &hint, &format!("An item of {}", lowercase_first(doc)));
                if items.flag("nullable") {
                    Ty::Vec(Box::new(Ty::Nullable(Box::new(inner))))
                } else {
                    Ty::Vec(Box::new(inner))
                }
            }
            _ if !node.entries().iter().any(|(k, _)| k == "properties") => {
                let values = node.get("additionalProperties").filter(|v| v.get("oneOf").or(v.get("anyOf")).is_some());
                if let Some(values) = values {
                    // A map whose values are one of several shapes: typed values (null ones as `None`).
                    let branches = values.get("oneOf").or(values.get("anyOf")).map(Node::items).unwrap_or_default();
                    let value_doc = format!("A value of {}", lowercase_first(doc));
                    let ty = self.lower(values, &ctx.child("{}"), &format!("{hint}Value"), &value_doc);
                    let nullable = branches.iter().any(|b| b.flag("nullable"));
                    Ty::MapOf(Box::new(if nullable { Ty::Nullable(Box::new(ty)) } else { ty }))
                } else if node.str("type") == Some("object") || node.get("additionalProperties").is_some() {
                    Ty::Map
                } else {
                    Ty::Any
                }
            }
            _ => {
                let properties = node.get("properties").map(|p| p.entries().to_vec()).unwrap_or_default();
                let mut required = node.strings("required");
                required.extend(self.required_by_all_branches(node));
                if properties.is_empty() {
                    return Ty::Map;
                }
                self.structure(ctx, &hint, doc, &properties, &required)
            }
        }
    }

    /// `anyOf` branches that only list required keys: the keys every branch requires are required.
    fn required_by_all_branches(&self, node: &Node) -> Vec<String> {
        let Some(branches) = node.get("anyOf").or_else(|| node.get("oneOf")).map(Node::items) else { return vec![] };
        if branches.is_empty() || !branches.iter().all(is_constraint_only) {
            return vec![];
        }
        let first = branches[0].strings("required");
        first.into_iter().filter(|key| branches.iter().all(|b| b.strings("required").contains(key))).collect()
    }

    /// Properties and required keys of an `allOf`, its parts resolved and merged in order.
    fn merged(&self, node: &Node) -> (Vec<(String, Node)>, Vec<String>) {
        let mut properties: Vec<(String, Node)> = Vec::new();
        let mut required = Vec::new();
        let mut add = |props: &[(String, Node)], req: Vec<String>| {
            for (k, v) in props {
                match properties.iter_mut().find(|(key, _)| key == k) {
                    Some(slot) => slot.1 = v.clone(),
                    None => properties.push((k.clone(), v.clone())),
                }
            }
            required.extend(req);
        };
        for part in node.get("allOf").map(Node::items).unwrap_or_default() {
            let part = self.resolve(part);
            if part.get("allOf").is_some() {
                let (p, r) = self.merged(part);
                add(&p, r);
            } else {
                add(part.get("properties").map(Node::entries).unwrap_or_default(), part.strings("required"));
            }
        }
        add(node.get("properties").map(Node::entries).unwrap_or_default(), node.strings("required"));
        (properties, required)
    }

    fn resolve<'n>(&'n self, node: &'n Node) -> &'n Node {
        let mut node = node;
        for _ in 0..16 {
            match node.str("$ref").and_then(|r| self.schemas.get(ref_name(r))) {
                Some(target) => node = target,
                None => break,
            }
        }
        node
    }

    fn structure(
        &mut self,
        ctx: &Ctx,
        name: &str,
        doc: &str,
        properties: &[(String, Node)],
        required: &[String],
    ) -> Ty {
        let slot = self.define(ctx, name.to_owned(), doc.to_owned(), Kind::Struct(Vec::new()));
        let name = self.types[slot].name.clone();
        let name = name.as_str();
        let mut fields = Vec::new();
        for (json, node) in properties {
            let is_list = node.str("type") == Some("array");
            let hint = format!("{name}{}", pascal(&if is_list { singular(json) } else { json.clone() }));
            let resolved = self.resolve(node);
            let constant = match resolved.get("enum").map(Node::items) {
                Some([only]) if resolved.str("type").unwrap_or("string") == "string" => {
                    only.as_str().map(str::to_owned)
                }
                _ => None,
            };
            let field_doc = field_doc(json, resolved, constant.as_deref());
            let type_doc = format!("The `{json}` of [`{name}`].");
            let ty = self.lower(node, &ctx.child(&format!(".{json}")), &hint, &type_doc);
            fields.push(Field {
                json: json.clone(),
                rust: field(json),
                ty,
                required: required.contains(json),
                doc: field_doc,
                constant,
            });
        }
        let mut seen = HashSet::new();
        for f in &fields {
            if !seen.insert(f.rust.clone()) {
                self.errors.push(format!("`{}` has two fields named `{}`", ctx.path, f.rust));
            }
        }
        self.types[slot].kind = Kind::Struct(fields);
        Ty::Named(name.to_owned())
    }

    fn open_enum(&mut self, ctx: &Ctx, name: &str, doc: &str, values: Vec<String>) -> Ty {
        let mut variants: Vec<(String, String)> = Vec::new();
        for value in values {
            if variants.iter().any(|(_, v)| *v == value) {
                continue;
            }
            let named = self.overrides.variant(&value).map(str::to_owned).or_else(|| variant(&value));
            let Some(mut named) = named else {
                self.errors.push(format!("`{}`: the value `{value}` needs a variant name in the overrides", ctx.path));
                continue;
            };
            if named == "Unknown" {
                named = "UnknownValue".into();
            }
            while variants.iter().any(|(n, _)| *n == named) {
                named.push('_');
            }
            variants.push((named, value));
        }
        let index = self.define(ctx, name.to_owned(), doc.to_owned(), Kind::Enum(variants));
        Ty::Named(self.types[index].name.clone())
    }

    fn one_of(&mut self, ctx: &Ctx, name: &str, doc: &str, branches: &[Node]) -> Ty {
        let slot = self.define(ctx, name.to_owned(), doc.to_owned(), Kind::OneOf(Vec::new()));
        let name = self.types[slot].name.clone();
        let mut variants: Vec<Variant> = Vec::new();
        for (i, branch) in branches.iter().enumerate() {
            let resolved = self.resolve(branch).clone();
            let shape = self.shape(&resolved);
            let base = match branch.str("$ref") {
                Some(reference) => self
                    .overrides
                    .rename(ref_name(reference))
                    .map(str::to_owned)
                    .unwrap_or_else(|| pascal(ref_name(reference))),
                None => {
                    branch.str("title").map(pascal).filter(|t| !t.is_empty()).unwrap_or_else(|| kind_name(&shape, i))
                }
            };
            let mut variant_name = base;
            while variants.iter().any(|v| v.name == variant_name) || variant_name == "Other" {
                variant_name.push('_');
            }
            let hint = format!("{name}{variant_name}");
            let vdoc = format!("The `{variant_name}` shape of [`{name}`].");
            let ty = self.lower(branch, &ctx.child(&format!("|{variant_name}")), &hint, &vdoc);
            variants.push(Variant { name: variant_name, ty, shape });
        }
        self.types[slot].kind = Kind::OneOf(variants);
        Ty::Named(name)
    }

    fn shape(&self, node: &Node) -> Shape {
        let node = self.resolve(node);
        let (properties, required) = if node.get("allOf").is_some() {
            self.merged(node)
        } else {
            (node.get("properties").map(|p| p.entries().to_vec()).unwrap_or_default(), node.strings("required"))
        };
        let kind = json_kind(node, !properties.is_empty());
        let item_kind = (kind == JsonKind::Array)
            .then(|| node.get("items").map(|i| json_kind(self.resolve(i), false)).unwrap_or(JsonKind::Any));
        let constants = properties
            .iter()
            .filter_map(|(k, v)| {
                let v = self.resolve(v);
                let values: Vec<String> =
                    v.get("enum")?.items().iter().filter_map(Node::as_str).map(str::to_owned).collect();
                (values.len() == 1).then(|| (k.clone(), values))
            })
            .collect();
        let mut known: Vec<String> = properties.iter().map(|(k, _)| k.clone()).collect();
        for (key, schema) in &properties {
            let inner = self.resolve(schema).get("properties").map(Node::entries).unwrap_or_default();
            known.extend(inner.iter().map(|(sub, _)| format!("{key}.{sub}")));
        }
        Shape { kind, item_kind, required, constants, properties: known }
    }
}

fn json_kind(node: &Node, has_properties: bool) -> JsonKind {
    match node.str("type") {
        Some("object") => JsonKind::Object,
        Some("string") => JsonKind::String,
        Some("integer") => JsonKind::Integer,
        Some("number") => JsonKind::Number,
        Some("boolean") => JsonKind::Boolean,
        Some("array") => JsonKind::Array,
        _ if has_properties || node.get("allOf").is_some() => JsonKind::Object,
        _ => JsonKind::Any,
    }
}

fn kind_name(shape: &Shape, index: usize) -> String {
    match (shape.kind, shape.item_kind) {
        (JsonKind::String, _) => "String".into(),
        (JsonKind::Integer, _) => "Integer".into(),
        (JsonKind::Number, _) => "Number".into(),
        (JsonKind::Boolean, _) => "Boolean".into(),
        (JsonKind::Array, Some(JsonKind::String)) => "StringList".into(),
        (JsonKind::Array, Some(JsonKind::Integer)) => "IntegerList".into(),
        (JsonKind::Array, _) => "List".into(),
        _ => format!("Variant{}", index + 1),
    }
}

/// Whether a `oneOf`/`anyOf` branch only states required keys (no shape of its own).
fn is_constraint_only(branch: &Node) -> bool {
    branch.entries().iter().all(|(k, _)| matches!(k.as_str(), "required" | "title" | "description"))
}

/// A field's doc line, in our words, from what the schema states as facts: its name, its kind (a time, a
/// URL, an id, a flag, a count, a fixed value) and the example value the description gives.
fn field_doc(json: &str, node: &Node, constant: Option<&str>) -> String {
    let words = humanize(json);
    let kind = node.str("type").unwrap_or("");
    let format = node.str("format").unwrap_or("");
    let mut doc = if let Some(value) = constant {
        format!("Always `{value}`: the kind of object this is.")
    } else if matches!(format, "date-time" | "timestamp") && kind == "integer" {
        format!("{words}, in Unix seconds.")
    } else if json == "id" {
        "The object's id (a string, also when the API sends a number).".to_owned()
    } else if let Some(owner) = json.strip_suffix("_id") {
        format!("The id of the {} this refers to.", lowercase_first(&humanize(owner)))
    } else if kind == "boolean" {
        format!("{words} (a flag).")
    } else if format == "uri" || json.ends_with("_url") || json == "url" {
        format!("{words}: a URL.")
    } else if json.ends_with("_count") || json == "count" {
        format!("{words}: a count.")
    } else if kind == "array" {
        format!("{words}: a list.")
    } else {
        format!("{words}.")
    };
    let example = match node.get("example") {
        Some(Node::Str(text)) => Some(text.clone()),
        Some(Node::Int(n)) => Some(n.to_string()),
        Some(Node::Float(n)) => Some(n.to_string()),
        Some(Node::Bool(b)) => Some(b.to_string()),
        _ => None,
    };
    if let Some(example) = example
        .filter(|e| !e.is_empty() && e.len() <= 48 && constant.is_none() && !e.contains(['\n', '`', '<', '[', ']']))
    {
        doc.push_str(&format!(" For example `{example}`."));
    }
    doc
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::parse;

    const SPEC: &str = r##"
info: {version: "9.9"}
paths:
  /things:
    post:
      operationId: createThing
      tags: [Things]
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/create_thing_request"}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/thing"}
components:
  schemas:
    thing:
      type: object
      properties:
        type: {type: string, enum: [thing]}
        id: {type: integer}
        owner_id: {type: string}
        state: {type: string, enum: [open, "in progress"]}
        tags: {type: array, items: {type: string, nullable: true}}
        parts:
          type: array
          items:
            type: object
            properties: {name: {type: string}}
        extra: {type: object}
    create_thing_request:
      type: object
      properties:
        name: {type: string}
        user_id: {type: string}
        email: {type: string}
        shape:
          oneOf:
            - {$ref: "#/components/schemas/circle"}
            - title: Square
              type: object
              properties: {type: {type: string, enum: [square]}, side: {type: integer}}
              required: [side]
            - {type: string}
      required: [name]
      anyOf:
        - required: [user_id]
        - required: [email]
    circle:
      allOf:
        - {$ref: "#/components/schemas/shape_base"}
        - properties: {radius: {type: number}}
          required: [radius]
    shape_base:
      properties: {type: {type: string, enum: [circle]}}
"##;

    fn model() -> Model {
        lower(&parse(SPEC).unwrap(), &Overrides::default()).unwrap()
    }

    fn find<'m>(model: &'m Model, name: &str) -> &'m TypeDef {
        model.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"))
    }

    #[test]
    fn names_styles_and_modules() {
        let model = model();
        let thing = find(&model, "Thing");
        assert_eq!(thing.style, Style::Response);
        assert_eq!(thing.module, "things");
        assert!(thing.doc.contains("/references/9.9/rest-api/api.intercom.io/things"), "{}", thing.doc);
        assert_eq!(find(&model, "CreateThingRequest").style, Style::Request);
        assert_eq!(find(&model, "ThingPart").path, "thing.parts[]");
        let Kind::Enum(values) = &find(&model, "ThingState").kind else { panic!() };
        assert_eq!(
            values,
            &[("Open".to_owned(), "open".to_owned()), ("InProgress".to_owned(), "in progress".to_owned())]
        );
    }

    #[test]
    fn field_types() {
        let model = model();
        let Kind::Struct(fields) = &find(&model, "Thing").kind else { panic!() };
        let ty = |name: &str| fields.iter().find(|f| f.json == name).unwrap().ty.clone();
        assert_eq!(ty("type"), Ty::Str, "a single-value enum is a hint, not a type");
        assert_eq!(ty("id"), Ty::Int);
        assert_eq!(ty("tags"), Ty::Vec(Box::new(Ty::Nullable(Box::new(Ty::Str)))));
        assert_eq!(ty("parts"), Ty::Vec(Box::new(Ty::Named("ThingPart".into()))));
        assert_eq!(ty("extra"), Ty::Map);
        assert_eq!(fields.iter().find(|f| f.json == "type").unwrap().rust, "r#type");
    }

    #[test]
    fn required_alternatives_and_one_of_shapes() {
        let model = model();
        let Kind::Struct(fields) = &find(&model, "CreateThingRequest").kind else { panic!() };
        let required: Vec<_> = fields.iter().filter(|f| f.required).map(|f| f.json.as_str()).collect();
        assert_eq!(required, ["name"], "alternatives (user_id or email) are not each required");

        let Kind::OneOf(variants) = &find(&model, "CreateThingRequestShape").kind else { panic!() };
        let names: Vec<_> = variants.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["Circle", "Square", "String"]);
        assert_eq!(variants[0].shape.constants, [("type".to_owned(), vec!["circle".to_owned()])]);
        assert_eq!(variants[0].shape.required, ["radius"]);
        assert_eq!(variants[0].shape.properties, ["type", "radius"]);
        assert_eq!(variants[1].ty, Ty::Named("CreateThingRequestShapeSquare".into()));
        assert_eq!(variants[2].shape.kind, JsonKind::String);
        let Kind::Struct(circle) = &find(&model, "Circle").kind else { panic!() };
        assert_eq!(circle.iter().map(|f| f.json.as_str()).collect::<Vec<_>>(), ["type", "radius"]);
    }

    #[test]
    fn keys_cover_schemas_and_operation_bodies() {
        let model = model();
        let keys: Vec<_> = model.keys.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["thing", "create_thing_request", "circle", "shape_base"]);
        assert_eq!(model.operations[0].request.as_deref(), Some("create_thing_request"));
        assert_eq!(model.operations[0].responses, [("200".to_owned(), "thing".to_owned())]);
    }

    #[test]
    fn inline_types_yield_names_to_component_schemas() {
        let spec = parse(
            r##"
components:
  schemas:
    thing:
      properties:
        state: {type: object, properties: {a: {type: string}}}
    thing_state: {type: object, properties: {b: {type: string}}}
"##,
        )
        .unwrap();
        let model = lower(&spec, &Overrides::default()).unwrap();
        assert_eq!(find(&model, "ThingStateInline").path, "thing.state");
        assert_eq!(find(&model, "ThingState").path, "thing_state");
    }

    #[test]
    fn overrides_rename_types() {
        let spec = parse(SPEC).unwrap();
        let renamed = Overrides { renames: vec![("thing.state".into(), "ThingStatus".into())], ..Default::default() };
        assert!(lower(&spec, &renamed).unwrap().types.iter().any(|t| t.name == "ThingStatus"));
    }

    #[test]
    fn field_docs_say_what_the_schema_states() {
        let doc = |json: &str, yaml: &str, constant: Option<&str>| field_doc(json, &parse(yaml).unwrap(), constant);
        assert_eq!(
            doc("type", "{type: string, enum: [admin]}", Some("admin")),
            "Always `admin`: the kind of object this is."
        );
        assert_eq!(doc("created_at", "{type: integer, format: date-time}", None), "Created at, in Unix seconds.");
        assert_eq!(doc("admin_id", "{type: string}", None), "The id of the admin this refers to.");
        assert_eq!(doc("unsubscribed_from_emails", "{type: boolean}", None), "Unsubscribed from emails (a flag).");
        assert_eq!(
            doc("email", "{type: string, example: joe@example.com}", None),
            "Email. For example `joe@example.com`."
        );
        assert_eq!(doc("avatar_url", "{type: string}", None), "Avatar url: a URL.");
        let long = "{type: string, example: '<p>a long body with markup that is not a useful example</p>'}";
        assert_eq!(doc("body", long, None), "Body.", "long or marked-up examples are left out");
    }
}
