package io.cloudlab.order.tenant;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A shop on the platform, as the registry keeps it and operators see it. */
public record Tenant(UUID tenantId, String tenantName, String status, String defaultCurrency, Map<String, Object> settings,
        String statusReason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
}
