# shellcheck shell=bash
# Shared by deploy/ops's commands (backup, restore, verify-restore, archive-wal): logging and how to reach
# PostgreSQL. Sourced, not run.
#
# Deliberately independent of deploy/local/lib/common.sh: these scripts also run in Kubernetes CronJobs
# (deploy/k8s), in a container with a read-only root filesystem, where common.sh's mkdir of ~/.cloudlab
# would fail and its local ports mean nothing.
#
# Connection:
#   - PGHOST set (Kubernetes, or any remote server): the libpq variables PGHOST, PGPORT, PGUSER,
#     PGPASSWORD (or PGPASSFILE), PGSSLMODE are used as they are, by the current OS user. Point PGHOST at
#     PostgreSQL itself, never at PgBouncer: pg_dump's exported snapshots and pg_restore's sessions do not
#     survive transaction pooling.
#   - PGHOST unset (this machine): the local cluster on PG_PORT (default 5432) over its Unix socket as the
#     postgres OS user, like deploy/local's scripts (runuser -u postgres), so no password is needed.
# The role must be a superuser for backup: pg_dump refuses to dump a table whose row-level security policies
# would hide rows from it rather than dump part of it, and the tenant tables have RLS by tenant, FORCEd, so
# it binds even their owner (docs/database.md). Restore needs a superuser (it creates
# roles, a database and the pg_stat_statements extension).

set -euo pipefail

OPS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say()  { printf '%s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# PG_BIN may name the directory of the client programs (e.g. /usr/lib/postgresql/15/bin); pg_dump must be
# at least the server's version.
PG_BIN="${PG_BIN:-}"
pgbin() { if [ -n "$PG_BIN" ]; then printf '%s/%s' "$PG_BIN" "$1"; else printf '%s' "$1"; fi; }
# Server-side tools (pg_archivecleanup, initdb, pg_ctl) are not on Debian's PATH: look in the versioned dir.
pg_tool() {
    local t
    for t in "${PG_BIN:+$PG_BIN/$1}" "$(command -v "$1" 2>/dev/null || true)" /usr/lib/postgresql/15/bin/"$1"; do
        [ -n "$t" ] && [ -x "$t" ] && { printf '%s' "$t"; return 0; }
    done
    die "$1 not found (set PG_BIN to the directory of PostgreSQL's programs)"
}

if [ -n "${PGHOST:-}" ]; then
    PG_AS_POSTGRES=0
    export PGPORT="${PGPORT:-5432}"
else
    export PGPORT="${PGPORT:-${PG_PORT:-5432}}"
    if [ "$(id -un 2>/dev/null)" = postgres ]; then
        PG_AS_POSTGRES=0
    elif [ "$(id -u)" -eq 0 ]; then
        PG_AS_POSTGRES=1
    else
        die "PGHOST is not set and this is neither root nor postgres: set PGHOST/PGUSER/PGPASSWORD, or run as root"
    fi
fi

# pg PROGRAM ARGS...: runs a PostgreSQL client program with the connection described above. The
# environment (PGPORT, PGOPTIONS, ...) passes through runuser unchanged.
pg() {
    local prog; prog=$(pgbin "$1"); shift
    if [ "$PG_AS_POSTGRES" -eq 1 ]; then
        runuser -u postgres -- "$prog" "$@"
    else
        "$prog" "$@"
    fi
}

# give_to_pg PATH...: pg's programs write as postgres locally, so what they write into must be theirs.
# (In a container the user may have no name, only a uid: nothing to hand over there.)
give_to_pg() { if [ "$PG_AS_POSTGRES" -eq 1 ]; then chown postgres "$@"; fi; }

# psql_q DB SQL: one query, unaligned, tuples only, stops on the first error. statement_timeout is set to
# 0 in the session because the server's default (30 s, seed 000) is for the services, not for a scan of
# every table; it is set in SQL rather than in PGOPTIONS, which PgBouncer would reject.
psql_q() {
    local db=$1 sql=$2
    pg psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -c "SET statement_timeout = 0" -c "$sql"
}

db_exists() {
    local n
    n=$(psql_q postgres "SELECT count(*) FROM pg_database WHERE datname = '${1//\'/\'\'}'") \
        || die "cannot query PostgreSQL at ${PGHOST:-the local socket}:$PGPORT as ${PGUSER:-postgres}"
    [ "$n" = 1 ]
}

# Does DB hold anything beyond what CREATE DATABASE and deploy/local/postgres/database.sql put there?
# Counts relations, functions and types outside the system schemas, and schemas other than public.
db_is_empty() {
    local n
    n=$(psql_q "$1" "SELECT
          (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
              AND n.nspname NOT LIKE 'pg_temp%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e'))
        + (SELECT count(*) FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public')
              AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%')")
    [ "$n" = 0 ]
}

# Figures of a database (JSON on stdout): per-table row counts and digests, event partitions with
# checksums, invariants, RLS flags and database settings. See lib/figures.sql. With a snapshot id, read
# in that exported snapshot (the one pg_dump dumps), so the figures describe exactly what was dumped.
figures() {
    local db=$1 snapshot=${2:-}
    local set_snapshot=""
    [ -z "$snapshot" ] || set_snapshot="SET TRANSACTION SNAPSHOT '$snapshot';"
    {
        echo "SET statement_timeout = 0;"
        echo "BEGIN ISOLATION LEVEL REPEATABLE READ;"
        echo "$set_snapshot"
        cat "$OPS_DIR/lib/figures.sql"
        echo "SELECT pg_temp.cloudlab_figures();"
        echo "ROLLBACK;"
    } | pg psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -f -
}

sha256_of_dir() { # sha256_of_dir DIR: JSON object {relative path: sha256} of every file under DIR
    (cd "$1" && find . -type f ! -name manifest.json -printf '%P\n' | LC_ALL=C sort | while read -r f; do
        printf '%s\t%s\n' "$f" "$(sha256sum "$f" | cut -d' ' -f1)"; done) \
        | jq -R -s 'split("\n") | map(select(length > 0) | split("\t") | {(.[0]): .[1]}) | add // {}'
}

utc_stamp() { date -u +%Y%m%dT%H%M%SZ; }

# resolve_backup DIR: DIR itself when it is a logical backup (holds manifest.json), else the newest complete
# logical backup in it (backups are named <db>-<UTC stamp>; the stamp decides, not the database name).
resolve_backup() {
    local dir=$1 latest
    [ -d "$dir" ] || die "$dir is not a directory"
    dir="$(cd "$dir" && pwd)"
    if [ -f "$dir/manifest.json" ]; then printf '%s\n' "$dir"; return; fi
    latest=$(find "$dir" -mindepth 2 -maxdepth 2 -name manifest.json -printf '%h\n' | while read -r d; do
        [ "$(jq -r .kind "$d/manifest.json" 2>/dev/null)" = logical ] && basename "$d"; done \
        | sed -E 's/^(.*)-([0-9]{8}T[0-9]{6}Z)$/\2 \1-\2/' | LC_ALL=C sort | tail -n 1 | cut -d' ' -f2)
    [ -n "$latest" ] || die "no logical backup (a directory with manifest.json) in $dir"
    printf '%s\n' "$dir/$latest"
}
