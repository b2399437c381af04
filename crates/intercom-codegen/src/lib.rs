//! The intercom-rs generator: reads Intercom's OpenAPI descriptions (the newest stable version, and the older
//! one whose dropped operations the SDK keeps), the versions table, Intercom's SDK overrides and the project's
//! overrides, and writes the models, the endpoints, the operation table, the mock's recorded responses, the
//! conformance tests' registry and docs/OPERATIONS.md.
//!
//! It is a library too, so tests can load descriptions the same way.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod coverage;
pub mod endpoint_names;
pub mod endpoint_tests;
pub mod endpoint_text;
pub mod endpoint_types;
pub mod fixtures;
pub mod lower;
pub mod model;
pub mod naming;
pub mod normalize;
pub mod operation_table;
pub mod overrides;
pub mod paging;
pub mod preview;
pub mod render;
pub mod richer_shapes;
pub mod route;
pub mod spec;
pub mod spelling;
pub mod struct_text;
pub mod template;
pub mod versions;

use std::collections::BTreeSet;
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

/// The API version the SDK is generated from: the newest stable one.
pub const NEWEST: &str = "2.16";

/// The older version whose operations the SDK keeps when the newest dropped them.
pub const LEGACY: &str = "2.11";

/// The folder of the descriptions: `$INTERCOM_OPENAPI_DIR` when set (a checkout of Intercom's
/// `descriptions/` folder works), else the copy kept in this repository (`crates/intercom-codegen/descriptions`).
pub fn spec_dir() -> PathBuf {
    std::env::var_os("INTERCOM_OPENAPI_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("crates/intercom-codegen/descriptions"))
}

/// The stable version folders of [`spec_dir`] (`2.9`, `2.10`, ...), in version order.
pub fn version_folders() -> Vec<String> {
    let mut versions: Vec<String> = std::fs::read_dir(spec_dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("api.intercom.io.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|v| v.split('.').all(|part| part.parse::<u32>().is_ok()))
        .collect();
    versions.sort_by_key(|v| v.split('.').map(|p| p.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>());
    versions
}

/// The descriptions and tables the generator reads.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The newest stable description.
    pub spec: PathBuf,
    /// The older description whose dropped operations are kept.
    pub legacy: PathBuf,
    /// `operations-by-version.tsv`.
    pub versions: PathBuf,
    /// Intercom's SDK overrides (method names).
    pub sdk: PathBuf,
    /// The project's overrides.
    pub overrides: PathBuf,
}

impl Sources {
    /// The Preview description beside this one's (`<descriptions>/preview/`), with the same tables and
    /// overrides, and no legacy description (Preview keeps nothing 2.16 dropped).
    pub fn preview(&self) -> Self {
        let dir = self.spec.parent().and_then(Path::parent).map_or_else(spec_dir, Path::to_path_buf);
        Self { spec: dir.join("preview/api.intercom.io.yaml"), legacy: PathBuf::new(), ..self.clone() }
    }

    /// The files under `dir` (a descriptions folder) and the project's overrides.
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            spec: dir.join(NEWEST).join("api.intercom.io.yaml"),
            legacy: dir.join(LEGACY).join("api.intercom.io.yaml"),
            versions: dir.join("operations-by-version.tsv"),
            sdk: dir.join("intercom-sdk-overrides/2.14.yml"),
            overrides: overrides_path(),
        }
    }
}

/// The description as the SDK sees it: the newest one with the dropped operations of the legacy one, and
/// the project's patches applied; with the model lowered from it. `stale` lists overrides it did not match.
pub struct Loaded {
    /// The description before the project's patches (its examples are facts).
    pub examples: Node,
    /// The legacy description, when there is one (its examples stand in where the newest has none).
    pub legacy: Option<Node>,
    /// The patched description.
    pub spec: Node,
    /// The project's overrides.
    pub overrides: overrides::Overrides,
    /// The lowered model, operations annotated with their versions.
    pub model: model::Model,
    /// Overrides that match nothing in this description.
    pub stale: Vec<String>,
}

/// Loads and lowers the descriptions of `sources`.
pub fn load(sources: &Sources) -> Result<Loaded, SpecError> {
    let mut spec = spec::load(&sources.spec)?;
    let table = versions::VersionTable::load(&sources.versions)?;
    let newest = spec.at(&["info", "version"]).and_then(Node::as_str).unwrap_or(NEWEST).to_owned();
    let legacy = if sources.legacy.is_file() { Some(spec::load(&sources.legacy)?) } else { None };
    if let Some(legacy) = &legacy {
        versions::import_dropped(&mut spec, legacy, &table, LEGACY, &newest)?;
    }
    // Older versions' operations at a method and path the newest version answers otherwise (stable only).
    if newest != "Preview" {
        let dir = sources.spec.parent().and_then(Path::parent).map_or_else(spec_dir, Path::to_path_buf);
        versions::import_older_shapes(&mut spec, &dir, &table, &newest)?;
    }
    let examples = spec.clone();
    let overrides = overrides::Overrides::load(&sources.overrides)?;
    let mut stale = overrides.apply(&mut spec)?;
    normalize::normalize(&mut spec)?;
    let mut model = lower::lower(&spec, &overrides)?;
    let sdk = if sources.sdk.is_file() { versions::load_sdk_methods(&sources.sdk)? } else { Default::default() };
    versions::annotate(&mut model.operations, &table, &sdk);
    model.versions = table.versions.clone();
    for (path, name) in &overrides.renames {
        if !model.types.iter().any(|t| &t.path == path) {
            stale.push(format!("rename of `{path}` to `{name}`"));
        }
    }
    for (key, name) in &overrides.endpoint_names {
        let route = overrides::route_of_key(key);
        // A name for an operation only Preview has is not stale in a stable description.
        let only_preview = newest != "Preview"
            && key.split_once(' ').is_some_and(|(method, path)| table.versions_of(method, path) == ["Preview"]);
        if !only_preview && !model.operations.iter().any(|op| op.route() == route) {
            stale.push(format!("endpoint name `{name}` for `{key}`"));
        }
    }
    for (name, _) in &overrides.per_page_maximums {
        if !model.operations.iter().any(|op| op.name == *name) {
            stale.push(format!("per_page maximum for `{name}`"));
        }
    }
    Ok(Loaded { examples, legacy, spec, overrides, model, stale })
}

/// Every file the generator writes, by path relative to the workspace root, unformatted.
///
/// Overrides that no longer match the description (a patch target or a renamed type it does not have) are
/// an error, unless `allow_stale` is set (when trying a new version of the description): then they are
/// skipped and listed on stderr.
pub fn generate(sources: &Sources, allow_stale: bool) -> Result<Vec<(PathBuf, Vec<u8>)>, SpecError> {
    let Loaded { examples, legacy, overrides, model, stale, .. } = load(sources)?;
    if !stale.is_empty() {
        let list = stale.join("\n  ");
        if !allow_stale {
            return Err(SpecError(format!("overrides that do not match this description:\n  {list}")));
        }
        eprintln!("skipped {} overrides that do not match this description:\n  {list}", stale.len());
    }

    let mut files = Vec::new();
    for (name, mut text) in render::models(&model) {
        if name == "mod.rs" {
            text.push_str(&preview_module(
                "The types of Intercom's Preview API that differ from or are not in the stable version; the rest\n\
                 /// are re-exported here, so `preview::Name` names every Preview type. See docs/VERSIONING.md.",
            ));
        }
        files.push((PathBuf::from("crates/intercom-models/src/generated").join(name), text.into_bytes()));
    }
    files.push((
        PathBuf::from("crates/intercom-decode/src/generated/decoders.rs"),
        render::decoders(&model, "intercom_models::", &BTreeSet::new()).into_bytes(),
    ));
    files.push((PathBuf::from("tests/all/generated/schemas.rs"), render::registry(&model).into_bytes()));
    files.push((
        PathBuf::from("crates/intercom-core/src/protocol/operations/generated/table.rs"),
        operation_table::table(&model).into_bytes(),
    ));
    for (name, mut text) in endpoint_types::endpoints(&model, &overrides) {
        if name == "mod.rs" {
            text.push_str(&preview_module(
                "The endpoints of Intercom's Preview API that differ from or are not in the stable version; each is\n\
                 /// sent with `Intercom-Version: Preview`. See docs/VERSIONING.md and docs/PREVIEW.md.",
            ));
        }
        files.push((PathBuf::from("crates/intercom-core/src/endpoints/generated").join(name), text.into_bytes()));
    }
    files.push((PathBuf::from("docs/OPERATIONS.md"), coverage::coverage(&model).into_bytes()));
    files.push((
        PathBuf::from("tests/all/generated/operations.rs"),
        endpoint_tests::tests(&model, &overrides).into_bytes(),
    ));
    let recorded = fixtures::recorded(&examples, legacy.as_ref(), &model.operations);
    files.push((
        PathBuf::from("crates/intercom-mock/src/generated/recorded.rs"),
        fixtures::table(&recorded, &model.version).into_bytes(),
    ));
    for f in recorded {
        files.push((PathBuf::from("crates/intercom-mock/fixtures").join(&f.operation).join(&f.file), f.body));
    }
    files.extend(generate_preview(sources, &model, &overrides)?);
    Ok(files)
}

/// The lines a generated `mod.rs` ends with: the `preview` module, behind its feature, with `doc`.
fn preview_module(doc: &str) -> String {
    format!("\n/// {doc}\n#[cfg(feature = \"preview\")]\npub mod preview;\n")
}

/// The files of the `preview` feature: the types and operations Preview changes or adds (what it shares with
/// the stable model is re-exported, not written again), its fixtures, tests and docs/PREVIEW.md.
fn generate_preview(
    sources: &Sources,
    stable: &model::Model,
    overrides: &overrides::Overrides,
) -> Result<Vec<(PathBuf, Vec<u8>)>, SpecError> {
    let Loaded { examples, model: preview, stale, .. } = load(&sources.preview())?;
    // Patches written for the stable description may not match Preview; those written for Preview must.
    let stale_preview: Vec<&String> = stale.iter().filter(|s| s.starts_with("preview patch")).collect();
    if !stale_preview.is_empty() {
        return Err(SpecError(format!("preview patches that do not match the Preview description: {stale_preview:?}")));
    }
    let sharing = preview::sharing(stable, &preview);
    let own = preview::unshared(&preview, &sharing);
    let mut files = Vec::new();

    let models = PathBuf::from("crates/intercom-models/src/generated/preview");
    // A shared type that answers a stable operation has its decoder already; Preview's own types are others.
    let decoded: BTreeSet<String> = render::answer_types(stable).intersection(&sharing.types).cloned().collect();
    files.push((
        PathBuf::from("crates/intercom-decode/src/generated/preview_decoders.rs"),
        render::decoders(&own, "intercom_models::preview::", &decoded).into_bytes(),
    ));
    for (name, mut text) in render::models(&own) {
        if name == "mod.rs" {
            text.push_str("\n// The types Preview has unchanged from the stable version.\npub use crate::{");
            text.push_str(&sharing.types.iter().cloned().collect::<Vec<_>>().join(", "));
            text.push_str("};\n");
        }
        files.push((models.join(name), text.into_bytes()));
    }
    // Outside the models crate, every Preview type is `preview::Name` (shared ones are re-exported there); the
    // endpoints, table and tests are those of the operations Preview does not share.
    let everything = preview::qualified(&preview);
    let mut seen_from_outside = everything.clone();
    seen_from_outside.operations.retain(|op| !sharing.operations.contains(&op.name));
    for (name, text) in endpoint_types::endpoints(&seen_from_outside, overrides) {
        files.push((
            PathBuf::from("crates/intercom-core/src/endpoints/generated/preview").join(name),
            text.into_bytes(),
        ));
    }
    files.push((
        PathBuf::from("crates/intercom-core/src/protocol/operations/generated/preview_table.rs"),
        operation_table::table(&seen_from_outside).into_bytes(),
    ));
    files.push((
        PathBuf::from("tests/all/generated/preview_operations.rs"),
        endpoint_tests::tests(&seen_from_outside, overrides).into_bytes(),
    ));
    files.push((PathBuf::from("tests/all/generated/preview_schemas.rs"), render::registry(&everything).into_bytes()));
    files.push((PathBuf::from("docs/PREVIEW.md"), preview::report(stable, &preview, &sharing).into_bytes()));
    let recorded = fixtures::recorded(&examples, None, &own.operations);
    files.push((
        PathBuf::from("crates/intercom-mock/src/generated/preview_recorded.rs"),
        fixtures::table(&recorded, &own.version).into_bytes(),
    ));
    for f in recorded {
        files.push((PathBuf::from("crates/intercom-mock/fixtures/preview").join(&f.operation).join(&f.file), f.body));
    }
    Ok(files)
}
