package io.cloudlab.contracts.order;

import io.cloudlab.contracts.Participant;

/** order-service as a saga participant. */
public final class Orders {

    public static final Participant<OrderCommand, OrderReply> PARTICIPANT =
            new Participant<>("order", "OrderCommand", OrderCommand.class, OrderReply.class);

    private Orders() {}
}
