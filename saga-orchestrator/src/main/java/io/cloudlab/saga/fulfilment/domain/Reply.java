package io.cloudlab.saga.fulfilment.domain;

import java.util.UUID;

/**
 * A service's answer to one command attempt: its type says success or failure, e.g. StockReserved;
 * {@code commandType} is the command it answers (ReserveStock).
 */
public record Reply(UUID commandId, String commandType, String type, UUID paymentId, String reason) {

    /** Reply types that report the step failed; every other reply of a step is its success. */
    public boolean failure() {
        return switch (type) {
            // OrderRejectionFailed: the order could not be rejected (it was paid meanwhile): counted as done, the
            // saga ended compensated with the order paid and its payment voided. Now the saga stops, failed, for
            // an operator (found in review).
            case "StockReservationRejected", "PaymentDeclined", "PaymentFailed", "OrderConfirmationRejected",
                 "PaymentCaptureFailed", "StockCommitFailed", "OrderRejectionFailed", "OrderCancellationFailed" -> true;
            default -> false;
        };
    }
}
