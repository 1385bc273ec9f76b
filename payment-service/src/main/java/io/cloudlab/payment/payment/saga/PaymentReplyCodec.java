package io.cloudlab.payment.payment.saga;

import io.cloudlab.payment.payment.saga.PaymentReply.PaymentAuthorized;
import io.cloudlab.payment.payment.saga.PaymentReply.PaymentCaptureFailed;
import io.cloudlab.payment.payment.saga.PaymentReply.PaymentCaptured;
import io.cloudlab.payment.payment.saga.PaymentReply.PaymentDeclined;
import io.cloudlab.payment.payment.saga.PaymentReply.PaymentFailed;
import io.cloudlab.payment.payment.saga.PaymentReply.PaymentVoided;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The replies' data as published (SagaReplies adds saga_id, command_id, command_type and order_id). Written
 * field by field, like the events, because this is a contract with the orchestrator. Money is a string with
 * two decimals.
 */
final class PaymentReplyCodec {

    private PaymentReplyCodec() {}

    static JsonObject data(PaymentReply reply) {
        if (reply instanceof PaymentAuthorized r) {
            return payment(r.paymentId()).put("amount", money(r.amount())).put("currency", r.currency());
        }
        if (reply instanceof PaymentDeclined r) return payment(r.paymentId()).put("reason", r.reason());
        if (reply instanceof PaymentFailed r) return payment(r.paymentId()).put("reason", r.reason());
        if (reply instanceof PaymentCaptured r) {
            return payment(r.paymentId()).put("amount", money(r.amount())).put("captured_total", money(r.capturedTotal()));
        }
        if (reply instanceof PaymentCaptureFailed r) return payment(r.paymentId()).put("reason", r.reason());
        PaymentVoided r = (PaymentVoided) reply;
        return payment(r.paymentId()).put("voided", r.voided()).put("payment_status", r.paymentStatus());
    }

    private static JsonObject payment(UUID paymentId) {
        return new JsonObject().put("payment_id", paymentId == null ? null : paymentId.toString());
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}
