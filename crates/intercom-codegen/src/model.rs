//! The generator's intermediate representation: Rust types to write, independent of the spec's syntax.

/// The Rust type of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// `String`.
    Str,
    /// `i64`.
    Int,
    /// A number, kept exactly: `serde_json::Number`.
    Float,
    /// `bool`.
    Bool,
    /// Any JSON: `serde_json::Value`.
    Any,
    /// A free-form object: `serde_json::Map<String, Value>`.
    Map,
    /// An object whose values all have one type: `BTreeMap<String, T>`.
    MapOf(Box<Ty>),
    /// A list.
    Vec(Box<Ty>),
    /// A list item that may be `null`: `Option<T>`.
    Nullable(Box<Ty>),
    /// A generated type.
    Named(String),
}

/// Whether a type is built by users (requests) or decoded from the server (responses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Decoded from answers: every field tolerant.
    Response,
    /// Sent by users: required fields are required.
    Request,
}

/// A field of a generated struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON key.
    pub json: String,
    /// The Rust field name.
    pub rust: String,
    /// The value's type.
    pub ty: Ty,
    /// Whether the spec lists it as required.
    pub required: bool,
    /// Our doc line.
    pub doc: String,
    /// The one value the spec allows (a single-value enum, usually a `type` discriminator): a request type's
    /// `new` sets it, so it is not an argument.
    pub constant: Option<String>,
}

/// The JSON kind a variant of a polymorphic type has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    /// An object.
    Object,
    /// A string.
    String,
    /// An integer.
    Integer,
    /// Any number.
    Number,
    /// A boolean.
    Boolean,
    /// A list.
    Array,
    /// Anything.
    Any,
}

/// What a variant of a polymorphic type looks like, to pick it when decoding.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Its JSON kind.
    pub kind: JsonKind,
    /// For lists, the kind of the items.
    pub item_kind: Option<JsonKind>,
    /// Keys the spec requires.
    pub required: Vec<String>,
    /// Keys whose value must be one of a few strings (single-value enums are the usual discriminators).
    pub constants: Vec<(String, Vec<String>)>,
    /// Every key it knows, and `key.sub` for the keys of an object one level down.
    pub properties: Vec<String>,
}

/// One variant of a polymorphic type.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The variant name.
    pub name: String,
    /// What it holds.
    pub ty: Ty,
    /// How to recognise it.
    pub shape: Shape,
}

/// What a generated type is.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A struct with named fields.
    Struct(Vec<Field>),
    /// An open string enum: (variant, JSON value).
    Enum(Vec<(String, String)>),
    /// One of several shapes, picked by shape, with a JSON fallback.
    OneOf(Vec<Variant>),
    /// A schema that is another type (a list, a string...): a type alias.
    Alias(Ty),
}

/// A generated type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The Rust name.
    pub name: String,
    /// The module it goes in.
    pub module: String,
    /// Our doc comment.
    pub doc: String,
    /// What it is.
    pub kind: Kind,
    /// Request or response conventions.
    pub style: Style,
    /// Where it comes from in the spec, e.g. `admin.avatar`.
    pub path: String,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamIn {
    /// A path segment.
    Path,
    /// The query string.
    Query,
}

/// A path or query parameter of an operation.
#[derive(Debug, Clone)]
pub struct Param {
    /// The name in the spec (and on the wire).
    pub name: String,
    /// The Rust field name.
    pub rust: String,
    /// Where it goes.
    pub location: ParamIn,
    /// Its type.
    pub ty: Ty,
    /// Whether the operation requires it.
    pub required: bool,
    /// A value for tests: the spec's example, else one made from the type.
    pub sample: crate::spec::Node,
}

/// What a successful call returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Success {
    /// A JSON body of this type.
    Json(Ty),
    /// No body worth reading: `()`.
    Empty,
    /// A file: bytes.
    Binary,
}

/// One operation: its endpoint and the schemas of its request and answers.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The endpoint type's name, from the naming rule (`crate::endpoint_names`): the operation's stable key.
    pub name: String,
    /// The spec `operationId`, when the description gives one.
    pub spec_id: Option<String>,
    /// The API versions that have the operation (from `operations-by-version.tsv`), oldest first.
    pub versions: Vec<String>,
    /// Intercom's SDK method name (`contacts.find`), from its SDK overrides.
    pub sdk_method: Option<String>,
    /// The older version this operation was taken from, where the newest version has another operation at
    /// the same method and path (`GET /custom_object_instances/{}` finds one instance by `external_id` up
    /// to 2.15, and lists them in 2.16).
    pub older_shape: Option<String>,
    /// The module (resource group) it goes in.
    pub module: String,
    /// Its first tag.
    pub tag: String,
    /// The HTTP method, upper case.
    pub method: String,
    /// The path template.
    pub path: String,
    /// Path and query parameters, in the spec's order.
    pub params: Vec<Param>,
    /// The request body's registry key, if it has a JSON body.
    pub request: Option<String>,
    /// The request body's type.
    pub request_ty: Option<Ty>,
    /// The request examples: (name, value).
    pub request_examples: Vec<(String, crate::spec::Node)>,
    /// A body made from the schema's examples, for operations without a request example.
    pub request_sample: Option<crate::spec::Node>,
    /// Status and key of each JSON answer.
    pub responses: Vec<(String, String)>,
    /// What a success returns.
    pub success: Success,
    /// The status of the first success answer the spec lists.
    pub success_status: String,
    /// A success answer made from the schema's examples, when the description has no example of it.
    pub success_sample: Option<crate::spec::Node>,
    /// How it pages, when it is paginated (set while lowering, by `crate::paging`).
    pub paging: Option<Paging>,
}

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

impl Operation {
    /// `METHOD /path/{}`: its route whatever its parameters are called (Preview spells `{admin_id}` as `{id}`).
    pub fn route(&self) -> String {
        crate::route::route(&self.method, &self.path)
    }

    /// The newest stable version that has the operation (`Preview` aside).
    pub fn last_stable_version(&self) -> Option<&str> {
        self.versions.iter().rev().map(String::as_str).find(|v| *v != "Preview")
    }

    /// Whether `newest` (the version the SDK is generated from) dropped the operation: the SDK keeps it,
    /// deprecated, for clients pinned to an older version.
    pub fn is_dropped_by(&self, newest: &str) -> bool {
        !self.versions.iter().any(|v| v == newest)
    }
}

/// Everything generated from one description.
#[derive(Debug, Clone)]
pub struct Model {
    /// The API version (`info.version`).
    pub version: String,
    /// Every version the versions table knows, oldest first (`2.7` … `2.16`, `Preview`).
    pub versions: Vec<String>,
    /// The types, in the order they are written.
    pub types: Vec<TypeDef>,
    /// Registry keys (component schema names, `op:<id>.request`, `op:<id>.response.<status>`) and their types.
    pub keys: Vec<(String, Ty)>,
    /// Every operation.
    pub operations: Vec<Operation>,
}
