package io.cloudlab.saga.fulfilment.domain;

import java.util.Locale;

/**
 * The steps of order fulfilment, forward then compensating, each the command one service carries out.
 * The numbers are saga_steps.step_number: the order the steps can run in.
 */
public enum StepType {
    RESERVE_STOCK(1, Target.INVENTORY, "ReserveStock", false),
    AUTHORIZE_PAYMENT(2, Target.PAYMENT, "AuthorizePayment", false),
    CONFIRM_ORDER(3, Target.ORDER, "ConfirmOrder", false),
    CAPTURE_PAYMENT(4, Target.PAYMENT, "CapturePayment", false),
    COMMIT_STOCK(5, Target.INVENTORY, "CommitStock", false),
    VOID_PAYMENT(6, Target.PAYMENT, "VoidPayment", true),
    RELEASE_STOCK(7, Target.INVENTORY, "ReleaseStock", true),
    REJECT_ORDER(8, Target.ORDER, "RejectOrder", true);

    /** Who carries a step out: the service whose commands topic the command goes to. */
    public enum Target { INVENTORY, PAYMENT, ORDER }

    private final int number;
    private final Target target;
    private final String command;
    private final boolean compensation;

    StepType(int number, Target target, String command, boolean compensation) {
        this.number = number;
        this.target = target;
        this.command = command;
        this.compensation = compensation;
    }

    public int number() { return number; }

    public Target target() { return target; }

    public String command() { return command; }

    public boolean compensation() { return compensation; }

    /**
     * A forward step after the pivot (the order confirmed as paid): it is never undone, only done, so running
     * out of time is no reason to compensate. In the saga literature's terms (Garcia-Molina and Salem's
     * "Sagas", Richardson's compensatable / pivot / retriable transactions) these are the retriable ones.
     */
    public boolean retriable() {
        return this == CAPTURE_PAYMENT || this == COMMIT_STOCK;
    }

    public StepType next() {
        return switch (this) {
            case RESERVE_STOCK -> AUTHORIZE_PAYMENT;
            case AUTHORIZE_PAYMENT -> CONFIRM_ORDER;
            case CONFIRM_ORDER -> CAPTURE_PAYMENT;
            case CAPTURE_PAYMENT -> COMMIT_STOCK;
            default -> null;
        };
    }

    public static StepType ofNumber(int number) {
        for (StepType t : values()) if (t.number == number) return t;
        throw new IllegalArgumentException("no step " + number);
    }

    /** As stored in saga_steps.step_type: reserve_stock, ... */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
