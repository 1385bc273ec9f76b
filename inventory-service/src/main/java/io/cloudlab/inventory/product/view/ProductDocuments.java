package io.cloudlab.inventory.product.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.subscription.SubscriptionFilter;
import io.cloudlab.inventory.product.store.ProductEventCodec;
import io.cloudlab.readmodels.redis.DocumentProjection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/**
 * A document projection of the Product stream: one JSON document per product ({@code product:<id>}), folded
 * from the product's events by {@code fold} in stream-version order. An event that arrives before an earlier
 * version of its product is held in the document ({@link EarlyEvents}) and applied once the gap is filled; until
 * then the document shows the product as of its last applied version, which is a state the product was in.
 * The two projections differ only in their document and its fold.
 */
abstract class ProductDocuments<D> implements DocumentProjection {

    /**
     * Its own mapper, not the service's: the documents' form must not change with the REST layer's settings,
     * and times keep the offset they were stored with.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String name;
    private final Class<D> type;
    private final BiFunction<D, RecordedEvent, D> fold;
    private final ToIntFunction<D> version;

    ProductDocuments(String name, Class<D> type, BiFunction<D, RecordedEvent, D> fold, ToIntFunction<D> version) {
        this.name = name;
        this.type = type;
        this.fold = fold;
        this.version = version;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SubscriptionFilter filter() {
        return SubscriptionFilter.aggregateTypes(ProductEventCodec.AGGREGATE_TYPE);
    }

    @Override
    public String documentOf(RecordedEvent event) {
        return document(event.aggregateId());
    }

    @Override
    public String apply(String current, RecordedEvent event) {
        // No document yet: the fold refuses anything but the creation (a stream's first transaction creates it).
        if (current == null) return encode(fold.apply(null, event));
        JsonObject stored = new JsonObject(current);
        JsonArray early = stored.getJsonArray(EarlyEvents.FIELD, new JsonArray()).copy();
        D document = decode(current);
        int at = version.applyAsInt(document);
        if (event.version() <= at || EarlyEvents.holds(early, event.version())) return current;
        if (event.version() > at + 1) {
            early.add(EarlyEvents.encode(event));
            return stored.put(EarlyEvents.FIELD, early).encode();
        }
        document = fold.apply(document, event);
        for (JsonObject next; (next = EarlyEvents.take(early, version.applyAsInt(document) + 1)) != null; ) {
            document = fold.apply(document, EarlyEvents.decode(next));
        }
        JsonObject written = new JsonObject(encode(document));
        if (!early.isEmpty()) written.put(EarlyEvents.FIELD, early);
        return written.encode();
    }

    /** The document of a product, relative to the projection. */
    static String document(UUID productId) {
        return "product:" + productId;
    }

    D decode(String json) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
