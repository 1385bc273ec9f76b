package io.cloudlab.support.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * event_store.parked_messages for this service's consumers: parking, the operators' view and actions, and
 * the gauge {@code cloudlab_parked_messages{consumer}} (messages waiting for an operator), counted in the
 * database so that every instance of a service reports the same figure.
 */
@ApplicationScoped
public class ParkedMessages {

    private static final Logger LOG = Logger.getLogger(ParkedMessages.class);
    private static final Duration RECOUNT = Duration.ofSeconds(15);

    /** One parked message as operators see it. */
    public record Parked(UUID parkedId, String consumer, UUID messageId, UUID tenantId, String messageType,
            String message, String error, String status, int attempts, OffsetDateTime parkedAt,
            OffsetDateTime resolvedAt, String resolvedBy) {}

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    @Inject
    @Any
    Instance<MessageConsumer> consumers;

    private final Map<String, AtomicLong> waiting = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent started) {
        for (MessageConsumer consumer : consumers) gauge(consumer.name());
        recount();
        vertx.setPeriodic(RECOUNT.toMillis(), id -> recount());
    }

    /** Parks the message; waits (retries) while the database is away, so a message is never lost on the way. */
    Uni<Void> park(String consumer, String message, Throwable why) {
        Envelope envelope = Envelope.of(message);
        String error = String.valueOf(why.getMessage() == null ? why.getClass().getName() : why.getMessage());
        return Uni.createFrom().deferred(() -> pool.preparedQuery("INSERT INTO event_store.parked_messages"
                        + " (parked_id, consumer_name, message_id, tenant_id, message_type, message, error)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (consumer_name, message_id) DO UPDATE"
                        + " SET status = 'parked', error = EXCLUDED.error, attempts = parked_messages.attempts + 1,"
                        + " parked_at = now(), resolved_at = NULL, resolved_by = NULL")
                        .execute(Tuple.from(java.util.Arrays.asList(UUID.randomUUID(), consumer, envelope.id(),
                                envelope.tenantId(), envelope.type(), message, truncate(error)))))
                .onFailure(Retrying::retryable).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .invoke(this::recount)
                .replaceWithVoid();
    }

    /** The messages of {@code tenantId} waiting for an operator, newest first; only this service's consumers. */
    public Uni<List<Parked>> waiting(UUID tenantId, int limit) {
        return pool.preparedQuery("SELECT * FROM event_store.parked_messages WHERE status = 'parked' AND tenant_id = $1"
                        + " AND consumer_name = ANY($2) ORDER BY parked_at DESC LIMIT $3")
                .execute(Tuple.of(tenantId, names(), limit))
                .map(rows -> {
                    List<Parked> out = new ArrayList<>();
                    for (Row row : rows) out.add(parked(row));
                    return out;
                });
    }

    public Uni<Optional<Parked>> find(UUID tenantId, UUID parkedId) {
        return pool.preparedQuery("SELECT * FROM event_store.parked_messages WHERE parked_id = $1 AND tenant_id = $2"
                        + " AND consumer_name = ANY($3)")
                .execute(Tuple.of(parkedId, tenantId, names()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(parked(rows.iterator().next())));
    }

    /** Ends a parked message's wait: {@code retried} (applied at last) or {@code skipped}. */
    Uni<Void> resolve(Parked parked, String status, String by) {
        return pool.preparedQuery("UPDATE event_store.parked_messages SET status = $2, resolved_at = now(),"
                        + " resolved_by = $3 WHERE parked_id = $1 AND status = 'parked'")
                .execute(Tuple.of(parked.parkedId(), status, by))
                .invoke(this::recount)
                .replaceWithVoid();
    }

    Uni<Void> failedAgain(Parked parked, Throwable why) {
        return pool.preparedQuery("UPDATE event_store.parked_messages SET error = $2, attempts = attempts + 1"
                        + " WHERE parked_id = $1")
                .execute(Tuple.of(parked.parkedId(), truncate(String.valueOf(why.getMessage()))))
                .replaceWithVoid();
    }

    Optional<MessageConsumer> consumer(String name) {
        for (MessageConsumer c : consumers) if (c.name().equals(name)) return Optional.of(c);
        return Optional.empty();
    }

    private String[] names() {
        List<String> names = new ArrayList<>();
        for (MessageConsumer c : consumers) names.add(c.name());
        return names.toArray(String[]::new);
    }

    private void recount() {
        pool.preparedQuery("SELECT consumer_name, count(*) AS waiting FROM event_store.parked_messages"
                        + " WHERE status = 'parked' AND consumer_name = ANY($1) GROUP BY consumer_name")
                .execute(Tuple.of((Object) names()))
                .subscribe().with(rows -> {
                    Map<String, Long> counts = new java.util.HashMap<>();
                    for (Row row : rows) counts.put(row.getString("consumer_name"), row.getLong("waiting"));
                    waiting.forEach((name, gauge) -> gauge.set(counts.getOrDefault(name, 0L)));
                }, failure -> LOG.debugf("parked messages not counted: %s", failure));
    }

    private AtomicLong gauge(String consumer) {
        return waiting.computeIfAbsent(consumer, name -> {
            AtomicLong count = new AtomicLong();
            Gauge.builder("cloudlab_parked_messages", count, AtomicLong::get)
                    .description("Messages a consumer could not apply, waiting for an operator to retry or skip")
                    .tag("consumer", name).register(registry);
            return count;
        });
    }

    private static Parked parked(Row r) {
        return new Parked(r.getUUID("parked_id"), r.getString("consumer_name"), r.getUUID("message_id"),
                r.getUUID("tenant_id"), r.getString("message_type"), r.getString("message"), r.getString("error"),
                r.getString("status"), r.getInteger("attempts"), r.getOffsetDateTime("parked_at"),
                r.getOffsetDateTime("resolved_at"), r.getString("resolved_by"));
    }

    private static String truncate(String error) {
        return error.length() > 2000 ? error.substring(0, 2000) : error;
    }

    /** What can be read of a message that may not even be JSON. */
    private record Envelope(UUID id, UUID tenantId, String type) {
        static Envelope of(String message) {
            UUID byContent = UUID.nameUUIDFromBytes(message.getBytes(StandardCharsets.UTF_8));
            try {
                JsonObject json = new JsonObject(message);
                JsonObject metadata = json.getValue("metadata") instanceof JsonObject m ? m : new JsonObject();
                return new Envelope(uuid(json.getValue("event_id"), byContent), uuid(metadata.getValue("tenant_id"), null),
                        json.getValue("event_type") instanceof String t ? t : null);
            } catch (RuntimeException notJson) {
                return new Envelope(byContent, null, null);
            }
        }

        private static UUID uuid(Object value, UUID otherwise) {
            try {
                return value instanceof String s ? UUID.fromString(s) : otherwise;
            } catch (IllegalArgumentException e) {
                return otherwise;
            }
        }
    }
}
