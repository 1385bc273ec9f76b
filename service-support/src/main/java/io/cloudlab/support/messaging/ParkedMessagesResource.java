package io.cloudlab.support.messaging;

import io.cloudlab.support.audit.SecurityAudit;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The operators' hands on this service's parked messages, within their tenant: see them, apply one again
 * (after the cause was fixed), or skip it. Every service answers it for its own consumers.
 */
@Path("/admin/parked-messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Parked messages (staff)")
public class ParkedMessagesResource {

    public record Page(List<ParkedMessages.Parked> messages) {}

    @Inject
    ParkedMessages parked;

    @Inject
    Caller caller;

    @Inject
    SecurityAudit audit;

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "Messages this service could not apply, waiting for an operator, newest first")
    public Uni<Page> list(@RestQuery @Min(1) @Max(200) Integer limit) {
        return parked.waiting(caller.tenantId(), limit == null ? 50 : limit).map(Page::new);
    }

    @GET
    @Path("/{parkedId}")
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT})
    @Operation(summary = "One parked message, whatever its status")
    public Uni<ParkedMessages.Parked> one(@RestPath UUID parkedId) {
        return found(parkedId);
    }

    @POST
    @Path("/{parkedId}/retry")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Apply the message again; 409 with the error if it still cannot be applied")
    public Uni<ParkedMessages.Parked> retry(@RestPath UUID parkedId) {
        return audit.action(caller, "parked-message.retry", caller.tenantId(), parkedId.toString(), null, () -> retryOne(parkedId));
    }

    private Uni<ParkedMessages.Parked> retryOne(UUID parkedId) {
        return waitingOne(parkedId).chain(message -> {
            MessageConsumer consumer = parked.consumer(message.consumer()).orElseThrow(() -> ProblemException.conflict(
                    "unknown-consumer", "no consumer " + message.consumer() + " in this service"));
            return Uni.createFrom().deferred(() -> consumer.apply(message.message()))
                    .onFailure(failure -> !MessageEdge.retryable(consumer, failure))
                    .call(failure -> parked.failedAgain(message, failure))
                    .onFailure(failure -> !MessageEdge.retryable(consumer, failure))
                    .transform(failure -> ProblemException.conflict("message-not-applicable",
                            "the message still cannot be applied: " + failure.getMessage()))
                    .chain(() -> parked.resolve(message, "retried", caller.userId()))
                    .chain(() -> found(parkedId));
        });
    }

    @POST
    @Path("/{parkedId}/skip")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Give up on the message: it stays recorded, as skipped")
    public Uni<ParkedMessages.Parked> skip(@RestPath UUID parkedId) {
        return audit.action(caller, "parked-message.skip", caller.tenantId(), parkedId.toString(), null,
                () -> waitingOne(parkedId).chain(message -> parked.resolve(message, "skipped", caller.userId()))
                        .chain(() -> found(parkedId)));
    }

    private Uni<ParkedMessages.Parked> waitingOne(UUID parkedId) {
        return found(parkedId).invoke(message -> {
            if (!"parked".equals(message.status())) {
                throw ProblemException.conflict("message-not-parked", "the message was " + message.status() + " already");
            }
        });
    }

    private Uni<ParkedMessages.Parked> found(UUID parkedId) {
        return parked.find(caller.tenantId(), parkedId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("parked message " + parkedId)));
    }
}
