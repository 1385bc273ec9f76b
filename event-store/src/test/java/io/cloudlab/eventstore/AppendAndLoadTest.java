package io.cloudlab.eventstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.EventStoreException.ConcurrencyConflict;
import io.cloudlab.eventstore.EventStoreException.InvalidAppend;
import io.cloudlab.eventstore.EventStoreException.StreamNotFound;
import io.cloudlab.eventstore.EventStoreException.UnknownAggregateType;
import io.cloudlab.eventstore.EventStoreException.WrongAggregateType;
import io.cloudlab.eventstore.upcasting.Upcaster;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AppendAndLoadTest extends RealDatabaseTest {

    static EventStore store;
    final UUID tenant = UUID.randomUUID();
    final EventMetadata metadata = EventMetadata.forTenant(tenant).byUser("user-1")
            .tracedBy("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    @BeforeAll
    static void start() {
        // OrderPlaced v1 had "total" in cents; v2 has "total_amount" as a decimal string.
        Upcaster moneyAsDecimal = new Upcaster() {
            public String eventType() { return "OrderPlaced"; }
            public int fromSchemaVersion() { return 1; }
            public Upcast upcast(JsonObject data) {
                long cents = data.getLong("total");
                data.remove("total");
                return new Upcast("OrderPlaced", data.put("total_amount", String.format("%d.%02d", cents / 100, cents % 100)));
            }
        };
        store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes("TestOrder", "Payment").maxEventBytes(4096)
                .snapshotEvery("TestOrder", 3), new Upcasters(List.of(moneyAsDecimal)));
    }


    @Test
    void appendsANewStreamAndLoadsItBackWithItsMetadata() {
        UUID order = UUID.randomUUID();
        AppendResult first = await(store.append("TestOrder", order, 0,
                List.of(event("OrderPlaced", 2), event("OrderConfirmed", 2)), metadata));
        AppendResult next = await(store.append("TestOrder", order, 2, List.of(event("OrderShipped", 2)), metadata));

        assertEquals(2, first.streamVersion());
        assertEquals(3, next.streamVersion());
        assertTrue(next.firstPosition() > first.lastPosition());
        LoadedStream stream = await(store.load(tenant, order));
        assertEquals(3, stream.version());
        assertEquals(List.of("OrderPlaced", "OrderConfirmed", "OrderShipped"),
                stream.events().stream().map(RecordedEvent::eventType).toList());
        assertEquals(List.of(1, 2, 3), stream.events().stream().map(RecordedEvent::version).toList());
        RecordedEvent placed = stream.events().get(0);
        assertEquals(tenant, placed.tenantId());
        assertEquals(metadata.correlationId().toString(), placed.correlationId());
        assertEquals("user-1", placed.metadata().getString("user_id"));
        assertEquals(metadata.traceparent(), placed.traceparent());
    }

    @Test
    void aStreamLoadedAsAnotherTypeIsOneThatDoesNotExist() {
        UUID order = UUID.randomUUID();
        await(store.append("TestOrder", order, 0, List.of(event("OrderPlaced", 2)), metadata));

        assertEquals(1, await(store.load(tenant, "TestOrder", order)).version());
        LoadedStream asPayment = await(store.load(tenant, "Payment", order));
        assertFalse(asPayment.exists());
        assertTrue(asPayment.events().isEmpty());
    }

    @Test
    void aStaleExpectedVersionIsAConflictAndWritesNothing() throws Exception {
        UUID order = UUID.randomUUID();
        await(store.append("TestOrder", order, 0, List.of(event("OrderPlaced", 2)), metadata));

        ConcurrencyConflict conflict = assertInstanceOf(ConcurrencyConflict.class,
                failure(() -> store.append("TestOrder", order, 0, List.of(event("OrderPlaced", 2)), metadata)));
        assertEquals(1, conflict.actualVersion());
        assertInstanceOf(ConcurrencyConflict.class,
                failure(() -> store.append("TestOrder", order, 5, List.of(event("OrderShipped", 2)), metadata)));
        assertEquals(1, TestDatabase.scalar("SELECT count(*) FROM event_store.events WHERE aggregate_id = ?", order));
    }

    @Test
    void aRetriedAppendReturnsTheOriginalResultInsteadOfADuplicate() throws Exception {
        UUID order = UUID.randomUUID();
        List<NewEvent> events = List.of(event("OrderPlaced", 2), event("OrderConfirmed", 2));
        AppendResult original = await(store.append("TestOrder", order, 0, events, metadata));
        await(store.append("TestOrder", order, 2, List.of(event("OrderShipped", 2)), metadata));

        AppendResult retried = await(store.append("TestOrder", order, 0, events, metadata));

        assertTrue(retried.replayed());
        assertEquals(original.streamVersion(), retried.streamVersion());
        assertEquals(original.firstPosition(), retried.firstPosition());
        assertEquals(original.lastPosition(), retried.lastPosition());
        assertEquals(3, TestDatabase.scalar("SELECT count(*) FROM event_store.events WHERE aggregate_id = ?", order));
    }

    @Test
    void badInputIsRefusedWithATypedErrorNamingTheFieldAndWritesNothing() throws Exception {
        UUID order = UUID.randomUUID();
        JsonObject oversized = new JsonObject().put("blob", "x".repeat(5000));
        List<Supplier<Uni<AppendResult>>> bad = List.of(
                () -> store.append("TestOrder", order, -1, List.of(event("OrderPlaced", 2)), metadata),
                () -> store.append("TestOrder", order, 0, List.of(NewEvent.of("OrderPlaced", null)), metadata),
                () -> store.append("TestOrder", order, 0, List.of(NewEvent.of("OrderPlaced", oversized)), metadata),
                () -> store.append("TestOrder", order, 0, List.of(), metadata),
                () -> store.append("TestOrder", order, 0, Collections.singletonList(null), metadata),
                () -> store.append("TestOrder", order, 0, List.of(NewEvent.of(" ", new JsonObject())), metadata),
                () -> store.append("TestOrder", order, 0, List.of(event("OrderPlaced", 2)), EventMetadata.forTenant(null)),
                () -> store.append("TestOrder", null, 0, List.of(event("OrderPlaced", 2)), metadata));
        List<String> fields = new ArrayList<>();
        for (Supplier<Uni<AppendResult>> append : bad) {
            fields.add(assertInstanceOf(InvalidAppend.class, failure(append)).field());
        }
        assertEquals(List.of("expectedVersion", "events[0].data", "events[0].data", "events", "events[0]",
                "events[0].eventType", "tenantId", "aggregateId"), fields);
        assertInstanceOf(UnknownAggregateType.class,
                failure(() -> store.append("Invoice", order, 0, List.of(event("X", 2)), metadata)));
        assertEquals(0, TestDatabase.scalar("SELECT count(*) FROM event_store.streams WHERE aggregate_id = ?", order));
    }

    @Test
    void aStreamIsKeptToItsTypeAndItsTenant() throws Exception {
        UUID order = UUID.randomUUID();
        await(store.append("TestOrder", order, 0, List.of(event("OrderPlaced", 2)), metadata));
        EventMetadata otherTenant = EventMetadata.forTenant(UUID.randomUUID());

        assertInstanceOf(WrongAggregateType.class,
                failure(() -> store.append("Payment", order, 1, List.of(event("X", 1)), metadata)));
        assertInstanceOf(StreamNotFound.class,
                failure(() -> store.append("TestOrder", order, 1, List.of(event("OrderShipped", 2)), otherTenant)));
        assertInstanceOf(ConcurrencyConflict.class,
                failure(() -> store.append("TestOrder", order, 0, List.of(event("OrderPlaced", 2)), otherTenant)));
        assertFalse(await(store.load(otherTenant.tenantId(), order)).exists());
        assertEquals(1, TestDatabase.scalar("SELECT count(*) FROM event_store.events WHERE aggregate_id = ?", order));
    }

    @Test
    void oldSchemaVersionsLoadAsTheCurrentShape() {
        UUID order = UUID.randomUUID();
        NewEvent v1 = new NewEvent(UUID.randomUUID(), "OrderPlaced", 1, new JsonObject().put("total", 12345L),
                io.cloudlab.eventstore.pii.PersonalData.NONE);
        await(store.append("TestOrder", order, 0, List.of(v1), metadata));

        RecordedEvent loaded = await(store.load(tenant, order)).events().get(0);

        assertEquals(2, loaded.schemaVersion());
        assertEquals("123.45", loaded.data().getString("total_amount"));
        assertFalse(loaded.data().containsKey("total"));
    }

    @Test
    void aSnapshotShortensTheLoadAndAnOlderOneNeverReplacesANewerOne() {
        UUID order = UUID.randomUUID();
        List<NewEvent> four = List.of(event("A", 2), event("B", 2), event("C", 2), event("D", 2));
        await(store.append("TestOrder", order, 0, four, metadata));
        LoadedStream full = await(store.loadFromSnapshot(tenant, order));
        assertTrue(store.snapshotDue(full), "policy: a snapshot every 3 events");

        assertTrue(await(store.saveSnapshot(tenant, "TestOrder", order, new Snapshot(3, 1, new JsonObject().put("seen", 3)))));
        assertFalse(await(store.saveSnapshot(tenant, "TestOrder", order, new Snapshot(2, 1, new JsonObject().put("seen", 2)))));
        LoadedStream fromSnapshot = await(store.loadFromSnapshot(tenant, order));

        assertEquals(3, fromSnapshot.snapshot().orElseThrow().version());
        assertEquals(3, fromSnapshot.snapshot().orElseThrow().data().getInteger("seen"));
        assertEquals(List.of("D"), fromSnapshot.events().stream().map(RecordedEvent::eventType).toList());
        assertEquals(4, fromSnapshot.version());
        assertFalse(store.snapshotDue(fromSnapshot));
    }

    static NewEvent event(String type, int schemaVersion) {
        return NewEvent.of(type, new JsonObject().put("at", System.nanoTime()).put("note", "x'; DROP TABLE events; --"))
                .withSchemaVersion(schemaVersion);
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(120));
    }

    static Throwable failure(Supplier<? extends Uni<?>> call) {
        try {
            call.get().await().atMost(Duration.ofSeconds(120));
        } catch (Throwable t) {
            return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        }
        throw new AssertionError("expected a failure");
    }
}
