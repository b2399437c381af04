//! The mock's recorded responses: every JSON response example of the description, as files.

use std::fmt::Write as _;
use std::io::Write as _;

use crate::model::{Operation, Success};
use crate::spec::Node;

/// One recorded response.
pub struct RecordedFile {
    /// The operation it answers.
    pub operation: String,
    /// The HTTP status.
    pub status: u16,
    /// The file name under `fixtures/<operation>/`.
    pub file: String,
    /// The `Content-Type` it is served with.
    pub content_type: &'static str,
    /// The bytes.
    pub body: Vec<u8>,
}

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_ascii_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}

/// Every JSON response example of `spec`'s operations, by endpoint name. An operation whose JSON success has
/// no example gets the `legacy` description's (`from_2_11`), else one made from the schema's examples
/// (`made_from_schema`). An operation whose success has no JSON body gets an empty body, or a small gzip CSV
/// for file downloads.
pub fn recorded(spec: &Node, legacy: Option<&Node>, operations: &[Operation]) -> Vec<RecordedFile> {
    let mut files = Vec::new();
    for operation in operations {
        let before = files.len();
        examples_of(spec, operation, "", &mut files);
        let has_success = files[before..].iter().any(|f| (200..300).contains(&f.status));
        if has_success || !matches!(operation.success, Success::Json(_)) {
            continue;
        }
        let legacy_files = legacy.map(|legacy| {
            let mut found = Vec::new();
            examples_of(legacy, operation, "from_2_11_", &mut found);
            found.retain(|f| (200..300).contains(&f.status));
            found
        });
        match (legacy_files.filter(|f| !f.is_empty()), &operation.success_sample) {
            (Some(found), _) => files.extend(found),
            (None, Some(sample)) => files.push(RecordedFile {
                operation: operation.name.clone(),
                status: operation.success_status.parse().unwrap_or(200),
                file: format!("{}_made_from_schema.json", operation.success_status),
                content_type: "application/json",
                body: format!("{}\n", sample.to_json_text()).into_bytes(),
            }),
            (None, None) => {}
        }
    }
    for op in operations {
        let status = op.success_status.parse().unwrap_or(200);
        match op.success {
            Success::Empty => files.push(RecordedFile {
                operation: op.name.clone(),
                status,
                file: format!("{status}_empty.empty"),
                content_type: "",
                body: Vec::new(),
            }),
            Success::Binary => files.push(RecordedFile {
                operation: op.name.clone(),
                status,
                file: format!("{status}_export.csv.gz"),
                content_type: "application/octet-stream",
                body: export_file(),
            }),
            Success::Json(_) => {}
        }
    }
    files
}

/// The JSON response examples of `operation` in `spec`, files named with `prefix`.
fn examples_of(spec: &Node, operation: &Operation, prefix: &str, files: &mut Vec<RecordedFile>) {
    let method = operation.method.to_ascii_lowercase();
    let route = crate::versions::normalized(&operation.path);
    let item = spec
        .get("paths")
        .map(Node::entries)
        .unwrap_or_default()
        .iter()
        .find(|(path, item)| crate::versions::normalized(path) == route && item.get(&method).is_some());
    let Some(op) = item.and_then(|(_, item)| item.get(&method)) else { return };
    for (status, response) in op.get("responses").map(Node::entries).unwrap_or_default() {
        let Ok(code) = status.parse::<u16>() else { continue };
        let examples = response.at(&["content", "application/json", "examples"]);
        for (name, example) in examples.map(Node::entries).unwrap_or_default() {
            let Some(value) = example.get("value") else { continue };
            files.push(RecordedFile {
                operation: operation.name.clone(),
                status: code,
                file: format!("{status}_{prefix}{}.json", slug(name)),
                content_type: "application/json",
                body: format!("{}\n", value.to_json_text()).into_bytes(),
            });
        }
    }
}

/// A small gzip-compressed CSV, as a data export download answers.
fn export_file() -> Vec<u8> {
    let csv = b"user_id,user_email,company_id,received_at,message_id,content_type\n\
                667d60978a68186f43bafd9e,joe@example.com,,1719474967,1,email\n";
    let mut gz = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::default());
    gz.write_all(csv).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

/// `crates/intercom-mock/src/recorded.rs`: the table of every recorded file.
pub fn table(files: &[RecordedFile], version: &str) -> String {
    let mut out = format!(
        "//! Every recorded response, by operation and status.\n//!\n//! Generated by `intercom-codegen` from the \
         examples of Intercom's OpenAPI description {version} (and of 2.11 for the operations it dropped): do not edit.\n\nuse crate::fixtures::Fixture;\n\n\
         /// Every recorded response.\npub static ALL: &[Fixture] = &[\n"
    );
    for f in files {
        let _ = writeln!(
            out,
            "    Fixture {{ operation: {:?}, status: {}, file: {:?}, content_type: {:?}, body: include_bytes!(\"../fixtures/{}/{}\") }},",
            f.operation, f.status, f.file, f.content_type, f.operation, f.file
        );
    }
    out.push_str("];\n");
    out
}
