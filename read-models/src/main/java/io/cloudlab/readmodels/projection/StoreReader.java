package io.cloudlab.readmodels.projection;

import io.cloudlab.eventstore.EventRows;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.subscription.Checkpoint;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads committed events in delivery order exactly as a projection receives them (personal data revealed,
 * old versions upcast), for audits, which replay the store beside the running projection.
 */
@ApplicationScoped
public class StoreReader {

    private static final String READ = "SELECT " + EventRows.READ_COMMITTED_COLUMNS
            + " FROM event_store.read_committed($1::bigint::text::xid8, $2, $3, $4, $5)";

    private final Pool pool;
    private final Upcasters upcasters;
    private final PersonalDataCodec personalData;

    StoreReader(Pool pool, Upcasters upcasters, PersonalDataCodec personalData) {
        this.pool = pool;
        this.upcasters = upcasters;
        this.personalData = personalData;
    }

    public Uni<List<RecordedEvent>> page(Checkpoint after, SubscriptionFilter filter, int limit) {
        return pool.preparedQuery(READ)
                .execute(Tuple.tuple().addLong(after.transactionId()).addLong(after.position()).addInteger(limit)
                        .addArrayOfString(filter.aggregateTypesOrNull()).addArrayOfString(filter.eventTypesOrNull()))
                .map(rows -> {
                    List<RecordedEvent> page = new ArrayList<>(rows.size());
                    for (Row row : rows) page.add(EventRows.fromReadCommitted(row));
                    return page;
                })
                .chain(personalData::reveal)
                .map(revealed -> revealed.stream().map(upcasters::upcast).toList());
    }
}
