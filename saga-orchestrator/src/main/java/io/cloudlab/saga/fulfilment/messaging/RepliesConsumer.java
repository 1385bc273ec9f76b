package io.cloudlab.saga.fulfilment.messaging;

import io.cloudlab.saga.fulfilment.Fulfilment;
import io.cloudlab.support.messaging.Retrying;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The services' replies (cloudlab.saga.replies, group saga-orchestrator.replies). A duplicate reply is
 * caught by the inbox, a late one (to an attempt the saga has given up on) by the domain: neither changes
 * anything.
 */
@ApplicationScoped
public class RepliesConsumer {

    private static final Logger LOG = Logger.getLogger(RepliesConsumer.class);

    @Inject
    Fulfilment fulfilment;

    @Incoming("saga-replies")
    public Uni<Void> consume(String message) {
        IncomingReply reply;
        try {
            reply = IncomingReply.parse(message);
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("skipping a message on cloudlab.saga.replies: %s", unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        return Retrying.untilApplied(() -> fulfilment.reply(reply), reply.messageId().toString());
    }
}
