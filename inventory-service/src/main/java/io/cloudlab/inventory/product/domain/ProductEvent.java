package io.cloudlab.inventory.product.domain;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a product. The stock events carry the levels after the change, so that a consumer (a
 * storefront availability view) needs no state of its own to show them.
 *
 * <p>Each record is its payload on the wire (store and Kafka, written by the platform's {@code Wire} policy):
 * every field name is pinned by {@code @JsonProperty}, because other services read these payloads
 * (order-service prices orders from ProductCreated, ProductRepriced and ProductRetired) and a Java rename must
 * not rename a field. Money is a string with two decimals.
 */
public sealed interface ProductEvent {

    /** The event type stored with the event: the record's simple name. */
    default String type() {
        return getClass().getSimpleName();
    }

    record ProductCreated(
            @JsonProperty("vendor_id") UUID vendorId,
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("price") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
            @JsonProperty("currency") String currency,
            @JsonProperty("initial_stock") int initialStock) implements ProductEvent {

        public ProductCreated {
            price = cents(price);
        }
    }

    record ProductUpdated(
            @JsonProperty("name") String name,
            @JsonProperty("description") String description) implements ProductEvent {}

    record ProductRepriced(
            @JsonProperty("price") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
            @JsonProperty("previous_price") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal previousPrice,
            @JsonProperty("currency") String currency) implements ProductEvent {

        public ProductRepriced {
            price = cents(price);
            previousPrice = cents(previousPrice);
        }
    }

    record StockRestocked(
            @JsonProperty("quantity") int quantity,
            @JsonProperty("available") int available) implements ProductEvent {}

    /** No fields: the annotation only tells Jackson that an empty payload is meant. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProductRetired() implements ProductEvent {}

    record StockReserved(
            @JsonProperty("order_id") UUID orderId,
            @JsonProperty("quantity") int quantity,
            @JsonProperty("available") int available,
            @JsonProperty("reserved") int reserved,
            @JsonProperty("expires_at") Instant expiresAt) implements ProductEvent {}

    record StockReleased(
            @JsonProperty("order_id") UUID orderId,
            @JsonProperty("quantity") int quantity,
            @JsonProperty("reason") ReleaseReason reason,
            @JsonProperty("available") int available,
            @JsonProperty("reserved") int reserved) implements ProductEvent {}

    record StockCommitted(
            @JsonProperty("order_id") UUID orderId,
            @JsonProperty("quantity") int quantity,
            @JsonProperty("reserved") int reserved) implements ProductEvent {}

    /** Units sold to an order are back in the available stock. */
    record UnitsReturned(
            @JsonProperty("order_id") UUID orderId,
            @JsonProperty("quantity") int quantity,
            @JsonProperty("available") int available) implements ProductEvent {}

    /**
     * Money at two decimals, as the payloads always carried it: "19.9" and "19.90" are one price and one
     * payload; more than two decimals is an ArithmeticException (prices are validated by {@link Price}).
     */
    private static BigDecimal cents(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2);
    }
}
