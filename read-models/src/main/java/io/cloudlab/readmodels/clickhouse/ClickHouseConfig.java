package io.cloudlab.readmodels.clickhouse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the facts live. A service's {@code %test} profile points {@code database} at {@code cloudlab_test}
 * (created if missing, like every database this module uses), so module tests never write into the
 * platform's facts.
 */
@ConfigMapping(prefix = "cloudlab.clickhouse")
public interface ClickHouseConfig {

    /** The HTTP interface (ClickHouse 18.16 speaks nothing else that the JVM clients available here understand). */
    @WithDefault("${CLICKHOUSE_URL:http://127.0.0.1:8123}")
    String url();

    @WithDefault("${CLICKHOUSE_DATABASE:cloudlab}")
    String database();

    /** Basic authentication; ClickHouse's {@code default} user without password when absent. */
    Optional<String> user();

    Optional<String> password();

    /** For an https URL: the PEM file of the CA that signed the server's certificate (else the JVM's own CAs). */
    Optional<String> trustCertificatePem();

    /**
     * How long analytics are kept: fact-table partitions whose newest row is older are dropped (seed 000: two years).
     * ClickHouse 18.16 has no TTL, so the service drops them itself, a minute after start and then every
     * {@link #retentionInterval()}.
     */
    @WithDefault("P730D")
    Duration retention();

    /** How often retention runs. */
    @WithDefault("PT6H")
    Duration retentionInterval();

    /** Longest a statement may take before the call fails (and the batch is retried from the checkpoint). */
    @WithDefault("30s")
    Duration timeout();
}
