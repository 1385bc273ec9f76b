package io.cloudlab.support.tenant;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs work in a transaction whose session carries the caller's tenant ({@code app.current_tenant_id}),
 * so the row-level security policies of the service's own tables apply to every statement in it. The
 * setting is transaction-local (set_config's third argument): a pooled connection never carries one
 * request's tenant into the next.
 */
public final class TenantTransactions {

    private TenantTransactions() {}

    public static <T> Uni<T> inTenant(Pool pool, UUID tenantId, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(connection -> enter(connection, tenantId).chain(() -> work.apply(connection)));
    }

    /**
     * Switches an open transaction to {@code tenantId}: what follows runs under its policies. A transaction that
     * applies a batch of messages of several tenants enters each message's tenant before its work.
     */
    public static Uni<Void> enter(SqlConnection transaction, UUID tenantId) {
        return transaction.preparedQuery("SELECT set_config('app.current_tenant_id', $1, true)")
                .execute(Tuple.of(tenantId.toString())).replaceWithVoid();
    }
}
