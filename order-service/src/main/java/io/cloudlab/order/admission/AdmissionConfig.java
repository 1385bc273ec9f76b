package io.cloudlab.order.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When order-service stops accepting new orders (prefix {@code cloudlab.orders.admission}); see {@link OrderAdmission}. */
@ConfigMapping(prefix = "cloudlab.orders.admission")
public interface AdmissionConfig {

    /** Off only for benchmarks that want to see the platform past its capacity. */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long an order may wait for its payment before it counts as late. A saga pays an order in under a
     * second when the platform keeps up (docs/performance.md), and its first step deadline is 10 s: an order
     * pending for longer is waiting in a queue.
     */
    @WithDefault("PT10S")
    Duration lateAfter();

    /**
     * Late orders, across every instance and tenant, at which new ones are refused. One slow or stuck saga is
     * not a queue; a hundred are.
     */
    @WithDefault("100")
    int maxLate();

    /**
     * Late orders of one tenant at which that tenant's new orders are refused, while other tenants' are still
     * accepted: below {@link #maxLate()}, so one shop's flash sale cannot fill the platform's queue alone.
     */
    @WithDefault("50")
    int maxLatePerTenant();

    /** Orders pending for longer than this are stuck, not in flight (an operator's, GET /sagas/stuck). */
    @WithDefault("PT5M")
    Duration window();

    /** How often the count is taken again in the background while orders are being placed. */
    @WithDefault("PT0.5S")
    Duration refresh();

    /**
     * How old a count may be and still decide: an older one is taken again before the request is judged, so a
     * refusal never rests on a count from an overload that has since drained.
     */
    @WithDefault("PT2S")
    Duration trustFor();

    /** The Retry-After of a refusal. */
    @WithDefault("PT2S")
    Duration retryAfter();
}
