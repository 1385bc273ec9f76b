package io.cloudlab.payment.payment.domain;

import io.cloudlab.payment.method.domain.CardBrand;

/** What tokenising a card gives back: either a token with display data, or why the card was refused. */
public sealed interface CardToken {

    record Issued(String token, CardBrand brand, String lastFour) implements CardToken {
        @Override
        public String toString() {
            return "Issued[" + brand + " ****" + lastFour + "]";
        }
    }

    record Refused(DeclineReason reason) implements CardToken {}
}
