package io.cloudlab.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the services answer, and how the console keeps its pages fresh. */
@ConfigMapping(prefix = "cloudlab.console")
public interface ConsoleConfig {

    /**
     * Operators sign in through the platform's identity provider, by the authorization code flow (the
     * {@code quarkus.oidc.*} settings say where it is and who the console is to it). Off: a bearer token pasted on the
     * sign-in page (locally, from deploy/local/token).
     */
    @WithDefault("false")
    boolean oidc();

    /** Base URLs of the services' APIs, as the console process reaches them. */
    Services services();

    /** Send the session cookie over HTTPS only: on wherever the console is served over TLS. */
    @WithDefault("false")
    boolean secureCookie();

    /** How often live charts ask again. */
    @WithDefault("PT2S")
    Duration refresh();

    /** How long a call to a service may take before the page says it did not answer. */
    @WithDefault("PT10S")
    Duration callTimeout();

    /** How long an action that answers only when done (an audit, which replays the store) may take. */
    @WithDefault("PT30M")
    Duration longCallTimeout();

    interface Services {
        @WithDefault("http://127.0.0.1:8081")
        String orderService();

        @WithDefault("http://127.0.0.1:8082")
        String inventoryService();

        @WithDefault("http://127.0.0.1:8083")
        String paymentService();

        @WithDefault("http://127.0.0.1:8084")
        String sagaOrchestrator();
    }
}
