package io.cloudlab.eventstore.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Idempotency keys of command requests (table event_store.idempotency_keys, migration V4). A request
 * claims its key before it runs; the first response is stored and returned to every retry; the same key
 * with another request is refused. Uniqueness, not check-then-insert, decides which of two concurrent
 * requests runs.
 *
 * <p>What makes a crash between the command's append and {@link #complete} harmless: the command's event
 * ids come from {@link #eventId}, so when the claim's lease runs out and the client retries, the command
 * appends the same ids again and the store answers "replayed" instead of storing them twice.
 */
public final class IdempotencyKeys {

    private final Pool pool;
    private final Duration lease;

    public IdempotencyKeys(Pool pool, Duration lease) {
        this.pool = pool;
        this.lease = lease;
    }

    public Uni<Claim> claim(UUID tenantId, String scope, String key, String requestHash) {
        return pool.preparedQuery("SELECT outcome, response_status, response_body"
                        + " FROM event_store.claim_idempotency_key($1, $2, $3, $4, $5)")
                .execute(Tuple.of(tenantId, scope, key, requestHash, (int) lease.toMillis()))
                .map(rows -> toClaim(rows.iterator().next()));
    }

    public Uni<Void> complete(UUID tenantId, String scope, String key, int status, JsonObject body) {
        return pool.preparedQuery("SELECT event_store.complete_idempotency_key($1, $2, $3, $4, $5)")
                .execute(Tuple.of(tenantId, scope, key, status, body)).replaceWithVoid();
    }

    public Uni<Void> release(UUID tenantId, String scope, String key) {
        return pool.preparedQuery("SELECT event_store.release_idempotency_key($1, $2, $3)")
                .execute(Tuple.of(tenantId, scope, key)).replaceWithVoid();
    }

    /**
     * Erasure: deletes the stored responses a person's data may be in, those of their own requests (the scope ends
     * with the caller) and any that name them (staff's requests about them). A retry of one of those requests runs
     * again, and its events, whose ids come from the key, are answered "replayed". Answers how many were deleted.
     */
    public Uni<Integer> forgetResponsesOf(UUID tenantId, String personId) {
        String named = io.vertx.core.json.Json.encode(personId);
        return pool.withTransaction(tx -> tx
                .preparedQuery("SELECT set_config('app.current_tenant_id', $1, true)").execute(Tuple.of(tenantId.toString()))
                .chain(() -> tx.preparedQuery("DELETE FROM event_store.idempotency_keys WHERE tenant_id = $1"
                                + " AND (right(scope, length($2) + 1) = ' ' || $2 OR strpos(response_body::text, $3) > 0)")
                        .execute(Tuple.of(tenantId, personId, named)))
                .map(rows -> rows.rowCount()));
    }

    /**
     * The id of the {@code index}-th event a keyed request appends (name-based UUID): the same on every
     * retry of that request, different for any other key, scope or tenant.
     */
    public static UUID eventId(UUID tenantId, String scope, String key, int index) {
        return UUID.nameUUIDFromBytes((tenantId + "\n" + scope + "\n" + key + "\n" + index)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Claim toClaim(Row row) {
        return switch (row.getString("outcome")) {
            case "claimed" -> new Claim.Claimed();
            case "completed" -> new Claim.Completed(row.getInteger("response_status"),
                    (JsonObject) row.getJson("response_body"));
            case "mismatch" -> new Claim.Mismatch();
            case "in_progress" -> new Claim.InProgress();
            default -> throw new IllegalStateException("unknown claim outcome " + row.getString("outcome"));
        };
    }

    /** What claiming a key found. */
    public sealed interface Claim {
        /** The key is this request's: run the command, then complete (or release) the key. */
        record Claimed() implements Claim {}

        /** A request with this key and this body was answered: answer the same. */
        record Completed(int status, JsonObject body) implements Claim {}

        /** The key was used for a different request. */
        record Mismatch() implements Claim {}

        /** A request with this key is running right now. */
        record InProgress() implements Claim {}
    }
}
