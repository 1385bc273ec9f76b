package io.cloudlab.order.order.domain;

import io.cloudlab.eventstore.decider.Refusal;

/**
 * A command the order refuses; nothing happened. Two kinds, each one problem type at the edge
 * (service-support's problem mappers): the order's state does not allow it ({@link IllegalTransition}, 409
 * illegal-transition), or the request is one the order cannot accept ({@link Invalid}, 422 order-rejected,
 * naming the request field at fault).
 */
public abstract sealed class OrderRejection extends Refusal permits OrderRejection.IllegalTransition, OrderRejection.Invalid,
        OrderRejection.OverRefund {

    private OrderRejection(Kind kind, String slug, String field, String message) {
        super(kind, slug, field, message);
    }

    public static IllegalTransition illegalTransition(OrderStatus status, String command) {
        return new IllegalTransition("an order that is " + status + " cannot be " + command);
    }

    /** The order's state does not allow the command for a reason its status alone does not say. */
    public static IllegalTransition notNow(String message) {
        return new IllegalTransition(message);
    }

    public static OverRefund overRefund(java.math.BigDecimal refundable) {
        return new OverRefund("more than may still be refunded (" + refundable.toPlainString() + ")");
    }

    public static Invalid invalid(String field, String message) {
        return new Invalid(field, message);
    }

    /** "an order that is shipped cannot be cancelled". */
    public static final class IllegalTransition extends OrderRejection {
        private IllegalTransition(String message) {
            super(Kind.CONFLICT, "illegal-transition", null, message);
        }
    }

    /** A request field the order cannot accept: a product twice, a payment of another amount. */
    public static final class Invalid extends OrderRejection {
        private Invalid(String field, String message) {
            super(Kind.UNPROCESSABLE, "order-rejected", field, message);
        }
    }

    /** A refund above what was paid, less what was and is being refunded: 409 over-refund, naming amount. */
    public static final class OverRefund extends OrderRejection {
        private OverRefund(String message) {
            super(Kind.CONFLICT, "over-refund", "amount", message);
        }
    }
}
