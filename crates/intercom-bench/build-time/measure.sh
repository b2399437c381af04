#!/usr/bin/env bash
# Build-time figures of docs/PERFORMANCE.md ("Build time"). For each client (intercom-ureq, blocking;
# intercom-hyper + tokio, async) it writes small apps outside the workspace, like a user's crate: `main.rs`
# makes the client, `calls.rs` makes the first N calls of calls.txt (N = 0, 1, 5, 20). For each app it
# times the release and the debug rebuild after an edit of `calls.rs` (dependencies already built), so the
# figures are what the SDK's calls cost in the user's own crate. The 1-call app calls `GetConversation`:
# its rebuild minus the 0-call app's is that call's cost. Last, clean release builds of intercom-models and
# of intercom-decode (the answer types' decoders, with the models).
#
# Usage: bash crates/intercom-bench/build-time/measure.sh [SDK checkout, default this one]
# Takes about 10 minutes on 2 cores; run it on an otherwise idle machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "${1:-$here/../../..}" && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

seconds() { # command...: runs it quietly and prints its wall time in seconds
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  local ms=$(( (end - start) / 1000000 ))
  printf '%d.%02d' $((ms / 1000)) $(( (ms % 1000) / 10 ))
}

write_app() { # dir client calls
  local dir=$1 client=$2 n=$3 dep="" await="" async="" attr=""
  if [ "$client" = hyper ]; then
    dep='tokio = { version = "1", features = ["macros", "rt-multi-thread"] }'
    await=".await" async="async " attr="#[tokio::main]"
  fi
  mkdir -p "$dir/src"
  printf '[package]\nname = "app"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\nintercom-%s = { path = "%s/crates/intercom-%s" }\n%s\n\n[workspace]\n' \
    "$client" "$root" "$client" "$dep" > "$dir/Cargo.toml"
  # The SDK's lock file, so the app builds the dependency versions the SDK is tested with.
  cp "$root/Cargo.lock" "$dir/Cargo.lock"
  printf 'mod calls;\n\n%s\n%sfn main() -> Result<(), intercom_%s::Error> {\n    let client = intercom_%s::Client::from_env()?;\n    calls::run(&client)%s\n}\n' \
    "$attr" "$async" "$client" "$client" "$await" > "$dir/src/main.rs"
  {
    echo "#![allow(unused_imports, unused_variables)]"
    echo "use intercom_$client::{endpoints::*, models, Client, Error};"
    echo
    echo "pub ${async}fn run(client: &Client) -> Result<(), Error> {"
    head -n "$n" "$here/calls.txt" | while read -r call; do echo "    drop($call.send(client)$await?);"; done
    echo "    Ok(())"
    echo "}"
  } > "$dir/src/calls.rs"
}

printf '%-7s %-6s %-16s %-14s\n' client calls "release rebuild" "debug rebuild"
for client in ureq hyper; do
  export CARGO_TARGET_DIR="$scratch/target-$client"
  for n in 0 1 5 20; do
    app="$scratch/$client-$n"
    write_app "$app" "$client" "$n"
    (cd "$app" && cargo build --release -q && cargo build -q)
    echo "// edited" >> "$app/src/calls.rs"
    release=$(cd "$app" && seconds cargo build --release -q)
    echo "// edited again" >> "$app/src/calls.rs"
    debug=$(cd "$app" && seconds cargo build -q)
    printf '%-7s %-6s %-16s %-14s\n' "$client" "$n" "$release s" "$debug s"
  done
done
for crate in intercom-models intercom-decode; do
  [ -d "$root/crates/$crate" ] || continue
  t=$(cd "$root" && CARGO_TARGET_DIR="$scratch/$crate" seconds cargo build --release -q -p "$crate")
  printf '%s, clean release build: %s s\n' "$crate" "$t"
done
