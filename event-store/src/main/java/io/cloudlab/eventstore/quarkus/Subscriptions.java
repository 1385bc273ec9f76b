package io.cloudlab.eventstore.quarkus;

import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.subscription.EventBatchHandler;
import io.cloudlab.eventstore.subscription.SubscriptionOptions;
import io.cloudlab.eventstore.subscription.SubscriptionRunner;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes subscription runners for a service's own readers (projections): each on its own connection as the
 * service's role, with the service's upcasters and personal-data keys. Starting and stopping them is the
 * caller's business.
 */
@ApplicationScoped
public class Subscriptions {

    @jakarta.inject.Inject
    DedicatedConnections connections;

    private final Vertx vertx;
    private final Upcasters upcasters;
    private final PersonalDataCodec personalData;

    Subscriptions(Vertx vertx, Upcasters upcasters, PersonalDataCodec personalData) {
        this.vertx = vertx;
        this.upcasters = upcasters;
        this.personalData = personalData;
    }

    public SubscriptionRunner runner(SubscriptionOptions options, EventBatchHandler handler) {
        PgConnectOptions connect = connections.options();
        return new SubscriptionRunner(vertx, connect, options, handler, upcasters, personalData);
    }
}
