package io.cloudlab.support.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, from the verified bearer token: the tenant (every read and write is scoped to it, down to
 * row-level security), the user (the token's subject) and the roles: the seed's customer, vendor, admin and
 * support, which act within their tenant, and the platform's operator, who runs what spans every tenant
 * (projection rebuilds and audits, database health, any tenant's sagas).
 *
 * <p>A class, not a record: it is injected as a request-scoped bean into singleton resources, so CDI hands
 * out a proxy, and records are final.
 */
public class Caller {

    public static final String CUSTOMER = "customer";
    public static final String VENDOR = "vendor";
    public static final String ADMIN = "admin";
    public static final String SUPPORT = "support";
    /** Runs the platform, not a shop: the one role whose actions cross tenants. */
    public static final String OPERATOR = "operator";

    private final UUID tenantId;
    private final String userId;
    private final Set<String> roles;

    public Caller(UUID tenantId, String userId, Set<String> roles) {
        this.tenantId = tenantId;
        this.userId = userId;
        this.roles = Set.copyOf(roles);
    }

    /** For the CDI proxy only. */
    protected Caller() {
        this(null, null, Set.of());
    }

    public UUID tenantId() {
        return tenantId;
    }

    public String userId() {
        return userId;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    public boolean isOperator() {
        return is(OPERATOR);
    }

    /** Staff see and act on every customer's data of their tenant. */
    public boolean isStaff() {
        return is(ADMIN) || is(SUPPORT);
    }

    @Override
    public String toString() {
        return "Caller[tenant " + tenantId + ", user " + userId + ", roles " + roles + "]";
    }
}
