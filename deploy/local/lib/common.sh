# Shared by deploy/local's commands: where things live, how to log, how to check a port.
# Sourced, not run.

set -euo pipefail

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"

# One folder per machine (not per clone) holds what up starts: data, pid files, logs. A second clone's
# `up` therefore finds and reuses what the first one started instead of fighting it for the ports.
CLOUDLAB_HOME="${CLOUDLAB_HOME:-$HOME/.cloudlab}"
LOG_DIR="$CLOUDLAB_HOME/logs"
RUN_DIR="$CLOUDLAB_HOME/run"
DATA_DIR="$CLOUDLAB_HOME/data"
JWT_DIR="$CLOUDLAB_HOME/jwt"
SECRETS_DIR="$CLOUDLAB_HOME/secrets"
TLS_DIR="$CLOUDLAB_HOME/tls"
# What a service process needs from the machine's local secrets (run and the system test start services).
# The KEK's id names the generated key; a rotation (docs/operations.md) brings a new id.
service_secrets() {
    PAYMENT_ENCRYPTION_KEY=$(cat "$SECRETS_DIR/payment-encryption-key")
    EVENT_STORE_KEK=$(cat "$SECRETS_DIR/event-store-kek")
    EVENT_STORE_KEK_ID="${EVENT_STORE_KEK_ID:-local-1}"
    export PAYMENT_ENCRYPTION_KEY EVENT_STORE_KEK EVENT_STORE_KEK_ID
}
JWT_ISSUER="${JWT_ISSUER:-https://auth.cloudlab.local}"

PG_PORT="${PG_PORT:-5432}"
PG_VERSION=15
PG_CLUSTER=main
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_TLS_PORT="${REDIS_TLS_PORT:-6380}"
CLICKHOUSE_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-8123}"
CLICKHOUSE_TCP_PORT="${CLICKHOUSE_TCP_PORT:-9000}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_TLS_PORT="${KAFKA_TLS_PORT:-9094}"
CLICKHOUSE_HTTPS_PORT="${CLICKHOUSE_HTTPS_PORT:-8443}"
KAFKA_VERSION=4.3.1

mkdir -p "$LOG_DIR" "$RUN_DIR" "$DATA_DIR"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

say()  { printf '%s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# "started by up" markers: down stops only what carries one.
mark_started()   { echo "${2:-}" > "$RUN_DIR/$1.started"; }
was_started()    { [ -f "$RUN_DIR/$1.started" ]; }
clear_started()  { rm -f "$RUN_DIR/$1.started"; }

# Who listens on a TCP port, as "name (pid N)"; empty when nobody does.
port_owner() {
    local line
    line=$(ss -H -ltnp "sport = :$1" 2>/dev/null | head -n 1) || true
    [ -n "$line" ] || return 0
    local proc
    proc=$(grep -o 'users:(([^)]*))' <<<"$line" | sed -E 's/users:\(\("([^"]*)",pid=([0-9]+).*/\1 (pid \2)/') || true
    echo "${proc:-an unknown process}"
}

port_in_use() { [ -n "$(ss -H -ltn "sport = :$1" 2>/dev/null)" ]; }

# Refuses to go on when a port we need is held by something that is not the expected service.
refuse_foreign_port() {
    local port=$1 what=$2
    die "port $port is needed for $what but is taken by $(port_owner "$port"), which does not answer as $what; stop it or set another port. Nothing was changed."
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every half second.
wait_until() {
    local seconds=$1 what=$2; shift 2
    local deadline=$(( $(date +%s) + seconds ))
    until "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.5
    done
}

# Is the process in a pid file alive, and (when a pattern is given) still the program we started? A pid
# file can outlive its process (a machine handed on, a kill -9) and its number can be reused by another.
pid_alive() {
    [ -f "$1" ] || return 1
    local pid; pid=$(cat "$1")
    kill -0 "$pid" 2>/dev/null || return 1
    [ -z "${2:-}" ] || tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

# Stops the process in a pid file if it is still the program we started (PATTERN matches its command
# line): TERM, then KILL after a grace period.
stop_pid_file() {
    local pid_file=$1 pattern=$2 grace=${3:-20}
    pid_alive "$pid_file" "$pattern" || { rm -f "$pid_file"; return 0; }
    local pid; pid=$(cat "$pid_file")
    kill "$pid" 2>/dev/null || true
    local deadline=$(( $(date +%s) + grace ))
    while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.3; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pid_file"
}

# --- Does the service on its port answer as what we expect? -----------------------------------------
pg_answers()         { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; }
redis_answers()      { command -v redis-cli >/dev/null && [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }
redis_tls_answers()  { command -v redis-cli >/dev/null && [ "$(redis-cli --tls --cacert "$TLS_DIR/ca.crt" -h localhost -p "$REDIS_TLS_PORT" ping 2>/dev/null)" = PONG ]; }
clickhouse_answers() { [ "$(curl -s -m 2 "http://127.0.0.1:$CLICKHOUSE_HTTP_PORT/ping" 2>/dev/null)" = "Ok." ]; }
kafka_answers()      { command -v kcat >/dev/null && kcat -b "127.0.0.1:$KAFKA_PORT" -L -m 3 >/dev/null 2>&1; }
# The TLS listener, as a service's client sees it: verified against the local CA, a SCRAM user of its own.
# Kafka's own Java client, as the services use (Debian's kcat fails SCRAM-SHA-512 against this broker).
kafka_tls_answers()  {
    [ -s "$SECRETS_DIR/kafka-order-service" ] || return 1
    local config="$RUN_DIR/kafka-tls-client.properties"
    (umask 077 && printf '%s\n' security.protocol=SASL_SSL sasl.mechanism=SCRAM-SHA-512 ssl.truststore.type=PEM \
        "ssl.truststore.location=$TLS_DIR/ca.crt" \
        "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"order-service\" password=\"$(cat "$SECRETS_DIR/kafka-order-service")\";" \
        >"$config")
    timeout 60 java -cp "$KAFKA_HOME/libs/*" -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.properties" \
        -Dkafka.logs.dir="$LOG_DIR" org.apache.kafka.tools.TopicCommand --bootstrap-server "localhost:$KAFKA_TLS_PORT" \
        --command-config "$config" --list >/dev/null 2>&1
}
clickhouse_tls_answers() {
    [ "$(curl -s -m 2 --cacert "$TLS_DIR/ca.crt" "https://localhost:$CLICKHOUSE_HTTPS_PORT/ping" 2>/dev/null)" = "Ok." ]
}

KAFKA_HOME="$CLOUDLAB_HOME/kafka-$KAFKA_VERSION"
PG_LOG="/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"
CLICKHOUSE_LOG_DIR=/var/log/clickhouse-server

# --- The four services, as `run` starts them ------------------------------------------------------------
SERVICES=(order-service:8081 inventory-service:8082 payment-service:8083 saga-orchestrator:8084)
# The operator console: one process in front of the services' APIs (it keeps no data), started after them.
CONSOLE=operator-console:8085
service_ready() { curl -sf -m 3 "http://127.0.0.1:$1/q/health/ready" >/dev/null; }

# What service $2 needs to reach every datastore over TLS verified against the local CA (hostname
# included), database $1: PostgreSQL verify-full, Redis on its TLS port, Kafka's SASL_SSL listener as the
# service's own SCRAM user, ClickHouse over https. The same settings the prod overlay gives a pod. One
# NAME=VALUE per line, for env(1): `mapfile -t tls < <(tls_service_env cloudlab order-service)`.
tls_service_env() {
    local db=$1 svc=$2 ca="$TLS_DIR/ca.crt"
    printf '%s\n' \
        PG_HOST=localhost \
        "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/$db?sslmode=verify-full&sslrootcert=$ca" \
        QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE=verify-full \
        QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM=true \
        "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS=$ca" \
        QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM=HTTPS \
        "REDIS_URL=rediss://localhost:$REDIS_TLS_PORT" \
        QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM=true \
        "QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM_CERTS=$ca" \
        QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM=HTTPS \
        "KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_TLS_PORT" \
        KAFKA_SECURITY_PROTOCOL=SASL_SSL \
        KAFKA_SASL_MECHANISM=SCRAM-SHA-512 \
        "KAFKA_SASL_JAAS_CONFIG=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$svc\" password=\"$(cat "$SECRETS_DIR/kafka-$svc")\";" \
        KAFKA_SSL_TRUSTSTORE_TYPE=PEM \
        "KAFKA_SSL_TRUSTSTORE_LOCATION=$ca" \
        "CLICKHOUSE_URL=https://localhost:$CLICKHOUSE_HTTPS_PORT" \
        "CLOUDLAB_CLICKHOUSE_TRUST_CERTIFICATE_PEM=$ca"
}
# Stops the services `run` started (TERM, then KILL after 20 s); prints 1 if it stopped any. Used by down,
# and by deploy/load/run for the services it had run start.
services_stop() {
    local entry svc stopped=0 pid_file
    for entry in "${SERVICES[@]}" "$CONSOLE"; do
        svc=${entry%%:*}
        if was_started "$svc"; then
            step "stopping $svc" >&2
            for pid_file in "$RUN_DIR/$svc.pid" "$RUN_DIR/$svc".[0-9].pid; do
                [ -f "$pid_file" ] && stop_pid_file "$pid_file" quarkus-run.jar 20
            done
            clear_started "$svc"; stopped=1
        fi
    done
    if was_started haproxy; then step "stopping HAProxy" >&2; balancer_stop haproxy; stopped=1; fi
    echo $stopped
}

# Instances (run --instances N): one process answers on the service's own port; with more, instance i
# answers on port + 10000 * i and HAProxy on the service's port.
instance_port()     { if [ "$3" -eq 1 ]; then echo "$1"; else echo $(( $1 + 10000 * $2 )); fi; }
instance_pid_file() { if [ "$2" -eq 1 ]; then echo "$RUN_DIR/$1.pid"; else echo "$RUN_DIR/$1.$2.pid"; fi; }
instance_name()     { if [ "$2" -eq 1 ]; then echo "$1"; else echo "$1-$2"; fi; }

# HAProxy in front of N instances of each service, round robin over those whose readiness check passes.
# balancer_start NAME INSTANCES SERVICE:PORT... (NAME names its config, pid file and started marker).
balancer_start() {
    local name=$1 instances=$2 entry svc port i; shift 2
    local cfg="$RUN_DIR/$name.cfg"
    ensure_packages haproxy
    {
        printf 'global\n    maxconn 4096\n\n'
        printf 'defaults\n    mode http\n    timeout connect 2s\n    timeout client 60s\n    timeout server 60s\n'
        # Only a request that never reached an instance is sent to another: a retried POST could act twice.
        printf '    option http-keep-alive\n    retry-on conn-failure\n    retries 2\n    option redispatch\n\n'
        for entry in "$@"; do
            svc=${entry%%:*} port=${entry##*:}
            printf 'frontend %s\n    bind 127.0.0.1:%s\n    default_backend %s-instances\n\n' "$svc" "$port" "$svc"
            printf 'backend %s-instances\n    balance roundrobin\n    option httpchk GET /q/health/ready\n' "$svc"
            printf '    default-server check inter 1s fall 2 rise 2\n'
            for i in $(seq 1 "$instances"); do
                printf '    server %s 127.0.0.1:%s\n' "$(instance_name "$svc" "$i")" "$(instance_port "$port" "$i" "$instances")"
            done
            printf '\n'
        done
    } >"$cfg"
    for entry in "$@"; do
        port=${entry##*:}
        port_in_use "$port" && die "port $port is needed for HAProxy but is taken by $(port_owner "$port"); stop it first"
    done
    step "starting HAProxy ($name) in front of $instances instances of each service"
    haproxy -f "$cfg" -p "$RUN_DIR/$name.pid" -D >"$LOG_DIR/$name.log" 2>&1 || die "HAProxy did not start; see $LOG_DIR/$name.log"
    mark_started "$name"
}

balancer_stop() { # balancer_stop NAME
    if was_started "$1"; then stop_pid_file "$RUN_DIR/$1.pid" haproxy 5; clear_started "$1"; fi
}

# Creates the topics of kafka/topics that are missing, each name prefixed with $1 (empty for the platform;
# the system test uses a prefix of its own). Returns 1 when it created none.
kafka_topics() {
    local prefix=${1:-} existing missing=() name partitions hours
    existing=$(kcat -b "127.0.0.1:$KAFKA_PORT" -L -m 5 2>/dev/null | sed -nE 's/^ *topic "([^"]+)".*/\1/p')
    while read -r name partitions hours; do
        [ -n "$name" ] && [ "${name:0:1}" != "#" ] || continue
        grep -qx "$prefix$name" <<<"$existing" || missing+=("$prefix$name:$partitions:$hours")
    done <"$LOCAL_DIR/kafka/topics"
    [ ${#missing[@]} -gt 0 ] || return 1
    local t
    for t in "${missing[@]}"; do
        IFS=: read -r name partitions hours <<<"$t"
        step "creating topic $name ($partitions partitions, $hours h retention)"
        java -cp "$KAFKA_HOME/libs/*" -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2.properties" \
            -Dkafka.logs.dir="$LOG_DIR" org.apache.kafka.tools.TopicCommand \
            --bootstrap-server "127.0.0.1:$KAFKA_PORT" --create --if-not-exists --topic "$name" \
            --partitions "$partitions" --replication-factor 1 --config "retention.ms=$((hours * 3600000))" \
            >>"$LOG_DIR/kafka-topics.log" 2>&1 || die "could not create topic $name; see $LOG_DIR/kafka-topics.log"
    done
    return 0
}
