package io.cloudlab.payment.gateway.sandbox;

import io.cloudlab.payment.method.domain.CardDetails;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's test card numbers, modelled on a real provider's test mode: a few numbers with a fixed
 * answer, every other Luhn-valid number approved, Luhn-invalid numbers refused as invalid cards.
 */
public final class TestCards {

    public static final String SUCCESS = "4242424242424242";
    public static final String DECLINE = "4000000000000002";
    public static final String INSUFFICIENT_FUNDS = "4000000000009995";
    /** Approved, but the answer comes after the gateway timeout: the case a timeout must handle. */
    public static final String SLOW_ANSWER = "4000000000000119";
    /** Approved, captured and voided like any card, but every refund of it is refused. */
    public static final String REFUSES_REFUNDS = "4000000000005126";
    /** Like any card, except that the first refund of each authorization is refused (the next one goes through). */
    public static final String REFUSES_FIRST_REFUND = "4000000000007726";

    /** How a tokenised card answers authorizations (column card_behaviour). */
    public enum Behaviour {
        APPROVE("approve"), DECLINE("decline"), INSUFFICIENT_FUNDS("insufficient_funds"), SLOW_APPROVE("slow_approve"),
        REFUSE_REFUNDS("refuse_refunds"), REFUSE_FIRST_REFUND("refuse_first_refund");

        final String code;

        Behaviour(String code) {
            this.code = code;
        }

        static Behaviour of(String code) {
            for (Behaviour b : values()) if (b.code.equals(code)) return b;
            throw new IllegalArgumentException("unknown card behaviour " + code);
        }
    }

    private static final Map<String, Behaviour> FIXED = Map.of(
            DECLINE, Behaviour.DECLINE,
            INSUFFICIENT_FUNDS, Behaviour.INSUFFICIENT_FUNDS,
            SLOW_ANSWER, Behaviour.SLOW_APPROVE,
            REFUSES_REFUNDS, Behaviour.REFUSE_REFUNDS,
            REFUSES_FIRST_REFUND, Behaviour.REFUSE_FIRST_REFUND);

    private TestCards() {}

    /** Empty for a Luhn-invalid number: no provider accepts it. */
    public static Optional<Behaviour> behaviourOf(CardDetails card) {
        if (!card.passesLuhn()) return Optional.empty();
        return Optional.of(FIXED.getOrDefault(card.number(), Behaviour.APPROVE));
    }
}
