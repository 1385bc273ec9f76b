#!/usr/bin/env bash
# Checks the promises of deploy/local/up against the running machine: a second run changes nothing and
# says so; a port held by a stranger stops it with that port and process named, and the stranger lives.
# Expects `up` to have run once already (deploy/local/test does that first).
set -uo pipefail
LOCAL_DIR="$(cd "$(dirname "$0")/.." && pwd)"
passed=0 failed=0
ok()   { passed=$((passed + 1)); echo "  ok   $1"; }
fail() { failed=$((failed + 1)); echo "  FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/       /'; }

echo "deploy/local/up behaviour"

out=$("$LOCAL_DIR/up" 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -q "nothing changed" <<<"$out" && ! grep -q '^==>' <<<"$out"; then
    ok "a second up changes nothing and says so"
else
    fail "a second up changes nothing and says so (exit $rc)" "$out"
fi

# A stranger on the port Redis would use (another port than the real one, so nothing real is disturbed).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1 &
stranger=$!
for _ in $(seq 1 50); do ss -H -ltn "sport = :$port" | grep -q . && break; sleep 0.1; done
out=$(REDIS_PORT=$port "$LOCAL_DIR/up" 2>&1); rc=$?
if [ $rc -ne 0 ] && grep -q "port $port" <<<"$out" && grep -q "pid $stranger" <<<"$out"; then
    ok "a port held by another process stops up, naming the port and the process"
else
    fail "a port held by another process stops up, naming the port and the process (exit $rc)" "$out"
fi
if kill -0 "$stranger" 2>/dev/null; then ok "the other process is left running"; else fail "the other process is left running"; fi
kill "$stranger" 2>/dev/null; wait "$stranger" 2>/dev/null

out=$("$LOCAL_DIR/status" 2>&1)
if grep -q "^Logs: " <<<"$out" && grep -qE '^Kafka +UP' <<<"$out" && grep -qE '^PostgreSQL +UP' <<<"$out"; then
    ok "status lists what runs and names the log folder"
else
    fail "status lists what runs and names the log folder" "$out"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
