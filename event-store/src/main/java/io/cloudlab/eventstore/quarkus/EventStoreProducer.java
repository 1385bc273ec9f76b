package io.cloudlab.eventstore.quarkus;

import io.cloudlab.eventstore.AppendTimings;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.EventStoreOptions;
import io.cloudlab.eventstore.idempotency.IdempotencyKeys;
import io.cloudlab.eventstore.pii.KeyEncryptionKeys;
import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.pii.SubjectKeys;
import io.cloudlab.eventstore.upcasting.Upcaster;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Makes the store injectable in a Quarkus service, configured by {@link EventStoreConfig}. */
@ApplicationScoped
public class EventStoreProducer {

    @Produces
    @ApplicationScoped
    SubjectKeys subjectKeys(Pool pool, EventStoreConfig config) {
        EventStoreConfig.PersonalData keys = config.personalData();
        return new SubjectKeys(pool, KeyEncryptionKeys.fromBase64(keys.keyEncryptionKeyId(), keys.keyEncryptionKey(),
                KeyEncryptionKeys.pairs(keys.previousKeyEncryptionKeys().orElse(""))));
    }

    @Produces
    @ApplicationScoped
    PersonalDataCodec personalDataCodec(SubjectKeys keys) {
        return new PersonalDataCodec(keys);
    }

    @Produces
    @ApplicationScoped
    Upcasters upcasters(Instance<Upcaster> upcasters) {
        return new Upcasters(upcasters.stream().toList());
    }

    /** Where the relay put events on Kafka, through the service's own Kafka connection (TLS and SCRAM included). */
    @Produces
    @ApplicationScoped
    io.cloudlab.eventstore.relay.RelayedRecords relayedRecords(EventStoreConfig config,
            @io.smallrye.common.annotation.Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        return new io.cloudlab.eventstore.relay.RelayedRecords(io.cloudlab.eventstore.relay.KafkaConnection.settings(kafkaConfig),
                config.relay().topics());
    }

    @Produces
    @ApplicationScoped
    IdempotencyKeys idempotencyKeys(Pool pool, EventStoreConfig config) {
        return new IdempotencyKeys(pool, config.idempotencyLease());
    }

    @Produces
    @ApplicationScoped
    EventStore eventStore(Pool pool, EventStoreConfig config, Upcasters upcasters, PersonalDataCodec personalData,
            MeterRegistry registry) {
        Set<String> types = config.aggregateTypes().stream().filter(t -> !"none".equals(t)).collect(Collectors.toSet());
        EventStoreOptions options = new EventStoreOptions(types, config.maxEventBytes(), 1000, config.snapshotEvery(),
                config.maxAppendsInFlight());
        return new EventStore(pool, options, upcasters, personalData, timings(registry));
    }

    /**
     * One timer per aggregate type, mode and outcome, with percentiles for the append-latency alert; each is
     * built once and kept, since every append records into one (a builder and a registry look-up per append
     * would be paid on the store's hottest path).
     */
    private static AppendTimings timings(MeterRegistry registry) {
        Map<String, Timer> timers = new ConcurrentHashMap<>();
        return (type, mode, outcome, nanos) -> timers.computeIfAbsent(type + '|' + mode + '|' + outcome,
                        key -> Timer.builder("cloudlab_event_store_append")
                                .description("Appends to the event store: time from the call to the store's answer")
                                .tags("aggregate_type", type, "mode", mode, "outcome", outcome)
                                .publishPercentileHistogram()
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
