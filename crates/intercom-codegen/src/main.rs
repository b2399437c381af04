//! `intercom-codegen [--spec FILE] [--overrides FILE] [--check] [--allow-stale-overrides] [--list]`
//!
//! Writes the generated models, endpoints, recorded responses and test registry from Intercom's OpenAPI
//! descriptions (default: the newest stable one under `crates/intercom-codegen/descriptions`, or under
//! `$INTERCOM_OPENAPI_DIR` when set). With `--check` it writes nothing and fails when the committed files
//! differ from what it would write. `--allow-stale-overrides` skips (and lists) overrides the description no
//! longer matches, for a first run against a new version. `--list` prints every operation and its name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("intercom-codegen: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool, Box<dyn std::error::Error>> {
    let mut sources = intercom_codegen::Sources::in_dir(&intercom_codegen::spec_dir());
    let mut check = false;
    let mut allow_stale = false;
    let mut list = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--spec" => sources.spec = PathBuf::from(args.next().ok_or("--spec needs a file")?),
            "--overrides" => sources.overrides = PathBuf::from(args.next().ok_or("--overrides needs a file")?),
            "--check" => check = true,
            "--allow-stale-overrides" => allow_stale = true,
            "--list" => list = true,
            other => return Err(format!("unknown argument `{other}`; see the top of src/main.rs").into()),
        }
    }
    if list {
        let loaded = intercom_codegen::load(&sources)?;
        for op in &loaded.model.operations {
            println!(
                "{:6} {:70} {:45} {:40} {}",
                op.method,
                op.path,
                op.name,
                op.spec_id.as_deref().unwrap_or("-"),
                op.sdk_method.as_deref().unwrap_or("")
            );
        }
        return Ok(true);
    }
    let root = intercom_codegen::workspace_root();
    let mut files = intercom_codegen::generate(&sources, allow_stale)?;
    format_rust(&mut files)?;

    let owned_dirs = [
        "crates/intercom-models/src/generated",
        "crates/intercom-mock/fixtures",
        "crates/intercom-core/src/endpoints/generated",
        "crates/intercom-core/src/protocol/operations/generated",
        "crates/intercom-mock/src/generated",
        "tests/all/generated",
    ];
    let produced: BTreeSet<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let stale: Vec<PathBuf> = owned_dirs
        .iter()
        .flat_map(|dir| walk(&root.join(dir)))
        .filter_map(|p| p.strip_prefix(&root).ok().map(Path::to_path_buf))
        .filter(|p| !produced.contains(p))
        .collect();

    if check {
        let mut differ: Vec<String> = files
            .iter()
            .filter(|(path, bytes)| std::fs::read(root.join(path)).ok().as_deref() != Some(bytes.as_slice()))
            .map(|(path, _)| path.display().to_string())
            .collect();
        differ.extend(stale.iter().map(|p| format!("{} (no longer generated)", p.display())));
        if differ.is_empty() {
            println!("generated files are current ({} files)", files.len());
            return Ok(true);
        }
        eprintln!("generated files are not current; run `cargo run -p intercom-codegen`:");
        for path in differ.iter().take(30) {
            eprintln!("  {path}");
        }
        return Ok(false);
    }
    for (path, bytes) in &files {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if std::fs::read(&target).ok().as_deref() != Some(bytes.as_slice()) {
            std::fs::write(&target, bytes)?;
        }
    }
    for path in &stale {
        std::fs::remove_file(root.join(path))?;
    }
    println!("wrote {} files, removed {}", files.len(), stale.len());
    Ok(true)
}

/// Formats the Rust files with the workspace's rustfmt settings (through stdin, so `mod` lines are not
/// followed).
fn format_rust(files: &mut [(PathBuf, Vec<u8>)]) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write as _;
    let config = intercom_codegen::workspace_root().join("rustfmt.toml");
    for (path, bytes) in files.iter_mut().filter(|(p, _)| p.extension().is_some_and(|e| e == "rs")) {
        let mut child = Command::new("rustfmt")
            .arg("--edition=2021")
            .arg("--config-path")
            .arg(&config)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run rustfmt: {e}"))?;
        child.stdin.take().ok_or("no stdin")?.write_all(bytes)?;
        let output = child.wait_with_output()?;
        if !output.status.success() {
            let scratch = std::env::temp_dir().join("intercom-codegen-unformatted.rs");
            std::fs::write(&scratch, &bytes)?;
            return Err(format!("rustfmt failed on {} (kept in {})", path.display(), scratch.display()).into());
        }
        *bytes = output.stdout;
    }
    Ok(())
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
