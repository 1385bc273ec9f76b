package io.cloudlab.contracts.inventory;

import io.cloudlab.contracts.SagaCommand;

/** What a saga asks of the inventory, for one order. */
public sealed interface InventoryCommand extends SagaCommand permits ReserveStock, ReleaseStock, CommitStock, ReturnStock {}
