//! How operations are keyed across descriptions, versions and overrides: by method and path, whatever the
//! path parameters are called (`GET /contacts/{}`), and the name a `$ref` points to.

/// A path template with every parameter written `{}`: how the table names paths.
pub fn normalized(path: &str) -> String {
    path.split('/')
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
