package io.cloudlab.contracts.payment;

import io.cloudlab.contracts.SagaCommand;

/** What a saga asks of the payments, for one order: each order has one payment. */
public sealed interface PaymentCommand extends SagaCommand permits AuthorizePayment, CapturePayment, VoidPayment, RefundPayment {}
