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
#   OWN_INSTANCES optional processes per service (default 1); with more, instance i answers on
#                 PORT + 10000 * i and HAProxy on PORT (common.sh's balancer_start)
OWN_PIDS_DIR=$(mktemp -d)
OWN_INSTANCES=${OWN_INSTANCES:-1}

own_port()     { instance_port "${PORT[$1]}" "${2:-1}" "$OWN_INSTANCES"; }
own_pid_file() { if [ "${2:-1}" -eq 1 ]; then echo "$OWN_PIDS_DIR/$1"; else echo "$OWN_PIDS_DIR/$1.$2"; fi; }

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

start_service() { # start_service SERVICE [INSTANCE]
    local svc=$1 i=${2:-1}
    [ -f "$REPO_ROOT/$svc/target/quarkus-app/quarkus-run.jar" ] \
        || die "$svc is not built: run ./mvnw -B -DskipTests package (deploy/local/test builds it)"
    # order-service asks payment-service for a customer's payment data (the one call between services): this
    # run's payment-service (its balancer's port when there are several instances).
    # shellcheck disable=SC2086
    env KAFKA_TOPIC_PREFIX="$OWN_PREFIX" PG_DATABASE="$OWN_DB" HTTP_PORT="$(own_port "$svc" "$i")" \
        PAYMENT_SERVICE_URL="http://127.0.0.1:${PORT[payment-service]:-8083}" ${OWN_ENV[@]+"${OWN_ENV[@]}"} \
        nohup java ${OWN_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC} \
        -jar "$REPO_ROOT/$svc/target/quarkus-app/quarkus-run.jar" >>"$LOG_DIR/$OWN_LOG-$(instance_name "$svc" "$i").log" 2>&1 &
    echo $! >"$(own_pid_file "$svc" "$i")"
    disown  # the crashes are on purpose: no "Killed" job notices
}

kill9() { # kill9 SERVICE [INSTANCE]: kill -9, as a crash; waits until the process is gone
    local pid; pid=$(cat "$(own_pid_file "$1" "${2:-1}")")
    kill -9 "$pid" 2>/dev/null || true
    local i; for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    say "  (killed $(instance_name "$1" "${2:-1}") with SIGKILL)"
}

await_ready() { # await_ready SERVICE [SECONDS [INSTANCE]]
    local name; name=$(instance_name "$1" "${3:-1}")
    wait_until "${2:-120}" "$name" service_ready "$(own_port "$1" "${3:-1}")" \
        || die "$name did not become ready; see $LOG_DIR/$OWN_LOG-$name.log"
}

start_all_services() {
    step "starting the four services, $OWN_INSTANCES process(es) each (logs: $LOG_DIR/$OWN_LOG-<service>.log)"
    # The event store's migrations run in the first service; the others find them done.
    start_service order-service
    await_ready order-service
    local svc i
    for i in $(seq 2 "$OWN_INSTANCES"); do start_service order-service "$i"; done
    for svc in inventory-service payment-service saga-orchestrator; do
        for i in $(seq 1 "$OWN_INSTANCES"); do start_service "$svc" "$i"; done
    done
    for svc in order-service inventory-service payment-service saga-orchestrator; do
        for i in $(seq 1 "$OWN_INSTANCES"); do await_ready "$svc" 120 "$i"; done
    done
    if [ "$OWN_INSTANCES" -gt 1 ]; then
        local entries=(); for svc in "${!PORT[@]}"; do entries+=("$svc:${PORT[$svc]}"); done
        balancer_start "haproxy-$OWN_LOG" "$OWN_INSTANCES" "${entries[@]}"
        for svc in "${!PORT[@]}"; do
            wait_until 30 "HAProxy for $svc" service_ready "${PORT[$svc]}" || die "HAProxy does not reach $svc"
        done
    fi
}

own_cleanup() { # stops the services (TERM, then KILL) and deletes the run's topics; for an EXIT trap
    local pid_file
    # Each step may find its process gone already (a crash on purpose, the TERM before): never stop here.
    balancer_stop "haproxy-$OWN_LOG" || true
    for pid_file in "$OWN_PIDS_DIR"/*; do [ -f "$pid_file" ] && { kill "$(cat "$pid_file")" 2>/dev/null || true; }; done
    sleep 2
    for pid_file in "$OWN_PIDS_DIR"/*; do [ -f "$pid_file" ] && { kill -9 "$(cat "$pid_file")" 2>/dev/null || true; }; done
    java -cp "$KAFKA_HOME/libs/*" -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.properties" \
        -Dkafka.logs.dir="$LOG_DIR" org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
        --delete --topic "${OWN_PREFIX//./\\.}.*" >>"$LOG_DIR/kafka-topics.log" 2>&1 || true
    rm -rf "$OWN_PIDS_DIR"
}
