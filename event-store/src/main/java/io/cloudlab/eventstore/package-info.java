/**
 * The platform's event store: a partitioned PostgreSQL table of events that every service appends its
 * aggregates' events to, the subscriptions that read them back in commit-safe global order, and the relay
 * that publishes them to Kafka (the events table is the outbox). The services depend on this module rather
 * than on each other.
 */
package io.cloudlab.eventstore;
