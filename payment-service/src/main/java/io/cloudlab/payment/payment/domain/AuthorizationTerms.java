package io.cloudlab.payment.payment.domain;

import io.cloudlab.payment.method.domain.PaymentMethodType;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * What is to be authorized: for card types, with the card's display data (brand, last four) from the
 * stored payment method; the token itself goes to the gateway only.
 */
public record AuthorizationTerms(UUID orderId, String customerId, BigDecimal amount, String currency,
        PaymentMethodType paymentMethod, UUID paymentMethodId, String cardBrand, String cardLastFour) {

    /** Same order, customer, money and means of payment: a retry of the same authorization. */
    public boolean sameAs(AuthorizationTerms other) {
        return orderId.equals(other.orderId) && customerId.equals(other.customerId)
                && amount.compareTo(other.amount) == 0 && currency.equals(other.currency)
                && paymentMethod == other.paymentMethod && Objects.equals(paymentMethodId, other.paymentMethodId);
    }
}
