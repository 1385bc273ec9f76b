package io.cloudlab.readmodels.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Names the event store a read model was projected from: the database's name and oid. It is part of every
 * Redis key, because a checkpoint is a position in one store: applied to another (the system test's database
 * beside the platform's, or a database dropped and created again under the same name) it would skip events.
 */
@ApplicationScoped
public class StoreIdentity {

    private final Uni<String> id;

    StoreIdentity(Pool pool) {
        this.id = pool.query("SELECT current_database() || '.' || oid AS id FROM pg_database"
                        + " WHERE datname = current_database()").execute()
                .map(rows -> rows.iterator().next().getString("id"))
                .memoize().indefinitely();
    }

    public Uni<String> id() {
        return id;
    }
}
