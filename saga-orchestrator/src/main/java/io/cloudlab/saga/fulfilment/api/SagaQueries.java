package io.cloudlab.saga.fulfilment.api;

import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads sagas for the operator API: lists with keyset paging, one saga with its steps, stuck sagas. Always
 * for a tenant the caller named; a list of every tenant (tenant null) is for platform operators only.
 */
@ApplicationScoped
public class SagaQueries {

    private static final String COLUMNS = "saga_id, saga_type, status, outcome, order_id, tenant_id, current_step,"
            + " failure_reason, deadline_at, created_at, updated_at";

    @Inject
    Pool pool;

    /**
     * @param olderThan only sagas started longer ago than this
     * @param stuck     only live sagas past their deadline, and failed ones: those that need someone
     */
    public Uni<SagaViews.Page> list(UUID tenantId, String type, String status, Duration olderThan, boolean stuck,
            String cursor, int limit) {
        OffsetDateTime afterCreated = null;
        UUID afterSaga = null;
        if (cursor != null) {
            String[] c = decode(cursor);
            afterCreated = OffsetDateTime.ofInstant(Instant.parse(c[0]), ZoneOffset.UTC);
            afterSaga = UUID.fromString(c[1]);
        }
        OffsetDateTime createdBefore = olderThan == null ? null
                : OffsetDateTime.now(ZoneOffset.UTC).minus(olderThan);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM saga.saga_summaries($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(java.util.Arrays.asList(tenantId, type, status, createdBefore, stuck, afterCreated,
                        afterSaga, limit + 1)))
                .map(rows -> {
                    List<SagaViews.Summary> sagas = new ArrayList<>();
                    for (Row row : rows) sagas.add(summary(row));
                    if (sagas.size() <= limit) return new SagaViews.Page(sagas, null);
                    SagaViews.Summary last = sagas.get(limit - 1);
                    return new SagaViews.Page(List.copyOf(sagas.subList(0, limit)), encode(last));
                });
    }

    /** Every saga of one order of {@code tenantId} (fulfilment, cancellation, refunds), oldest first. */
    public Uni<SagaViews.Page> ofOrder(UUID tenantId, UUID orderId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("SELECT " + COLUMNS + " FROM saga.saga_instances WHERE order_id = $1 ORDER BY created_at, saga_id")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<SagaViews.Summary> sagas = new ArrayList<>();
                    for (Row row : rows) sagas.add(summary(row));
                    return new SagaViews.Page(sagas, null);
                }));
    }

    /** One saga of {@code tenantId} with its steps; a saga of another tenant is not found (row-level security). */
    public Uni<Optional<SagaViews.Detail>> one(UUID tenantId, UUID sagaId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("SELECT " + COLUMNS + ", payment_id FROM saga.saga_instances WHERE saga_id = $1")
                .execute(Tuple.of(sagaId))
                .chain(rows -> {
                    if (rows.size() == 0) return Uni.createFrom().item(Optional.<SagaViews.Detail>empty());
                    Row saga = rows.iterator().next();
                    return tx.preparedQuery("SELECT step_number, step_type, status, retry_count, command_id, started_at,"
                                    + " completed_at, deadline_at, error_message, last_reply FROM saga.saga_steps"
                                    + " WHERE saga_id = $1 ORDER BY started_at NULLS LAST, step_number")
                            .execute(Tuple.of(sagaId))
                            .map(steps -> {
                                List<SagaViews.StepView> views = new ArrayList<>();
                                for (Row s : steps) views.add(step(s));
                                return Optional.of(new SagaViews.Detail(summary(saga), saga.getUUID("payment_id"), views));
                            });
                }));
    }

    private static SagaViews.StepView step(Row s) {
        OffsetDateTime started = s.getOffsetDateTime("started_at");
        OffsetDateTime completed = s.getOffsetDateTime("completed_at");
        Long duration = started == null || completed == null ? null : Duration.between(started, completed).toMillis();
        return new SagaViews.StepView(s.getInteger("step_number"), s.getString("step_type"), s.getString("status"),
                s.getInteger("retry_count"), s.getUUID("command_id"), started, completed, s.getOffsetDateTime("deadline_at"),
                duration, s.getString("error_message"), s.getString("last_reply"));
    }

    private static SagaViews.Summary summary(Row r) {
        return new SagaViews.Summary(r.getUUID("saga_id"), r.getString("saga_type"), r.getString("status"),
                r.getString("outcome"), r.getUUID("order_id"), r.getUUID("tenant_id"), r.getInteger("current_step"),
                r.getString("failure_reason"), r.getOffsetDateTime("deadline_at"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"));
    }

    private static int add(List<Object> args, Object value) {
        args.add(value);
        return args.size();
    }

    private static String encode(SagaViews.Summary last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (last.createdAt().toInstant() + "|" + last.sagaId()).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            Instant.parse(parts[0]);
            UUID.fromString(parts[1]);
            return parts;
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("cursor", "is not a cursor this API returned");
        }
    }
}
