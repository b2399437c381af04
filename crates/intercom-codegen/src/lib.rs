//! The intercom-rs generator: reads Intercom's OpenAPI description and the project's overrides, and writes
//! the models crate's `src/generated/`, the mock's recorded responses and the conformance tests' registry.
//!
//! It is a library too, so tests can load descriptions the same way.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod endpoints;
pub mod fixtures;
pub mod lower;
pub mod model;
pub mod naming;
pub mod overrides;
pub mod pagination;
pub mod render;
pub mod spec;

use std::path::{Path, PathBuf};

pub use spec::{Node, SpecError};

/// The workspace root (two folders above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap_or_else(|_| PathBuf::from("."))
}

/// The project's overrides file.
pub fn overrides_path() -> PathBuf {
    workspace_root().join("crates/intercom-codegen/overrides.yaml")
}

/// The folder of the descriptions: `$INTERCOM_OPENAPI_DIR`, else `../shared/intercom-openapi`.
pub fn spec_dir() -> PathBuf {
    std::env::var_os("INTERCOM_OPENAPI_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/intercom-openapi"))
}

/// Every file the generator writes, by path relative to the workspace root, unformatted.
///
/// Overrides that no longer match the description (a patch target or a renamed type it does not have) are
/// an error, unless `allow_stale` is set (when trying a new version of the description): then they are
/// skipped and listed on stderr.
pub fn generate(
    spec_path: &Path,
    overrides_path: &Path,
    allow_stale: bool,
) -> Result<Vec<(PathBuf, Vec<u8>)>, SpecError> {
    let mut spec = spec::load(spec_path)?;
    let examples = spec.clone();
    let overrides = overrides::Overrides::load(overrides_path)?;
    let mut stale = overrides.apply(&mut spec)?;
    let model = lower::lower(&spec, &overrides)?;
    for (path, name) in &overrides.renames {
        if !model.types.iter().any(|t| &t.path == path) {
            stale.push(format!("rename of `{path}` to `{name}`"));
        }
    }
    if !stale.is_empty() {
        let list = stale.join("\n  ");
        if !allow_stale {
            return Err(SpecError(format!("overrides that do not match this description:\n  {list}")));
        }
        eprintln!("skipped {} overrides that do not match this description:\n  {list}", stale.len());
    }

    let mut files = Vec::new();
    for (name, text) in render::models(&model) {
        files.push((PathBuf::from("crates/intercom-models/src/generated").join(name), text.into_bytes()));
    }
    files.push((PathBuf::from("tests/all/generated_schemas.rs"), render::registry(&model).into_bytes()));
    files.push((PathBuf::from("crates/intercom-core/src/operations/table.rs"), endpoints::table(&model).into_bytes()));
    for (name, text) in endpoints::endpoints(&model, &spec, &overrides) {
        files.push((PathBuf::from("crates/intercom-core/src/endpoints/generated").join(name), text.into_bytes()));
    }
    files.push((PathBuf::from("docs/OPERATIONS.md"), endpoints::coverage(&model, &spec).into_bytes()));
    files.push((
        PathBuf::from("tests/all/generated_operations.rs"),
        endpoints::tests(&model, &spec, &overrides).into_bytes(),
    ));
    let recorded = fixtures::recorded(&examples, &model.operations);
    files.push((
        PathBuf::from("crates/intercom-mock/src/recorded.rs"),
        fixtures::table(&recorded, &model.version).into_bytes(),
    ));
    for f in recorded {
        files.push((PathBuf::from("crates/intercom-mock/fixtures").join(&f.operation).join(&f.file), f.body));
    }
    Ok(files)
}
