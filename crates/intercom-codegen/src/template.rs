//! The generator's templates: Rust source as it will be written, with `{{name}}` placeholders, kept in
//! `crates/intercom-codegen/templates/`. A writer fills a template once per item and joins the results;
//! the loops and choices stay in Rust, the shape of the output stays in the template, and rustfmt formats
//! the result. No template engine: placeholders are all these templates need.

/// Fills the `{{name}}` placeholders of `template` with `values`.
///
/// # Panics
///
/// On a placeholder without a value or a value without a placeholder: both are bugs of the generator, and
/// the message names the placeholder.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut used = vec![false; values.len()];
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}").unwrap_or_else(|| panic!("an unclosed placeholder in a template: {after:.40}"));
        let name = &after[..end];
        let index = values
            .iter()
            .position(|(key, _)| *key == name)
            .unwrap_or_else(|| panic!("the template placeholder `{name}` has no value"));
        used[index] = true;
        out.push_str(values[index].1);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    if let Some(unused) = used.iter().position(|used| !used) {
        panic!("the value `{}` has no placeholder in its template", values[unused].0);
    }
    out
}

/// Borrows owned values as the `(name, value)` pairs [`fill`] takes.
pub fn pairs<'a>(values: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    values.iter().map(|(name, value)| (*name, value.as_str())).collect()
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_every_placeholder_once_or_many_times() {
        let text = fill("pub struct {{name}} {}\nimpl {{name}} { {{body}} }", &[("name", "Tag"), ("body", "")]);
        assert_eq!(text, "pub struct Tag {}\nimpl Tag {  }");
    }

    #[test]
    #[should_panic(expected = "the template placeholder `missing` has no value")]
    fn a_placeholder_without_a_value_is_a_bug() {
        fill("{{missing}}", &[]);
    }

    #[test]
    #[should_panic(expected = "the value `extra` has no placeholder")]
    fn a_value_without_a_placeholder_is_a_bug() {
        fill("text", &[("extra", "x")]);
    }
}
