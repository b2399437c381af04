//! The mock's recorded responses: every JSON response example of the description, as files.

use std::io::Write as _;

use crate::model::{Operation, Success};
use crate::spec::Node;
use crate::template::{fill, pairs};

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

/// A file name's part from an example's name: its first four words, lower case (the names are Intercom's
/// prose; a few words tell the examples apart, and [`unique`] settles the rest).
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_ascii_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.split('_').filter(|w| !w.is_empty()).take(4).collect::<Vec<_>>().join("_")
}

/// Numbers the second and later files of one operation that would share a name (`…_2.json`).
fn unique(files: &mut [RecordedFile]) {
    let mut seen = std::collections::HashSet::new();
    for file in files {
        let (stem, extension) = file
            .file
            .split_once('.')
            .map_or((file.file.clone(), String::new()), |(s, e)| (s.to_owned(), format!(".{e}")));
        let mut n = 1;
        while !seen.insert((file.operation.clone(), file.file.clone())) {
            n += 1;
            file.file = format!("{stem}_{n}{extension}");
        }
    }
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
    unique(&mut files);
    files
}

/// The JSON response examples of `operation` in `spec`, files named with `prefix`.
fn examples_of(spec: &Node, operation: &Operation, prefix: &str, files: &mut Vec<RecordedFile>) {
    let method = operation.method.to_ascii_lowercase();
    let route = crate::route::normalized(&operation.path);
    // Two operations may share a route (an older version's shape beside the newest's): the key says which.
    let shape = operation.older_shape.as_deref();
    let item = spec.get("paths").map(Node::entries).unwrap_or_default().iter().find(|(path, item)| {
        crate::route::normalized(path) == route
            && crate::route::shape_version(path) == shape
            && item.get(&method).is_some()
    });
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

/// `crates/intercom-mock/src/generated/recorded.rs`: the table of every recorded file.
pub fn table(files: &[RecordedFile], version: &str) -> String {
    let (dir, source) = match version {
        "Preview" => ("preview/", "the Preview description, for the operations Preview changes or adds".to_owned()),
        v => ("", format!("{v} (and of 2.11 for the operations it dropped)")),
    };
    let rows: String = files
        .iter()
        .map(|f| {
            let values = [
                ("operation", format!("{:?}", f.operation)),
                ("status", f.status.to_string()),
                ("file", format!("{:?}", f.file)),
                ("content_type", format!("{:?}", f.content_type)),
                ("dir", dir.to_owned()),
                ("operation_dir", f.operation.clone()),
                ("file_name", f.file.clone()),
            ];
            fill(include_str!("../templates/recorded_row.rs.tmpl"), &pairs(&values))
        })
        .collect();
    fill(include_str!("../templates/recorded_table.rs.tmpl"), &[("source", &source), ("rows", &rows)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(operation: &str, name: &str) -> RecordedFile {
        RecordedFile { operation: operation.into(), status: 200, file: name.into(), content_type: "", body: vec![] }
    }

    #[test]
    fn names_keep_four_words_and_stay_unique_per_operation() {
        assert_eq!(slug("Update a contact with an association"), "update_a_contact_with");
        assert_eq!(slug("  Not found!"), "not_found");
        let mut files =
            vec![file("A", "200_x.json"), file("A", "200_x.json"), file("B", "200_x.json"), file("A", "200_x.json")];
        unique(&mut files);
        let names: Vec<_> = files.iter().map(|f| format!("{}/{}", f.operation, f.file)).collect();
        assert_eq!(names, ["A/200_x.json", "A/200_x_2.json", "B/200_x.json", "A/200_x_3.json"]);
    }
}
