package io.cloudlab.payment.payment.domain;

import io.cloudlab.payment.method.domain.PaymentMethodType;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/** What can be asked of a payment. */
public sealed interface PaymentCommand {

    /** @param paymentMethodId required for card types (the stored card to charge) */
    record AuthorizePayment(UUID orderId, String customerId, BigDecimal amount, String currency,
            PaymentMethodType paymentMethod, UUID paymentMethodId) implements PaymentCommand {}

    /** @param amount empty: the whole authorized amount */
    record CapturePayment(UUID paymentId, Optional<BigDecimal> amount) implements PaymentCommand {}

    record VoidPayment(UUID paymentId) implements PaymentCommand {}

    record RefundPayment(UUID paymentId, BigDecimal amount, String reason) implements PaymentCommand {}
}
