//! Cheap checks that the docs still match the code: every example is listed and run, every `Error`
//! variant is in ERRORS.md, and every crate path the docs name is exported.

use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn docs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![("README.md".to_owned(), read("README.md"))];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            let name = format!("docs/{}", path.file_name().unwrap().to_string_lossy());
            files.push((name.clone(), read(&name)));
        }
    }
    files
}

#[test]
fn every_example_is_listed_in_the_architecture_and_run_by_ci() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let architecture = read("docs/ARCHITECTURE.md");
    let ci = read(".ci/run");
    let mut examples = Vec::new();
    for entry in std::fs::read_dir(root.join("examples")).expect("examples/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            examples.push(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(examples.len() >= 10, "{examples:?}");
    for example in examples {
        assert!(architecture.contains(&format!("| `{example}` |")), "docs/ARCHITECTURE.md does not list {example}");
        let run = ci.contains(&format!("--example {example}"))
            || ci.split_whitespace().any(|w| w.trim_end_matches(';') == example);
        assert!(run, ".ci/run does not run the example {example}");
    }
}

/// The variants of `pub enum Error` in the source.
fn error_variants() -> BTreeSet<String> {
    let source = read("crates/intercom-core/src/protocol/error/mod.rs");
    let body = source.split("pub enum Error {").nth(1).expect("the Error enum").split("\n}").next().unwrap();
    body.lines()
        .filter_map(|line| line.strip_prefix("    "))
        .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|line| line.split(['(', ' ', ',']).next().unwrap().to_owned())
        .collect()
}

#[test]
fn errors_md_lists_exactly_the_error_variants() {
    let variants = error_variants();
    assert!(variants.contains("Api") && variants.contains("Configuration"), "{variants:?}");
    let errors = read("docs/ERRORS.md");
    let listed: BTreeSet<String> = errors
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(str::to_owned)
        .collect();
    assert_eq!(listed, variants, "docs/ERRORS.md's table against `pub enum Error`");
}

/// The names a crate root exports: `pub use` items, `pub mod`s and `pub type`s of its lib.rs (a glob
/// re-export of core counts as core's names).
fn exported(lib: &str, core: &BTreeSet<String>) -> BTreeSet<String> {
    let source: String = read(lib).lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut names = BTreeSet::new();
    for statement in source.split(';') {
        for (keyword, item) in [("pub mod ", true), ("pub type ", true)] {
            if let Some((_, rest)) = statement.split_once(keyword) {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if item && !name.is_empty() {
                    names.insert(name);
                }
            }
        }
        let Some((_, path)) = statement.split_once("pub use ") else { continue };
        let path = path.trim();
        if path.ends_with("::*") {
            names.extend(core.iter().cloned());
        } else if let Some((_, list)) = path.split_once('{') {
            let list = list.trim_end_matches('}');
            names.extend(list.split(',').map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned));
        } else {
            let last = path.rsplit("::").next().unwrap_or(path);
            names.insert(last.rsplit(" as ").next().unwrap_or(last).trim().to_owned());
        }
    }
    names
}

#[test]
fn every_crate_path_the_docs_name_is_exported() {
    let core = exported("crates/intercom-core/src/lib.rs", &BTreeSet::new());
    let protocol = exported("crates/intercom-core/src/protocol/mod.rs", &BTreeSet::new());
    assert!(core.contains("Config") && core.contains("protocol") && protocol.contains("build_request"), "{core:?}");
    let crates = [
        ("intercom_core", core.clone()),
        ("intercom_ureq", exported("crates/intercom-ureq/src/lib.rs", &core)),
        ("intercom_hyper", exported("crates/intercom-hyper/src/lib.rs", &core)),
    ];
    let mut missing = Vec::new();
    for (file, text) in docs() {
        for (krate, names) in &crates {
            for (at, _) in text.match_indices(&format!("{krate}::")) {
                let rest = &text[at + krate.len() + 2..];
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                let after = &rest[name.len()..];
                let known = if name == "protocol" {
                    let item: String = after
                        .trim_start_matches("::")
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    !after.starts_with("::") || item.is_empty() || protocol.contains(&item)
                } else {
                    name.is_empty() || names.contains(&name)
                };
                if !known {
                    missing.push(format!(
                        "{file}: {krate}::{name}{}",
                        if name == "protocol" { &after[..after.len().min(30)] } else { "" }
                    ));
                }
            }
        }
    }
    assert!(missing.is_empty(), "paths the docs name that the crates do not export:\n{}", missing.join("\n"));
}

#[test]
fn the_versions_the_docs_say_are_checked_are_the_version_folders() {
    let versions = intercom_codegen::version_folders();
    let (last, rest) = versions.split_last().expect("version folders");
    let listed = format!("{} and {last}", rest.join(", "));
    for file in ["README.md", "docs/VERSIONING.md"] {
        assert!(read(file).contains(&listed), "{file} should say the examples of {listed} are checked");
    }
}

#[test]
fn pagination_md_counts_the_per_page_maximums_of_operations_md() {
    let operations = read("docs/OPERATIONS.md");
    let rows = |needle: &str| operations.lines().filter(|l| l.starts_with("| `") && l.contains(needle)).count();
    let styles = ["QueryCursor", "BodyCursor", "PageNumber", "NextUrl", "NextCursor", "Scroll"];
    let paginated: usize = styles.iter().map(|style| rows(&format!("| {style}"))).sum();
    let limited = rows("`per_page` ≤");
    let claim = format!("{limited} of the {paginated}");
    assert!(
        read("docs/PAGINATION.md").contains(&claim),
        "docs/PAGINATION.md should say `{claim}` paginated operations check per_page"
    );
}

#[test]
fn versioning_md_quotes_the_preview_figures_of_preview_md() {
    let preview = read("docs/PREVIEW.md");
    let number_before = |text: &str, marker: &str| -> String {
        let at = text.find(marker).unwrap_or_else(|| panic!("docs/PREVIEW.md has no `{marker}`"));
        text[..at].split_whitespace().last().unwrap_or_default().to_owned()
    };
    let operations = number_before(&preview, "in Preview; ");
    let own = number_before(&preview, "are endpoint types");
    let shared_types = number_before(&preview, "are the same as in 2.16 and re-exported");
    let own_types = number_before(&preview, "are written in");
    let versioning = read("docs/VERSIONING.md");
    for claim in
        [format!("({own} of Preview's {operations})"), format!("({own_types}) and re-exports the {shared_types}")]
    {
        assert!(versioning.contains(&claim), "docs/VERSIONING.md should say `{claim}` (docs/PREVIEW.md's figures)");
    }
}

/// The lines of the code blocks of a Markdown text, or of the doc comments (`///`, `//!`) of a source file.
fn code_lines(text: &str, doc_comments: bool) -> Vec<String> {
    let mut inside = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        let line = match doc_comments {
            true => match line.strip_prefix("///").or_else(|| line.strip_prefix("//!")) {
                Some(doc) => doc.trim_start(),
                None => continue,
            },
            false => line,
        };
        if line.starts_with("```") {
            inside = !inside;
        } else if inside {
            lines.push(line.to_owned());
        }
    }
    lines
}

#[test]
fn examples_a_client_user_reads_import_from_the_client_crates() {
    // A user of intercom-ureq or intercom-hyper has no `intercom_core` to import from. Only the pages about
    // core itself (writing a transport, the architecture) and core's own front page show its paths.
    let about_core = ["docs/TRANSPORTS.md", "docs/ARCHITECTURE.md"];
    let mut offending = Vec::new();
    for (name, text) in docs().into_iter().filter(|(name, _)| !about_core.contains(&name.as_str())) {
        let bad = code_lines(&text, false).into_iter().filter(|l| l.contains("intercom_core::"));
        offending.extend(bad.map(|line| format!("{name}: {line}")));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/intercom-core/src");
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && path != root.join("lib.rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                let bad = code_lines(&text, true).into_iter().filter(|l| l.contains("intercom_core::"));
                offending.extend(bad.map(|line| format!("{}: {line}", path.display())));
            }
        }
    }
    assert!(offending.is_empty(), "examples that import intercom_core:\n{}", offending.join("\n"));
}

#[test]
fn getting_started_counts_the_operations_of_the_table() {
    let text = read("docs/GETTING_STARTED.md");
    let count = intercom_core::operations::ALL.len();
    assert!(text.contains(&format!("lists all {count})")), "docs/GETTING_STARTED.md does not say {count} operations");
}
