package io.cloudlab.contracts.payment;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Money;
import io.cloudlab.contracts.Nullable;
import io.cloudlab.contracts.SagaReply;
import java.math.BigDecimal;
import java.util.UUID;

/** The payments' answers. Every one names the order's payment, when there is one. */
public sealed interface PaymentReply extends SagaReply {

    @Nullable
    UUID paymentId();

    /** Money is held for the order (also the answer to a new attempt once it is). */
    record PaymentAuthorized(
            @JsonProperty("payment_id") UUID paymentId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("currency") String currency) implements PaymentReply {

        public PaymentAuthorized {
            amount = Money.amount(amount, "amount");
        }
    }

    /**
     * Refused: declined, insufficient_funds, invalid_card (the gateway), or invalid_payment_method (nothing
     * was asked: the means of payment cannot be charged, and there is no payment).
     */
    record PaymentDeclined(
            @JsonProperty("payment_id") @Nullable UUID paymentId,
            @JsonProperty("reason") String reason) implements PaymentReply, Failure {}

    /** The gateway did not answer in time ({@code reason} gateway_timeout): whether money is held is unknown. */
    record PaymentFailed(
            @JsonProperty("payment_id") UUID paymentId,
            @JsonProperty("reason") String reason) implements PaymentReply, Failure {}

    record PaymentCaptured(
            @JsonProperty("payment_id") UUID paymentId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("captured_total") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal capturedTotal)
            implements PaymentReply {

        public PaymentCaptured {
            amount = Money.amount(amount, "amount");
            capturedTotal = Money.amount(capturedTotal, "captured_total");
        }
    }

    /** {@code reason}: payment_not_found, not_authorized, amount_above_authorized, gateway_refused. */
    record PaymentCaptureFailed(
            @JsonProperty("payment_id") UUID paymentId,
            @JsonProperty("reason") String reason) implements PaymentReply, Failure {}

    /**
     * The order's payment holds no money any more, or never did ({@code voided} false: nothing to void). The
     * payment's status says where it stands; both are null when the order has no payment.
     */
    record PaymentVoided(
            @JsonProperty("payment_id") @Nullable UUID paymentId,
            @JsonProperty("voided") boolean voided,
            @JsonProperty("payment_status") @Nullable String paymentStatus) implements PaymentReply {}

    /**
     * {@code amount} went back to the customer: refunded from a capture, or ({@code voided}) the authorization
     * let go before anything was captured. Also the answer to a new attempt once it has.
     */
    record PaymentRefunded(
            @JsonProperty("payment_id") UUID paymentId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("voided") boolean voided) implements PaymentReply {

        public PaymentRefunded {
            amount = Money.amount(amount, "amount");
        }
    }

    /**
     * Nothing went back. {@code reason}: gateway_refused (the provider refused the refund), no_payment (the order
     * has no payment that took money), not_captured (a part of an authorization that was never captured), or
     * amount_above_refundable.
     */
    record PaymentRefundRefused(
            @JsonProperty("payment_id") @Nullable UUID paymentId,
            @JsonProperty("reason") String reason) implements PaymentReply, Failure {}
}
