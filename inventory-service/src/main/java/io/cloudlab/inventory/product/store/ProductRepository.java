package io.cloudlab.inventory.product.store;

import static io.cloudlab.inventory.product.store.ProductEventCodec.AGGREGATE_TYPE;

import io.cloudlab.eventstore.AppendResult;
import io.cloudlab.eventstore.EventMetadata;
import io.cloudlab.eventstore.EventStore;
import io.cloudlab.eventstore.NewEvent;
import io.cloudlab.inventory.product.domain.Product;
import io.cloudlab.inventory.product.domain.ProductCommand;
import io.cloudlab.inventory.product.domain.ProductCommand.CreateProduct;
import io.cloudlab.inventory.product.domain.ProductEvent;
import io.cloudlab.inventory.product.domain.ProductState;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.tenant.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Saves the Product aggregate: the events {@link Product#decide} returned, appended at the version the rows
 * were at, and the rows moved to the fold of those events, in one transaction of the caller's tenant. A
 * command starts from the locked rows (the state the stream folds to at their version, kept so by every
 * append), so concurrent commands on one product queue on the row lock instead of failing on the version.
 */
@ApplicationScoped
public class ProductRepository {

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    public Uni<ProductRecord> find(UUID tenantId, UUID productId) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> ProductRows.find(tx, productId));
    }

    /**
     * @param eventIds the id of the i-th event (derived from the Idempotency-Key): a retry after a crash
     *                 between commit and answer appends the same ids, finds them stored, and writes nothing
     */
    public Uni<ProductRecord> create(EventMetadata metadata, UUID productId, CreateProduct command,
            IntFunction<UUID> eventIds) {
        return Uni.createFrom().deferred(() -> {
            Product product = Product.of(productId);
            List<ProductEvent> events = product.decide(command, product.initial());
            ProductState created = product.fold(events);
            return committedOrReplayed(metadata.tenantId(), productId, tx ->
                    append(tx, productId, 0, events, eventIds, metadata)
                            .chain(() -> ProductRows.insert(tx, metadata.tenantId(), created)));
        });
    }

    /**
     * Runs {@code command} on the product. {@code authorize} sees the product before the command does (and
     * throws to refuse); unknown products (or another tenant's, which RLS hides) are 404.
     */
    public Uni<ProductRecord> change(EventMetadata metadata, UUID productId, ProductCommand command,
            Consumer<ProductState> authorize, IntFunction<UUID> eventIds) {
        return committedOrReplayed(metadata.tenantId(), productId, tx -> ProductRows.lock(tx, productId)
                        .chain(before -> {
                            if (before == null) {
                                return Uni.createFrom().failure(ProblemException.notFound("product " + productId));
                            }
                            authorize.accept(before);
                            return apply(tx, before, command, eventIds, metadata);
                        }));
    }

    /**
     * Runs one command on a locked product inside {@code tx}: decide on {@code before} (the locked rows), save
     * the rows as the events leave them and append the events at {@code before}'s version; or a failure (roll back).
     */
    public Uni<ProductState> apply(SqlConnection tx, ProductState before, ProductCommand command,
            IntFunction<UUID> eventIds, EventMetadata metadata) {
        // Deferred: a refusal of the domain arrives as a failure of the Uni, where callers translate it.
        return Uni.createFrom().deferred(() -> decideAndSave(tx, before, command, eventIds, metadata));
    }

    private Uni<ProductState> decideAndSave(SqlConnection tx, ProductState before, ProductCommand command,
            IntFunction<UUID> eventIds, EventMetadata metadata) {
        Product product = Product.of(before.id());
        List<ProductEvent> events = product.decide(command, before);
        if (events.isEmpty()) return Uni.createFrom().item(before);
        ProductState after = product.fold(before, events);
        return ProductRows.save(tx, before, after)
                .chain(() -> append(tx, before.id(), before.version(), events, eventIds, metadata))
                .replaceWith(after);
    }

    private Uni<AppendResult> append(SqlConnection tx, UUID productId, int expectedVersion, List<ProductEvent> events,
            IntFunction<UUID> eventIds, EventMetadata metadata) {
        List<NewEvent> drafts = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) drafts.add(ProductEventCodec.toNew(events.get(i), eventIds.apply(i)));
        return store.appendWithin(tx, AGGREGATE_TYPE, productId, expectedVersion, drafts, metadata)
                .invoke(result -> {
                    if (result.replayed()) throw new AlreadyApplied();
                });
    }

    /**
     * Commits {@code work} and reads the product back; if the store recognised the events as a retry of a
     * committed request, the work is rolled back (it would apply the command twice) and the product is read
     * as that request left it.
     */
    private Uni<ProductRecord> committedOrReplayed(UUID tenantId, UUID productId, java.util.function.Function<SqlConnection, Uni<?>> work) {
        return TenantTransactions.inTenant(pool, tenantId, tx -> work.apply(tx).chain(() -> ProductRows.find(tx, productId)))
                .onFailure(AlreadyApplied.class).recoverWithUni(() -> find(tenantId, productId));
    }

    /** The events of this request are stored already: it is a retry of a request that committed. */
    public static final class AlreadyApplied extends RuntimeException {
        public AlreadyApplied() {
            super("the events of this request were appended before", null, false, false);
        }
    }
}
