package io.cloudlab.eventstore;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class against the real test database: one Vert.x and one pool (as a service role) per class. */
abstract class RealDatabaseTest {

    static Vertx vertx;
    static Pool pool;

    @BeforeAll
    static void startVertxAndPool() {
        vertx = Vertx.vertx();
        pool = TestDatabase.servicePool(vertx, 16);
    }

    @AfterAll
    static void closeVertxAndPool() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }
}
