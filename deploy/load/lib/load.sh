# A storefront population driven by wrk with Lua: seeding (tenants, products, customers with a card each),
# the three request mixes as wrk scripts, running them side by side, and the figures read back from wrk and
# from the events. Shared by deploy/load/run (against the platform) and deploy/chaos/run (against services
# of its own). Sourced after deploy/local/lib/common.sh.
#
# The caller declares PORT (service -> HTTP port), and sets LOAD_DB (the database the services use, for the
# SQL figures) and LOAD_WORK (a scratch folder). Everything seeded lives in fresh tenants, so the figures of
# one run are never mixed with another run's or the platform's own data, even on the platform's database.

# The storefront's mix: of every 100 requests, 60 browse and search, 25 place an order, 15 read own orders.
BROWSE_PER_ORDER=2.4
READS_PER_ORDER=0.6
# A realistic share of failures: customers whose card is declined, and order lines that ask for more than a
# scarce product holds. Cards whose gateway answers too late (TIMEOUT_SHARE) are off by default: each one
# holds payment-service's command stream for seconds (docs/performance.md), which would dominate every figure.
DECLINE_SHARE=${DECLINE_SHARE:-0.05}
TIMEOUT_SHARE=${TIMEOUT_SHARE:-0}
OUT_OF_STOCK_SHARE=${OUT_OF_STOCK_SHARE:-0.03}
# Roughly "large": never runs out during a run, so out-of-stock comes only from the scarce products.
PLENTY=1000000
SCARCE_STOCK=5

LOAD_RUN_ID="$(date +%s)-$RANDOM"
LOAD_TENANTS=()

load_sql() { runuser -u postgres -- psql -X -q -t -A -p "$PG_PORT" -d "$LOAD_DB" -c "$1"; }
load_tenant_list() { printf "'%s'," "${LOAD_TENANTS[@]}" | sed 's/,$//'; }

# post SERVICE PATH TOKEN BODY -> prints the body of a 201, dies otherwise (seeding must not half-work)
load_post() {
    local out status
    out=$(curl -s -m 30 -w '\n%{http_code}' -X POST "http://127.0.0.1:${PORT[$1]}$2" -H "Authorization: Bearer $3" \
        -H 'Content-Type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" -d "$4")
    status=${out##*$'\n'}
    [ "$status" == 201 ] || die "seeding: POST $2 answered $status: ${out%$'\n'*}"
    printf '%s\n' "${out%$'\n'*}"
}

# Words the product names and descriptions are made of; search queries use the same words, so a search
# finds something, ranked, as a shopper's would.
LOAD_ADJECTIVES=(oak walnut steel linen woollen copper ceramic bamboo leather glass)
LOAD_NOUNS=(lamp desk chair shelf rug kettle mug blanket clock vase stool mirror)

load_customer() { # load_customer TENANT INDEX -> "tenant user token card_id card_kind"
    local tenant=$1 i=$2 user token number kind pm
    user=$(cat /proc/sys/kernel/random/uuid)
    token=$("$LOCAL_DIR/token" --tenant "$tenant" --user "$user" --roles customer --ttl 14400)
    # Every 100 customers: DECLINE_SHARE*100 with a card the gateway declines, TIMEOUT_SHARE*100 with one it
    # answers too late for; the rest pay.
    local slot=$(( i % 100 ))
    if awk -v s="$slot" -v d="$DECLINE_SHARE" 'BEGIN {exit !(s < d * 100)}'; then number=4000000000000002 kind=declined
    elif awk -v s="$slot" -v d="$DECLINE_SHARE" -v t="$TIMEOUT_SHARE" 'BEGIN {exit !(s < (d + t) * 100)}'; then
        number=4000000000000119 kind=timeout
    else number=4242424242424242 kind=good; fi
    pm=$(load_post payment-service /payment-methods "$token" "{\"type\":\"credit_card\",\"card\":{\"number\":\"$number\",
        \"expiry_month\":12,\"expiry_year\":2030,\"cvc\":\"123\",\"holder_name\":\"Load Shopper $i\"}}" | jq -r .payment_method_id)
    printf '%s %s %s %s %s\n' "$tenant" "$user" "$token" "$pm" "$kind"
}

# load_seed TENANTS CUSTOMERS_PER_TENANT PRODUCTS_PER_TENANT: writes $LOAD_WORK/{products,customers}
load_seed() {
    local tenants=$1 customers=$2 products=$3 t i tenant admin name word id
    : >"$LOAD_WORK/products"; : >"$LOAD_WORK/customers"
    step "seeding $tenants tenants, each with $products products (1 scarce) and $customers customers with a card"
    for t in $(seq 1 "$tenants"); do
        tenant=$(cat /proc/sys/kernel/random/uuid)
        LOAD_TENANTS+=("$tenant")
        admin=$("$LOCAL_DIR/token" --tenant "$tenant" --user "$(cat /proc/sys/kernel/random/uuid)" --roles admin --ttl 14400)
        for i in $(seq 1 "$products"); do
            word="${LOAD_ADJECTIVES[$((i % ${#LOAD_ADJECTIVES[@]}))]} ${LOAD_NOUNS[$((i % ${#LOAD_NOUNS[@]}))]}"
            local stock=$PLENTY kind=plenty
            [ "$i" -eq 1 ] && stock=$SCARCE_STOCK kind=scarce
            name="${word^} no. $i"
            id=$(load_post inventory-service /products "$admin" "{\"name\":\"$name\",\"description\":\"A $word for the load test, made to last\",
                \"price\":\"$((5 + i % 90)).$((10 + i % 89))\",\"currency\":\"EUR\",\"initial_stock\":$stock}" | jq -r .product_id)
            echo "$t $tenant $id $kind" >>"$LOAD_WORK/products"
        done
        # Customers four at a time: a token is three openssl runs, a card one POST.
        for i in $(seq 1 "$customers"); do
            load_customer "$tenant" "$i" >>"$LOAD_WORK/customers.$t" &
            [ $((i % 4)) -ne 0 ] || wait
        done
        wait
        awk -v t="$t" '{print t, $0}' "$LOAD_WORK/customers.$t" >>"$LOAD_WORK/customers"
    done
    [ "$(grep -c . "$LOAD_WORK/customers")" -eq $((tenants * customers)) ] || die "seeding: not every customer got a card"
    # Orders are priced from order-service's copy of the catalogue, filled from Kafka: wait until it knows
    # every product, or the first orders would be refused as naming unknown products.
    local want=$((tenants * products))
    wait_until 120 "the catalogue copy" bash -c "[ \"\$(runuser -u postgres -- psql -X -q -t -A -p $PG_PORT -d $LOAD_DB -c \
        \"SELECT count(*) FROM orders.catalogue_products WHERE tenant_id IN ($(load_tenant_list))\")\" -ge $want ]" \
        || die "order-service's catalogue copy did not learn the $want products within 120 s"
}

# --- wrk scripts ------------------------------------------------------------------------------------------

# Lua shared by the three scripts: pacing and the figures written at the end. Pacing is by delay(): each
# thread hands out send slots 1000/RATE ms apart, and a connection whose answer came back waits for the next
# free slot. A slot never lies in the past, so a stall (a crash, a restart) does not end in a burst that
# makes up for it: the rate is a ceiling, and the achieved rate is what the report gives.
load_lua_common() { # load_lua_common RATE OUT_FILE
    cat <<LUA
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } cl_timespec; int clock_gettime(int, cl_timespec *); ]]
local ts = ffi.new("cl_timespec")
local function now_ms() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6 end
local period = 1000 / $1
local next_slot = 0
delay = function()
  local now = now_ms()
  if next_slot < now then next_slot = now end
  local wait = next_slot - now
  next_slot = next_slot + period
  return wait
end
statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
local threads = {}
local thread_count = 0
setup = function(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end
done = function(summary, latency, requests)
  local f = io.open("$2", "w")
  f:write(string.format("requests %d\nduration_us %d\n", summary.requests, summary.duration))
  local e = summary.errors
  f:write(string.format("errors_socket %d\nerrors_status %d\nerrors_timeout %d\n", e.connect + e.read + e.write, e.status, e.timeout))
  for _, p in ipairs({50, 90, 95, 99, 99.9}) do f:write(string.format("p%s_us %d\n", p, latency:percentile(p))) end
  f:write(string.format("max_us %d\nmean_us %d\n", latency.max, latency.mean))
  local all = {}
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("statuses")) do all[s] = (all[s] or 0) + n end
  end
  for s, n in pairs(all) do f:write(string.format("status_%d %d\n", s, n)) end
  for _, p in ipairs({1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 97, 98, 99, 99.5, 99.9, 99.99}) do
    f:write(string.format("dist %s %.3f\n", p, latency:percentile(p) / 1000))
  end
  f:close()
end
LUA
}

# The shoppers, as Lua tables: tokens, payment methods, and each tenant's products.
load_lua_tables() {
    echo "local customers = {"
    awk '{printf "{t=%d, tok=\"%s\", pm=\"%s\"},\n", $1, $4, $5}' "$LOAD_WORK/customers"
    echo "}"
    echo "local products, scarce = {}, {}"
    awk '$4 == "plenty" {printf "products[%d] = products[%d] or {}; table.insert(products[%d], \"%s\")\n", $1, $1, $1, $3}
         $4 == "scarce" {printf "scarce[%d] = \"%s\"\n", $1, $3}' "$LOAD_WORK/products"
    printf 'local words = {'; printf '"%s",' "${LOAD_ADJECTIVES[@]}" "${LOAD_NOUNS[@]}"; echo '}'
}

# load_scripts ORDER_RATE: writes place.lua and browse.lua (read.lua needs orders: load_read_script)
load_scripts() {
    local rate=$1
    {
        load_lua_common "$rate" "$LOAD_WORK/result.place"
        load_lua_tables
        cat <<LUA
local n = 0
local address = '"shipping_address":{"recipient":"Load Shopper","line1":"1 Load St","city":"Leeds","postal_code":"LS1 1AA","country":"GB"}'
init = function(args) math.randomseed(os.time() + (tid or 0) * 7919) end
request = function()
  n = n + 1
  local c = customers[math.random(#customers)]
  local mine = products[c.t]
  -- 1 to 3 lines of distinct products, 1 or 2 units each
  local lines, seen = {}, {}
  for i = 1, math.random(3) do
    local p = mine[math.random(#mine)]
    if not seen[p] then seen[p] = true; table.insert(lines, string.format('{"product_id":"%s","quantity":%d}', p, math.random(2))) end
  end
  if math.random() < $OUT_OF_STOCK_SHARE then
    table.insert(lines, string.format('{"product_id":"%s","quantity":%d}', scarce[c.t], $SCARCE_STOCK + 1))
  end
  local body = '{"items":[' .. table.concat(lines, ",") .. '],' .. address
    .. ',"payment_method":"credit_card","payment_method_id":"' .. c.pm .. '","currency":"EUR"}'
  return wrk.format("POST", "/orders", {
    ["Authorization"] = "Bearer " .. c.tok, ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("load-$LOAD_RUN_ID-%d-%d", tid or 0, n) }, body)
end
LUA
    } >"$LOAD_WORK/place.lua"
    {
        load_lua_common "$(awk -v r="$rate" -v k="$BROWSE_PER_ORDER" 'BEGIN {print r * k}')" "$LOAD_WORK/result.browse"
        load_lua_tables
        cat <<'LUA'
init = function(args) math.randomseed(os.time() + (tid or 0) * 104729) end
request = function()
  local c = customers[math.random(#customers)]
  local headers = { ["Authorization"] = "Bearer " .. c.tok }
  local r = math.random()
  local path
  if r < 0.40 then
    path = "/products/" .. products[c.t][math.random(#products[c.t])]          -- a product page (Redis)
  elseif r < 0.75 then
    path = "/products?limit=20"                                                 -- the catalogue, newest first
  else
    path = "/products?limit=20&q=" .. words[math.random(#words)]               -- full-text search
  end
  return wrk.format("GET", path, headers)
end
LUA
    } >"$LOAD_WORK/browse.lua"
}

# Reading one's own orders needs orders: after the warm-up, each customer's ids so far (up to 20).
load_read_script() { # load_read_script ORDER_RATE
    local rate=$1
    load_sql "SELECT customer_id, string_agg(order_id::text, ',') FROM (SELECT customer_id, order_id,
        row_number() OVER (PARTITION BY customer_id ORDER BY created_at DESC) AS k FROM orders.order_summaries
        WHERE tenant_id IN ($(load_tenant_list))) o WHERE k <= 20 GROUP BY customer_id" | tr '|' ' ' >"$LOAD_WORK/own-orders"
    [ -s "$LOAD_WORK/own-orders" ] || die "no orders after the warm-up: nothing for the readers to read"
    {
        load_lua_common "$(awk -v r="$rate" -v k="$READS_PER_ORDER" 'BEGIN {print r * k}')" "$LOAD_WORK/result.read"
        echo "local readers = {"
        awk 'NR == FNR {tok[$3] = $4; next} {n = split($2, ids, ","); printf "{tok=\"%s\", ids={", tok[$1];
             for (i = 1; i <= n; i++) printf "\"%s\",", ids[i]; print "}},"}' "$LOAD_WORK/customers" "$LOAD_WORK/own-orders"
        echo "}"
        cat <<'LUA'
init = function(args) math.randomseed(os.time() + (tid or 0) * 15485863) end
request = function()
  local c = readers[math.random(#readers)]
  local headers = { ["Authorization"] = "Bearer " .. c.tok }
  if math.random() < 0.5 then
    return wrk.format("GET", "/orders?limit=20", headers)                        -- my orders, newest first
  end
  return wrk.format("GET", "/orders/" .. c.ids[math.random(#c.ids)], headers)   -- one order's status
end
LUA
    } >"$LOAD_WORK/read.lua"
}

# --- running -----------------------------------------------------------------------------------------------

LOAD_WRK_PIDS=()
# Connections per mix: enough that the rate holds while an answer takes up to ~100 ms (orders) or ~50 ms
# (reads), without so many that a stall queues thousands of requests.
load_connections() { awk -v r="$1" -v l="$2" 'BEGIN {c = int(r * l + 0.999); if (c < 4) c = 4; print c}'; }

# load_start ORDER_RATE SECONDS [MIXES]: the wrk processes in the background, one per mix (default all three)
load_start() {
    local rate=$1 seconds=$2 mixes=${3:-place browse read} mix r c service
    LOAD_WRK_PIDS=()
    for mix in $mixes; do
        case $mix in
            place)  r=$rate; c=$(load_connections "$r" 0.1); service=order-service ;;
            browse) r=$(awk -v r="$rate" -v k="$BROWSE_PER_ORDER" 'BEGIN {print r * k}'); c=$(load_connections "$r" 0.05); service=inventory-service ;;
            read)   r=$(awk -v r="$rate" -v k="$READS_PER_ORDER" 'BEGIN {print r * k}'); c=$(load_connections "$r" 0.05); service=order-service ;;
        esac
        rm -f "$LOAD_WORK/result.$mix"
        # One thread each: three wrk processes on two cores, at a few hundred requests a second each.
        wrk -t1 -c"$c" -d"${seconds}s" --timeout "${LOAD_TIMEOUT:-5}s" -s "$LOAD_WORK/$mix.lua" \
            "http://127.0.0.1:${PORT[$service]}" >"$LOAD_WORK/wrk.$mix.out" 2>&1 &
        LOAD_WRK_PIDS+=($!)
    done
}
load_wait() { local pid; for pid in "${LOAD_WRK_PIDS[@]}"; do wait "$pid" || true; done; }
# wrk ends on SIGINT as at the end of its duration: the figures so far are written.
load_stop() { local pid; for pid in "${LOAD_WRK_PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done; load_wait; }

# fig MIX KEY -> a figure of that mix's run (0 when absent)
fig() { awk -v k="$2" '$1 == k {print $2; f = 1} END {if (!f) print 0}' "$LOAD_WORK/result.$1" 2>/dev/null || echo 0; }
ms_of() { awk -v u="$1" 'BEGIN {printf "%.1f", u / 1000}'; }
load_rps() { awk -v n="$(fig "$1" requests)" -v d="$(fig "$1" duration_us)" 'BEGIN {printf "%.1f", (d > 0) ? n / (d / 1e6) : 0}'; }
# A 503 is order-service refusing an order past its limit of orders in flight (io.cloudlab.order.admission):
# the platform shedding load as designed, counted apart (load_refused), not an error.
load_refused() { fig "$1" status_503; }
load_errors() { echo $(( $(fig "$1" errors_socket) + $(fig "$1" errors_status) - $(load_refused "$1") + $(fig "$1" errors_timeout) )); }
load_error_pct() { awk -v e="$(load_errors "$1")" -v n="$(fig "$1" requests)" 'BEGIN {printf "%.2f", (n > 0) ? 100 * e / n : 0}'; }

# Projection lag while the load runs: every second, cloudlab_projection_lag_seconds of every projection of
# order-service and inventory-service, as "<epoch> <projection> <seconds>".
LOAD_SAMPLER=
# Beside it, each service's Kafka consumers' lag (records behind, summed over partitions) into consumer-lag:
# a consumer that cannot keep up shows there long before anything times out.
load_sampler_start() {
    : >"$LOAD_WORK/lag"; : >"$LOAD_WORK/consumer-lag"
    (
        while :; do
            for svc in order-service inventory-service payment-service saga-orchestrator; do
                curl -s -m 2 "http://127.0.0.1:${PORT[$svc]}/q/metrics" 2>/dev/null \
                    | awk -v t="$(date +%s)" -v svc="$svc" -v lag="$LOAD_WORK/consumer-lag" '
                        /^cloudlab_projection_lag_seconds\{/ {match($0, /projection="[^"]+"/); print t, substr($0, RSTART + 12, RLENGTH - 13), $NF}
                        /^kafka_consumer_fetch_manager_records_lag_max\{/ && /partition=/ {match($0, /client_id="[^"]+"/);
                            c[substr($0, RSTART + 11, RLENGTH - 12)] += $NF}
                        END {for (k in c) print t, svc ":" k, c[k] >>lag}'
            done
            sleep 1
        done >>"$LOAD_WORK/lag"
    ) &
    LOAD_SAMPLER=$!
}
load_sampler_stop() { [ -z "$LOAD_SAMPLER" ] || { kill "$LOAD_SAMPLER" 2>/dev/null || true; wait "$LOAD_SAMPLER" 2>/dev/null || true; LOAD_SAMPLER=; }; }
# quantile over the samples of every projection: "p50 p99 max" in ms
load_lag_figures() {
    awk '{print $3 * 1000}' "$LOAD_WORK/lag" | sort -n | awk '{v[NR] = $1} END {
        if (NR == 0) {print "- - -"; exit}
        i50 = int(NR * 0.5 + 0.999); i99 = int(NR * 0.99 + 0.999); printf "%.0f %.0f %.0f\n", v[i50], v[i99], v[NR]}'
}
# "<consumer> <p50> <max>" of the sampled lags, one line per consumer
load_consumer_lag() {
    sort -k2,2 -k3,3n "$LOAD_WORK/consumer-lag" | awk '{v[$2] = v[$2] " " $3} END {for (k in v) {n = split(substr(v[k], 2), a, " ");
        printf "%s %s %s\n", k, a[int(n * 0.5 + 0.999)], a[n]}}' | sort
}
# The Redis projections' own commit-to-view delay (a summary over the process's recent events), p99 in ms
load_apply_delay_p99() { # load_apply_delay_p99 SERVICE PROJECTION
    curl -s -m 3 "http://127.0.0.1:${PORT[$1]}/q/metrics" | awk -v p="$2" '/^cloudlab_projection_apply_delay_seconds\{/ &&
        index($0, "projection=\"" p "\"") && /quantile="0.99"/ {printf "%.0f", $NF * 1000; f = 1} END {if (!f) print "-"}'
}

# --- what the events say ------------------------------------------------------------------------------------

# Sagas still running among the run's orders, and orders whose saga has not started yet.
load_unsettled() {
    load_sql "SELECT (SELECT count(*) FROM saga.saga_instances WHERE tenant_id IN ($(load_tenant_list))
                        AND status IN ('started', 'compensating'))
                   + (SELECT count(*) FROM orders.order_summaries o WHERE o.tenant_id IN ($(load_tenant_list))
                        AND NOT EXISTS (SELECT 1 FROM saga.saga_instances s WHERE s.order_id = o.order_id))
                   + (SELECT count(*) FROM event_store.events e WHERE e.tenant_id IN ($(load_tenant_list))
                        AND e.event_type IN ('OrderCancellationRequested', 'OrderRefundRequested')
                        AND NOT EXISTS (SELECT 1 FROM saga.saga_instances s WHERE s.saga_id =
                            coalesce(e.event_data->>'cancellation_id', e.event_data->>'refund_id')::uuid))"
}
load_drain() { # load_drain SECONDS: waits until every order's sagas (asked for ones too) have ended; 1 if some have not
    local deadline=$(( $(date +%s) + $1 ))
    while [ "$(load_unsettled)" != 0 ]; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 1
    done
}

# Orders of the run's tenants by outcome: "placed paid cancelled other sagas_live sagas_failed no_saga"
load_outcomes() {
    load_sql "SELECT count(*), count(*) FILTER (WHERE o.status = 'paid'), count(*) FILTER (WHERE o.status = 'cancelled'),
                     count(*) FILTER (WHERE o.status NOT IN ('paid', 'cancelled')),
                     count(*) FILTER (WHERE s.status IN ('started', 'compensating')),
                     count(*) FILTER (WHERE s.status = 'failed'), count(*) FILTER (WHERE s.saga_id IS NULL)
              FROM orders.order_summaries o
              LEFT JOIN saga.saga_instances s ON s.order_id = o.order_id AND s.saga_type = 'order_fulfilment'
              WHERE o.tenant_id IN ($(load_tenant_list))" | tr '|' ' '
}

# OrderPlaced -> OrderPaid per order, from the two events' created_at (each the *start* of the transaction
# that appended it: the POST's, and the one of the saga's confirm step), for orders placed in [FROM, TO).
# Writes the milliseconds, one a line, to $LOAD_WORK/placed-to-paid.
load_placed_to_paid() { # load_placed_to_paid FROM_EPOCH TO_EPOCH
    load_sql "SELECT round(extract(epoch FROM paid - placed) * 1000, 1) FROM (
                SELECT min(created_at) FILTER (WHERE event_type = 'OrderPlaced') AS placed,
                       min(created_at) FILTER (WHERE event_type = 'OrderPaid') AS paid
                FROM event_store.events WHERE aggregate_type = 'Order' AND event_type IN ('OrderPlaced', 'OrderPaid')
                  AND tenant_id IN ($(load_tenant_list)) AND created_at >= to_timestamp($1) - interval '1 minute'
                GROUP BY aggregate_id) x
              WHERE paid IS NOT NULL AND placed >= to_timestamp($1) AND placed < to_timestamp($2) ORDER BY 1" \
        >"$LOAD_WORK/placed-to-paid"
}
# quantiles of a file of numbers: "count p50 p95 p99 max"
load_quantiles() {
    sort -n "$1" | awk '{v[NR] = $1} END {if (NR == 0) {print "0 - - - -"; exit}
        printf "%d %s %s %s %s\n", NR, v[int(NR * 0.5 + 0.999)], v[int(NR * 0.95 + 0.999)], v[int(NR * 0.99 + 0.999)], v[NR]}'
}
# Orders placed and paid per second of the run, for the timeline chart: "<second> <placed> <paid>"
load_timeline() { # load_timeline FROM_EPOCH TO_EPOCH
    load_sql "SELECT s, count(*) FILTER (WHERE event_type = 'OrderPlaced'), count(*) FILTER (WHERE event_type = 'OrderPaid')
              FROM (SELECT floor(extract(epoch FROM created_at)) - $1 AS s, event_type FROM event_store.events
                    WHERE aggregate_type = 'Order' AND event_type IN ('OrderPlaced', 'OrderPaid')
                      AND tenant_id IN ($(load_tenant_list)) AND created_at >= to_timestamp($1) AND created_at < to_timestamp($2) + interval '30 seconds') e
              GROUP BY s ORDER BY s" | tr '|' ' ' >"$LOAD_WORK/timeline"
}

# CPU time per program between two snapshots (utime + stime of every process, grouped by what it is), so the
# report can say who spent the two cores. First line "time <epoch seconds>", then "<pid> <group> <ticks>".
load_cpu_snapshot() {
    python3 - <<'PY'
import os, re, time
print("time", time.time())
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        stat = open(f"/proc/{pid}/stat").read()
    except OSError:
        continue
    m = re.search(r"/([a-z-]+)/target/quarkus-app/quarkus-run\.jar", cmd)
    group = (m.group(1) if m else "postgresql" if cmd.startswith("postgres") or "/usr/lib/postgresql/" in cmd
             else "kafka" if "kafka.Kafka" in cmd else "redis" if "redis-server" in cmd
             else "clickhouse" if "clickhouse-server" in cmd else "haproxy" if cmd.startswith("haproxy")
             else "wrk" if cmd.startswith("wrk")
             else "maven-and-tests" if "plexus.classworlds" in cmd or "surefire" in cmd else "other")
    fields = stat[stat.rindex(")") + 2:].split()
    print(pid, group, int(fields[11]) + int(fields[12]))
PY
}
# load_cpu_share BEFORE AFTER -> "<group> <percent of one core>" for processes alive at both ends
load_cpu_share() {
    local hz; hz=$(getconf CLK_TCK)
    awk -v hz="$hz" 'NR == FNR {if ($1 == "time") t0 = $2; else b[$1] = $3; next}
        $1 == "time" {s = $2 - t0; next} ($1 in b) {t[$2] += $3 - b[$1]}
        END {for (g in t) if (t[g] > 0) printf "%s %.0f\n", g, 100 * t[g] / hz / s}' "$1" "$2" | sort -k2,2nr
}
# load_cpu_per_order BEFORE AFTER ORDERS -> "<group> <ms of CPU per order>" for the platform's processes (not
# the load generator, builds or anything else on the machine), then "platform <sum>".
load_cpu_per_order() {
    local hz; hz=$(getconf CLK_TCK)
    awk -v hz="$hz" -v n="$3" 'NR == FNR {if ($1 != "time") b[$1] = $3; next}
        $1 == "time" {next} ($1 in b) && $2 != "wrk" && $2 != "maven-and-tests" && $2 != "other" {t[$2] += $3 - b[$1]}
        END {for (g in t) {ms = (n > 0) ? 1000 * t[g] / hz / n : 0; sum += ms; printf "%s %.1f\n", g, ms}
             printf "platform %.1f\n", sum}' "$1" "$2" | sort -k2,2nr
}
# Write transactions: transaction ids handed out in the whole cluster (each one that wrote took one), so
# read-only transactions (most of xact_commit) are not counted. Other databases' writers count too.
load_xid() { load_sql "SELECT pg_current_xact_id()::text"; }
# Commits in the database: pg_stat_database's counter (every service's transactions, the relays' and the
# projections' too).
load_commits() { load_sql "SELECT xact_commit FROM pg_stat_database WHERE datname = '$LOAD_DB'"; }
# The reference for the commit figures: pgbench committing one-row INSERTs with 8 clients, on this PostgreSQL,
# in a scratch database of its own, right after the load (same machine, same hour, so the ratio holds however
# busy the shared machine is). Prints its transactions per second.
load_pgbench_reference() { # SECONDS
    local db=cloudlab_pgbench_reference script; script=$(mktemp)
    echo "INSERT INTO reference_rows (body) VALUES ('one row, one commit');" >"$script"; chmod 644 "$script"
    PGOPTIONS="-c client_min_messages=warning" runuser -u postgres -- psql -X -q -p "$PG_PORT" -d postgres \
        -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    runuser -u postgres -- psql -X -q -p "$PG_PORT" -d "$db" -c "CREATE TABLE reference_rows (id BIGSERIAL PRIMARY KEY,
        body TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    runuser -u postgres -- "/usr/lib/postgresql/$PG_VERSION/bin/pgbench" -n -M prepared -p "$PG_PORT" -c 8 -j 2 \
        -T "$1" -f "$script" "$db" 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -n 1
    runuser -u postgres -- psql -X -q -p "$PG_PORT" -d postgres -c "DROP DATABASE IF EXISTS $db"
    rm -f "$script"
}
