package io.cloudlab.payment.method.domain;

import java.time.YearMonth;

/**
 * A card as the customer typed it. It only ever travels from the REST edge to the gateway's tokenisation:
 * the service keeps the token, brand and last four, never the number or the CVC. {@link #toString()} is
 * masked so that no log line, exception message or debugger dump can carry the number or CVC.
 */
public record CardDetails(String number, int expiryMonth, int expiryYear, String cvc, String holderName) {

    public String lastFour() {
        return number.substring(number.length() - 4);
    }

    public CardBrand brand() {
        return CardBrand.of(number);
    }

    /** The Luhn checksum every real card number satisfies: a mistyped digit fails it. */
    public boolean passesLuhn() {
        int sum = 0;
        boolean doubled = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            int digit = number.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** A card is valid through the last day of its expiry month. */
    public boolean expiredAt(YearMonth now) {
        return YearMonth.of(expiryYear, expiryMonth).isBefore(now);
    }

    @Override
    public String toString() {
        return "CardDetails[" + brand() + " ****" + lastFour() + ", expires " + expiryMonth + "/" + expiryYear + "]";
    }
}
