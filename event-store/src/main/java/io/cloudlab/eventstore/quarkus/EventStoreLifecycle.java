package io.cloudlab.eventstore.quarkus;

import io.cloudlab.eventstore.partition.PartitionMaintenance;
import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.relay.OutboxRelay;
import io.cloudlab.eventstore.subscription.SubscriptionOptions;
import io.cloudlab.eventstore.subscription.SubscriptionRunner;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What runs beside a service for its events: partition maintenance at start and every few hours, and the
 * outbox relay to Kafka when the service has topics configured. Both are safe to run in every instance:
 * partition DDL is serialised by an advisory lock, and only one instance's relay holds its subscription.
 */
@ApplicationScoped
public class EventStoreLifecycle {

    private static final Logger LOG = Logger.getLogger(EventStoreLifecycle.class);

    private final EventStoreConfig config;
    private final Pool pool;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private SubscriptionRunner relayRunner;
    private OutboxRelay relay;
    private KafkaClientMetrics relayMetrics;
    private long maintenanceTimer = -1;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;
    @jakarta.inject.Inject
    DedicatedConnections connections;
    @jakarta.inject.Inject
    @io.smallrye.common.annotation.Identifier("default-kafka-broker")
    java.util.Map<String, Object> kafkaConfig;

    EventStoreLifecycle(EventStoreConfig config, Pool pool, Vertx vertx, MeterRegistry metrics) {
        this.config = config;
        this.pool = pool;
        this.vertx = vertx;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent start, Upcasters upcasters, PersonalDataCodec personalData) {
        if (config.partitions().enabled()) {
            PartitionMaintenance maintenance = new PartitionMaintenance(pool, config.partitions().monthsAhead(),
                    config.partitions().retention(), config.partitions().ownTablesPurge());
            runMaintenance(maintenance);
            maintenanceTimer = vertx.getDelegate().setPeriodic(config.partitions().interval().toMillis(),
                    id -> runMaintenance(maintenance));
        }
        if (!config.relay().topics().isEmpty()) {
            relay = OutboxRelay.connectedTo(io.cloudlab.eventstore.relay.KafkaConnection.settings(kafkaConfig),
                    applicationName + "-outbox-relay", config.relay().topics());
            // Built outside SmallRye, so its producer's metrics are bound here; and the batch's wait for the
            // broker's acknowledgements, which every relayed event waits out (docs/performance.md).
            relayMetrics = new KafkaClientMetrics(relay.producer());
            relayMetrics.bindTo(metrics);
            Timer publish = Timer.builder("cloudlab_outbox_relay_publish_seconds")
                    .description("A relayed batch, handed to the Kafka producer -> every record acknowledged")
                    .publishPercentiles(0.5, 0.99).register(metrics);
            relay.timedBy(nanos -> publish.record(nanos, TimeUnit.NANOSECONDS));
            String name = config.relay().name().orElse("outbox-relay." + applicationName);
            relayRunner = new SubscriptionRunner(vertx, connectOptions(),
                    SubscriptionOptions.named(name, relay.filter()).batchSize(config.relay().batchSize()).personalDataEncrypted(),
                    relay, upcasters, personalData);
            relayRunner.start();
            LOG.infof("outbox relay %s publishes %s", name, config.relay().topics());
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (maintenanceTimer >= 0) vertx.getDelegate().cancelTimer(maintenanceTimer);
        if (relayRunner != null) relayRunner.stop().await().atMost(Duration.ofSeconds(10));
        if (relayMetrics != null) relayMetrics.close();
        if (relay != null) relay.close();
    }

    private void runMaintenance(PartitionMaintenance maintenance) {
        maintenance.run().subscribe().with(report -> {
            report.created().forEach(p -> LOG.infof("event partition created: %s", p));
            report.detached().forEach(p -> LOG.warnf("event partition detached into event_store_archive: %s", p));
            metrics.counter("event_store_partitions_created").increment(report.created().size());
            metrics.counter("event_store_partitions_detached").increment(report.detached().size());
            metrics.counter("event_store_idempotency_keys_purged").increment(report.idempotencyKeysPurged());
            metrics.counter("retention_rows_purged").increment(report.ownRowsPurged());
            if (report.ownRowsPurged() > 0) LOG.infof("rows past their retention deleted: %d", report.ownRowsPurged());
        }, failure -> {
            LOG.error("event partition maintenance failed; it runs again at the next interval", failure);
            metrics.counter("event_store_partition_maintenance_failures").increment();
        });
    }

    /** The relay's own connection: the service's role, to the same database as the pool. */
    private PgConnectOptions connectOptions() {
        return connections.options();
    }

    /** True while this instance's relay holds its subscription (one instance across the platform does). */
    public boolean relayActive() {
        return relayRunner != null && relayRunner.isActive();
    }
}
