package io.cloudlab.contracts.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudlab.contracts.Nullable;
import io.cloudlab.contracts.SagaReply;

/**
 * The order service's answers; {@code status} is the order's status after the command (pending_payment,
 * paid, cancelled, ...), null when there is no such order.
 */
public sealed interface OrderReply extends SagaReply {

    record OrderConfirmed(@JsonProperty("status") String status) implements OrderReply {}

    record OrderRejected(@JsonProperty("status") String status) implements OrderReply {}

    record OrderCancelled(@JsonProperty("status") String status) implements OrderReply {}

    /** The order cannot be paid (unknown_order, or its status does not allow it). */
    record OrderConfirmationRejected(
            @JsonProperty("reason") String reason,
            @JsonProperty("status") @Nullable String status) implements OrderReply, Failure {}

    /** The order cannot be rejected: it was paid meanwhile, or there is no such order. */
    record OrderRejectionFailed(
            @JsonProperty("reason") String reason,
            @JsonProperty("status") @Nullable String status) implements OrderReply, Failure {}

    record OrderCancellationFailed(
            @JsonProperty("reason") String reason,
            @JsonProperty("status") @Nullable String status) implements OrderReply, Failure {}

    record OrderHeld(@JsonProperty("status") String status) implements OrderReply {}

    record OrderHoldFailed(
            @JsonProperty("reason") String reason,
            @JsonProperty("status") @Nullable String status) implements OrderReply, Failure {}

    record CancellationCompleted(@JsonProperty("status") String status) implements OrderReply {}

    /** The order cannot end cancelled: no cancellation was asked for, or there is no such order. */
    record CancellationCompletionFailed(
            @JsonProperty("reason") String reason,
            @JsonProperty("status") @Nullable String status) implements OrderReply, Failure {}

    record RefundRecorded(@JsonProperty("status") String status) implements OrderReply {}

    record RefundRecordingFailed(
            @JsonProperty("reason") String reason,
            @JsonProperty("status") @Nullable String status) implements OrderReply, Failure {}
}
