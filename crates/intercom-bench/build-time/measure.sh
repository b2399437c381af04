#!/usr/bin/env bash
# Build-time figures of docs/PERFORMANCE.md: clean release builds of intercom-models and of two small apps
# (one on intercom-ureq, one on intercom-hyper), and each app's incremental release rebuild after an edit
# of the file that makes its SDK calls. Run from anywhere; takes several minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

seconds() { # command...: prints the wall time of the command in seconds
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  local ms=$(( (end - start) / 1000000 ))
  printf '%d.%01d' $((ms / 1000)) $(( (ms % 1000) / 100 ))
}

printf '%-34s %s\n' "what" "seconds"
t=$(cd "$root" && CARGO_TARGET_DIR="$scratch/models" seconds cargo build --release -q -p intercom-models)
printf '%-34s %s\n' "intercom-models, clean release" "$t"
for app in app-ureq app-hyper; do
  cp -r "$here/$app" "$scratch/$app"
  # The published crates' lock file, so the app builds the same dependency versions as the workspace.
  cp "$root/Cargo.lock" "$scratch/$app/Cargo.lock"
  sed -i "s|path = \"../../../|path = \"$root/crates/|" "$scratch/$app/Cargo.toml"
  t=$(cd "$scratch/$app" && seconds cargo build --release -q)
  printf '%-34s %s\n' "$app, clean release" "$t"
  echo "// edited" >> "$scratch/$app/src/main.rs"
  t=$(cd "$scratch/$app" && seconds cargo build --release -q)
  printf '%-34s %s\n' "$app, rebuild after editing main.rs" "$t"
done
