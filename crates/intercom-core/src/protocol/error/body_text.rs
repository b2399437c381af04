//! How an error shows a body it quotes: the start of it when it is text, a description when it is not
//! (compressed or binary bytes are never dumped into a message).

/// How many characters of a text body an error quotes.
const SNIPPET_CHARS: usize = 200;

/// The start of a text body on one line, or what a non-text body is: "a gzip-compressed body of 1.2 MB
/// (Content-Encoding: gzip)".
pub(crate) fn quote(body: &[u8], content_encoding: Option<&str>) -> String {
    match describe(body, content_encoding) {
        Some(description) => description,
        None => snippet(body),
    }
}

/// A description of a body that is not text; `None` for text.
pub(crate) fn describe(body: &[u8], content_encoding: Option<&str>) -> Option<String> {
    let encoding = content_encoding.map(str::trim).filter(|e| !e.is_empty() && !e.eq_ignore_ascii_case("identity"));
    let kind = if body.starts_with(&[0x1f, 0x8b]) {
        "a gzip-compressed body"
    } else if body.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        "a zstd-compressed body"
    } else if encoding.is_some() || !looks_like_text(body) {
        match encoding {
            Some(_) => "a compressed body",
            None => "a binary body",
        }
    } else {
        return None;
    };
    let header = encoding.map(|e| format!(" (Content-Encoding: {e})")).unwrap_or_default();
    Some(format!("{kind} of {}{header}", size(body.len())))
}

/// Whether the start of a body reads as text: valid UTF-8 (a cut character at the end aside) with no
/// control characters but whitespace.
fn looks_like_text(body: &[u8]) -> bool {
    let head = &body[..body.len().min(1024)];
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) if e.valid_up_to() + 4 > head.len() && head.len() == 1024 => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !text.chars().any(|c| c.is_control() && !c.is_whitespace())
}

/// `12 bytes`, `3.4 KB`, `1.2 MB`.
fn size(bytes: usize) -> String {
    match bytes {
        b if b < 1_000 => format!("{b} bytes"),
        b if b < 1_000_000 => format!("{:.1} KB", b as f64 / 1e3),
        b => format!("{:.1} MB", b as f64 / 1e6),
    }
}

/// The first [`SNIPPET_CHARS`] characters of a body, on one line.
pub(crate) fn snippet(body: &[u8]) -> String {
    let head = &body[..body.len().min(SNIPPET_CHARS * 4)];
    let text = String::from_utf8_lossy(head);
    let mut out: String = text.chars().take(SNIPPET_CHARS).map(|c| if c.is_control() { ' ' } else { c }).collect();
    if text.chars().count() > SNIPPET_CHARS || head.len() < body.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_quoted_and_bytes_are_described() {
        assert_eq!(quote(b"<html>Bad gateway</html>", None), "<html>Bad gateway</html>");
        let gzip = [&[0x1f, 0x8b, 0x08, 0x00][..], &[0xAB; 1_200_000][..]].concat();
        assert_eq!(quote(&gzip, Some("gzip")), "a gzip-compressed body of 1.2 MB (Content-Encoding: gzip)");
        assert_eq!(quote(&gzip[..40], None), "a gzip-compressed body of 40 bytes");
        assert_eq!(quote(&[0, 159, 146, 150, 7], None), "a binary body of 5 bytes");
        assert_eq!(
            quote(b"x\x9c\xcbH\xcd\xc9\xc9\x07\x00", Some("deflate")),
            "a compressed body of 9 bytes (Content-Encoding: deflate)"
        );
        assert_eq!(quote(b"plain", Some("identity")), "plain");
        assert_eq!(quote("é".repeat(600).as_bytes(), None).chars().count(), 201, "UTF-8 text cut, not described");
    }
}
