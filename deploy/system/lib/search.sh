# Searches every store of a system-test run for a person's data, for the erasure scenario. Each function prints
# how many places hold one of the needles in a form anyone can read (ciphertext is not searched into).

# Redis: every value of every key (strings, hashes, sets, sorted sets, lists), scanned inside Redis.
REDIS_SEARCH_SCRIPT='
local found, cursor = 0, "0"
repeat
  local page = redis.call("SCAN", cursor, "COUNT", 1000)
  cursor = page[1]
  for _, key in ipairs(page[2]) do
    local kind, values = redis.call("TYPE", key).ok, {}
    if kind == "string" then values = {redis.call("GET", key)}
    elseif kind == "hash" then values = redis.call("HVALS", key)
    elseif kind == "set" then values = redis.call("SMEMBERS", key)
    elseif kind == "zset" then values = redis.call("ZRANGE", key, 0, -1)
    elseif kind == "list" then values = redis.call("LRANGE", key, 0, -1) end
    for _, value in ipairs(values) do
      for _, needle in ipairs(ARGV) do
        if string.find(value, needle, 1, true) then found = found + 1 end
      end
    end
  end
until cursor == "0"
return found'

search_redis() { # search_redis NEEDLE...
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" EVAL "$REDIS_SEARCH_SCRIPT" 0 "$@"
}

# PostgreSQL: a dump of the run's database as text (JSON as text, bytea as hex), searched for each needle.
search_postgres() { # search_postgres NEEDLE...
    local dump needle found=0
    dump=$(mktemp)
    runuser -u postgres -- pg_dump -p "$PG_PORT" --data-only "$OWN_DB" >"$dump"
    for needle in "$@"; do found=$((found + $(grep -c -F -- "$needle" "$dump" || true))); done
    rm -f "$dump"
    echo "$found"
}

# PostgreSQL: rows of any table whose card digits column holds these last four.
search_postgres_last_four() { # search_postgres_last_four DIGITS
    local union
    union=$(own_sql "SELECT string_agg(format('SELECT count(*) AS n FROM %I.%I WHERE %I::text = %L', table_schema,
        table_name, column_name, '$1'), ' UNION ALL ') FROM information_schema.columns
        WHERE column_name LIKE '%last_four%' AND table_schema NOT IN ('pg_catalog', 'information_schema')")
    own_sql "SELECT coalesce(sum(n), 0) FROM ($union) c"
}

# ClickHouse: every fact table's rows of the tenant, as text.
search_clickhouse() { # search_clickhouse TENANT NEEDLE...
    local tenant=$1 table needle rows found=0
    shift
    for table in $(curl -s "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT/" --data-binary \
            "SELECT name FROM system.tables WHERE database = 'cloudlab' AND match(name, '_facts_v[0-9]+\$')"); do
        rows=$(curl -s "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT/" --data-binary \
            "SELECT * FROM cloudlab.$table WHERE tenant_id = toUUID('$tenant') FORMAT TSV")
        for needle in "$@"; do found=$((found + $(grep -c -F -- "$needle" <<<"$rows" || true))); done
    done
    echo "$found"
}

# Kafka: every record of the run's topics, from the beginning, into a file (key, tab, value per line).
dump_kafka() { # dump_kafka FILE
    java -cp "$KAFKA_HOME/libs/*" -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.properties" \
        -Dkafka.logs.dir="$LOG_DIR" org.apache.kafka.tools.consumer.ConsoleConsumer \
        --bootstrap-server "127.0.0.1:$KAFKA_PORT" --include "${OWN_PREFIX//./\\.}.*" --from-beginning \
        --timeout-ms 8000 --property print.key=true >"$1" 2>>"$LOG_DIR/kafka-search.log" || true
}

search_file() { # search_file FILE NEEDLE...
    local file=$1 needle found=0
    shift
    for needle in "$@"; do found=$((found + $(grep -c -F -- "$needle" "$file" || true))); done
    echo "$found"
}

luhn_card() { # luhn_card -> a Luhn-valid 16-digit card number (approved by the sandbox) with random digits
    local body sum=0 double=1 i d
    body="4000$(printf '%05d%06d' $((RANDOM % 100000)) $(((RANDOM * 32768 + RANDOM) % 1000000)))"
    for ((i = ${#body} - 1; i >= 0; i--)); do
        d=${body:i:1}
        if ((double)); then d=$((d * 2)); ((d > 9)) && d=$((d - 9)); fi
        sum=$((sum + d)); double=$((1 - double))
    done
    echo "$body$(((10 - sum % 10) % 10))"
}
