package io.cloudlab.payment.payment.domain;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.payment.method.domain.PaymentMethodType;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * What happened to a payment. The stream of these is the payment; its state is folded from them.
 *
 * <p>They are published on cloudlab.payment.events, so each component's wire name is pinned by its
 * {@code @JsonProperty} (a Java rename cannot change the payload) and money is a decimal string at scale 2.
 * No card number or CVC can appear: the events only have fields for brand and last four.
 */
public sealed interface PaymentEvent {

    UUID orderId();

    /** The gateway holds the amount on the customer's means of payment. */
    record PaymentAuthorized(
            @JsonProperty("order_id") UUID orderId,
            @JsonProperty("customer_id") String customerId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("payment_method") PaymentMethodType paymentMethod,
            @JsonProperty("payment_method_id") UUID paymentMethodId,
            @JsonProperty("card_brand") String cardBrand,
            @JsonProperty("card_last_four") String cardLastFour,
            @JsonProperty("gateway_reference") String gatewayReference) implements PaymentEvent {

        public PaymentAuthorized {
            amount = Cents.of(amount, "amount");
        }
    }

    /** The gateway refused the authorization; the payment is over. */
    record PaymentDeclined(
            @JsonProperty("order_id") UUID orderId,
            @JsonProperty("customer_id") String customerId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("payment_method") PaymentMethodType paymentMethod,
            @JsonProperty("reason") DeclineReason reason) implements PaymentEvent {

        public PaymentDeclined {
            amount = Cents.of(amount, "amount");
        }
    }

    /**
     * The gateway did not answer within the timeout: whether money is held is unknown. Recorded so that the
     * payment exists (pending) and a retry asks the gateway again under the same gateway idempotency key
     * instead of authorizing twice.
     */
    record PaymentAuthorizationTimedOut(
            @JsonProperty("order_id") UUID orderId,
            @JsonProperty("customer_id") String customerId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("payment_method") PaymentMethodType paymentMethod,
            @JsonProperty("payment_method_id") UUID paymentMethodId) implements PaymentEvent {

        public PaymentAuthorizationTimedOut {
            amount = Cents.of(amount, "amount");
        }
    }

    /** Money moved: {@code amount} of the authorization was captured (the rest is released). */
    record PaymentCaptured(
            @JsonProperty("order_id") UUID orderId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("captured_total") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal capturedTotal)
            implements PaymentEvent {

        public PaymentCaptured {
            amount = Cents.of(amount, "amount");
            capturedTotal = Cents.of(capturedTotal, "captured_total");
        }
    }

    /** The authorization was released without capturing anything. */
    record PaymentVoided(@JsonProperty("order_id") UUID orderId) implements PaymentEvent {}

    /**
     * {@code amount} went back to the customer; {@code refundedTotal} is the sum of all refunds so far.
     * {@code refundId} names a saga's refund (its saga id), so another attempt of the step finds it done; null
     * for a refund asked for over REST.
     */
    record PaymentRefunded(
            @JsonProperty("order_id") UUID orderId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("refunded_total") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal refundedTotal,
            @JsonProperty("reason") String reason,
            @JsonProperty("refund_id") UUID refundId) implements PaymentEvent {

        public PaymentRefunded {
            amount = Cents.of(amount, "amount");
            refundedTotal = Cents.of(refundedTotal, "refunded_total");
        }
    }

    /**
     * The gateway refused a saga's refund ({@code refundId}, its saga id): no money moved. Recorded so that the
     * refund asked for again, once an operator retries, is a new request to the gateway (its idempotency key
     * counts these), and not the refused one answered again.
     */
    record PaymentRefundDeclined(
            @JsonProperty("order_id") UUID orderId,
            @JsonProperty("refund_id") UUID refundId,
            @JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @JsonProperty("reason") String reason) implements PaymentEvent {

        public PaymentRefundDeclined {
            amount = Cents.of(amount, "amount");
        }
    }
}
