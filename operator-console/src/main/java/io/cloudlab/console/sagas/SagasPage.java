package io.cloudlab.console.sagas;

import io.cloudlab.console.platform.Json;
import io.cloudlab.console.platform.PlatformApi;
import io.cloudlab.console.platform.Service;
import io.cloudlab.console.session.Flash;
import io.cloudlab.console.session.Operator;
import io.cloudlab.console.session.SignedIn;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sagas: what needs someone (stuck past their deadline, failed), what runs, what failed, by tenant and age; one
 * saga's timeline; and the operator's actions on it, each with a reason for the audit log. What the saga API refuses
 * is shown as it answered.
 */
@Path("/sagas")
@Produces(MediaType.TEXT_HTML)
public class SagasPage {

    static final Set<String> VIEWS = Set.of("stuck", "live", "failed", "all");
    static final Set<String> ACTIONS = Set.of("retry", "skip", "compensate", "cancel");

    @Inject
    Template sagas;

    @Inject
    Template saga;

    @Inject
    PlatformApi api;

    @Inject
    SignedIn signedIn;

    @GET
    public Uni<TemplateInstance> list(@QueryParam("view") String view,
            @QueryParam("tenant_id") String tenantId, @QueryParam("older_than") String olderThan) {
        Operator operator = signedIn.operator();
        String shown = view == null || !VIEWS.contains(view) ? "stuck" : view;
        StringBuilder query = new StringBuilder();
        if (tenantId != null && !tenantId.isBlank()) query.append("&tenant_id=").append(PlatformApi.segment(tenantId.trim()));
        if (olderThan != null && !olderThan.isBlank()) query.append("&older_than=").append(PlatformApi.segment(olderThan.trim()));
        String path = switch (shown) {
            case "stuck" -> "/sagas/stuck?limit=100";
            case "live" -> "/sagas?status=started&limit=100";
            case "failed" -> "/sagas?status=failed&limit=100";
            default -> "/sagas?limit=100";
        } + query;
        return api.get(Service.SAGA, path, operator.token()).map(answer -> sagas
                .data("operator", operator).data("view", shown).data("tenantId", tenantId == null ? "" : tenantId)
                .data("olderThan", olderThan == null ? "" : olderThan)
                .data("sagas", answer.ok() ? Json.plain(answer.body().path("sagas")) : List.of())
                .data("unstarted", answer.ok() && answer.body().has("unstarted") ? Json.plain(answer.body().path("unstarted")) : List.of())
                .data("problem", answer.problem()));
    }

    @GET
    @Path("/{sagaId}")
    public Uni<Response> one(@CookieParam(Flash.COOKIE) String flash,
            @PathParam("sagaId") String sagaId) {
        Operator operator = signedIn.operator();
        String said = Flash.read(flash);
        return detail(operator, sagaId, said.startsWith("done:") ? said.substring(5) : null,
                        said.startsWith("problem:") ? said.substring(8) : null)
                .map(page -> Response.ok(page).cookie(Flash.clear("/sagas/" + id(sagaId))).build());
    }

    /**
     * Acts, then sends the browser back to the saga's page with the outcome in a one-read cookie (post, redirect,
     * get): reloading the page shows the saga again and never repeats the action.
     */
    @POST
    @Path("/{sagaId}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> act(@PathParam("sagaId") String sagaId,
            @PathParam("action") String action, @FormParam("reason") String reason) {
        Operator operator = signedIn.operator();
        Uni<String> outcome;
        if (!ACTIONS.contains(action)) outcome = Uni.createFrom().item("problem:no such action: " + action);
        else if (reason == null || reason.isBlank()) outcome = Uni.createFrom().item("problem:give a reason: it goes to the audit log");
        else outcome = api.post(Service.SAGA, "/sagas/" + id(sagaId) + "/" + action, operator.token(), Map.of("reason", reason.trim()))
                .map(answer -> answer.ok() ? "done:" + action + ": done" : "problem:" + action + " refused: " + answer.problem());
        return outcome.map(said -> Response.seeOther(URI.create("/sagas/" + id(sagaId)))
                .cookie(Flash.say("/sagas/" + id(sagaId), said)).build());
    }


    private Uni<TemplateInstance> detail(Operator operator, String sagaId, String done, String problem) {
        return SagaWithMessages.of(api, operator, id(sagaId)).map(found -> saga.data("operator", operator).data("sagaId", sagaId)
                .data("detail", found.detail().ok() ? Json.plain(found.detail().body()) : null)
                .data("refused", found.detail().ok() ? null : found.detail().problem())
                .data("messages", found.shownMessages()).data("messagesProblem", found.messagesProblem())
                .data("actions", List.of("retry", "skip", "compensate", "cancel"))
                .data("done", done).data("problem", problem));
    }

    private static String id(String sagaId) {
        try {
            return UUID.fromString(sagaId).toString();
        } catch (IllegalArgumentException notAnId) {
            return PlatformApi.segment(sagaId);
        }
    }
}
