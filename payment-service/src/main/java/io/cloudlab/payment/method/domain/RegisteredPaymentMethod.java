package io.cloudlab.payment.method.domain;

import java.util.UUID;

/**
 * A payment method as the service keeps it: for cards the gateway token stands in for the card (brand, last
 * four and expiry are for display); non-card types carry no card fields (all null).
 */
public record RegisteredPaymentMethod(UUID paymentMethodId, String customerId, PaymentMethodType type,
        String gatewayToken, CardBrand brand, String lastFour, Integer expiryMonth, Integer expiryYear,
        String holderName) {

    @Override
    public String toString() {
        return "RegisteredPaymentMethod[" + paymentMethodId + " " + type + (brand == null ? "" : " " + brand + " ****" + lastFour) + "]";
    }
}
