package io.cloudlab.payment.payment.api;

/** Money in requests: a JSON string of a positive decimal with at most two decimals, within DECIMAL(10,2). */
final class Money {

    static final String PATTERN = "^(?!0+(\\.0+)?$)[0-9]{1,8}(\\.[0-9]{1,2})?$";
    static final String MESSAGE = "must be a positive amount as a string with at most 2 decimals, like \"19.99\"";

    private Money() {}
}
