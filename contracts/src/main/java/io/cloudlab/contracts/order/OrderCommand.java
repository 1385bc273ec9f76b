package io.cloudlab.contracts.order;

import io.cloudlab.contracts.SagaCommand;

/** What a saga asks of the order service about one order. */
public sealed interface OrderCommand extends SagaCommand permits ConfirmOrder, RejectOrder, CancelOrder, HoldOrder, CompleteCancellation,
        RecordRefund {}
