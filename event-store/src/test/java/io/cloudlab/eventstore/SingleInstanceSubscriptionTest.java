package io.cloudlab.eventstore;

import static io.cloudlab.eventstore.AppendAndLoadTest.await;
import static io.cloudlab.eventstore.AppendAndLoadTest.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.eventstore.subscription.SubscriptionOptions;
import io.cloudlab.eventstore.subscription.SubscriptionRunner;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances of one subscription (as in two pods): one delivers, the other stands by and takes over. */
class SingleInstanceSubscriptionTest extends RealDatabaseTest {

    static EventStore store;
    static String type = "Standby" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes(type), Upcasters.NONE);
    }


    @Test
    void onlyOneInstanceDeliversAndAStandbyTakesOverWhenItStops() {
        SubscriptionOptions options = SubscriptionOptions.named("standby-" + type, SubscriptionFilter.aggregateTypes(type))
                .pollInterval(Duration.ofMillis(100)).retryBackoff(Duration.ofMillis(200));
        List<String> deliveries = Collections.synchronizedList(new ArrayList<>());
        SubscriptionRunner first = runner(options, "first", deliveries);
        SubscriptionRunner second = runner(options, "second", deliveries);
        first.start();
        await().atMost(Duration.ofSeconds(120)).until(first::isActive);
        second.start();

        UUID stream = UUID.randomUUID();
        EventMetadata metadata = EventMetadata.forTenant(UUID.randomUUID());
        await(store.append(type, stream, 0, List.of(event("One", 1), event("Two", 1)), metadata));
        await().atMost(Duration.ofSeconds(120)).until(() -> deliveries.size() == 2);
        assertFalse(second.isActive(), "the second instance waits while the first holds the subscription");
        assertEquals(List.of("first", "first"), deliveries);

        first.stop().await().indefinitely();
        await().atMost(Duration.ofSeconds(120)).until(second::isActive);
        await(store.append(type, stream, 2, List.of(event("Three", 1)), metadata));
        await().atMost(Duration.ofSeconds(120)).until(() -> deliveries.size() == 3);
        assertEquals(List.of("first", "first", "second"), deliveries, "resumed from the checkpoint, nothing repeated");
        second.stop().await().indefinitely();
    }

    private SubscriptionRunner runner(SubscriptionOptions options, String label, List<String> deliveries) {
        return new SubscriptionRunner(vertx, TestDatabase.serviceConnectOptions(), options, batch -> {
            batch.forEach(e -> deliveries.add(label));
            return Uni.createFrom().voidItem();
        }, Upcasters.NONE, TestDatabase.personalData(pool));
    }
}
