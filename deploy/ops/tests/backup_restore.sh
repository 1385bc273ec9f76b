#!/usr/bin/env bash
# Test of deploy/ops: backup -> restore into a new database -> verify-restore, on the local PostgreSQL
# (deploy/local/up), then differences planted in the restored copy that verify-restore must catch, the
# re-application of erasures, archive-wal's rules, and a point-in-time recovery on a private cluster.
#
#   deploy/ops/tests/backup_restore.sh            (as root, with the local infrastructure up)
#   BACKUP_TEST_PITR=0 deploy/ops/tests/backup_restore.sh    skips the private-cluster PITR part
#   BACKUP_TEST_COPY_FROM=DB ...                             copies DB instead of cloudlab_test
#
# The scratch source database (cloudlab_backup_test_src) is a copy of cloudlab_test when that has the
# platform's schema (after the Maven tests of deploy/local/test), else built from the services' own
# Flyway migrations applied with psql; either way backup_restore_seed.sql adds rows of every kind (an
# archived partition, DEFAULT, erased keys, stock, sagas). Both databases and every file are removed at the
# end, and at the start if a killed run left them. Prints "N passed, M failed"; exit 1 on any failure.
set -eEuo pipefail   # -E: the ERR trap below also sees failures inside functions

OPS="$(cd "$(dirname "$0")/.." && pwd)"
REPO_ROOT="$(cd "$OPS/../.." && pwd)"
PG_PORT="${PG_PORT:-5432}"
export PGPORT="$PG_PORT"
unset PGHOST PGUSER PGPASSWORD PGDATABASE   # the local cluster, as the postgres OS user (lib/ops.sh)
SRC=cloudlab_backup_test_src
RESTORED=cloudlab_backup_test_restored
PASSED=0
FAILED=0
STARTED=$(date +%s)

[ "$(id -u)" -eq 0 ] || { echo "run as root (the scripts reach the local cluster as the postgres OS user)" >&2; exit 2; }
pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || { echo "PostgreSQL does not answer on $PG_PORT: run deploy/local/up" >&2; exit 2; }

WORK=$(mktemp -d /tmp/cloudlab-backup-test.XXXXXX)
chmod 755 "$WORK"   # the postgres OS user writes dumps below it
PITR_PGDATA=""

psql_as_postgres() { runuser -u postgres -- psql -X -q -A -t -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"; }
sql() { psql_as_postgres -d "$1" -c "$2"; }
drop_dbs() {
    local db
    for db in "$RESTORED" "$SRC"; do
        psql_as_postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    done
}
DONE=0
ABORT_LINE=""
trap 'ABORT_LINE=${ABORT_LINE:-$LINENO}' ERR
cleanup() {
    local rc=$?
    # A step that broke off the test (set -e) is a failure too, and still gets the closing line.
    if [ "$DONE" -eq 0 ]; then
        FAILED=$((FAILED + 1))
        echo "  FAIL  the test stopped at line ${ABORT_LINE:-?} (exit $rc)"
        echo "$PASSED passed, $FAILED failed"
    fi
    if [ -n "$PITR_PGDATA" ] && [ -f "$PITR_PGDATA/postmaster.pid" ]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PITR_PGDATA" -m immediate stop >/dev/null 2>&1 || true
    fi
    drop_dbs
    rm -rf "$WORK"
    [ "$DONE" -eq 1 ] || exit 1
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); printf '  ok    %s\n' "$1"; }
fail() {
    FAILED=$((FAILED + 1))
    printf '  FAIL  %s\n' "$1"
    local line
    [ -z "${2:-}" ] || tail -n 25 <<<"$2" | while IFS= read -r line; do printf '        | %s\n' "$line"; done
}
# check NAME EXPECTED ACTUAL
check() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1: expected '$2', got '$3'"; fi; }
# succeeds NAME CMD...: CMD exits 0 (its output is shown on failure)
succeeds() { local name=$1 out; shift; if out=$("$@" 2>&1); then pass "$name"; else fail "$name (exit $?)" "$out"; fi; }
# refuses NAME CMD...: CMD exits non-zero
refuses() { local name=$1 out; shift; if out=$("$@" 2>&1); then fail "$name: it exited 0" "$out"; else pass "$name"; fi; LAST_OUTPUT=$out; }
LAST_OUTPUT=""

PG_BIN=/usr/lib/postgresql/15/bin

# --- the source -----------------------------------------------------------------------------------------
echo "==> scratch source database $SRC"
drop_dbs
PGOPTIONS="-c client_min_messages=warning" psql_as_postgres -d postgres -v db="$SRC" \
    -f "$REPO_ROOT/deploy/local/postgres/database.sql" >/dev/null

apply_migrations() { # the services' Flyway migrations, as Flyway would run them: as the owner, placeholders filled
    local schema=$1 role=$2 f; shift 2
    for f in "$@"; do
        { echo "SET client_min_messages = warning; SET ROLE cloudlab_owner;"
          sed -e "s/\${flyway:defaultSchema}/$schema/g" -e "s/\${service_role}/$role/g" "$f"; } \
            | psql_as_postgres -d "$SRC" -f - >/dev/null
    done
}
COPY_FROM="${BACKUP_TEST_COPY_FROM:-cloudlab_test}"
if [ "$(sql "$COPY_FROM" "SELECT to_regclass('event_store.events') IS NOT NULL" 2>/dev/null || echo f)" = t ]; then
    # The data too (the suite's tenants, sagas, stock: real rows), unless it is so large that the test
    # would outlast its ~90 s budget; then the schema alone, and the seed's rows.
    copy_events=$(sql "$COPY_FROM" "SELECT count(*) FROM event_store.events")
    copy_what=()
    if [ "$copy_events" -gt "${BACKUP_TEST_MAX_COPY_EVENTS:-500000}" ]; then copy_what=(--schema-only); fi
    echo "    copying $COPY_FROM ($copy_events events${copy_what:+; schema only, the data is too large for this test})"
    runuser -u postgres -- pg_dump -p "$PG_PORT" -Fc "${copy_what[@]}" -d "$COPY_FROM" \
        | runuser -u postgres -- pg_restore -p "$PG_PORT" --exit-on-error -d "$SRC"
    # A database-level setting of event-store V2 that a dump without --create does not carry.
    sql postgres "ALTER DATABASE $SRC SET plan_cache_mode = force_generic_plan" >/dev/null
else
    echo "    $COPY_FROM has no event store: applying the migrations of event-store and the four services"
    sql "$SRC" "SET ROLE cloudlab_owner; CREATE SCHEMA event_store; CREATE SCHEMA orders; CREATE SCHEMA inventory;
                CREATE SCHEMA payments; CREATE SCHEMA saga" >/dev/null
    mapfile -t files < <(find "$REPO_ROOT/event-store/src/main/resources/db/event-store" -maxdepth 1 -name 'V*.sql' | sort -V)
    apply_migrations event_store none "${files[@]}"
    for m in order-service:orders:order_service inventory-service:inventory:inventory_service \
             payment-service:payments:payment_service saga-orchestrator:saga:saga_orchestrator; do
        IFS=: read -r svc schema role <<<"$m"
        mapfile -t files < <(find "$REPO_ROOT/$svc/src/main/resources/db/migration" -maxdepth 1 -name 'V*.sql' | sort -V)
        apply_migrations "$schema" "$role" "${files[@]}" \
            "$REPO_ROOT/service-support/src/main/resources/db/platform/R__grant_service_role.sql"
    done
fi
psql_as_postgres -d "$SRC" -f "$OPS/tests/backup_restore_seed.sql" >/dev/null
check "source: events attached, in DEFAULT and in event_store_archive" "20 20 20" \
    "$(sql "$SRC" "SELECT (SELECT count(*) FROM event_store.events e JOIN event_store.streams s USING (aggregate_id)
                          WHERE s.aggregate_type = 'BackupTestOrder' AND e.stream_created_at > '2000-01-01')
                 || ' ' || (SELECT count(*) FROM event_store.events_default WHERE aggregate_type = 'BackupTestOrder')
                 || ' ' || (SELECT count(*) FROM event_store_archive.events_1901_01)")"

# --- backup ---------------------------------------------------------------------------------------------
echo "==> backup"
BACKUPS="$WORK/backups"
# Retention's cases, as earlier backups: 2000 (past every rule), the first and the second backup of the
# month two months ago (past 30 days; the first is that month's compliance copy), another database's.
month2=$(date -u -d "$(date -u +%Y-%m-01) -2 months" +%Y%m%d)
month2_next=$(date -u -d "$(date -u +%Y-%m-01) -2 months +1 day" +%Y%m%d)
for old in "$SRC-20000101T000000Z" "$SRC-${month2}T000000Z" "$SRC-${month2_next}T000000Z" otherdb-20000101T000000Z; do
    mkdir -p "$BACKUPS/$old"
    echo '{"kind": "logical"}' >"$BACKUPS/$old/manifest.json"
done
succeeds "backup --database $SRC" "$OPS/backup" --database "$SRC" --dir "$BACKUPS"
BACKUP=$(find "$BACKUPS" -mindepth 1 -maxdepth 1 -type d -name "$SRC-2*" | LC_ALL=C sort | tail -n 1)
MANIFEST="$BACKUP/manifest.json"
check "the backup has a manifest, a directory-format dump and globals" "yes" \
    "$([ -f "$MANIFEST" ] && [ -f "$BACKUP/dump/toc.dat" ] && [ -s "$BACKUP/globals.sql" ] && echo yes || echo no)"
check "globals: roles without passwords" "yes 0" \
    "$(grep -q '^CREATE ROLE cloudlab_owner;' "$BACKUP/globals.sql" && echo yes || echo no) $(grep -ci 'password' "$BACKUP/globals.sql" || true)"
check "manifest: the archived partition with its 20 events" "20" \
    "$(jq '.figures.event_partitions["event_store_archive.events_1901_01"].rows' "$MANIFEST")"
check "manifest: invariants and the database's settings recorded" "true" \
    "$(jq '(.figures.invariants | length) >= 10 and (.figures.database_settings | index("plan_cache_mode=force_generic_plan") != null)' "$MANIFEST")"
check "manifest: sha256 of every file" "ok" \
    "$(cd "$BACKUP" && jq -r '.files | to_entries[] | "\(.value)  \(.key)"' manifest.json | sha256sum -c --quiet - >/dev/null 2>&1 && echo ok || echo mismatch)"
kept() { if [ -e "$BACKUPS/$1" ]; then echo kept; else echo gone; fi; }
check "retention: 2000 pruned; month-2's first kept, its second pruned; another database's untouched" \
    "gone kept gone kept" \
    "$(kept "$SRC-20000101T000000Z") $(kept "$SRC-${month2}T000000Z") $(kept "$SRC-${month2_next}T000000Z") $(kept otherdb-20000101T000000Z)"
check "no partial backup left behind" "0" "$(find "$BACKUPS" -maxdepth 1 -name '.partial-*' | wc -l)"

# --- restore --------------------------------------------------------------------------------------------
echo "==> restore"
succeeds "restore --from (the newest backup in a directory) --into $RESTORED" "$OPS/restore" --from "$BACKUPS" --into "$RESTORED"
check "restored: the database's own setting (plan_cache_mode)" "force_generic_plan" \
    "$(sql "$RESTORED" "SHOW plan_cache_mode")"
check "restored: CONNECT revoked from PUBLIC" "f" \
    "$(sql postgres "SELECT has_database_privilege('public', '$RESTORED', 'CONNECT')")"
check "restored: the service role reads nothing without a tenant (RLS on)" "0" \
    "$(sql "$RESTORED" "SET ROLE order_service; SELECT count(*) FROM event_store.events")"
refuses "restore into an existing non-empty database is refused" "$OPS/restore" --from "$BACKUP" --into "$RESTORED"
check "the refused restore changed nothing" "60" \
    "$(sql "$RESTORED" "SELECT (SELECT count(*) FROM event_store.events WHERE aggregate_type = 'BackupTestOrder')
                             + (SELECT count(*) FROM event_store_archive.events_1901_01)")"
damaged="$WORK/damaged"
cp -a "$BACKUP" "$damaged"
printf 'x' >>"$damaged/globals.sql"
refuses "a backup whose file does not match its sha256 is refused" "$OPS/restore" --from "$damaged" --into cloudlab_backup_test_never
check "  ... before creating anything" "0" "$(sql postgres "SELECT count(*) FROM pg_database WHERE datname = 'cloudlab_backup_test_never'")"

# --- verify ---------------------------------------------------------------------------------------------
echo "==> verify-restore"
TOLERATE=()
if [ "$(jq '[.figures.invariants[]] | add // 0' "$MANIFEST")" != 0 ]; then
    echo "    note: the source (copied from $COPY_FROM) already violates invariants:"
    jq -r '.figures.invariants | to_entries[] | select(.value != 0) | "      \(.key): \(.value)"' "$MANIFEST"
    TOLERATE=(--tolerate-source-violations)
fi
succeeds "verify-restore --manifest: equal" "$OPS/verify-restore" --manifest "$MANIFEST" --restored "$RESTORED" "${TOLERATE[@]}"
succeeds "verify-restore --source: equal" "$OPS/verify-restore" --source "$SRC" --restored "$RESTORED" "${TOLERATE[@]}"
"$OPS/verify-restore" --manifest "$MANIFEST" --restored "$RESTORED" "${TOLERATE[@]}" \
    | grep -E '^(section|events |invariant|database|gdpr)|verify-restore:' | sed 's/^/    /' || true

# Plant differences as the superuser (no RLS in the way) and check that each is caught.
archived_row=$(sql "$RESTORED" "COPY (SELECT * FROM event_store_archive.events_1901_01 ORDER BY position LIMIT 1) TO STDOUT")
sql "$RESTORED" "DELETE FROM event_store_archive.events_1901_01 WHERE position = (SELECT min(position) FROM event_store_archive.events_1901_01)" >/dev/null
refuses "one archived event deleted: verify-restore fails" "$OPS/verify-restore" --manifest "$MANIFEST" --restored "$RESTORED" "${TOLERATE[@]}"
check "  ... naming the archive partition" "1" \
    "$(grep -cE '^events +event_store_archive\.events_1901_01 .*FAIL' <<<"$LAST_OUTPUT" || true)"
printf '%s\n' "$archived_row" | runuser -u postgres -- psql -X -q -p "$PG_PORT" -d "$RESTORED" -v ON_ERROR_STOP=1 \
    -c "COPY event_store_archive.events_1901_01 FROM STDIN"
succeeds "the event put back: verify-restore passes again" "$OPS/verify-restore" --manifest "$MANIFEST" --restored "$RESTORED" "${TOLERATE[@]}"

current_part=$(sql "$RESTORED" "SELECT tableoid::regclass FROM event_store.events WHERE aggregate_type = 'BackupTestOrder'
                                AND stream_created_at > '2000-01-01' LIMIT 1")
sql "$RESTORED" "UPDATE event_store.events SET event_data = event_data || '{\"amount\": 0}'
                 WHERE event_id = (SELECT event_id FROM $current_part WHERE aggregate_type = 'BackupTestOrder' LIMIT 1)" >/dev/null
refuses "one event's data changed (same counts): verify-restore fails" "$OPS/verify-restore" --manifest "$MANIFEST" --restored "$RESTORED" "${TOLERATE[@]}"
check "  ... by the checksum of $current_part, not by a count" "1 1" \
    "$(grep -cE "^events +${current_part//./\\.} .*FAIL" <<<"$LAST_OUTPUT" || true) $(grep -cE '^events +all partitions .* ok$' <<<"$LAST_OUTPUT" || true)"

sql "$RESTORED" "UPDATE inventory.stock_levels SET reserved = reserved + 1, available = available - 1
                 WHERE product_id = (SELECT product_id FROM inventory.products WHERE name = 'Backup test keyboard')" >/dev/null
refuses "one stock row altered: verify-restore --source fails" "$OPS/verify-restore" --source "$SRC" --restored "$RESTORED" "${TOLERATE[@]}"
check "  ... on the invariant reserved = active reservations" "1" \
    "$(grep -cE '^invariant +stock: reserved = sum of active reservations .*FAIL' <<<"$LAST_OUTPUT" || true)"

# --- erasures after the backup ----------------------------------------------------------------------------
echo "==> erasures"
subject=$(sql "$SRC" "SELECT subject_id FROM event_store.subject_keys k JOIN event_store.streams s ON s.tenant_id = k.tenant_id
                      WHERE s.aggregate_type = 'BackupTestOrder' AND k.erased_at IS NULL LIMIT 1")
sql "$SRC" "SELECT event_store.erase_subject(tenant_id, subject_id) FROM event_store.subject_keys WHERE subject_id = '$subject'" >/dev/null
check "restored from the older backup: the subject erased since still has its key" "f" \
    "$(sql "$RESTORED" "SELECT key_material IS NULL FROM event_store.subject_keys WHERE subject_id = '$subject'")"
sql "$SRC" "SET \"TimeZone\" = 'UTC'; COPY (SELECT tenant_id, subject_id, erased_at FROM event_store.subject_keys
            WHERE erased_at IS NOT NULL) TO STDOUT" >"$WORK/erasures.tsv"
succeeds "restore --reapply-erasures (from the live database's list)" "$OPS/restore" --reapply-erasures "$WORK/erasures.tsv" --into "$RESTORED"
check "  ... the key is gone again, with the original erasure time" "true true" \
    "$(sql "$RESTORED" "SELECT (r.key_material IS NULL)::text || ' ' || (r.erased_at = '$(sql "$SRC" "SELECT erased_at FROM event_store.subject_keys WHERE subject_id = '$subject'")'::timestamptz)::text
                        FROM event_store.subject_keys r WHERE r.subject_id = '$subject'")"

# --- archive-wal ----------------------------------------------------------------------------------------
echo "==> archive-wal"
ARCH="$WORK/wal-archive"
mkdir -p "$ARCH"
head -c 65536 /dev/urandom >"$WORK/seg-a"
head -c 65536 /dev/urandom >"$WORK/seg-b"
seg=000000010000000000000042
succeeds "archive-wal: a new segment" "$OPS/archive-wal" "$WORK/seg-a" "$seg" "$ARCH"
check "  ... archived byte for byte" "same" "$(cmp -s "$WORK/seg-a" "$ARCH/$seg" && echo same || echo differs)"
succeeds "archive-wal: the same segment again is ok (idempotent)" "$OPS/archive-wal" "$WORK/seg-a" "$seg" "$ARCH"
refuses "archive-wal: the same name with different content is refused" "$OPS/archive-wal" "$WORK/seg-b" "$seg" "$ARCH"
check "  ... and the archived segment is untouched" "same" "$(cmp -s "$WORK/seg-a" "$ARCH/$seg" && echo same || echo differs)"
refuses "archive-wal: a file name with a path is refused" "$OPS/archive-wal" "$WORK/seg-a" "../escape" "$ARCH"
check "archive-wal leaves no temporary files" "1" "$(find "$ARCH" -mindepth 1 | wc -l)"

# --- point-in-time recovery on a private cluster ----------------------------------------------------------
# The shared cluster keeps archive_mode off (turning it on needs a restart): a private one, on a socket in
# this test's directory, proves archive_command, backup --base, pruning of the archive and PITR end to end.
if [ "${BACKUP_TEST_PITR:-1}" = 1 ]; then
    echo "==> point-in-time recovery (private cluster)"
    P="$WORK/pitr"
    mkdir -p "$P/sock" "$P/wal" "$P/base"
    chown -R postgres "$P"
    port=54329
    while ss -H -ltn "sport = :$port" 2>/dev/null | grep -q . || [ -e "$P/sock/.s.PGSQL.$port" ]; do port=$((port + 1)); done
    PITR_PGDATA="$P/data"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PITR_PGDATA" -U postgres -A trust --no-sync >/dev/null
    cat >>"$PITR_PGDATA/postgresql.conf" <<EOF
port = $port
listen_addresses = ''
unix_socket_directories = '$P/sock'
archive_mode = on
archive_command = '$OPS/archive-wal %p %f $P/wal'
fsync = off
EOF
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PITR_PGDATA" -l "$P/server.log" -w start >/dev/null
    pitr_sql() { runuser -u postgres -- psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$P/sock" -p "$port" -d postgres -c "$1"; }
    pitr_sql "CREATE TABLE t (x int); INSERT INTO t VALUES (1)"
    early=$(pitr_sql "SELECT pg_walfile_name(pg_switch_wal())")
    for _ in $(seq 1 50); do [ -f "$P/wal/$early" ] && break; sleep 0.2; done
    check "archive_command archived a segment before the base backup" "yes" "$([ -f "$P/wal/$early" ] && echo yes || echo no)"
    succeeds "backup --base against a cluster archiving with archive-wal" \
        env PGHOST="$P/sock" PGPORT="$port" PGUSER=postgres "$OPS/backup" --base --dir "$P/base" --wal-archive "$P/wal"
    BASE=$(find "$P/base" -mindepth 1 -maxdepth 1 -type d -name 'base-*' | head -n 1)
    start_wal=$(jq -r .start_wal "$BASE/manifest.json" 2>/dev/null || echo none)
    pitr_sql "INSERT INTO t VALUES (2)"
    sleep 1
    target=$(pitr_sql "SELECT clock_timestamp()")
    sleep 1
    pitr_sql "INSERT INTO t VALUES (3)"
    last=$(pitr_sql "SELECT pg_walfile_name(pg_switch_wal())")
    for _ in $(seq 1 50); do [ -f "$P/wal/$last" ] && break; sleep 0.2; done
    check "archive_command archived the switched segment" "yes" "$([ -f "$P/wal/$last" ] && echo yes || echo no)"
    check "backup --base pruned the archive: $early gone, nothing older than the start ($start_wal)" "gone 0" \
        "$([ -e "$P/wal/$early" ] && echo kept || echo gone) $(find "$P/wal" -maxdepth 1 -name '0000000*' ! -name '*.*' -printf '%f\n' | awk -v s="$start_wal" '$0 < s' | wc -l)"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PITR_PGDATA" -m fast -w stop >/dev/null

    # The restore procedure of docs/backup-restore.md: unpack, restore_command, target, recovery.signal.
    R="$P/restored"
    install -d -o postgres -m 700 "$R"
    tar -xzf "$BASE/base/base.tar.gz" -C "$R"
    tar -xzf "$BASE/base/pg_wal.tar.gz" -C "$R/pg_wal"
    cat >>"$R/postgresql.auto.conf" <<EOF
restore_command = 'cp $P/wal/%f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
archive_mode = off
EOF
    touch "$R/recovery.signal"
    chown -R postgres "$R"
    chmod 700 "$R"
    PITR_PGDATA="$R"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$R" -l "$P/restored.log" -w start >/dev/null
    for _ in $(seq 1 100); do [ "$(pitr_sql "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] && break; sleep 0.2; done
    check "PITR to a time between two inserts: the rows before it, not after" "1,2" \
        "$(pitr_sql "SELECT string_agg(x::text, ',' ORDER BY x) FROM t" 2>&1)"

    # Disaster recovery onto a new server: this cluster has none of the platform's roles, so restore must
    # create them from globals.sql before anything that names them.
    check "the private cluster lacks the platform's roles" "0" "$(pitr_sql "SELECT count(*) FROM pg_roles WHERE rolname = 'cloudlab_owner'")"
    succeeds "restore the logical backup into a cluster without the roles" \
        env PGHOST="$P/sock" PGPORT="$port" PGUSER=postgres "$OPS/restore" --from "$BACKUP" --into cloudlab_dr
    check "  ... roles created with their memberships, without passwords" "true true" \
        "$(pitr_sql "SELECT pg_has_role('cloudlab_owner', 'application_admin', 'MEMBER') || ' ' || (rolpassword IS NULL)
                     FROM pg_authid WHERE rolname = 'cloudlab_owner'")"
    succeeds "  ... and verify-restore against the manifest passes there" \
        env PGHOST="$P/sock" PGPORT="$port" PGUSER=postgres "$OPS/verify-restore" --manifest "$MANIFEST" \
        --restored cloudlab_dr "${TOLERATE[@]}"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$R" -m fast -w stop >/dev/null
    PITR_PGDATA=""
fi

echo
echo "($(($(date +%s) - STARTED)) s)"
DONE=1
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
