package io.cloudlab.saga.fulfilment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Time rules of order-fulfilment sagas (prefix {@code cloudlab.saga}). */
@ConfigMapping(prefix = "cloudlab.saga")
public interface FulfilmentConfig {

    /** How long the first attempt of a step may take; each retry doubles it. */
    @WithDefault("PT10S")
    Duration stepTimeout();

    /** The cap of a step's timeout however many retries. */
    @WithDefault("PT2M")
    Duration maxStepTimeout();

    /** Attempts of a forward step before the order is paid, after which the saga compensates. */
    @WithDefault("3")
    int forwardAttempts();

    /**
     * Attempts of a step that cannot be undone (a compensation, or the capture and stock commit of a paid order)
     * before the saga is left failed for an operator.
     */
    @WithDefault("6")
    int compensationAttempts();

    /** How often the deadline scheduler looks for due sagas. */
    @WithDefault("PT0.5S")
    Duration schedulerInterval();
}
