package io.cloudlab.saga.fulfilment.store;

import io.cloudlab.contracts.order.OrderPlaced;
import io.cloudlab.saga.fulfilment.domain.OrderToFulfil;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** saga_instances.saga_data: the order as the saga needs it, and how it is read from OrderPlaced. */
public final class SagaDataCodec {

    private SagaDataCodec() {}

    /** From OrderPlaced, as its contract reads it, and its envelope's ids. */
    public static OrderToFulfil fromOrderPlaced(UUID orderId, UUID tenantId, OrderPlaced placed) {
        return new OrderToFulfil(orderId, tenantId, placed.customerId(), placed.currency(),
                placed.totalAmount().toPlainString(), placed.paymentMethod(), placed.paymentMethodId(),
                placed.lines().stream().map(l -> new OrderToFulfil.Line(l.productId(), l.quantity())).toList());
    }

    private static OrderToFulfil fromStored(UUID orderId, UUID tenantId, JsonObject data) {
        List<OrderToFulfil.Line> lines = new ArrayList<>();
        for (Object l : data.getJsonArray("lines")) {
            JsonObject line = (JsonObject) l;
            lines.add(new OrderToFulfil.Line(UUID.fromString(line.getString("product_id")), line.getInteger("quantity")));
        }
        String method = data.getString("payment_method_id");
        return new OrderToFulfil(orderId, tenantId, data.getString("customer_id"), data.getString("currency"),
                data.getString("total_amount"), data.getString("payment_method"), method == null ? null : UUID.fromString(method),
                List.copyOf(lines));
    }

    public static JsonObject encode(OrderToFulfil order) {
        JsonArray lines = new JsonArray();
        order.lines().forEach(l -> lines.add(new JsonObject().put("product_id", l.productId().toString()).put("quantity", l.quantity())));
        return new JsonObject().put("order_id", order.orderId().toString()).put("tenant_id", order.tenantId().toString())
                .put("customer_id", order.customerId()).put("currency", order.currency())
                .put("total_amount", order.totalAmount()).put("payment_method", order.paymentMethod())
                .put("payment_method_id", order.paymentMethodId() == null ? null : order.paymentMethodId().toString())
                .put("lines", lines);
    }

    public static OrderToFulfil decode(JsonObject data) {
        return fromStored(UUID.fromString(data.getString("order_id")), UUID.fromString(data.getString("tenant_id")), data);
    }
}
