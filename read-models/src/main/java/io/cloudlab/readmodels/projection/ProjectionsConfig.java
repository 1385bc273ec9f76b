package io.cloudlab.readmodels.projection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "cloudlab.projections")
public interface ProjectionsConfig {

    /** Readiness turns DOWN while a projection's oldest unapplied event is older than this. */
    @WithDefault("30s")
    Duration maxLag();

    /** How often lag is measured (and rebuilt versions checked for switch-over). */
    @WithDefault("1s")
    Duration monitorInterval();

    /** Whether this process applies events to its projections (readers run either way). */
    @WithDefault("true")
    boolean enabled();

    /** Events per read while projecting. */
    @WithDefault("500")
    int batchSize();

    /**
     * How long a ClickHouse projection waits after a batch before reading the next, so that inserts are few
     * and large (each INSERT is a part that ClickHouse merges later): with every small batch inserted at once,
     * merging them costs ClickHouse a large share of a core even at low rates (docs/performance.md). Analytics
     * are not read-your-writes; the Redis views never linger.
     */
    @WithDefault("250ms")
    Duration analyticsLinger();

    Redis redis();

    interface Redis {
        /**
         * First part of every key, so that environments sharing one Redis (the system test beside the platform)
         * never read each other's views.
         */
        @WithDefault("cloudlab")
        String namespace();

        /** How long the in-process tier keeps a document before asking Redis again. */
        @WithDefault("1s")
        Duration localTtl();

        /** How long a read that asks for a version waits for the view to reach it before reading PostgreSQL. */
        @WithDefault("1s")
        Duration readYourWritesWait();
    }
}
