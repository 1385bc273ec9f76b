package io.cloudlab.order.order.domain;

/**
 * A command the order cannot carry out in its current state. {@code field} names the request field at
 * fault when there is one (so the edge can answer 422 naming it); a wrong state is a conflict (409).
 */
public final class OrderRejection extends RuntimeException {

    public enum Kind { ILLEGAL_TRANSITION, INVALID }

    private final Kind kind;
    private final String field;

    private OrderRejection(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    public static OrderRejection illegalTransition(OrderStatus status, String command) {
        return new OrderRejection(Kind.ILLEGAL_TRANSITION, null,
                "an order that is " + status + " cannot be " + command);
    }

    public static OrderRejection invalid(String field, String message) {
        return new OrderRejection(Kind.INVALID, field, message);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
