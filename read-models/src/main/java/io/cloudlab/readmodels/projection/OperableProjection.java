package io.cloudlab.readmodels.projection;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * What operators can see and do with a read model, whatever it is stored in. Every projection a service
 * runs (Redis views, ClickHouse facts) is a bean of this type; {@link ProjectionsResource} is the admin API
 * over all of them, {@link ProjectionMonitor} turns their lag into gauges and readiness.
 */
public interface OperableProjection {

    /** Unique within the platform, e.g. {@code order-views}; used in keys, table names, metrics and URLs. */
    String name();

    /** Where it lives: {@code redis} or {@code clickhouse}. */
    String sink();

    /** Version serving reads, the one being rebuilt (if any), its checkpoint and how far behind it is. */
    Uni<ProjectionState> state();

    /**
     * Replays every event into a new version while the current one keeps serving, and switches readers over
     * once the new version has caught up. Answers the version being built; a rebuild already running is
     * answered, not started twice.
     */
    Uni<Integer> rebuild();

    /**
     * Replays the events of a sample of the documents (or all, at 100) and compares the result with what the
     * read model holds, as of the same checkpoint.
     */
    default Uni<AuditReport> audit(int samplePercent) {
        return audit(samplePercent, AuditProgress.NONE);
    }

    /** The same, telling {@code progress} how far it has got as it goes. */
    Uni<AuditReport> audit(int samplePercent, AuditProgress progress);

    /** Events the projection could not apply, parked with their error; later events of their document wait behind them. */
    Uni<List<ParkedEvent>> parked();

    /** Applies the document's parked events again (after a fix); answers how many are still parked. */
    Uni<Integer> retryParked(String document);

    /** Drops the document's first parked event and applies the rest; answers how many are still parked. */
    Uni<Integer> skipParked(String document);
}
