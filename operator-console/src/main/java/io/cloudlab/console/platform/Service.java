package io.cloudlab.console.platform;

import io.cloudlab.console.ConsoleConfig;

/** The platform's services, by the names their APIs and metrics use. */
public enum Service {
    ORDER("order-service"), INVENTORY("inventory-service"), PAYMENT("payment-service"), SAGA("saga-orchestrator");

    public final String id;

    Service(String id) {
        this.id = id;
    }

    String baseUrl(ConsoleConfig.Services services) {
        return switch (this) {
            case ORDER -> services.orderService();
            case INVENTORY -> services.inventoryService();
            case PAYMENT -> services.paymentService();
            case SAGA -> services.sagaOrchestrator();
        };
    }

    public static Service of(String id) {
        for (Service s : values()) if (s.id.equals(id)) return s;
        throw new IllegalArgumentException("no service " + id);
    }
}
