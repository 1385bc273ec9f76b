package io.cloudlab.order.order.store;

import io.cloudlab.contracts.Wire;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.pii.PersonalData;
import io.cloudlab.order.order.domain.OrderEvent;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Order events as stored and published: event type = the record's name, payload by the platform's one codec
 * policy ({@link Wire}): field names pinned by each component's {@code @JsonProperty} (snake_case), money as
 * decimal strings ("19.99", never binary floating point), enums in the seed's spelling, nulls written. This is
 * the published contract of docs/event-catalogue.md (contracts' OrderPlaced reads it).
 */
public final class OrderEventCodec {

    public static final String AGGREGATE_TYPE = "Order";

    /** Every order event, by its type on the wire: the record's simple name. */
    @SuppressWarnings("unchecked")
    private static final Map<String, Class<? extends OrderEvent>> TYPES = java.util.Arrays
            .stream(OrderEvent.class.getPermittedSubclasses())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Class::getSimpleName,
                    c -> (Class<? extends OrderEvent>) c));

    private OrderEventCodec() {}

    /** The fields of order events that are the customer's personal data. */
    public static final java.util.Set<String> PERSONAL_FIELDS = java.util.Set.of("shipping_address");

    /**
     * The shipping address is personal data of the customer: stored encrypted under the customer's key, so
     * erasing the customer erases it from every order without rewriting events.
     */
    public static NewEvent encode(OrderEvent event, UUID eventId) {
        NewEvent encoded = new NewEvent(eventId, typeOf(event), 1, new JsonObject(Wire.fields(event)), PersonalData.NONE);
        if (event instanceof OrderEvent.OrderPlaced placed) {
            encoded = encoded.withPersonalData(PersonalData.ofCustomer(placed.customerId(), "shipping_address"));
        }
        return encoded;
    }

    public static OrderEvent decode(RecordedEvent stored) {
        Class<? extends OrderEvent> type = TYPES.get(stored.eventType());
        if (type == null) throw new IllegalStateException("unknown order event " + stored.eventType());
        // An erased customer's address reads back as null (crypto-shredding): the order stays readable.
        // Read from the JSON text: the payload's nested values may be Vert.x JSON types, which Wire does not map.
        try {
            return Wire.mapper().readValue(stored.data().encode(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored " + stored.eventType() + " " + stored.eventId() + " is unreadable", e);
        }
    }

    public static List<OrderEvent> decodeAll(List<RecordedEvent> stored) {
        return stored.stream().map(OrderEventCodec::decode).toList();
    }

    public static String typeOf(OrderEvent event) {
        return Wire.typeOf(event);
    }
}
