package io.cloudlab.payment.payment.app;

import io.cloudlab.payment.method.domain.PaymentMethodType;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A request to authorize a payment for an order (REST or the saga), before its means of payment is resolved
 * into {@link io.cloudlab.payment.payment.domain.AuthorizationTerms} and the gateway is asked.
 *
 * @param paymentMethodId required for card types (the stored card to charge)
 */
public record AuthorizationRequest(UUID orderId, String customerId, BigDecimal amount, String currency,
        PaymentMethodType paymentMethod, UUID paymentMethodId) {}
