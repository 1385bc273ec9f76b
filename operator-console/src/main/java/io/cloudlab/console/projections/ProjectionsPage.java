package io.cloudlab.console.projections;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudlab.console.ConsoleConfig;
import io.cloudlab.console.platform.Answer;
import io.cloudlab.console.platform.Json;
import io.cloudlab.console.platform.PlatformApi;
import io.cloudlab.console.platform.Service;
import io.cloudlab.console.session.Flash;
import io.cloudlab.console.session.Operator;
import io.cloudlab.console.session.SignedIn;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The projections of every service: version, checkpoint, lag (charted while the page is open: the page asks
 * {@code /projections/state} every {@code cloudlab.console.refresh}), parked events with retry and skip, and
 * rebuild and audit. A rebuild shows as the version being built until it has caught up and serves.
 */
@Path("/projections")
public class ProjectionsPage {

    @Inject
    Template projections;

    @Inject
    PlatformApi api;

    @Inject
    SignedIn signedIn;

    @Inject
    ConsoleConfig config;

    /** One projection of one service, as its admin API answers. */
    public record Row(String service, Map<String, Object> state, List<Object> parked) {

        /** A rebuild's progress: the version being built and the events it has still to apply. */
        public String building() {
            Object building = state.get("building");
            return building == null ? "-" : "v" + building + ": " + state.get("building_lag_events") + " events to go";
        }

        /** The latest audit: how far it has got while it runs, then how it ended. */
        @SuppressWarnings("unchecked")
        public String audit() {
            if (!(state.get("audit") instanceof Map<?, ?> found)) return "-";
            Map<String, Object> a = (Map<String, Object>) found;
            if (a.get("finished_at") != null) {
                return a.get("failure") != null ? "failed: " + a.get("failure")
                        : a.get("differences") + " differences in " + a.get("documents_compared") + " documents ("
                                + a.get("sample_percent") + "%), " + a.get("finished_at");
            }
            if (Boolean.TRUE.equals(a.get("stalled"))) return "silent since " + a.get("updated_at") + ": its instance stopped; audit again";
            long read = a.get("read_position") instanceof Number n ? n.longValue() : 0;
            long target = a.get("target_position") instanceof Number n ? n.longValue() : 0;
            String share = target > 0 ? Math.min(100, read * 100 / target) + "% read, " : "";
            return "running: " + share + a.get("events_replayed") + " events replayed, " + a.get("documents_compared")
                    + " documents compared";
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> page(@CookieParam(Flash.COOKIE) String flash) {
        Operator operator = signedIn.operator();
        String said = Flash.read(flash);
        return rows(operator, true).map(found -> Response.ok(projections.data("operator", operator).data("rows", found.rows())
                .data("problems", found.problems()).data("refreshMillis", config.refresh().toMillis()).data("result", said.isEmpty() ? null : said))
                .cookie(Flash.clear("/projections")).build());
    }

    /** The lag of every projection now, for the page's charts. */
    @GET
    @Path("/state")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> state() {
        Optional<Operator> operator = signedIn.current();
        if (operator.isEmpty()) return Uni.createFrom().item(Map.of("error", "signed out"));
        return rows(operator.get(), false).map(found -> {
            List<Map<String, Object>> lags = new ArrayList<>();
            for (Row r : found.rows()) {
                Map<String, Object> lag = new LinkedHashMap<>();
                lag.put("key", r.service() + "/" + r.state().get("name"));
                lag.put("lag_events", r.state().get("lag_events"));
                lag.put("lag_seconds", r.state().get("lag_seconds"));
                lag.put("version", r.state().get("version"));
                lag.put("building", r.building());
                lag.put("audit", r.audit());
                lags.add(lag);
            }
            return Map.of("at", Instant.now().toEpochMilli() / 1000.0, "projections", lags, "problems", found.problems());
        });
    }

    @POST
    @Path("/{service}/{name}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> act(@PathParam("service") String service,
            @PathParam("name") String name, @PathParam("action") String action,
            @jakarta.ws.rs.FormParam("document") String document) {
        Operator operator = signedIn.operator();
        String base = "/admin/projections/" + PlatformApi.segment(name);
        String path = switch (action) {
            case "rebuild" -> base + "/rebuild";
            case "audit" -> base + "/audit";
            case "retry", "skip" -> base + "/parked/" + PlatformApi.segment(document == null ? "" : document) + "/" + action;
            default -> null;
        };
        Uni<String> result;
        if (path == null) {
            result = Uni.createFrom().item("no such action: " + action);
        } else if (action.equals("audit")) {
            // An audit answers when it is done, minutes on: it goes on in the background, the page shows its
            // progress, and a refusal (which comes at once) is shown as such.
            Uni<Answer> running = api.postUntilDone(Service.of(service), path, operator.token(), Map.of()).memoize().indefinitely();
            running.subscribe().with(done -> {}, failure -> {});
            result = running.map(answer -> said(action, name, answer))
                    .ifNoItem().after(AUDIT_REFUSED_WITHIN).recoverWithItem("audit of " + name + " started: its progress shows below");
        } else {
            result = api.post(Service.of(service), path, operator.token(), Map.of()).map(answer -> said(action, name, answer));
        }
        // Post, redirect, get: reloading the page never asks for a second rebuild.
        return result.map(said -> Response.seeOther(URI.create("/projections"))
                .cookie(Flash.say("/projections", said)).build());
    }


    /** A refusal comes at once; an audit still running after this is left to show its progress. */
    static final java.time.Duration AUDIT_REFUSED_WITHIN = java.time.Duration.ofSeconds(2);

    private static String said(String action, String name, Answer answer) {
        return answer.ok() ? action + " of " + name + ": " + summary(action, answer) : action + " refused: " + answer.problem();
    }

    private static String summary(String action, Answer answer) {
        JsonNode b = answer.body();
        return switch (action) {
            case "rebuild" -> "version " + b.path("building").asText() + " is being built";
            case "audit" -> b.path("documents_compared").asText() + " documents compared, " + b.path("differences").size()
                    + " differences";
            default -> b.path("still_parked").asText() + " still parked";
        };
    }

    private record Found(List<Row> rows, List<String> problems) {}

    private Uni<Found> rows(Operator operator, boolean withParked) {
        List<Uni<List<Row>>> all = new ArrayList<>();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Service service : Service.values()) {
            all.add(api.get(service, "/admin/projections", operator.token()).chain(answer -> {
                if (!answer.ok()) {
                    if (answer.status() != 404) problems.add(service.id + ": " + answer.problem());
                    return Uni.createFrom().item(List.<Row>of());
                }
                List<Uni<Row>> rows = new ArrayList<>();
                for (JsonNode p : answer.body()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> state = (Map<String, Object>) Json.plain(p);
                    rows.add(!withParked || p.path("parked").asLong() == 0 ? Uni.createFrom().item(new Row(service.id, state, List.of()))
                            : api.get(service, "/admin/projections/" + PlatformApi.segment(p.path("name").asText()) + "/parked", operator.token())
                                    .map(parked -> new Row(service.id, state, parked.ok() ? plainList(parked.body()) : List.of())));
                }
                return rows.isEmpty() ? Uni.createFrom().item(List.<Row>of()) : Uni.join().all(rows).andFailFast();
            }));
        }
        return Uni.join().all(all).andFailFast().map(lists -> {
            List<Row> rows = new ArrayList<>();
            lists.forEach(rows::addAll);
            return new Found(rows, problems);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Object> plainList(JsonNode node) {
        Object plain = Json.plain(node);
        return plain instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
