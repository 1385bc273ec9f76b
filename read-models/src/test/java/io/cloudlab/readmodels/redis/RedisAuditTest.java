package io.cloudlab.readmodels.redis;

import static io.cloudlab.readmodels.testing.RedisProbe.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cloudlab.eventstore.subscription.Checkpoint;
import io.cloudlab.readmodels.projection.AuditReport;
import io.cloudlab.readmodels.projection.OperableProjection;
import io.cloudlab.readmodels.projection.ProjectionAudits;
import io.cloudlab.readmodels.testing.AuditCounters;
import io.cloudlab.readmodels.testing.Counter;
import io.cloudlab.readmodels.testing.Counters;
import io.cloudlab.readmodels.testing.RedisProbe;
import io.cloudlab.readmodels.testing.Switches;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Audit of a Redis projection: a replay of the store compared with the stored documents finds nothing while they
 * agree, and names exactly the documents made wrong on purpose, with what the replay gives and what Redis holds.
 */
@QuarkusTest
class RedisAuditTest {

    @Inject
    AuditCounters projection;
    @Inject
    Counters counters;
    @Inject
    Switches switches;
    @Inject
    RedisProbe redis;

    @Test
    void anAuditReportsNothingWhenTheDocumentsAgreeAndEveryDocumentMadeWrong() {
        UUID tenant = UUID.randomUUID();
        Counter a = counters.open(projection.type(), tenant, "a").add(5).add(7);
        Counter b = counters.open(projection.type(), tenant, "b").add(2);
        Counter c = counters.open(projection.type(), tenant, "c");
        OperableProjection operable = redis.projection(AuditCounters.NAME);
        ViewKeys.Version serving = redis.keys(AuditCounters.NAME).version(await(operable.state()).version());
        await("the counters' documents in Redis").atMost(Duration.ofSeconds(60))
                .until(() -> List.of(a, b, c).stream().allMatch(counter -> {
            JsonObject stored = stored(serving, counter);
            return stored != null && stored.getInteger("version") == counter.version();
        }));

        AuditReport agreeing = await(operable.audit(100));
        assertEquals(List.of(), agreeing.differences());
        assertEquals(3, agreeing.documentsCompared());
        assertEquals(6, agreeing.eventsReplayed());
        assertEquals(serving.number(), agreeing.version());
        assertEquals(redis.get(serving.checkpoint()), agreeing.checkpoint(), "cut at the checkpoint the documents reflect");

        // Two faults: a document with a wrong total, and one that is gone.
        JsonObject wrong = stored(serving, a).put("total", 999);
        redis.set(serving.document(a.document()), wrong.encode());
        redis.delete(serving.document(b.document()));

        AuditReport disagreeing = await(operable.audit(100));
        Map<String, AuditReport.Difference> found = disagreeing.differences().stream()
                .collect(Collectors.toMap(AuditReport.Difference::document, d -> d));
        assertEquals(java.util.Set.of(a.document(), b.document()), found.keySet(), disagreeing.toString());
        AuditReport.Difference ofA = found.get(a.document());
        assertEquals(12, new JsonObject(ofA.expected()).getLong("total"), "the replay's document");
        assertEquals(wrong, new JsonObject(ofA.actual()));
        AuditReport.Difference ofB = found.get(b.document());
        assertEquals(new JsonObject().put("counter", b.id().toString()).put("tenant", tenant.toString()).put("label", "b")
                .put("total", 2L).put("version", 2), new JsonObject(ofB.expected()));
        assertNull(ofB.actual());
        assertEquals(3, disagreeing.documentsCompared());

        // A document with a parked event is left out: the parked list reports it, not the audit.
        UUID poison = UUID.randomUUID();
        switches.poison(poison);
        Counter d = counters.open(projection.type(), tenant, "d").add(1, poison);
        await("d's poison event parked").atMost(Duration.ofSeconds(60)).until(() -> await(operable.parked()).stream()
                .anyMatch(p -> p.eventId().equals(poison)));
        AuditReport withParked = await(operable.audit(100));
        assertEquals(java.util.Set.of(a.document(), b.document()), withParked.differences().stream()
                .map(AuditReport.Difference::document).collect(Collectors.toSet()));
        assertEquals(3, withParked.documentsCompared());
        assertNotNull(stored(serving, d), "d's opening was applied; it is only its parked event that keeps it out");
        Checkpoint cut = Checkpoint.parse(withParked.checkpoint());
        Checkpoint earlier = Checkpoint.parse(agreeing.checkpoint());
        assertEquals(true, cut.transactionId() > earlier.transactionId()
                || (cut.transactionId() == earlier.transactionId() && cut.position() > earlier.position()),
                "the later audit is cut at the later checkpoint");
    }

    @Inject
    ProjectionAudits audits;

    @Test
    void anAuditsProgressAndOutcomeAreRecordedForEveryInstanceToShow() {
        // On the documents the projection holds now: the other case counts them, so this one adds none.
        OperableProjection operable = redis.projection(AuditCounters.NAME);

        ProjectionAudits.Run run = await(audits.start(AuditCounters.NAME, 100, "op-audit"));
        AuditReport report = await(operable.audit(100, run).call(run::finished));
        ProjectionAudits.AuditState ended = await(audits.latest()).get(AuditCounters.NAME);
        assertNotNull(ended.finishedAt(), ended.toString());
        assertEquals("op-audit", ended.startedBy());
        assertEquals(report.eventsReplayed(), ended.eventsReplayed());
        assertEquals(report.documentsCompared(), ended.documentsCompared());
        assertEquals(report.differences().size(), ended.differences());
        assertEquals(Checkpoint.parse(report.checkpoint()).position(), ended.targetPosition(), "read to the checkpoint it was cut at");
        assertEquals(true, ended.readPosition() >= ended.targetPosition(), ended.toString());

        // A run as it goes: its progress is told at once, and a later run replaces it (the earlier one's end no
        // longer matches its row).
        ProjectionAudits.Run first = await(audits.start(AuditCounters.NAME, 50, "op-first"));
        first.read(10, 20, 3);
        await("the first progress recorded").atMost(Duration.ofSeconds(30)).until(() -> {
            ProjectionAudits.AuditState now = await(audits.latest()).get(AuditCounters.NAME);
            return now.readPosition() == 10 && Long.valueOf(20).equals(now.targetPosition());
        });
        ProjectionAudits.AuditState running = await(audits.latest()).get(AuditCounters.NAME);
        assertNull(running.finishedAt());
        assertEquals(false, running.stalled());
        assertEquals(3, running.eventsReplayed());
        ProjectionAudits.Run second = await(audits.start(AuditCounters.NAME, 100, "op-second"));
        await(first.finished(report));
        ProjectionAudits.AuditState replaced = await(audits.latest()).get(AuditCounters.NAME);
        assertEquals("op-second", replaced.startedBy());
        assertNull(replaced.finishedAt(), "the first run's end is not the second's");
        await(second.failed(new IllegalStateException("ClickHouse went away")));
        assertEquals("ClickHouse went away", await(audits.latest()).get(AuditCounters.NAME).failure());
    }

    private JsonObject stored(ViewKeys.Version version, Counter counter) {
        String json = redis.get(version.document(counter.document()));
        return json == null ? null : new JsonObject(json);
    }
}
