package io.cloudlab.saga.fulfilment.api;

import io.cloudlab.support.audit.SecurityAudit;
import io.cloudlab.support.messaging.ParkedMessages;
import io.cloudlab.saga.fulfilment.Fulfilment;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The operators' view of sagas and their hands on them. Reads for admin and support, actions for admin, each
 * within their own tenant: another tenant's saga is not found (404). Platform operators read and act on every
 * tenant's sagas, and may filter a list by tenant. An action that does not fit the saga's state (retrying a
 * completed saga) is 409.
 */
@Path("/sagas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sagas")
public class SagasResource {

    @Inject
    SagaQueries queries;

    @Inject
    SagaMessages messages;

    @Inject
    Fulfilment fulfilment;

    @Inject
    ParkedMessages parked;

    @Inject
    Caller caller;

    @Inject
    SecurityAudit audit;

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT, Caller.OPERATOR})
    @Operation(summary = "Sagas by type, status and age, newest first (cursor paging)")
    public Uni<SagaViews.Page> list(@Parameter(description = "Platform operators only: one tenant's sagas")
            @RestQuery("tenant_id") UUID tenantId,
            @RestQuery("saga_type") @Pattern(regexp = "[a-z_]{1,100}", message = "must be a saga type, such as order_fulfilment") String type,
            @RestQuery @Pattern(regexp = "started|compensating|completed|failed", message = "must be started, compensating, completed or failed") String status,
            @Parameter(description = "ISO-8601 duration, e.g. PT5M: only sagas started longer ago")
            @RestQuery("older_than") String olderThan,
            @Parameter(description = "One order's sagas (the others filters do not apply); operators name its tenant_id")
            @RestQuery("order_id") UUID orderId,
            @RestQuery String cursor, @RestQuery @Min(1) @Max(200) Integer limit) {
        if (orderId != null) {
            UUID tenant = listedTenant(tenantId);
            if (tenant == null) throw ProblemException.badRequest("tenant_id", "a platform operator names the order's tenant");
            return queries.ofOrder(tenant, orderId);
        }
        return queries.list(listedTenant(tenantId), type, status, duration(olderThan), false, cursor, limit == null ? 50 : limit);
    }

    @GET
    @Path("/stuck")
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT, Caller.OPERATOR})
    @Operation(summary = "What needs someone: live sagas past their deadline, failed ones, and orders whose saga could not start")
    public Uni<SagaViews.Stuck> stuck(@Parameter(description = "Platform operators only: one tenant's sagas")
            @RestQuery("tenant_id") UUID tenantId, @RestQuery String cursor, @RestQuery @Min(1) @Max(200) Integer limit) {
        UUID listed = listedTenant(tenantId);
        return queries.list(listed, null, null, null, true, cursor, limit == null ? 50 : limit)
                .chain(page -> parked.waiting(listed == null ? caller.tenantId() : listed, 200).map(messages -> new SagaViews.Stuck(page.sagas(),
                        page.nextCursor(), messages.stream()
                                .filter(m -> m.consumer().equals(Fulfilment.ORDER_EVENTS) && "OrderPlaced".equals(m.messageType()))
                                .map(SagasResource::unstarted).toList())));
    }

    private static SagaViews.Unstarted unstarted(ParkedMessages.Parked message) {
        UUID order;
        try {
            order = UUID.fromString(new io.vertx.core.json.JsonObject(message.message()).getString("aggregate_id"));
        } catch (RuntimeException unreadable) {
            order = null;
        }
        return new SagaViews.Unstarted(order, message.parkedId(), message.error(), message.parkedAt());
    }

    @GET
    @Path("/{sagaId}")
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT, Caller.OPERATOR})
    @Operation(summary = "One saga with its steps, their attempts, timings and errors")
    public Uni<SagaViews.Detail> one(@RestPath UUID sagaId) {
        return tenantOf(sagaId).chain(tenant -> detail(tenant, sagaId));
    }

    @GET
    @Path("/{sagaId}/messages")
    @RolesAllowed({Caller.ADMIN, Caller.SUPPORT, Caller.OPERATOR})
    @Operation(summary = "Every command the saga sent, attempt by attempt, with the reply each got and their Kafka records",
            description = "Reads Kafka when asked (bounded): for an operator looking into one saga, not for polling.")
    public Uni<List<SagaMessages.Message>> messages(@RestPath UUID sagaId) {
        return tenantOf(sagaId).chain(tenant -> detail(tenant, sagaId)).chain(messages::of);
    }

    /** The saga as {@code tenant} sees it; 404 when it has none of that id (or no tenant has). */
    private Uni<SagaViews.Detail> detail(Optional<UUID> tenant, UUID sagaId) {
        return (tenant.isEmpty() ? Uni.createFrom().item(Optional.<SagaViews.Detail>empty()) : queries.one(tenant.get(), sagaId))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("saga " + sagaId)));
    }

    @POST
    @Path("/{sagaId}/retry")
    @RolesAllowed({Caller.ADMIN, Caller.OPERATOR})
    @Operation(summary = "Run the failed or stuck step again, with fresh attempts")
    public Uni<SagaViews.Detail> retry(@RestPath UUID sagaId, @Valid SagaViews.Reason body) {
        return act(sagaId, "retry", reason(body, null), (tenant, id) -> fulfilment.retry(tenant, id));
    }

    @POST
    @Path("/{sagaId}/skip")
    @RolesAllowed({Caller.ADMIN, Caller.OPERATOR})
    @Operation(summary = "Mark the failed or stuck step done by hand and go on")
    public Uni<SagaViews.Detail> skip(@RestPath UUID sagaId, @Valid SagaViews.Reason body) {
        return act(sagaId, "skip", reason(body, null), (tenant, id) -> fulfilment.skip(tenant, id));
    }

    @POST
    @Path("/{sagaId}/compensate")
    @RolesAllowed({Caller.ADMIN, Caller.OPERATOR})
    @Operation(summary = "Stop and undo what the saga did")
    public Uni<SagaViews.Detail> compensate(@RestPath UUID sagaId, @Valid SagaViews.Reason body) {
        String reason = reason(body, "compensation forced by an operator");
        return act(sagaId, "compensate", reason, (tenant, id) -> fulfilment.compensate(tenant, id, reason));
    }

    @POST
    @Path("/{sagaId}/cancel")
    @RolesAllowed({Caller.ADMIN, Caller.OPERATOR})
    @Operation(summary = "End the saga as failed without sending anything more")
    public Uni<SagaViews.Detail> cancel(@RestPath UUID sagaId, @Valid SagaViews.Reason body) {
        String reason = reason(body, "cancelled by an operator");
        return act(sagaId, "cancel", reason, (tenant, id) -> fulfilment.cancel(tenant, id, reason));
    }

    /** An operator's action on a saga, in the security audit log whatever its outcome. */
    private Uni<SagaViews.Detail> act(UUID sagaId, String name, String reason,
            BiFunction<UUID, UUID, Uni<Optional<Fulfilment.Change>>> action) {
        // An action that does not fit the saga's state is the saga's refusal: 409 saga-state.
        return tenantOf(sagaId).chain(tenant -> audit.action(caller, "saga." + name, tenant.orElse(null), sagaId.toString(),
                reason, () -> (tenant.isEmpty() ? Uni.createFrom().item(Optional.<Fulfilment.Change>empty())
                        : action.apply(tenant.get(), sagaId))
                        .chain(found -> found.isEmpty() ? Uni.createFrom().failure(ProblemException.notFound("saga " + sagaId))
                                : detail(tenant, sagaId))));
    }

    /** The tenant whose saga the caller may mean: their own; whichever it is, for a platform operator. */
    private Uni<Optional<UUID>> tenantOf(UUID sagaId) {
        return caller.isOperator() ? fulfilment.tenantOf(sagaId) : Uni.createFrom().item(Optional.of(caller.tenantId()));
    }

    /** Whose sagas a list shows: the caller's tenant; for a platform operator, the one asked for or all (null). */
    private UUID listedTenant(UUID asked) {
        if (caller.isOperator()) return asked;
        if (asked != null && !asked.equals(caller.tenantId())) {
            throw new ProblemException(io.cloudlab.support.problem.Problem.of(403, "forbidden", "Forbidden",
                    "only platform operators list another tenant's sagas").field("tenant_id"));
        }
        return caller.tenantId();
    }

    private static String reason(SagaViews.Reason body, String otherwise) {
        return body == null || body.reason() == null || body.reason().isBlank() ? otherwise
                : body.reason().substring(0, Math.min(500, body.reason().length()));
    }

    private static Duration duration(String text) {
        if (text == null) return null;
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("older_than", "must be an ISO-8601 duration such as PT5M");
        }
    }
}
