#!/usr/bin/env bash
# Provides the binaries the embedded mode and the tests run, in .tools/bin (git-ignored):
#   temporal  Temporal CLI v1.5.1 (dev server with SQLite persistence and the Temporal UI)
#   ferretdb  FerretDB v1.24.2 (MongoDB wire protocol on SQLite; no mongod needed), built from
#             source with scripts/patches/ferretdb-sqlite-id-lookups.patch
# Order of preference: TEMPORAL_CLI_PATH / FERRETDB_PATH if set, the cached binary, a build
# with Go from the module proxy, the release download (machines with internet). Otherwise it
# stops and says what to install. Safe to run again: cached binaries are kept.
set -euo pipefail

TEMPORAL_VERSION=v1.5.1
FERRETDB_VERSION=v1.24.2
# What a source build is stamped with: the release plus our patch (see scripts/patches).
FERRETDB_BUILD="$FERRETDB_VERSION+sqlite-id-lookups"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/.tools/bin"
mkdir -p "$BIN"

have() { command -v "$1" >/dev/null 2>&1; }
say() { printf '[tools] %s\n' "$*"; }
fail() { printf '[tools] ERROR: %s\n' "$*" >&2; exit 1; }

stamp_ok() { [ -x "$BIN/$1" ] && [ "$(cat "$BIN/$1.version" 2>/dev/null)" = "$2" ]; }

download() { # url dest
  if have curl; then curl -fsSL --retry 2 -o "$2" "$1"; elif have wget; then wget -q -O "$2" "$1"; else return 1; fi
}

provide_temporal() {
  if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then
    [ -x "$TEMPORAL_CLI_PATH" ] || fail "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not an executable file"
    say "temporal: using TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH"; return
  fi
  if stamp_ok temporal "$TEMPORAL_VERSION"; then say "temporal $TEMPORAL_VERSION: cached"; return; fi
  if have go; then
    say "temporal $TEMPORAL_VERSION: building with $(go version | cut -d' ' -f3) (first run takes a few minutes)"
    # Later tags carry a replace directive and cannot be go-installed; v1.5.1 can.
    GOBIN="$BIN" GOFLAGS=-buildvcs=false go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_VERSION"
  else
    say "temporal $TEMPORAL_VERSION: Go not found, downloading the release"
    local os arch tmp; os=$(uname -s | tr 'A-Z' 'a-z'); arch=$(uname -m); [ "$arch" = x86_64 ] && arch=amd64; [ "$arch" = aarch64 ] && arch=arm64
    tmp=$(mktemp -d)
    download "https://temporal.download/cli/archive/${TEMPORAL_VERSION}?platform=${os}&arch=${arch}" "$tmp/temporal.tar.gz" \
      || fail "cannot build or download the Temporal CLI: install Go >= 1.23 (https://go.dev/dl) or set TEMPORAL_CLI_PATH to a temporal binary"
    tar -xzf "$tmp/temporal.tar.gz" -C "$tmp" && mv "$tmp/temporal" "$BIN/temporal" && rm -rf "$tmp"
  fi
  echo "$TEMPORAL_VERSION" > "$BIN/temporal.version"
}

provide_ferretdb() {
  if [ -n "${FERRETDB_PATH:-}" ]; then
    [ -x "$FERRETDB_PATH" ] || fail "FERRETDB_PATH=$FERRETDB_PATH is not an executable file"
    say "ferretdb: using FERRETDB_PATH=$FERRETDB_PATH"; return
  fi
  if stamp_ok ferretdb "$FERRETDB_BUILD" || { ! have go && stamp_ok ferretdb "$FERRETDB_VERSION"; }; then
    say "ferretdb $(cat "$BIN/ferretdb.version"): cached"; return
  fi
  if have go; then
    say "ferretdb $FERRETDB_VERSION: building with $(go version | cut -d' ' -f3)"
    # `go install ferretdb@version` fails twice over: the proxy refuses the module's version list
    # (needed for the deprecation check) and the module zip lacks build/version/version.txt,
    # which the binary requires at start. So: download the module, add the file, build it.
    local src dir
    src=$(GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
    [ -n "$src" ] || fail "could not download the FerretDB module"
    dir=$(mktemp -d); cp -r "$src/." "$dir"; chmod -R u+w "$dir"
    echo "$FERRETDB_VERSION" > "$dir/build/version/version.txt"
    # Lookups by _id use the _id index on SQLite (the release scans the table); see the patch.
    (cd "$dir" && git apply "$ROOT/scripts/patches/ferretdb-sqlite-id-lookups.patch")
    (cd "$dir" && GOFLAGS=-buildvcs=false go build -o "$BIN/ferretdb" ./cmd/ferretdb)
    rm -rf "$dir"
    echo "$FERRETDB_BUILD" > "$BIN/ferretdb.version"; return
  else
    say "ferretdb $FERRETDB_VERSION: Go not found, downloading the release"
    download "https://github.com/FerretDB/FerretDB/releases/download/${FERRETDB_VERSION}/ferretdb-linux-amd64" "$BIN/ferretdb" \
      || fail "cannot build or download FerretDB: install Go >= 1.23 (https://go.dev/dl) or set FERRETDB_PATH (or set MONGO_URL to a MongoDB server)"
    chmod +x "$BIN/ferretdb"
  fi
  echo "$FERRETDB_VERSION" > "$BIN/ferretdb.version"
}

# Browser tests drive Debian's Chromium with playwright-core (never a downloaded browser build).
provide_chromium() {
  local path="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ -x "$path" ]; then say "chromium: $path"; return; fi
  if have apt-get && [ "$(id -u)" = 0 ]; then
    say "chromium: installing Debian's package"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || fail "apt-get could not install chromium; install it or set CHROMIUM_PATH"
  else
    fail "browser tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH"
  fi
}

[ "${1:-}" = "--with-browser" ] && provide_chromium
provide_temporal &
temporal_pid=$!
provide_ferretdb
wait "$temporal_pid"
say "ready: $("$BIN/temporal" --version 2>/dev/null || echo "${TEMPORAL_CLI_PATH:-}") / ferretdb $(cat "$BIN/ferretdb.version" 2>/dev/null || echo "${FERRETDB_PATH:-}")"
