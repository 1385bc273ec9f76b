package io.cloudlab.inventory.product.store;

import io.cloudlab.contracts.Wire;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.inventory.product.domain.ProductEvent;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Product events' payloads on the wire (store and Kafka), by the platform's one codec policy
 * ({@link Wire}): the field names are the records' {@code @JsonProperty} names, money a string with two
 * decimals, enums their toString. The event type is the record's simple name.
 */
public final class ProductEventCodec {

    public static final String AGGREGATE_TYPE = "Product";

    private static final Map<String, Class<?>> TYPES = Arrays.stream(ProductEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private ProductEventCodec() {}

    public static NewEvent toNew(ProductEvent event, UUID eventId) {
        NewEvent draft = NewEvent.of(event.type(), toJson(event));
        return eventId == null ? draft : draft.withId(eventId);
    }

    public static JsonObject toJson(ProductEvent event) {
        return new JsonObject(Wire.fields(event));
    }

    public static ProductEvent fromRecorded(RecordedEvent event) {
        return fromJson(event.eventType(), event.data());
    }

    public static ProductEvent fromJson(String type, JsonObject data) {
        Class<?> record = TYPES.get(type);
        if (record == null) throw new IllegalArgumentException("unknown Product event type " + type);
        return (ProductEvent) Wire.read(data.getMap(), record);
    }
}
