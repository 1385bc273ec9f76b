package io.cloudlab.payment.payment.domain;

import java.math.BigDecimal;

/** Why the Payment aggregate refused a command. Nothing is recorded when one is thrown. */
public abstract sealed class PaymentRejected extends RuntimeException {

    PaymentRejected(String message) {
        super(message, null, false, false);
    }

    /** The command does not apply in the payment's current status (capture a voided payment, ...). */
    public static final class IllegalTransition extends PaymentRejected {
        private final PaymentStatus current;

        public IllegalTransition(String action, PaymentStatus current) {
            super("cannot " + action + " a payment that " + (current == null ? "does not exist" : "is " + current));
            this.current = current;
        }

        public PaymentStatus current() {
            return current;
        }
    }

    /** An amount above what the payment allows (capture above authorized, refund above captured minus refunded). */
    public static final class AmountAboveLimit extends PaymentRejected {
        private final BigDecimal limit;

        public AmountAboveLimit(String what, BigDecimal limit) {
            super(what + " must not exceed " + limit.toPlainString());
            this.limit = limit;
        }

        public BigDecimal limit() {
            return limit;
        }
    }

    /** A zero, negative or sub-cent amount. */
    public static final class InvalidAmount extends PaymentRejected {
        public InvalidAmount(String detail) {
            super(detail);
        }
    }

    /** The order already has a payment (one payment per order) that this request is not a retry of. */
    public static final class AlreadyExists extends PaymentRejected {
        private final PaymentStatus current;

        public AlreadyExists(PaymentStatus current) {
            super("the order already has a payment, which is " + current);
            this.current = current;
        }

        public PaymentStatus current() {
            return current;
        }
    }

    /**
     * The means of payment named cannot be charged: a card type without a stored card, a stored card that is
     * not the customer's (or does not exist), or one of another type than the command says.
     */
    public static final class UnusablePaymentMethod extends PaymentRejected {
        public enum Why { MISSING, UNKNOWN, MISMATCH }

        private final Why why;

        public UnusablePaymentMethod(Why why, String detail) {
            super(detail);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }
}
