package io.cloudlab.support.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many requests one client may send (see {@link RequestRateLimit}). */
@ConfigMapping(prefix = "cloudlab.rate-limit")
public interface RateLimitConfig {

    /** Off for load benchmarks that drive one token far past any storefront client. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Sustained requests a second per client. A storefront page makes a handful of calls; 50/s is far past
     * any person and well below what lets one client take a 2-core service from everyone else.
     */
    @WithDefault("50")
    int perSecond();

    /** Requests a client may send at once before the rate applies (a page load, a retry after an outage). */
    @WithDefault("100")
    int burst();
}
