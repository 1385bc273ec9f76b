package io.cloudlab.contracts;

import io.cloudlab.contracts.catalogue.ProductCreated;
import io.cloudlab.contracts.catalogue.ProductRepriced;
import io.cloudlab.contracts.catalogue.ProductRetired;
import io.cloudlab.contracts.catalogue.ProductUpdated;
import io.cloudlab.contracts.inventory.Inventory;
import io.cloudlab.contracts.order.OrderCancellationRequested;
import io.cloudlab.contracts.order.OrderPlaced;
import io.cloudlab.contracts.order.OrderRefundRequested;
import io.cloudlab.contracts.order.Orders;
import io.cloudlab.contracts.payment.Payments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every contract of the platform: the saga participants, and the domain events read across services. */
public final class Contracts {

    public static final List<Participant<?, ?>> PARTICIPANTS = List.of(Inventory.PARTICIPANT, Payments.PARTICIPANT,
            Orders.PARTICIPANT);

    /** Domain events another service reads, by their owner's topic. */
    public static final List<Class<?>> EVENTS = List.of(OrderPlaced.class, OrderCancellationRequested.class,
            OrderRefundRequested.class, ProductCreated.class, ProductUpdated.class,
            ProductRepriced.class, ProductRetired.class);

    private Contracts() {}

    /** A reply type of any participant, by its name on the wire. */
    public static Optional<Class<? extends SagaReply>> replyType(String type) {
        return PARTICIPANTS.stream().flatMap(p -> p.replyType(type).stream()).<Class<? extends SagaReply>>map(c -> c)
                .findFirst();
    }

    /** Every record type, commands and replies of each participant, then the events. */
    public static List<Class<?>> all() {
        List<Class<?>> all = new ArrayList<>();
        for (Participant<?, ?> p : PARTICIPANTS) {
            Stream.of(p.commands().getPermittedSubclasses()).forEach(all::add);
            Stream.of(p.replies().getPermittedSubclasses()).forEach(all::add);
        }
        all.add(ReplyHeader.class);
        all.addAll(EVENTS);
        return all;
    }
}
