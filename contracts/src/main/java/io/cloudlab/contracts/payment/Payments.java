package io.cloudlab.contracts.payment;

import io.cloudlab.contracts.Participant;

/** payment-service as a saga participant. */
public final class Payments {

    public static final Participant<PaymentCommand, PaymentReply> PARTICIPANT =
            new Participant<>("payment", "PaymentCommand", PaymentCommand.class, PaymentReply.class);

    private Payments() {}
}
