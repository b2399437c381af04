//! How operations are keyed across descriptions, versions and overrides: by method and path, whatever the
//! path parameters are called (`GET /contacts/{}`), and the name a `$ref` points to.

/// A path template with every parameter written `{}`: how the table names paths. (A description key of
/// an operation imported from an older version carries `#<version>` after its path, see
/// [`older_shape`]; it is not part of the route.)
pub fn normalized(path: &str) -> String {
    without_version(path)
        .split('/')
        .map(|segment| if segment.starts_with('{') && segment.ends_with('}') { "{}" } else { segment })
        .collect::<Vec<_>>()
        .join("/")
}

/// `METHOD /path/{}`: a route as the table keys it, whatever its parameters are called.
pub fn route(method: &str, path: &str) -> String {
    format!("{} {}", method.to_ascii_uppercase(), normalized(path))
}

/// The name a `$ref` points to (`#/components/schemas/contact` is `contact`).
pub fn ref_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// The key under which a description keeps the operation an older `version` has at `path`, where the newest
/// version has another operation at the same method and path (the answer's shape differs).
pub fn older_shape(path: &str, version: &str) -> String {
    format!("{path}#{version}")
}

/// The path of a description key, without the version [`older_shape`] adds.
pub fn without_version(key: &str) -> &str {
    key.split_once('#').map_or(key, |(path, _)| path)
}

/// The version [`older_shape`] put in a description key, if any.
pub fn shape_version(key: &str) -> Option<&str> {
    key.split_once('#').map(|(_, version)| version)
}
