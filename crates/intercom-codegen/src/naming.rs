//! Turning spec names into Rust names.

/// Rust's reserved words, which need a raw identifier as field names.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do",
    "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let boundary = c.is_ascii_uppercase()
            && !current.is_empty()
            && (chars[i - 1].is_ascii_lowercase()
                || chars[i - 1].is_ascii_digit()
                || chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()) && chars[i - 1].is_ascii_uppercase());
        if boundary {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `admin_with_app` -> `AdminWithApp`, `Help Center` -> `HelpCenter`.
pub fn pascal(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect()
}

/// `Help Center` -> `help_center`, `SearchContacts` -> `search_contacts`.
pub fn snake(name: &str) -> String {
    words(name).iter().map(|w| w.to_ascii_lowercase()).collect::<Vec<_>>().join("_")
}

/// A field name: snake case, a raw identifier for keywords, `_` before a leading digit.
pub fn field(name: &str) -> String {
    let mut out = snake(name);
    if out.is_empty() {
        out = "value".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.insert_str(0, "r#");
    }
    out
}

/// A plural field name in the singular, for naming list items: `content_types` -> `content_type`.
pub fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with("sses") || name.ends_with("xes") {
        name[..name.len() - 2].to_owned()
    } else if name.ends_with('s') && !name.ends_with("ss") {
        name[..name.len() - 1].to_owned()
    } else {
        format!("{name}_item")
    }
}

/// An enum variant for a JSON value: `in_progress` -> `InProgress`, `2.11` -> `V2_11`; `None` when the value
/// has no letters or digits (symbols need a name from the overrides).
pub fn variant(value: &str) -> Option<String> {
    if value.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        if value.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Some(format!("V{}", value.replace('.', "_")));
        }
        return Some(format!("V{}", pascal(value)));
    }
    let name = pascal(value);
    (!name.is_empty()).then_some(name)
}

/// Words of a field name for a generated doc line: `away_mode_enabled` -> `Away mode enabled`.
pub fn humanize(name: &str) -> String {
    let text = words(name).join(" ").to_ascii_lowercase();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(pascal("admin_with_app"), "AdminWithApp");
        assert_eq!(pascal("Help Center"), "HelpCenter");
        assert_eq!(pascal("lisDataEvents"), "LisDataEvents");
        assert_eq!(pascal("SearchContacts"), "SearchContacts");
        assert_eq!(pascal("error.list"), "ErrorList");
        assert_eq!(snake("SearchContacts"), "search_contacts");
        assert_eq!(snake("AI Content Source"), "ai_content_source");
        assert_eq!(field("type"), "r#type");
        assert_eq!(field("$"), "value");
        assert_eq!(field("2fa"), "_2fa");
        assert_eq!(singular("content_types"), "content_type");
        assert_eq!(singular("companies"), "company");
        assert_eq!(singular("data"), "data_item");
        assert_eq!(variant("in_progress").as_deref(), Some("InProgress"));
        assert_eq!(variant("2.11").as_deref(), Some("V2_11"));
        assert_eq!(variant("3rd_party_error").as_deref(), Some("V3rdPartyError"));
        assert_eq!(variant("Preview").as_deref(), Some("Preview"));
        assert_eq!(variant("!="), None);
        assert_eq!(humanize("away_mode_enabled"), "Away mode enabled");
    }
}
