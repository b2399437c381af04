//! Where in a JSON body a decoding error happened, as a path (`data[1].created_at`), found from the
//! error's line and column by reading the body up to there. Decoding itself tracks nothing, so the typed
//! decoders stay one plain `serde_json` instantiation per answer type, compiled once in this crate.

/// One open container while the body is read.
enum Frame {
    /// An object, and the member whose value is being read (after its `:`), if any.
    Object { key: Option<String>, in_value: bool },
    /// An array, and the index of the element being read.
    Array { index: usize },
}

/// The path of the value being read at `line`/`column` (as `serde_json` reports them: 1-based line, bytes
/// of that line read so far) in `body`: `.` for the top level.
pub(crate) fn path_at(body: &[u8], line: usize, column: usize) -> String {
    let mut end = offset(body, line, column);
    // A value of the wrong type is reported just past its first byte: an array or object there is the
    // value in error, not a container being read.
    if end > 0 && matches!(body[end - 1], b'[' | b'{') {
        end -= 1;
    }
    let mut frames: Vec<Frame> = Vec::new();
    let mut at = 0;
    while at < end {
        match body[at] {
            b'{' => frames.push(Frame::Object { key: None, in_value: false }),
            b'[' => frames.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                frames.pop();
            }
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = frames.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object { key, in_value }) => (*key, *in_value) = (None, false),
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let (text, next) = string(body, at + 1, end);
                if let Some(Frame::Object { key, in_value: false }) = frames.last_mut() {
                    *key = Some(text);
                }
                at = next;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    render(&frames)
}

/// The byte offset of `line`/`column`, clamped to the body.
fn offset(body: &[u8], line: usize, column: usize) -> usize {
    let mut line_start = 0;
    for _ in 1..line.max(1) {
        match body[line_start..].iter().position(|&b| b == b'\n') {
            Some(newline) => line_start += newline + 1,
            None => return body.len(),
        }
    }
    (line_start + column).min(body.len())
}

/// The text of the string starting at `from` (after its opening quote), and where reading goes on: after
/// the closing quote, or `end` if it is cut there. Escapes are kept as written.
fn string(body: &[u8], from: usize, end: usize) -> (String, usize) {
    let mut at = from;
    while at < end {
        match body[at] {
            b'\\' => at += 2,
            b'"' => return (String::from_utf8_lossy(&body[from..at]).into_owned(), at + 1),
            _ => at += 1,
        }
    }
    (String::from_utf8_lossy(&body[from..end.min(body.len())]).into_owned(), end)
}

fn render(frames: &[Frame]) -> String {
    let mut path = String::new();
    for frame in frames {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(body: &str) -> String {
        let err = serde_json::from_str::<T>(body).unwrap_err();
        path_at(body.as_bytes(), err.line(), err.column())
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Page {
        data: Vec<Item>,
        total: Option<i64>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        created_at: Option<i64>,
        tags: Option<Vec<i64>>,
    }

    #[test]
    fn names_the_member_the_error_is_in() {
        let body = r#"{"data": [{"id": "1", "created_at": 1}, {"id": "2", "created_at": "x"}]}"#;
        assert_eq!(path_of_error::<Page>(body), "data[1].created_at");
        let body = "{\n  \"total\": 3,\n  \"data\": [\n    {\"id\": \"1\", \"tags\": [1, 2, \"three\"]}\n  ]\n}";
        assert_eq!(path_of_error::<Page>(body), "data[0].tags[2]");
        assert_eq!(path_of_error::<Page>(r#"{"total": "many", "data": []}"#), "total");
        assert_eq!(path_of_error::<Page>(r#"{"data": [{"id": ["1"]}]}"#), "data[0].id");
        assert_eq!(path_of_error::<Page>(r#"{"data": [{"id": {"a": 1}}]}"#), "data[0].id");
    }

    #[test]
    fn a_missing_member_names_the_object_without_it() {
        assert_eq!(path_of_error::<Page>(r#"{"data": [{"id": "1"}, {"created_at": 2}]}"#), "data[1]");
        assert_eq!(path_of_error::<Page>(r#"{"total": 1}"#), ".");
    }

    #[test]
    fn escaped_quotes_cut_bodies_and_trailing_text() {
        let body = r#"{"data": [{"id": "a \"quoted\" id", "created_at": true}]}"#;
        assert_eq!(path_of_error::<Page>(body), "data[0].created_at");
        assert_eq!(path_of_error::<Page>(r#"{"data": [{"id": "1", "created_at": 1"#), "data[0].created_at");
        assert_eq!(path_of_error::<Page>(r#"{"data": []} trailing"#), ".");
        assert_eq!(path_at(b"{}", 9, 9), ".");
    }
}
