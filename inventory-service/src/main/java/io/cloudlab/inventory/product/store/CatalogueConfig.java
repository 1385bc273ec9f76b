package io.cloudlab.inventory.product.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The storefront's catalogue reads (prefix {@code cloudlab.catalogue}); see {@link CataloguePages}. */
@ConfigMapping(prefix = "cloudlab.catalogue")
public interface CatalogueConfig {

    /** How long shoppers share a catalogue page; zero reads every page from the database. */
    @WithDefault("PT1S")
    Duration pageCacheFor();

    /** Pages held at most (tenants x first pages and searches); the least used go first. */
    @WithDefault("10000")
    int pageCacheEntries();
}
