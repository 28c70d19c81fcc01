#!/usr/bin/env bash
# Make sure the local PostgreSQL 15 cluster runs and has the role the tests use.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null; then
  echo "PostgreSQL is not installed: apt-get install postgresql-15 (the tests need it)." >&2
  exit 1
fi
if ! pg_lsclusters -h | awk '$1 == "15" && $2 == "main"' | grep -q .; then
  echo "There is no PostgreSQL 15 cluster 'main': pg_createcluster 15 main." >&2
  exit 1
fi
if ! pg_lsclusters -h | awk '$1 == "15" && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster 15 main start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not start: see /var/log/postgresql/." >&2; exit 1; }
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'samskap') THEN
    CREATE ROLE samskap LOGIN PASSWORD 'samskap' CREATEDB;
  END IF;
END
$$;
SQL
as_postgres psql -q -d postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'samskap'" | grep -q 1 \
  || as_postgres createdb -O samskap samskap
