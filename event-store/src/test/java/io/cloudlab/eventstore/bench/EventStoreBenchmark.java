package io.cloudlab.eventstore.bench;

import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.EventStoreOptions;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.pii.SubjectKeys;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.eventstore.subscription.SubscriptionOptions;
import io.cloudlab.eventstore.subscription.SubscriptionRunner;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;

/**
 * Event-store throughput and latency against the local PostgreSQL, run by deploy/bench/event-store next
 * to pgbench on the same database (not a test: figures, not assertions). Usage:
 * {@code EventStoreBenchmark <scenario> [args]} with scenarios migrate, append N SECONDS, batch N SECONDS,
 * load N SECONDS, catchup EVENTS.
 */
public final class EventStoreBenchmark {

    static final String HOST = env("PG_HOST", "localhost");
    static final int PORT = Integer.parseInt(env("PG_PORT", "5432"));
    static final String DB = env("BENCH_DATABASE", "cloudlab_bench");
    static final byte[] KEK = java.util.Base64.getDecoder().decode("3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=");
    /** ~520 bytes of JSON, like an OrderPlaced with two lines. */
    static final JsonObject PAYLOAD = new JsonObject()
            .put("order_id", UUID.randomUUID().toString()).put("customer_id", UUID.randomUUID().toString())
            .put("currency", "EUR").put("total_amount", "149.97").put("payment_method", "credit_card")
            .put("lines", new io.vertx.core.json.JsonArray()
                    .add(new JsonObject().put("product_id", UUID.randomUUID().toString()).put("quantity", 2).put("unit_price", "49.99"))
                    .add(new JsonObject().put("product_id", UUID.randomUUID().toString()).put("quantity", 1).put("unit_price", "49.99")))
            .put("shipping", new JsonObject().put("street", "12 Example Street").put("city", "Springfield")
                    .put("postal_code", "12345").put("country", "DE"))
            .put("placed_at", "2026-11-22T03:00:00Z");

    public static void main(String[] args) throws Exception {
        org.eclipse.microprofile.context.spi.ContextManagerProvider.instance().getContextManager();
        switch (args[0]) {
            case "migrate" -> migrate();
            case "append" -> append(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 1);
            case "batch" -> append(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 10);
            case "load" -> load(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "catchup" -> catchUp(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    static void migrate() {
        Flyway.configure().dataSource("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DB, "cloudlab_owner",
                        env("DB_MIGRATOR_PASSWORD", "cloudlab_owner_dev"))
                .schemas("event_store").locations("classpath:db/event-store").load().migrate();
    }

    /** Each writer appends to its own stream, one append after another, for the given time. */
    static void append(int writers, int seconds, int eventsPerAppend) throws Exception {
        Vertx vertx = Vertx.vertx();
        Pool pool = pool(vertx, writers);
        EventStore store = store(pool);
        EventMetadata metadata = EventMetadata.forTenant(UUID.randomUUID());
        // Warm up: prepared statements, JIT, connections.
        run(writers, 3, eventsPerAppend, store, metadata, new long[0][]);
        long[][] latencies = new long[writers][];
        long started = System.nanoTime();
        long appends = run(writers, seconds, eventsPerAppend, store, metadata, latencies);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).filter(l -> l > 0).sorted().toArray();
        System.out.printf("RESULT %s writers=%d appends/s=%.0f events/s=%.0f p50_ms=%.2f p99_ms=%.2f%n",
                eventsPerAppend == 1 ? "append" : "batch" + eventsPerAppend, writers, appends / elapsed,
                appends * eventsPerAppend / elapsed, pct(all, 0.50), pct(all, 0.99));
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    private static long run(int writers, int seconds, int perAppend, EventStore store, EventMetadata metadata,
            long[][] latencies) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong total = new AtomicLong();
        CountDownLatch done = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            List<Long> mine = new ArrayList<>();
            UUID stream = UUID.randomUUID();
            new Writer(store, metadata, stream, perAppend, deadline, mine, total, () -> {
                if (latencies.length > 0) latencies[writer] = mine.stream().mapToLong(Long::longValue).toArray();
                done.countDown();
            }).next(0);
        }
        done.await();
        return total.get();
    }

    /** One writer: appends, waits for the result, appends again, until the deadline. */
    private record Writer(EventStore store, EventMetadata metadata, UUID stream, int perAppend, long deadline,
            List<Long> latencies, AtomicLong total, Runnable finished) {
        void next(int version) {
            if (System.nanoTime() > deadline) {
                finished.run();
                return;
            }
            List<NewEvent> events = IntStream.range(0, perAppend)
                    .mapToObj(i -> new NewEvent(UUID.randomUUID(), "BenchEvent", 1, PAYLOAD,
                            io.cloudlab.eventstore.pii.PersonalData.NONE))
                    .toList();
            long started = System.nanoTime();
            store.append("Bench", stream, version, events, metadata).subscribe().with(result -> {
                latencies.add(System.nanoTime() - started);
                total.incrementAndGet();
                next(result.streamVersion());
            }, failure -> {
                failure.printStackTrace();
                finished.run();
            });
        }
    }

    /** Loads 100-event streams (prepared first) from concurrent readers for the given time. */
    static void load(int readers, int seconds) throws Exception {
        Vertx vertx = Vertx.vertx();
        Pool pool = pool(vertx, readers);
        EventStore store = store(pool);
        UUID tenant = UUID.randomUUID();
        List<UUID> streams = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            UUID id = UUID.randomUUID();
            List<NewEvent> hundred = IntStream.range(0, 100).mapToObj(i -> NewEvent.of("BenchEvent", PAYLOAD)).toList();
            store.append("Bench", id, 0, hundred, EventMetadata.forTenant(tenant)).await().indefinitely();
            streams.add(id);
        }
        AtomicLong loaded = new AtomicLong();
        for (int round = 0; round < 2; round++) {
            loaded.set(0);
            long deadline = System.nanoTime() + (round == 0 ? 3 : seconds) * 1_000_000_000L;
            long started = System.nanoTime();
            CountDownLatch done = new CountDownLatch(readers);
            for (int r = 0; r < readers; r++) {
                loadLoop(store, tenant, streams, r, deadline, loaded, done);
            }
            done.await();
            if (round == 1) {
                System.out.printf("RESULT load100 readers=%d streams/s=%.0f events/s=%.0f%n", readers,
                        loaded.get() / ((System.nanoTime() - started) / 1e9),
                        loaded.get() * 100 / ((System.nanoTime() - started) / 1e9));
            }
        }
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    private static void loadLoop(EventStore store, UUID tenant, List<UUID> streams, int i, long deadline,
            AtomicLong loaded, CountDownLatch done) {
        if (System.nanoTime() > deadline) {
            done.countDown();
            return;
        }
        store.load(tenant, streams.get(i % streams.size())).subscribe().with(stream -> {
            if (stream.events().size() != 100) throw new IllegalStateException("short stream");
            loaded.incrementAndGet();
            loadLoop(store, tenant, streams, i + 7, deadline, loaded, done);
        }, failure -> {
            failure.printStackTrace();
            done.countDown();
        });
    }

    /** Writes EVENTS events in bulk (SQL, as the owner), then times a subscription reading them all. */
    static void catchUp(int events) throws Exception {
        String type = "CatchUp" + UUID.randomUUID().toString().substring(0, 8);
        try (var c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DB, "cloudlab_owner",
                env("DB_MIGRATOR_PASSWORD", "cloudlab_owner_dev")); var st = c.prepareStatement(
                "INSERT INTO event_store.events (event_id, aggregate_id, aggregate_type, event_type, event_version,"
                        + " event_data, metadata, tenant_id, stream_created_at)"
                        + " SELECT gen_random_uuid(), gen_random_uuid(), ?, 'BenchEvent', 1, ?::jsonb,"
                        + " '{\"tenant_id\": \"00000000-0000-0000-0000-000000000001\"}', '00000000-0000-0000-0000-000000000001', now()"
                        + " FROM generate_series(1, ?)")) {
            // Bulk setup, not a measured statement: the platform's 30 s statement_timeout does not apply.
            try (var off = c.createStatement()) {
                off.execute("SET statement_timeout = 0");
            }
            st.setString(1, type);
            st.setString(2, PAYLOAD.encode());
            st.setInt(3, events);
            st.execute();
        }
        Vertx vertx = Vertx.vertx();
        Pool pool = pool(vertx, 2);
        AtomicLong seen = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        long started = System.nanoTime();
        SubscriptionRunner runner = new SubscriptionRunner(vertx, connectOptions(),
                SubscriptionOptions.named("bench-" + type, SubscriptionFilter.aggregateTypes(type)).batchSize(2000),
                batch -> {
                    if (seen.addAndGet(batch.size()) >= events) all.countDown();
                    return Uni.createFrom().voidItem();
                }, Upcasters.NONE, new PersonalDataCodec(new SubjectKeys(pool, io.cloudlab.eventstore.pii.KeyEncryptionKeys.single("bench", KEK))));
        runner.start();
        all.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.printf("RESULT catchup events=%d seconds=%.1f events/s=%.0f%n", seen.get(), elapsed, seen.get() / elapsed);
        runner.stop().await().indefinitely();
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    private static EventStore store(Pool pool) {
        return new EventStore(pool, EventStoreOptions.forTypes("Bench")
                        .maxAppendsInFlight(Integer.parseInt(env("BENCH_APPENDS_IN_FLIGHT", "1"))), Upcasters.NONE,
                new PersonalDataCodec(new SubjectKeys(pool, io.cloudlab.eventstore.pii.KeyEncryptionKeys.single("bench", KEK))));
    }

    private static PgConnectOptions connectOptions() {
        return new PgConnectOptions().setHost(HOST).setPort(PORT).setDatabase(DB).setUser("order_service")
                .setPassword(env("ORDER_SERVICE_PASSWORD", "order_service_dev")).setCachePreparedStatements(true)
                .setPipeliningLimit(1);
    }

    private static Pool pool(Vertx vertx, int size) {
        return Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(size))
                .connectingTo(connectOptions()).using(vertx.getDelegate()).build());
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
