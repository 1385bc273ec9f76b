package io.cloudlab.order.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.order.order.store.OrderEventCodec;
import io.cloudlab.readmodels.redis.DocumentProjection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code order-views} projection: one document per order ({@code order:<id>}) and, per customer, an index
 * of their orders by placement time ({@code customer:<tenant>:<customer>}, score = epoch microseconds, the same
 * key PostgreSQL's list pages on).
 */
@ApplicationScoped
public class OrderViewsProjection implements DocumentProjection {

    public static final String NAME = "order-views";

    /**
     * Its own mapper, not the service's: the documents' form must not change with the REST layer's settings,
     * and times keep the offset they were stored with.
     */
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SubscriptionFilter filter() {
        return SubscriptionFilter.aggregateTypes(OrderEventCodec.AGGREGATE_TYPE);
    }

    @Override
    public String documentOf(RecordedEvent event) {
        return document(event.aggregateId());
    }

    @Override
    public String apply(String current, RecordedEvent event) {
        OrderDocument before = current == null ? null : decode(current);
        OrderDocument after = OrderViewFold.apply(before, event);
        return after == before ? current : encode(after);
    }

    @Override
    public Set<IndexEntry> indexes(String document, String json) {
        OrderDocument order = decode(json);
        return Set.of(new IndexEntry(customerIndex(order.tenantId(), order.customerId()), micros(order.placedAt().toInstant()),
                order.orderId().toString()));
    }

    public static String document(UUID orderId) {
        return "order:" + orderId;
    }

    public static String customerIndex(UUID tenantId, String customerId) {
        return "customer:" + tenantId + ":" + customerId;
    }

    public static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    @Override
    public String withoutPersonalData(String current) {
        return encode(decode(current).withoutShippingAddress());
    }

    public static OrderDocument decode(String json) {
        try {
            return JSON.readValue(json, OrderDocument.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(OrderDocument document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
