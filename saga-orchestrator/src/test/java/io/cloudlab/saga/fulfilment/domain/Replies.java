package io.cloudlab.saga.fulfilment.domain;

import io.cloudlab.contracts.SagaReply;
import io.cloudlab.contracts.inventory.InventoryReply;
import io.cloudlab.contracts.order.OrderReply;
import io.cloudlab.contracts.payment.PaymentReply;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A participant's reply of a given type, as a script names it. */
final class Replies {

    private static final BigDecimal TOTAL = new BigDecimal("99.90");

    private Replies() {}

    static SagaReply of(String type, String reason, UUID payment) {
        String why = reason == null ? "some reason" : reason;
        return switch (type) {
            case "StockReserved" -> new InventoryReply.StockReserved(List.of(), Instant.parse("2026-11-22T10:15:00Z"));
            case "StockReservationRejected" -> new InventoryReply.StockReservationRejected(why, UUID.randomUUID());
            case "StockReleased" -> new InventoryReply.StockReleased(true);
            case "StockCommitted" -> new InventoryReply.StockCommitted();
            case "StockCommitFailed" -> new InventoryReply.StockCommitFailed(why);
            case "PaymentAuthorized" -> new PaymentReply.PaymentAuthorized(payment, TOTAL, "EUR");
            case "PaymentDeclined" -> new PaymentReply.PaymentDeclined(payment, why);
            case "PaymentFailed" -> new PaymentReply.PaymentFailed(payment, why);
            case "PaymentCaptured" -> new PaymentReply.PaymentCaptured(payment, TOTAL, TOTAL);
            case "PaymentCaptureFailed" -> new PaymentReply.PaymentCaptureFailed(payment, why);
            case "PaymentVoided" -> new PaymentReply.PaymentVoided(payment, true, "voided");
            case "OrderConfirmed" -> new OrderReply.OrderConfirmed("paid");
            case "OrderRejected" -> new OrderReply.OrderRejected("cancelled");
            case "OrderCancelled" -> new OrderReply.OrderCancelled("cancelled");
            case "OrderConfirmationRejected" -> new OrderReply.OrderConfirmationRejected(why, "cancelled");
            case "OrderRejectionFailed" -> new OrderReply.OrderRejectionFailed(why, "paid");
            case "OrderCancellationFailed" -> new OrderReply.OrderCancellationFailed(why, "paid");
            case "PaymentRefunded" -> new PaymentReply.PaymentRefunded(payment, TOTAL, false);
            case "PaymentRefundRefused" -> new PaymentReply.PaymentRefundRefused(payment, why);
            case "StockReturned" -> new InventoryReply.StockReturned(true);
            case "CancellationCompleted" -> new OrderReply.CancellationCompleted("cancelled");
            case "RefundRecorded" -> new OrderReply.RefundRecorded("delivered");
            case "OrderHeld" -> new OrderReply.OrderHeld("paid");
            default -> throw new IllegalArgumentException("no reply " + type);
        };
    }
}
