package io.cloudlab.inventory.product.store;

import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.eventstore.RecordedEvent;
import io.cloudlab.inventory.product.domain.ProductEvent;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductCreated;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductRepriced;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductRetired;
import io.cloudlab.inventory.product.domain.ProductEvent.ProductUpdated;
import io.cloudlab.inventory.product.domain.ProductEvent.StockCommitted;
import io.cloudlab.inventory.product.domain.ProductEvent.StockReleased;
import io.cloudlab.inventory.product.domain.ProductEvent.StockReserved;
import io.cloudlab.inventory.product.domain.ProductEvent.StockRestocked;
import io.cloudlab.inventory.product.domain.ReleaseReason;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The Product events' payloads on the wire (store and Kafka): snake_case, money as strings with two decimals.
 * Written out field by field because other services read them (order-service prices orders from
 * ProductCreated/ProductRepriced/ProductRetired): a renamed Java field must not rename a payload field.
 */
public final class ProductEventCodec {

    public static final String AGGREGATE_TYPE = "Product";

    private ProductEventCodec() {}

    public static NewEvent toNew(ProductEvent event, UUID eventId) {
        NewEvent draft = NewEvent.of(event.type(), toJson(event));
        return eventId == null ? draft : draft.withId(eventId);
    }

    public static JsonObject toJson(ProductEvent event) {
        if (event instanceof ProductCreated e) {
            return new JsonObject().put("vendor_id", e.vendorId().toString()).put("name", e.name())
                    .put("description", e.description()).put("price", money(e.price())).put("currency", e.currency())
                    .put("initial_stock", e.initialStock());
        }
        if (event instanceof ProductUpdated e) {
            return new JsonObject().put("name", e.name()).put("description", e.description());
        }
        if (event instanceof ProductRepriced e) {
            return new JsonObject().put("price", money(e.price())).put("previous_price", money(e.previousPrice()))
                    .put("currency", e.currency());
        }
        if (event instanceof StockRestocked e) {
            return new JsonObject().put("quantity", e.quantity()).put("available", e.available());
        }
        if (event instanceof ProductRetired) return new JsonObject();
        if (event instanceof StockReserved e) {
            return new JsonObject().put("order_id", e.orderId().toString()).put("quantity", e.quantity())
                    .put("available", e.available()).put("reserved", e.reserved())
                    .put("expires_at", e.expiresAt().toString());
        }
        if (event instanceof StockReleased e) {
            return new JsonObject().put("order_id", e.orderId().toString()).put("quantity", e.quantity())
                    .put("reason", e.reason().toString()).put("available", e.available()).put("reserved", e.reserved());
        }
        if (event instanceof StockCommitted e) {
            return new JsonObject().put("order_id", e.orderId().toString()).put("quantity", e.quantity())
                    .put("reserved", e.reserved());
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    public static ProductEvent fromRecorded(RecordedEvent event) {
        return fromJson(event.eventType(), event.data());
    }

    public static ProductEvent fromJson(String type, JsonObject d) {
        return switch (type) {
            case "ProductCreated" -> new ProductCreated(uuid(d, "vendor_id"), d.getString("name"),
                    d.getString("description"), new BigDecimal(d.getString("price")), d.getString("currency"),
                    d.getInteger("initial_stock"));
            case "ProductUpdated" -> new ProductUpdated(d.getString("name"), d.getString("description"));
            case "ProductRepriced" -> new ProductRepriced(new BigDecimal(d.getString("price")),
                    new BigDecimal(d.getString("previous_price")), d.getString("currency"));
            case "StockRestocked" -> new StockRestocked(d.getInteger("quantity"), d.getInteger("available"));
            case "ProductRetired" -> new ProductRetired();
            case "StockReserved" -> new StockReserved(uuid(d, "order_id"), d.getInteger("quantity"),
                    d.getInteger("available"), d.getInteger("reserved"), Instant.parse(d.getString("expires_at")));
            case "StockReleased" -> new StockReleased(uuid(d, "order_id"), d.getInteger("quantity"),
                    ReleaseReason.parse(d.getString("reason")), d.getInteger("available"), d.getInteger("reserved"));
            case "StockCommitted" -> new StockCommitted(uuid(d, "order_id"), d.getInteger("quantity"),
                    d.getInteger("reserved"));
            default -> throw new IllegalArgumentException("unknown Product event type " + type);
        };
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    private static UUID uuid(JsonObject d, String field) {
        return UUID.fromString(d.getString(field));
    }
}
