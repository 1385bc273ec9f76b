package io.cloudlab.order.order.store;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.pii.PersonalData;
import io.cloudlab.order.order.domain.OrderEvent;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Order events as stored and published: event type = the record's name, payload in snake_case, money as
 * decimal strings ("19.99", never binary floating point), enums in the seed's spelling. This mapping is the
 * published contract of docs/event-catalogue.md, so it lives here, explicitly, and not in a global mapper
 * that another change could reconfigure.
 */
public final class OrderEventCodec {

    public static final String AGGREGATE_TYPE = "Order";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static {
        JSON.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
    }

    private static final Map<String, Class<? extends OrderEvent>> TYPES = Map.of(
            "OrderPlaced", OrderEvent.OrderPlaced.class,
            "OrderPaid", OrderEvent.OrderPaid.class,
            "OrderRejected", OrderEvent.OrderRejected.class,
            "OrderCancelled", OrderEvent.OrderCancelled.class,
            "OrderProcessingStarted", OrderEvent.OrderProcessingStarted.class,
            "OrderShipped", OrderEvent.OrderShipped.class,
            "OrderDelivered", OrderEvent.OrderDelivered.class,
            "OrderRefunded", OrderEvent.OrderRefunded.class);

    private OrderEventCodec() {}

    /**
     * The shipping address is personal data of the customer: stored encrypted under the customer's key, so
     * erasing the customer erases it from every order without rewriting events.
     */
    public static NewEvent encode(OrderEvent event, UUID eventId) {
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = JSON.convertValue(event, Map.class);
        NewEvent encoded = new NewEvent(eventId, typeOf(event), 1, new JsonObject(payload), PersonalData.NONE);
        if (event instanceof OrderEvent.OrderPlaced placed) {
            encoded = encoded.withPersonalData(PersonalData.of(subjectOf(placed.customerId()), "shipping_address"));
        }
        return encoded;
    }

    public static OrderEvent decode(RecordedEvent stored) {
        Class<? extends OrderEvent> type = TYPES.get(stored.eventType());
        if (type == null) throw new IllegalStateException("unknown order event " + stored.eventType());
        // An erased customer's address reads back as null (crypto-shredding): the order stays readable.
        try {
            return JSON.readValue(stored.data().encode(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored " + stored.eventType() + " " + stored.eventId() + " is unreadable", e);
        }
    }

    public static List<OrderEvent> decodeAll(List<RecordedEvent> stored) {
        return stored.stream().map(OrderEventCodec::decode).toList();
    }

    public static String typeOf(OrderEvent event) {
        return event.getClass().getSimpleName();
    }

    /** Personal-data subject of a customer: the token's subject when it is a UUID, else a name-based one. */
    public static UUID subjectOf(String customerId) {
        try {
            return UUID.fromString(customerId);
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes(("customer:" + customerId).getBytes(StandardCharsets.UTF_8));
        }
    }
}
