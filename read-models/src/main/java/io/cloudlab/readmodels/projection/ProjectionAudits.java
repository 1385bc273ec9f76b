package io.cloudlab.readmodels.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The latest audit of each of this service's projections, in {@code event_store.projection_audits}: its progress
 * while it runs, told at most once per {@link #TELL_EVERY}, and how it ended. Kept in the database so that every
 * instance shows it, not only the one running the audit.
 */
@ApplicationScoped
public class ProjectionAudits {

    private static final Logger LOG = Logger.getLogger(ProjectionAudits.class);
    static final Duration TELL_EVERY = Duration.ofSeconds(1);
    /** An unfinished run silent this long died with its instance. */
    static final Duration SILENT = Duration.ofMinutes(2);

    /**
     * @param stalled unfinished, and silent for longer than a live run ever is: its instance stopped
     */
    public record AuditState(UUID auditId, int samplePercent, String startedBy, OffsetDateTime startedAt, OffsetDateTime updatedAt,
            OffsetDateTime finishedAt, long readPosition, Long targetPosition, long eventsReplayed, long documentsCompared,
            Integer differences, String failure, boolean stalled) {}

    private final Pool pool;
    private final String service;

    ProjectionAudits(Pool pool, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.pool = pool;
        this.service = service;
    }

    /** Records a new run of {@code projection}'s audit, replacing the last one's row. */
    public Uni<Run> start(String projection, int samplePercent, String startedBy) {
        UUID id = UUID.randomUUID();
        return pool.preparedQuery("INSERT INTO event_store.projection_audits (service, projection, audit_id, sample_percent, started_by)"
                        + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (service, projection) DO UPDATE SET audit_id = EXCLUDED.audit_id,"
                        + " sample_percent = EXCLUDED.sample_percent, started_by = EXCLUDED.started_by, started_at = now(),"
                        + " updated_at = now(), finished_at = NULL, read_position = 0, target_position = NULL, events_replayed = 0,"
                        + " documents_compared = 0, differences = NULL, failure = NULL")
                .execute(Tuple.of(service, projection, id, samplePercent, startedBy))
                .replaceWith(new Run(projection, id));
    }

    /** The latest audit of each projection of this service that was ever audited. */
    public Uni<Map<String, AuditState>> latest() {
        return pool.preparedQuery("SELECT projection, audit_id, sample_percent, started_by, started_at, updated_at, finished_at,"
                        + " read_position, target_position, events_replayed, documents_compared, differences, failure,"
                        + " finished_at IS NULL AND updated_at < now() - make_interval(secs => $2) AS stalled"
                        + " FROM event_store.projection_audits WHERE service = $1")
                .execute(Tuple.of(service, (double) SILENT.toSeconds()))
                .map(rows -> {
                    Map<String, AuditState> latest = new HashMap<>();
                    for (Row r : rows) {
                        latest.put(r.getString("projection"), new AuditState(r.getUUID("audit_id"), r.getInteger("sample_percent"),
                                r.getString("started_by"), r.getOffsetDateTime("started_at"), r.getOffsetDateTime("updated_at"),
                                r.getOffsetDateTime("finished_at"), r.getLong("read_position"), r.getLong("target_position"),
                                r.getLong("events_replayed"), r.getLong("documents_compared"), r.getInteger("differences"),
                                r.getString("failure"), r.getBoolean("stalled")));
                    }
                    return latest;
                });
    }

    /** One run: tells its progress as it goes (never holding the audit up), then how it ended. */
    public final class Run implements AuditProgress {

        private final String projection;
        private final UUID id;
        private volatile long position;
        private volatile long target;
        private volatile long replayed;
        private volatile long compared;
        // The first progress is told at once: a run shows as started with its target from its first page on.
        private volatile long toldAt = System.nanoTime() - TELL_EVERY.toNanos();

        Run(String projection, UUID id) {
            this.projection = projection;
            this.id = id;
        }

        @Override
        public void read(long position, long targetPosition, long eventsReplayed) {
            this.position = position;
            this.target = targetPosition;
            this.replayed = eventsReplayed;
            tellNowAndThen();
        }

        @Override
        public void compared(long documents) {
            this.compared = documents;
            tellNowAndThen();
        }

        private void tellNowAndThen() {
            long now = System.nanoTime();
            if (now - toldAt < TELL_EVERY.toNanos()) return;
            toldAt = now;
            update("", Tuple.of(service, projection, id, position, target, replayed).addLong(compared))
                    .subscribe().with(told -> {}, failure -> LOG.debugf("audit of %s: progress not recorded: %s", projection, failure));
        }

        public Uni<Void> finished(AuditReport report) {
            return update(", finished_at = now(), differences = $8", Tuple.of(service, projection, id, position, target, report.eventsReplayed())
                    .addLong(report.documentsCompared()).addInteger(report.differences().size()));
        }

        public Uni<Void> failed(Throwable failure) {
            return update(", finished_at = now(), failure = $8", Tuple.of(service, projection, id, position, target, replayed)
                    .addLong(compared).addString(String.valueOf(failure.getMessage())));
        }

        private Uni<Void> update(String more, Tuple args) {
            return pool.preparedQuery("UPDATE event_store.projection_audits SET updated_at = now(), read_position = $4,"
                            + " target_position = $5, events_replayed = $6, documents_compared = $7" + more
                            + " WHERE service = $1 AND projection = $2 AND audit_id = $3 AND finished_at IS NULL")
                    .execute(args).replaceWithVoid();
        }
    }
}
