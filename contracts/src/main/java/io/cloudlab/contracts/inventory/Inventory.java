package io.cloudlab.contracts.inventory;

import io.cloudlab.contracts.Participant;

/** inventory-service as a saga participant. */
public final class Inventory {

    public static final Participant<InventoryCommand, InventoryReply> PARTICIPANT =
            new Participant<>("inventory", "InventoryCommand", InventoryCommand.class, InventoryReply.class);

    private Inventory() {}
}
