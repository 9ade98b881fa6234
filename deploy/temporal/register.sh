#!/bin/sh
# What a new Temporal cluster needs before this service runs on it, registered idempotently:
# the namespace and the lifecycle's custom search attributes (Keyword; domain/search-attributes.ts).
# The server image creates no namespace of its own (only the retired auto-setup image did).
#
# One script, two callers: docker-compose.yml's temporal-register job (temporalio/admin-tools,
# whose `temporal` CLI is on PATH) and dev-tools/production-shape/temporal-postgres-server.ts (TEMPORAL_CLI=.tools/bin/temporal).
# Reads TEMPORAL_ADDRESS (host:port), TEMPORAL_NAMESPACE (default "default"), SEARCH_ATTRIBUTES
# (space-separated names), NAMESPACE_RETENTION (default 72h).
set -eu

CLI="${TEMPORAL_CLI:-temporal}"
: "${TEMPORAL_ADDRESS:?set TEMPORAL_ADDRESS to the frontend, host:port}" "${SEARCH_ATTRIBUTES:?set SEARCH_ATTRIBUTES to the names to register}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
at="--address $TEMPORAL_ADDRESS"

# A bounded wait: the frontend answers a little after its port opens.
tries=0
until "$CLI" operator cluster health $at >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 120 ] || { echo "temporal register: $TEMPORAL_ADDRESS is not healthy after 120 s" >&2; exit 1; }
  sleep 1
done

if "$CLI" operator namespace describe $at --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "temporal register: namespace $NAMESPACE exists"
else
  "$CLI" operator namespace create $at --namespace "$NAMESPACE" --retention "${NAMESPACE_RETENTION:-72h}"
fi

# A new namespace reaches every service's cache within seconds: retry each name until it is listed.
for name in $SEARCH_ATTRIBUTES; do
  tries=0
  until "$CLI" operator search-attribute list $at --namespace "$NAMESPACE" 2>/dev/null | grep -Eq "^[[:space:]]*$name[[:space:]]+Keyword"; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || { echo "temporal register: search attribute $name not registered after 60 tries" >&2; exit 1; }
    "$CLI" operator search-attribute create $at --namespace "$NAMESPACE" --name "$name" --type Keyword >/dev/null 2>&1 || sleep 1
  done
  echo "temporal register: search attribute $name (Keyword)"
done
