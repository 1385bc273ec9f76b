package io.cloudlab.eventstore.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;

/**
 * Exactly-once effects from at-least-once messages: a consumer records each message id in the same
 * transaction as its effect (table event_store.processed_messages). A redelivery finds the id taken and
 * skips the effect; a crash before commit leaves neither, and the redelivery applies both.
 */
public final class Inbox {

    private Inbox() {}

    /**
     * Records the message within {@code transaction}; true when it is new (apply the effect in the same
     * transaction), false when this consumer has already applied it (do nothing).
     */
    public static Uni<Boolean> firstDelivery(SqlConnection transaction, String consumer, UUID messageId) {
        return transaction.preparedQuery("INSERT INTO event_store.processed_messages (consumer_name, message_id)"
                        + " VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(consumer, messageId))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Whether the consumer has applied the message, read outside any transaction: lets a consumer skip costly
     * work (a call to another system) for a redelivery. Only {@link #firstDelivery} decides: a concurrent
     * delivery can still get there first.
     */
    public static Uni<Boolean> applied(SqlClient client, String consumer, UUID messageId) {
        return client.preparedQuery("SELECT 1 FROM event_store.processed_messages WHERE consumer_name = $1 AND message_id = $2")
                .execute(Tuple.of(consumer, messageId)).map(rows -> rows.size() > 0);
    }
}
