#!/bin/sh
# Runs once, on PostgreSQL's first start (docker-entrypoint-initdb.d), as the superuser POSTGRES_USER. Creates
# the owner role switchboard, which Flyway migrates as, and one database per service owned by it; per database an
# application role the service's requests run as and a relay role for cross-tenant system work (outbox relay,
# recovery, audit retention). Neither owns anything, is superuser or bypasses row-level security
# (docs/security.md). Keycloak gets a database of its own, owned by its role keycloak. Passwords come from the
# environment, never from this file.
set -eu
: "${SWITCHBOARD_DB_OWNER_PASSWORD:?set SWITCHBOARD_DB_OWNER_PASSWORD}"
: "${SWITCHBOARD_DB_APP_PASSWORD:?set SWITCHBOARD_DB_APP_PASSWORD}"
: "${SWITCHBOARD_DB_RELAY_PASSWORD:?set SWITCHBOARD_DB_RELAY_PASSWORD}"
: "${KEYCLOAK_DB_PASSWORD:?set KEYCLOAK_DB_PASSWORD}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v owner_password="$SWITCHBOARD_DB_OWNER_PASSWORD" <<'SQL'
CREATE ROLE switchboard LOGIN PASSWORD :'owner_password' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
SQL

for db in sessions chats workspaces; do
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v db="$db" -v app="${db}_app" -v relay="${db}_relay" \
        -v app_password="$SWITCHBOARD_DB_APP_PASSWORD" -v relay_password="$SWITCHBOARD_DB_RELAY_PASSWORD" <<'SQL'
CREATE DATABASE :"db" OWNER switchboard;
CREATE ROLE :"app" LOGIN PASSWORD :'app_password' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
CREATE ROLE :"relay" LOGIN PASSWORD :'relay_password' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
REVOKE CONNECT, TEMPORARY ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"app", :"relay";
SQL
done

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v keycloak_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE DATABASE keycloak OWNER keycloak;
REVOKE CONNECT, TEMPORARY ON DATABASE keycloak FROM PUBLIC;
GRANT CONNECT ON DATABASE keycloak TO keycloak;
SQL
