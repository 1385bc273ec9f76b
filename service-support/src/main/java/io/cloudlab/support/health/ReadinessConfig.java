package io.cloudlab.support.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long readiness checks may wait for a dependency before calling it down. */
@ConfigMapping(prefix = "cloudlab.readiness")
public interface ReadinessConfig {

    /**
     * Upper bound for the Kafka probe. Kubernetes gives a readiness probe a few seconds; a broker that has
     * not answered by then is as good as down for the purpose of routing traffic here.
     */
    @WithDefault("2s")
    Duration kafkaTimeout();
}
