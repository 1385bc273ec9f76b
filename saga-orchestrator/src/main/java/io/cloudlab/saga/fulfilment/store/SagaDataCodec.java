package io.cloudlab.saga.fulfilment.store;

import io.cloudlab.contracts.order.OrderCancellationRequested;
import io.cloudlab.contracts.order.OrderPlaced;
import io.cloudlab.contracts.order.OrderRefundRequested;
import io.cloudlab.saga.fulfilment.domain.SagaRequest;
import io.cloudlab.saga.fulfilment.domain.SagaOrder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * saga_instances.saga_data: the order as the saga needs it (read from OrderPlaced, or from the event that asked
 * for a paid order's cancellation or refund) and, under "request", what was asked of the saga.
 */
public final class SagaDataCodec {

    private SagaDataCodec() {}

    /** From OrderPlaced, as its contract reads it, and its envelope's ids. */
    public static SagaOrder fromOrderPlaced(UUID orderId, UUID tenantId, OrderPlaced placed) {
        return new SagaOrder(orderId, tenantId, placed.customerId(), placed.currency(),
                placed.totalAmount().toPlainString(), placed.paymentMethod(), placed.paymentMethodId(),
                placed.lines().stream().map(l -> new SagaOrder.Line(l.productId(), l.quantity())).toList());
    }

    private static SagaOrder fromStored(UUID orderId, UUID tenantId, JsonObject data) {
        List<SagaOrder.Line> lines = new ArrayList<>();
        for (Object l : data.getJsonArray("lines")) {
            JsonObject line = (JsonObject) l;
            lines.add(new SagaOrder.Line(UUID.fromString(line.getString("product_id")), line.getInteger("quantity")));
        }
        String method = data.getString("payment_method_id");
        return new SagaOrder(orderId, tenantId, data.getString("customer_id"), data.getString("currency"),
                data.getString("total_amount"), data.getString("payment_method"), method == null ? null : UUID.fromString(method),
                List.copyOf(lines));
    }

    /** From OrderCancellationRequested: who paid what, in which currency. */
    public static SagaOrder fromCancellation(UUID orderId, UUID tenantId, OrderCancellationRequested asked) {
        return new SagaOrder(orderId, tenantId, asked.customerId(), asked.currency(), asked.amount().toPlainString(),
                null, null, List.of());
    }

    /** From OrderRefundRequested. */
    public static SagaOrder fromRefund(UUID orderId, UUID tenantId, OrderRefundRequested asked) {
        return new SagaOrder(orderId, tenantId, asked.customerId(), asked.currency(), asked.amount().toPlainString(),
                null, null, List.of());
    }

    public static JsonObject encode(SagaOrder order, SagaRequest request) {
        JsonObject data = encode(order);
        if (request != null) {
            data.put("request", new JsonObject().put("amount", request.amount().toPlainString())
                    .put("reason", request.reason()).put("restock", request.restock()));
        }
        return data;
    }

    public static SagaRequest request(JsonObject data) {
        JsonObject r = data.getJsonObject("request");
        return r == null ? null : new SagaRequest(new java.math.BigDecimal(r.getString("amount")), r.getString("reason"),
                r.getBoolean("restock", false));
    }

    public static JsonObject encode(SagaOrder order) {
        JsonArray lines = new JsonArray();
        order.lines().forEach(l -> lines.add(new JsonObject().put("product_id", l.productId().toString()).put("quantity", l.quantity())));
        return new JsonObject().put("order_id", order.orderId().toString()).put("tenant_id", order.tenantId().toString())
                .put("customer_id", order.customerId()).put("currency", order.currency())
                .put("total_amount", order.totalAmount()).put("payment_method", order.paymentMethod())
                .put("payment_method_id", order.paymentMethodId() == null ? null : order.paymentMethodId().toString())
                .put("lines", lines);
    }

    public static SagaOrder decode(JsonObject data) {
        return fromStored(UUID.fromString(data.getString("order_id")), UUID.fromString(data.getString("tenant_id")), data);
    }
}
