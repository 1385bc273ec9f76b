package io.cloudlab.readmodels.projection;

import io.cloudlab.eventstore.subscription.Checkpoint;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;

/** How far a checkpoint is behind the store's committed head (event_store.subscription_backlog, V7). */
@ApplicationScoped
public class Backlog {

    /** Counting stops here: a projection this far behind is rebuilding or broken either way. */
    public static final int CAP = 100_000;

    public record Lag(long events, Duration age) {
        public static final Lag NONE = new Lag(0, Duration.ZERO);
    }

    private final Pool pool;

    Backlog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Lag> behind(Checkpoint checkpoint, SubscriptionFilter filter) {
        return pool.preparedQuery("SELECT events, oldest_created_at FROM event_store.subscription_backlog("
                        + "$1::bigint::text::xid8, $2, $3, $4)")
                .execute(Tuple.tuple().addLong(checkpoint.transactionId()).addLong(checkpoint.position())
                        .addArrayOfString(filter.aggregateTypesOrNull()).addInteger(CAP))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime oldest = row.getOffsetDateTime("oldest_created_at");
                    if (oldest == null) return Lag.NONE;
                    Duration age = Duration.between(oldest.toInstant(), java.time.Instant.now());
                    return new Lag(row.getLong("events"), age.isNegative() ? Duration.ZERO : age);
                });
    }
}
