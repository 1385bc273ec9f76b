package io.cloudlab.readmodels.redis;

import static io.cloudlab.readmodels.testing.RedisProbe.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.readmodels.projection.AuditReport;
import io.cloudlab.readmodels.projection.OperableProjection;
import io.cloudlab.readmodels.projection.ParkedEvent;
import io.cloudlab.readmodels.testing.Counter;
import io.cloudlab.readmodels.testing.Counters;
import io.cloudlab.readmodels.testing.ParkingCounters;
import io.cloudlab.readmodels.testing.RedisProbe;
import io.cloudlab.readmodels.testing.Switches;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Poison events of a Redis projection: an event the fold throws on is parked with its error, not dropped; later
 * events of its document wait behind it; other documents go on. An operator's retry applies them once the fold
 * is fixed, a skip drops the poison event and applies the rest.
 */
@QuarkusTest
class RedisParkingTest {

    @Inject
    ParkingCounters projection;
    @Inject
    Counters counters;
    @Inject
    Switches switches;
    @Inject
    RedisProbe redis;

    @Test
    void aPoisonEventIsParkedItsDocumentWaitsOtherDocumentsGoOnAndARetryAppliesItOnceFixed() {
        UUID tenant = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        switches.poison(poison);
        Counter a = counters.open(projection.type(), tenant, "a").add(1).add(2, poison).add(3);
        Counter b = counters.open(projection.type(), tenant, "b").add(5);

        await("a's poison event parked with the one behind it, b applied").atMost(Duration.ofSeconds(60))
                .until(() -> parkedOf(a).size() == 2 && total(b) == 5);
        List<ParkedEvent> parked = parkedOf(a);
        assertEquals(List.of(poison, a.event(4)), parked.stream().map(ParkedEvent::eventId).toList());
        assertTrue(parked.get(0).error().contains("poisoned event " + poison), parked.get(0).error());
        assertTrue(parked.get(1).error().startsWith("waiting behind"), parked.get(1).error());
        assertEquals("CounterAdded", parked.get(0).eventType());
        assertEquals(a.id(), parked.get(0).aggregateId());
        assertEquals(1, total(a), "a's document stops before its poison event");
        assertEquals(2, document(a).getInteger("version"));
        assertTrue(await(operable().state()).parked() >= 2);

        // Still poisonous: a retry leaves both parked, the first with its error.
        assertEquals(2, served(a, () -> operable().retryParked(a.document())));
        assertTrue(parkedOf(a).get(0).error().contains("poisoned event " + poison));
        assertEquals(1, total(a));

        switches.cure(poison); // the fix is deployed
        assertEquals(0, served(a, () -> operable().retryParked(a.document())));
        assertEquals(List.of(), parkedOf(a));
        assertEquals(6, total(a));
        assertEquals(4, document(a).getInteger("version"));

        // Later events of the document are applied as they come again.
        a.add(4);
        await("a's next event applied after the retry").atMost(Duration.ofSeconds(60)).until(() -> total(a) == 10);
        assertEquals(List.of(), parkedOf(a));
    }

    @Test
    void aSkipDropsTheFirstParkedEventAppliesTheRestAndIsRemembered() {
        UUID poison = UUID.randomUUID();
        switches.poison(poison);
        Counter c = counters.open(projection.type(), UUID.randomUUID(), "c").add(3, poison).add(4);
        await("c's poison event parked with the one behind it").atMost(Duration.ofSeconds(60)).until(() -> parkedOf(c).size() == 2);
        assertEquals(0, total(c));

        assertEquals(0, served(c, () -> operable().skipParked(c.document())));
        assertEquals(List.of(), parkedOf(c));
        assertEquals(4, total(c), "the event behind the skipped one is applied, the skipped one is not");
        assertEquals(3, document(c).getInteger("version"));
        // Kept for the projection (not the version), so a rebuild skips it too and an audit leaves it out.
        assertTrue(redis.isMember(redis.keys(ParkingCounters.NAME).skipped(), poison.toString()));
        AuditReport audit = await(operable().audit(100));
        assertTrue(audit.differences().stream().noneMatch(d -> d.document().equals(c.document())), audit.toString());
    }

    private OperableProjection operable() {
        return redis.projection(ParkingCounters.NAME);
    }

    private List<ParkedEvent> parkedOf(Counter counter) {
        return await(operable().parked()).stream().filter(p -> p.document().equals(counter.document())).toList();
    }

    private JsonObject document(Counter counter) {
        ViewKeys.Version serving = redis.keys(ParkingCounters.NAME).version(await(operable().state()).version());
        String json = redis.get(serving.document(counter.document()));
        return json == null ? null : new JsonObject(json);
    }

    private long total(Counter counter) {
        JsonObject document = document(counter);
        return document == null ? -1 : document.getLong("total");
    }

    /**
     * Asks for a retry or skip and answers how many events of the counter are still parked. The request is
     * served by the instance applying events at its next pass; should that take longer than the call waits,
     * the request stays queued, so this waits for it to be gone rather than asking again.
     */
    private int served(Counter counter, Supplier<Uni<Integer>> request) {
        try {
            return await(request.get());
        } catch (IllegalStateException notYet) {
            if (!String.valueOf(notYet.getMessage()).contains("has served the request yet")) throw notYet;
            ViewKeys.Version serving = redis.keys(ParkingCounters.NAME).version(await(operable().state()).version());
            await("the queued request served").atMost(Duration.ofSeconds(60))
                    .until(() -> !redis.hashHas(serving.requests(), counter.document()));
            return parkedOf(counter).size();
        }
    }
}
