package io.cloudlab.saga.fulfilment.messaging;

import io.cloudlab.saga.fulfilment.Fulfilment;
import io.cloudlab.support.messaging.MessageConsumer;
import io.cloudlab.support.messaging.MessageEdge;
import io.cloudlab.support.observability.LogContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The participants' replies (cloudlab.saga.replies, group saga-orchestrator.replies). A duplicate reply is
 * caught by the inbox, a late one (to an attempt the saga has given up on) by the saga: neither changes
 * anything. One that is no participant's reply is parked. A poll's replies go in one transaction.
 */
@ApplicationScoped
public class RepliesConsumer implements MessageConsumer {

    @Inject
    Fulfilment fulfilment;

    @Inject
    MessageEdge edge;

    @Incoming("saga-replies")
    public Uni<Void> consume(List<String> messages) {
        return edge.consumeAll(this, messages);
    }

    @Override
    public String name() {
        return Fulfilment.REPLIES;
    }

    @Override
    public Uni<Void> apply(String message) {
        IncomingReply incoming = IncomingReply.parse(message);
        return fulfilment.reply(incoming.messageId(), incoming.tenantId(), incoming.sagaId(), incoming.reply(), incoming.traceparent());
    }

    /** A poll's replies in one transaction, in the order they came. */
    @Override
    public Uni<Void> applyAll(List<String> messages) {
        List<Function<SqlConnection, Uni<Void>>> work = new ArrayList<>();
        for (String message : messages) {
            IncomingReply in = IncomingReply.parse(message);
            work.add(tx -> {
                LogContext.of(in.tenantId(), in.correlationId(), in.traceparent());
                return fulfilment.reply(tx, in.messageId(), in.tenantId(), in.sagaId(), in.reply(), in.traceparent());
            });
        }
        return fulfilment.inOneTransaction(work);
    }
}
