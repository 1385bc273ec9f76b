# How the infrastructure's daemons are started and stopped on this machine, one function each. Shared by
# up (start), down (stop) and deploy/chaos/run (stop for a while, then start again the same way), so a
# daemon the chaos run restarts comes back exactly as up started it. Sourced after common.sh.
# None of these decides *whether* to act (reuse what answers, refuse a foreign port, "started by up"
# markers): that stays with the caller.

postgres_start()   { $SUDO pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start; }
postgres_stop()    { $SUDO pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop -m fast; }
# Fast mode: open sessions are ended, in-flight transactions roll back, committed work stays (a crash-safe
# restart as an operator or a package upgrade does it).
postgres_restart() { $SUDO pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart -m fast; }

redis_start() {
    mkdir -p "$DATA_DIR/redis"
    # Views in Redis are projections, rebuilt from the event store: no persistence to manage here.
    # Plain on REDIS_PORT, TLS on REDIS_TLS_PORT with the local CA's certificate (clients need no certificate).
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
        --tls-port "$REDIS_TLS_PORT" --tls-cert-file "$TLS_DIR/server.crt" --tls-key-file "$TLS_DIR/server.key" \
        --tls-ca-cert-file "$TLS_DIR/ca.crt" --tls-auth-clients no \
        --pidfile "$RUN_DIR/redis.pid" --logfile "$LOG_DIR/redis.log" --dir "$DATA_DIR/redis" \
        --save "" --appendonly no
}
redis_stop() { stop_pid_file "$RUN_DIR/redis.pid" redis-server 10; }

CLICKHOUSE_PID_FILE=/var/run/clickhouse-server/clickhouse-server.pid
clickhouse_start() {
    # ClickHouse runs as its own user with the package's configuration and directories.
    $SUDO install -d -o clickhouse -g clickhouse /var/run/clickhouse-server "$CLICKHOUSE_LOG_DIR"
    $SUDO runuser -u clickhouse -- clickhouse-server --config-file=/etc/clickhouse-server/config.xml \
        --pid-file="$CLICKHOUSE_PID_FILE" --daemon
}
clickhouse_stop() { stop_pid_file "$CLICKHOUSE_PID_FILE" clickhouse-server 30; }

kafka_start() {
    local conf="$KAFKA_HOME/server.properties" data="$DATA_DIR/kafka"
    # The TLS listener's key store: the local CA's server key and certificate in one PEM file.
    (umask 077 && cat "$TLS_DIR/server.key" "$TLS_DIR/server.crt" >"$KAFKA_HOME/server-keystore.pem")
    sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@KAFKA_CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
        -e "s#@KAFKA_TLS_PORT@#$KAFKA_TLS_PORT#g" -e "s#@KAFKA_KEYSTORE@#$KAFKA_HOME/server-keystore.pem#g" \
        -e "s#@KAFKA_DATA_DIR@#$data#g" "$LOCAL_DIR/kafka/server.properties" >"$conf"
    if [ ! -f "$data/meta.properties" ]; then
        step "formatting Kafka's KRaft storage in $data"
        local cluster_id
        cluster_id=$(java -cp "$KAFKA_HOME/libs/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
        java -cp "$KAFKA_HOME/libs/*" -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.properties" \
            -Dkafka.logs.dir="$LOG_DIR" kafka.tools.StorageTool format -t "$cluster_id" -c "$conf" \
            >>"$LOG_DIR/kafka-format.log" 2>&1 || die "formatting Kafka's storage failed; see $LOG_DIR/kafka-format.log"
    fi
    nohup java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.properties" -Dkafka.logs.dir="$LOG_DIR" \
        -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$conf" >"$LOG_DIR/kafka.out" 2>&1 &
    echo $! >"$RUN_DIR/kafka.pid"
    disown 2>/dev/null || true  # outlives the script that started it, without job notices
}
kafka_stop() { stop_pid_file "$RUN_DIR/kafka.pid" kafka.Kafka 30; }
