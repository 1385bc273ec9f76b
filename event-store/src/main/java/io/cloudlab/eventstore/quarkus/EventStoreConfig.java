package io.cloudlab.eventstore.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How a service uses the event store (prefix {@code cloudlab.event-store}). */
@ConfigMapping(prefix = "cloudlab.event-store")
public interface EventStoreConfig {

    /** The aggregate types this service appends; appends of any other type are refused. */
    @WithDefault("none")
    Set<String> aggregateTypes();

    /** Largest encoded payload of one event, in bytes. */
    @WithDefault("262144")
    int maxEventBytes();

    /** Append statements at once per service instance; appends arriving meanwhile are grouped. */
    @WithDefault("1")
    int maxAppendsInFlight();

    /** Per aggregate type: take a snapshot once this many events follow the last one. */
    Map<String, Integer> snapshotEvery();

    Relay relay();

    Partitions partitions();

    PersonalData personalData();

    /**
     * How long a request owns its Idempotency-Key before a retry may take it over (a request that died
     * mid-way never completes its key). Longer than the slowest command, short enough for a client's retry.
     */
    @WithDefault("PT30S")
    Duration idempotencyLease();

    interface Relay {
        /** Aggregate type to topic; the relay runs when at least one is set. */
        Map<String, String> topics();

        /** The relay's subscription name (its checkpoint and single-instance lock). */
        Optional<String> name();

        @WithDefault("500")
        int batchSize();
    }

    interface Partitions {
        /** Months ahead that must have a partition (at least 3). */
        @WithDefault("3")
        int monthsAhead();

        /**
         * Streams created longer ago than this are detached into event_store_archive: seed 001 archives order
         * data after 7 years. Archived partitions are kept, exported and dropped by hand, so payment events stay
         * available for the 10 years of transaction data (seed 000), as do the payments' own rows.
         */
        @WithDefault("P7Y")
        Period retention();

        /**
         * The service's function that deletes its own tables' rows past their retention (answering how many),
         * run with the maintenance: e.g. {@code orders.purge_past_retention}.
         */
        java.util.Optional<String> ownTablesPurge();

        /** How often maintenance runs besides at start. */
        @WithDefault("PT6H")
        Duration interval();

        @WithName("maintenance-enabled")
        @WithDefault("true")
        boolean enabled();
    }

    interface PersonalData {
        /**
         * Base64 of the 32-byte key that wraps new subject keys; from a Secret in Kubernetes. Only the dev and
         * test profiles have one built in: elsewhere a service without it refuses to start.
         */
        String keyEncryptionKey();

        /** The active key's id, stored beside every key it wraps. A new key gets a new id. */
        @WithDefault("1")
        String keyEncryptionKeyId();

        /**
         * Keys replaced by the active one, kept until the rewrap has moved their keys over: {@code id=base64} pairs,
         * comma-separated (one environment variable, EVENT_STORE_PREVIOUS_KEKS, from a Secret).
         */
        Optional<String> previousKeyEncryptionKeys();
    }
}
