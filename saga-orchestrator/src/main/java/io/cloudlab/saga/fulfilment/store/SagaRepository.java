package io.cloudlab.saga.fulfilment.store;

import io.cloudlab.saga.fulfilment.domain.Saga;
import io.cloudlab.saga.fulfilment.domain.SagaEvent;
import io.cloudlab.saga.fulfilment.domain.SagaState;
import io.cloudlab.saga.fulfilment.domain.SagaDefinition;
import io.cloudlab.saga.fulfilment.domain.SagaOutcome;
import io.cloudlab.saga.fulfilment.domain.SagaPolicy;
import io.cloudlab.saga.fulfilment.domain.SagaStatus;
import io.cloudlab.saga.fulfilment.domain.Sagas;
import io.cloudlab.saga.fulfilment.domain.Step;
import io.cloudlab.saga.fulfilment.domain.StepStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sagas in saga_instances and saga_steps. Every method works inside the caller's transaction, where the
 * saga's commands are appended too: a saga's new state and the commands it sends commit together. That
 * transaction has entered the saga's tenant (row-level security): a saga of another tenant is not found.
 */
public final class SagaRepository {

    private SagaRepository() {}

    /** Inserts a new saga; false when it exists already (the event that asked for it delivered again). */
    public static Uni<Boolean> insert(SqlConnection tx, SagaState saga, List<SagaEvent> events) {
        return tx.preparedQuery("INSERT INTO saga.saga_instances (saga_id, saga_type, status, current_step, saga_data,"
                        + " tenant_id, order_id, deadline_at, payment_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                        + " ON CONFLICT DO NOTHING")
                .execute(Tuple.from(List.of(saga.sagaId(), saga.definition().type(), saga.status().toString(), saga.currentStep(),
                        SagaDataCodec.encode(saga.order(), saga.request()), saga.order().tenantId(), saga.order().orderId()))
                        .addValue(at(saga.deadline())).addValue(saga.paymentId()))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : saveSteps(tx, saga, events).replaceWith(true));
    }

    /** A saga as locked, and how many sagas of its order wait for it to end. */
    public record Locked(SagaState saga, int awaitedBy) {}

    /**
     * The saga, locked for this transaction (FOR UPDATE): replies and deadlines of one saga take turns. Its
     * definition is its saga_type's.
     */
    public static Uni<Optional<Locked>> lock(SqlConnection tx, UUID sagaId, SagaPolicy policy) {
        return tx.preparedQuery("SELECT saga_id, saga_type, status, outcome, saga_data, payment_id, failure_reason, awaited_by"
                        + " FROM saga.saga_instances WHERE saga_id = $1 FOR UPDATE")
                .execute(Tuple.of(sagaId))
                .chain(rows -> {
                    if (rows.size() == 0) return Uni.createFrom().item(Optional.<Locked>empty());
                    Row row = rows.iterator().next();
                    SagaDefinition definition = Sagas.byType(row.getString("saga_type"));
                    return steps(tx, sagaId, definition).map(steps -> Optional.of(
                            new Locked(saga(row, definition, steps, policy), row.getInteger("awaited_by"))));
                });
    }

    /** One more saga of the order waits for {@code sagaId} (locked) to end. */
    public static Uni<Void> awaited(SqlConnection tx, UUID sagaId) {
        return tx.preparedQuery("UPDATE saga.saga_instances SET awaited_by = awaited_by + 1 WHERE saga_id = $1")
                .execute(Tuple.of(sagaId)).replaceWithVoid();
    }

    /** The order's sagas that wait for its fulfilment to end: none of their steps has begun. */
    public static Uni<List<UUID>> waiting(SqlConnection tx, UUID orderId) {
        return tx.preparedQuery("SELECT saga_id FROM saga.saga_instances WHERE order_id = $1 AND status = 'started'"
                        + " AND current_step = 0 ORDER BY created_at")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    for (Row row : rows) ids.add(row.getUUID("saga_id"));
                    return ids;
                });
    }

    /** Writes the saga's state and the steps {@code events} changed. */
    public static Uni<Void> save(SqlConnection tx, SagaState saga, List<SagaEvent> events) {
        JsonObject compensation = saga.failure() == null ? null : new JsonObject().put("reason", saga.failure())
                .put("payment_id", saga.paymentId() == null ? null : saga.paymentId().toString());
        return tx.preparedQuery("UPDATE saga.saga_instances SET status = $2::varchar, outcome = $3, current_step = $4,"
                        + " deadline_at = $5, failure_reason = $6, payment_id = $7, compensation_data = $8,"
                        + " version = version + 1, updated_at = now(),"
                        + " completed_at = CASE WHEN $2::varchar IN ('completed', 'failed') THEN coalesce(completed_at, now()) END"
                        + " WHERE saga_id = $1")
                .execute(Tuple.from(java.util.Arrays.asList(saga.sagaId(), saga.status().toString(),
                        saga.outcome() == null ? null : saga.outcome().toString(), saga.currentStep(), at(saga.deadline()),
                        saga.failure(), saga.paymentId(), compensation)))
                .chain(() -> saveSteps(tx, saga, events));
    }

    /** A saga whose deadline passed, and its tenant. */
    public record Due(UUID sagaId, UUID tenantId) {}

    /**
     * Live sagas of every tenant whose deadline passed, locked; another orchestrator instance skips them (SKIP
     * LOCKED). Through the owner's function: the transaction sees one tenant's rows at a time.
     */
    public static Uni<List<Due>> due(SqlConnection tx, Instant now, int limit) {
        return tx.preparedQuery("SELECT saga_id, tenant_id FROM saga.due_sagas($1, $2)")
                .execute(Tuple.of(at(now), limit))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) due.add(new Due(row.getUUID("saga_id"), row.getUUID("tenant_id")));
                    return due;
                });
    }

    /** The tenant of a saga, whichever it is (for platform operators, who name a saga by id alone). */
    public static Uni<Optional<UUID>> tenantOf(io.vertx.mutiny.sqlclient.SqlClient client, UUID sagaId) {
        return client.preparedQuery("SELECT saga.tenant_of_saga($1) AS tenant_id").execute(Tuple.of(sagaId))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getUUID("tenant_id")));
    }

    private static Uni<Void> saveSteps(SqlConnection tx, SagaState saga, List<SagaEvent> events) {
        List<Tuple> batch = new ArrayList<>();
        for (Step s : Saga.changedSteps(saga, events)) {
            batch.add(Tuple.from(java.util.Arrays.asList(saga.sagaId(), s.type().number(), s.type().toString(),
                    s.status().toString(), at(s.startedAt()), at(s.completedAt()), s.error(), s.retryCount(),
                    s.commandId(), at(s.deadline()), s.lastReply(), saga.order().tenantId())));
        }
        if (batch.isEmpty()) return Uni.createFrom().voidItem();
        return tx.preparedQuery("INSERT INTO saga.saga_steps (saga_id, step_number, step_type, status, started_at,"
                        + " completed_at, error_message, retry_count, command_id, deadline_at, last_reply, tenant_id)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                        + " ON CONFLICT (saga_id, step_number) DO UPDATE SET status = EXCLUDED.status,"
                        + " started_at = EXCLUDED.started_at, completed_at = EXCLUDED.completed_at,"
                        + " error_message = EXCLUDED.error_message, retry_count = EXCLUDED.retry_count,"
                        + " command_id = EXCLUDED.command_id, deadline_at = EXCLUDED.deadline_at,"
                        + " last_reply = EXCLUDED.last_reply, updated_at = now()")
                .executeBatch(batch).replaceWithVoid();
    }

    private static Uni<List<Step>> steps(SqlConnection tx, UUID sagaId, SagaDefinition definition) {
        return tx.preparedQuery("SELECT step_number, status, started_at, completed_at, error_message, retry_count,"
                        + " command_id, deadline_at, last_reply FROM saga.saga_steps WHERE saga_id = $1 ORDER BY step_number")
                .execute(Tuple.of(sagaId)).map(rows -> toSteps(rows, definition));
    }

    static List<Step> toSteps(RowSet<Row> rows, SagaDefinition definition) {
        List<Step> steps = new ArrayList<>();
        for (Row r : rows) {
            StepStatus status = StepStatus.valueOf(r.getString("status").toUpperCase(java.util.Locale.ROOT));
            int retries = r.getInteger("retry_count");
            int attempts = status == StepStatus.PENDING && r.getUUID("command_id") == null ? 0 : retries + 1;
            steps.add(new Step(definition.step(r.getInteger("step_number")), status, attempts, r.getUUID("command_id"),
                    instant(r, "started_at"), instant(r, "completed_at"), instant(r, "deadline_at"),
                    r.getString("error_message"), r.getString("last_reply")));
        }
        return steps;
    }

    private static SagaState saga(Row row, SagaDefinition definition, List<Step> steps, SagaPolicy policy) {
        String outcome = row.getString("outcome");
        JsonObject data = (JsonObject) row.getJson("saga_data");
        return SagaState.of(definition, row.getUUID("saga_id"), SagaDataCodec.decode(data), SagaDataCodec.request(data),
                policy, SagaStatus.valueOf(row.getString("status").toUpperCase(java.util.Locale.ROOT)),
                outcome == null ? null : SagaOutcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT)),
                row.getUUID("payment_id"), row.getString("failure_reason"), steps);
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime t = row.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
