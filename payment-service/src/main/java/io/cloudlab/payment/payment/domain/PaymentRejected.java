package io.cloudlab.payment.payment.domain;

import io.cloudlab.eventstore.decider.Refusal;
import java.math.BigDecimal;

/**
 * Why the Payment aggregate refused a command. Nothing is recorded when one is thrown. Each is a {@link
 * Refusal}, so service-support's problem mappers answer it: its kind is the status, its slug the problem
 * type, its field the request field at fault.
 */
public abstract sealed class PaymentRejected extends Refusal {

    PaymentRejected(Kind kind, String slug, String field, String message) {
        super(kind, slug, field, message);
    }

    /** The command does not apply in the payment's current status (capture a voided payment, ...). */
    public static final class IllegalTransition extends PaymentRejected {
        private final PaymentStatus current;

        public IllegalTransition(String action, PaymentStatus current) {
            super(Kind.CONFLICT, "illegal-transition", null,
                    "cannot " + action + " a payment that " + (current == null ? "does not exist" : "is " + current));
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
            super(Kind.UNPROCESSABLE, "amount-above-limit", "amount", what + " must not exceed " + limit.toPlainString());
            this.limit = limit;
        }

        public BigDecimal limit() {
            return limit;
        }
    }

    /** A zero, negative or sub-cent amount. */
    public static final class InvalidAmount extends PaymentRejected {
        public InvalidAmount(String detail) {
            super(Kind.INVALID, "invalid-input", "amount", detail);
        }
    }

    /** The order already has a payment (one payment per order) that this request is not a retry of. */
    public static final class AlreadyExists extends PaymentRejected {
        private final PaymentStatus current;

        public AlreadyExists(PaymentStatus current) {
            super(Kind.CONFLICT, "payment-exists", "order_id", "the order already has a payment, which is " + current);
            this.current = current;
        }

        public PaymentStatus current() {
            return current;
        }
    }

    /**
     * The means of payment named cannot be charged: a card type without a stored card (a malformed request),
     * a stored card that is not the customer's or does not exist, or one of another type than the command says.
     */
    public static final class UnusablePaymentMethod extends PaymentRejected {
        public enum Why {
            MISSING(Kind.INVALID, "invalid-input", "payment_method_id"),
            UNKNOWN(Kind.UNPROCESSABLE, "unknown-payment-method", "payment_method_id"),
            MISMATCH(Kind.UNPROCESSABLE, "payment-method-mismatch", "payment_method");

            private final Kind kind;
            private final String slug;
            private final String field;

            Why(Kind kind, String slug, String field) {
                this.kind = kind;
                this.slug = slug;
                this.field = field;
            }
        }

        private final Why why;

        public UnusablePaymentMethod(Why why, String detail) {
            super(why.kind, why.slug, why.field, detail);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }
}
