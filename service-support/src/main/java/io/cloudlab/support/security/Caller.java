package io.cloudlab.support.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, from the verified bearer token: the tenant (every read and write is scoped to it, down to
 * row-level security), the user (the token's subject) and the seed's roles (customer, vendor, admin,
 * support).
 */
public record Caller(UUID tenantId, String userId, Set<String> roles) {

    public static final String CUSTOMER = "customer";
    public static final String VENDOR = "vendor";
    public static final String ADMIN = "admin";
    public static final String SUPPORT = "support";

    public boolean is(String role) {
        return roles.contains(role);
    }

    /** Staff see and act on every customer's data of their tenant. */
    public boolean isStaff() {
        return is(ADMIN) || is(SUPPORT);
    }
}
