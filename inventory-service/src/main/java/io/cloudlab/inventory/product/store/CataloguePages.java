package io.cloudlab.inventory.product.store;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cloudlab.support.time.MonotonicClock;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Catalogue pages as shoppers see them, shared by every shopper of a tenant for {@code page-cache-for}: the
 * storefront's first pages and popular searches are asked for many times a second, and each would otherwise be
 * a query. The first request for a page reads it and the others that arrive meanwhile wait for that read
 * rather than making their own. A page is at most that old (stock figures on a list are a guide; reserving is
 * what decides), and staff always read the catalogue as it is. Pages are keyed by tenant, so no tenant is
 * served another's.
 */
@ApplicationScoped
public class CataloguePages {

    private record Key(UUID tenantId, String query, PageCursor after, int limit) {}

    @Inject
    CatalogueConfig config;

    @Inject
    MonotonicClock clock;

    private AsyncCache<Key, ProductSearch.Page> pages;

    @PostConstruct
    void build() {
        pages = Caffeine.newBuilder().expireAfterWrite(config.pageCacheFor()).maximumSize(config.pageCacheEntries())
                .ticker(() -> clock.nanoTime()).buildAsync();
    }

    /** The tenant's page for {@code query} (null: browsing) after {@code after}, shared or read by {@code read}. */
    public Uni<ProductSearch.Page> page(UUID tenantId, String query, PageCursor after, int limit,
            Supplier<Uni<ProductSearch.Page>> read) {
        if (config.pageCacheFor().isZero()) return read.get();
        return Uni.createFrom().completionStage(() -> pages.get(new Key(tenantId, query, after, limit),
                (key, executor) -> read.get().subscribeAsCompletionStage()));
    }
}
