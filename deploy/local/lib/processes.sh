# The four services as processes of their own (java -jar, as in production) on a database and Kafka topic
# prefix of their own, for the scripts that crash them on purpose: deploy/system/test, deploy/chaos/run.
# A database and topics per run mean nothing another run, a test or the running platform left behind
# reaches it, and what it does reaches nobody else. Sourced after common.sh.
#
# The caller declares PORT (service -> HTTP port) and sets, before calling anything here:
#   OWN_DB       database, recreated by own_setup (e.g. cloudlab_system)
#   OWN_PREFIX   Kafka topic prefix, topics created by own_setup and deleted by own_cleanup
#   OWN_LOG      log name: each service logs to $LOG_DIR/$OWN_LOG-<service>.log
#   OWN_ENV      optional array of NAME=VALUE for every service (e.g. saga timeouts)
#   OWN_JAVA_OPTS optional JVM options (default: small heap, Serial GC as deploy/local/run)
OWN_PIDS_DIR=$(mktemp -d)

own_sql() { runuser -u postgres -- psql -X -q -t -A -p "$PG_PORT" -d "$OWN_DB" -c "$1"; }

own_setup() { # recreates the database and the topics, empties the logs
    step "recreating database $OWN_DB and topics $OWN_PREFIX*"
    runuser -u postgres -- psql -X -q -p "$PG_PORT" -d postgres -c "DROP DATABASE IF EXISTS $OWN_DB WITH (FORCE)" >/dev/null
    PGOPTIONS="-c client_min_messages=warning" runuser -u postgres -- psql -X -q -p "$PG_PORT" -d postgres \
        -v db="$OWN_DB" -f "$LOCAL_DIR/postgres/database.sql" >/dev/null
    kafka_topics "$OWN_PREFIX" || true
    local svc
    for svc in "${!PORT[@]}"; do : >"$LOG_DIR/$OWN_LOG-$svc.log"; done
}

start_service() {
    local svc=$1
    [ -f "$REPO_ROOT/$svc/target/quarkus-app/quarkus-run.jar" ] \
        || die "$svc is not built: run ./mvnw -B -DskipTests package (deploy/local/test builds it)"
    # shellcheck disable=SC2086
    env KAFKA_TOPIC_PREFIX="$OWN_PREFIX" PG_DATABASE="$OWN_DB" HTTP_PORT="${PORT[$svc]}" ${OWN_ENV[@]+"${OWN_ENV[@]}"} \
        nohup java ${OWN_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC} \
        -jar "$REPO_ROOT/$svc/target/quarkus-app/quarkus-run.jar" >>"$LOG_DIR/$OWN_LOG-$svc.log" 2>&1 &
    echo $! >"$OWN_PIDS_DIR/$svc"
    disown  # the crashes are on purpose: no "Killed" job notices
}

kill9() { # kill -9, as a crash; waits until the process is gone
    local pid; pid=$(cat "$OWN_PIDS_DIR/$1")
    kill -9 "$pid" 2>/dev/null || true
    local i; for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    say "  (killed $1 with SIGKILL)"
}

await_ready() { # await_ready SERVICE [SECONDS]
    wait_until "${2:-120}" "$1" service_ready "${PORT[$1]}" || die "$1 did not become ready; see $LOG_DIR/$OWN_LOG-$1.log"
}

start_all_services() {
    step "starting the four services (logs: $LOG_DIR/$OWN_LOG-<service>.log)"
    # The event store's migrations run in the first service; the others find them done.
    start_service order-service
    await_ready order-service
    local svc
    for svc in inventory-service payment-service saga-orchestrator; do start_service "$svc"; done
    for svc in inventory-service payment-service saga-orchestrator; do await_ready "$svc"; done
}

own_cleanup() { # stops the services (TERM, then KILL) and deletes the run's topics; for an EXIT trap
    local svc
    for svc in "${!PORT[@]}"; do [ -f "$OWN_PIDS_DIR/$svc" ] && kill "$(cat "$OWN_PIDS_DIR/$svc")" 2>/dev/null; done
    sleep 2
    for svc in "${!PORT[@]}"; do [ -f "$OWN_PIDS_DIR/$svc" ] && kill -9 "$(cat "$OWN_PIDS_DIR/$svc")" 2>/dev/null; done
    java -cp "$KAFKA_HOME/libs/*" -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.properties" \
        -Dkafka.logs.dir="$LOG_DIR" org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
        --delete --topic "${OWN_PREFIX//./\\.}.*" >>"$LOG_DIR/kafka-topics.log" 2>&1 || true
    rm -rf "$OWN_PIDS_DIR"
}
