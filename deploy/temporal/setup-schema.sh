#!/bin/sh
# Temporal's PostgreSQL schema, set up the way the schema tool documents it for production
# (tools/sql/README.md of go.temporal.io/server): for each of the two databases,
#   create-database                 (nothing if it exists)
#   setup-schema -v 0.0             (the version tables; kept if the schema is already newer)
#   update-schema -d <versioned>    (every migration up to this server version, and no further)
# Every step is idempotent, so this runs on every start and upgrades the schema with the server.
#
# One script, two callers, so what `npm run test:production` proves is what compose runs:
#   docker-compose.yml's temporal-schema job, in temporalio/admin-tools (defaults below), and
#   dev-tools/production-shape/temporal-schema.ts, with SQL_TOOL=.tools/bin/sql and SCHEMA_DIR=.tools/temporal-server/...
# The connection comes from the schema tool's own variables: SQL_PLUGIN (postgres12), SQL_HOST,
# SQL_PORT, SQL_USER, SQL_PASSWORD (never on a command line).
set -eu

SQL_TOOL="${SQL_TOOL:-temporal-sql-tool}"
SCHEMA_DIR="${SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}"
: "${SQL_PLUGIN:?set SQL_PLUGIN (postgres12)}" "${SQL_HOST:?set SQL_HOST}" "${SQL_PORT:?set SQL_PORT}" "${SQL_USER:?set SQL_USER}"

# database name : schema folder (the names the server's config template defaults to)
for pair in "${DBNAME:-temporal}:temporal" "${VISIBILITY_DBNAME:-temporal_visibility}:visibility"; do
  db="${pair%%:*}"
  schema="${pair#*:}"
  echo "temporal schema: $db ($schema)"
  "$SQL_TOOL" --db "$db" create-database
  "$SQL_TOOL" --db "$db" setup-schema -v 0.0
  "$SQL_TOOL" --db "$db" update-schema -d "$SCHEMA_DIR/$schema/versioned"
done
echo "temporal schema: ready"
