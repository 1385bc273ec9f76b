package io.cloudlab.payment.payment.store;

import io.cloudlab.contracts.Wire;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.eventstore.pii.PersonalData;
import io.cloudlab.payment.payment.domain.PaymentEvent;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Payment events as stored and published on cloudlab.payment.events (docs/services/payment-service.md):
 * event type = the record's name, payload by the platform's one codec policy ({@link Wire}): each field's
 * name is its component's {@code @JsonProperty}, money a decimal string with two decimals, enums in the
 * seed's spelling, nulls written. Schema version 1. The card's last four digits are the customer's personal data:
 * stored (and published) encrypted under the customer's key, so erasing the customer leaves them unreadable.
 */
public final class PaymentEventCodec {

    public static final String AGGREGATE_TYPE = "Payment";

    private static final Map<String, Class<? extends PaymentEvent>> TYPES = new HashMap<>();

    static {
        for (Class<?> type : PaymentEvent.class.getPermittedSubclasses()) {
            TYPES.put(type.getSimpleName(), type.asSubclass(PaymentEvent.class));
        }
    }

    private PaymentEventCodec() {}

    public static NewEvent encode(PaymentEvent event, UUID eventId) {
        NewEvent encoded = NewEvent.of(Wire.typeOf(event), new JsonObject(Wire.fields(event))).withId(eventId);
        if (event instanceof PaymentEvent.PaymentAuthorized authorized && authorized.cardLastFour() != null) {
            encoded = encoded.withPersonalData(PersonalData.ofCustomer(authorized.customerId(), "card_last_four"));
        }
        return encoded;
    }

    public static PaymentEvent decode(RecordedEvent recorded) {
        return decode(recorded.eventType(), recorded.data());
    }

    static PaymentEvent decode(String type, JsonObject data) {
        Class<? extends PaymentEvent> eventType = TYPES.get(type);
        if (eventType == null) throw new IllegalArgumentException("unknown payment event type " + type);
        return Wire.read(data.getMap(), eventType);
    }
}
