package io.cloudlab.readmodels.projection;

import io.cloudlab.support.audit.SecurityAudit;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The operators' API over every projection of this service. A projection holds every tenant's documents, so a
 * rebuild, an audit's report or a skipped event reaches across tenants: platform operators only, never a
 * tenant's admin.
 */
@Path("/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.OPERATOR)
@Tag(name = "Projections (operator)")
public class ProjectionsResource {

    private final Projections projections;
    private final SecurityAudit audit;
    private final Caller caller;
    private final ProjectionAudits audits;

    ProjectionsResource(Projections projections, SecurityAudit audit, Caller caller, ProjectionAudits audits) {
        this.projections = projections;
        this.audit = audit;
        this.caller = caller;
        this.audits = audits;
    }

    @GET
    @Operation(summary = "Every projection: version, checkpoint, lag, parked events")
    public Uni<List<ProjectionState>> list() {
        List<Uni<ProjectionState>> states = projections.all().stream().map(OperableProjection::state).toList();
        if (states.isEmpty()) return Uni.createFrom().item(List.of());
        return Multi.createFrom().iterable(states).onItem().transformToUniAndConcatenate(u -> u).collect().asList()
                .chain(found -> audits.latest().map(latest -> found.stream().map(s -> s.withAudit(latest.get(s.name()))).toList()));
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One projection's state")
    public Uni<ProjectionState> one(@RestPath String name) {
        return named(name).state().chain(state -> audits.latest().map(latest -> state.withAudit(latest.get(name))));
    }

    @POST
    @Path("/{name}/rebuild")
    @Operation(summary = "Replay every event into a new version; readers switch over when it has caught up")
    public Uni<Map<String, Object>> rebuild(@RestPath String name) {
        return audit.action(caller, "projection.rebuild", null, name, null,
                () -> named(name).rebuild().map(version -> Map.of("projection", name, "building", version)));
    }

    @POST
    @Path("/{name}/audit")
    @Operation(summary = "Replay a sample of documents (percent, default 100) and report every difference",
            description = "Answers when done; meanwhile the projection's state shows the audit's progress, from any instance.")
    public Uni<AuditReport> audit(@RestPath String name, @RestQuery @Min(1) @Max(100) Integer percent) {
        int sample = percent == null ? 100 : percent;
        OperableProjection projection = named(name);
        return audit.action(caller, "projection.audit", null, name, sample + "%",
                () -> audits.start(name, sample, caller.userId()).chain(run -> projection.audit(sample, run)
                        .call(run::finished)
                        .onFailure().call(run::failed)));
    }

    @GET
    @Path("/{name}/parked")
    @Operation(summary = "Events the projection could not apply, and those waiting behind them")
    public Uni<List<ParkedEvent>> parked(@RestPath String name) {
        return named(name).parked();
    }

    @POST
    @Path("/{name}/parked/{document}/retry")
    @Operation(summary = "Apply a document's parked events again")
    public Uni<Map<String, Object>> retry(@RestPath String name, @RestPath String document) {
        return audit.action(caller, "projection.parked.retry", null, name + " " + document, null,
                () -> named(name).retryParked(document).map(left -> Map.of("document", document, "still_parked", left)));
    }

    @POST
    @Path("/{name}/parked/{document}/skip")
    @Operation(summary = "Drop a document's first parked event and apply the rest")
    public Uni<Map<String, Object>> skip(@RestPath String name, @RestPath String document) {
        return audit.action(caller, "projection.parked.skip", null, name + " " + document, null,
                () -> named(name).skipParked(document).map(left -> Map.of("document", document, "still_parked", left)));
    }

    private OperableProjection named(String name) {
        return projections.all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("projection " + name));
    }
}
