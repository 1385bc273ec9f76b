package io.cloudlab.console.platform;

import io.cloudlab.console.ConsoleConfig;
import io.cloudlab.console.session.Operator;
import io.cloudlab.console.session.SignedIn;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform now: orders placed, paid and refused per second, saga step latency and consumer lag, charted live
 * from the services' own metrics (the page asks {@code /platform/now} every refresh and draws rates between
 * samples); and the database's health as order-service's {@code /admin/database} answers it.
 */
@Path("/platform")
public class PlatformPage {

    @Inject
    Template platform;

    @Inject
    PlatformApi api;

    @Inject
    SignedIn signedIn;

    @Inject
    ConsoleConfig config;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page() {
        Operator operator = signedIn.operator();
        return api.get(Service.ORDER, "/admin/database", operator.token()).map(answer -> platform
                .data("operator", operator).data("refreshMillis", config.refresh().toMillis())
                .data("database", answer.ok() ? Json.plain(answer.body()) : null)
                .data("databasePretty", answer.ok() ? Json.pretty(Json.plain(answer.body())) : null)
                .data("problem", answer.problem()));
    }

    /** Counters as they stand now (the page turns two samples into rates) and gauges. */
    @GET
    @Path("/now")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> now() {
        if (signedIn.current().isEmpty()) return Uni.createFrom().item(Map.of("error", "signed out"));
        List<Uni<String>> texts = new ArrayList<>();
        for (Service s : Service.values()) texts.add(api.metrics(s).onFailure().recoverWithItem(""));
        return Uni.join().all(texts).andFailFast().map(all -> {
            String order = all.get(Service.ORDER.ordinal());
            String saga = all.get(Service.SAGA.ordinal());
            String every = String.join("\n", all);
            Map<String, Object> now = new LinkedHashMap<>();
            now.put("at", Instant.now().toEpochMilli() / 1000.0);
            now.put("placed", Metrics.sum(order, "cloudlab_commands_seconds_count", "command=\"place\"", "outcome=\"done\""));
            now.put("paid", Metrics.sum(saga, "sagas_ended_total", "outcome=\"fulfilled\""));
            now.put("refused", Metrics.sum(order, "cloudlab_commands_seconds_count", "command=\"place\"", "outcome=\"refused\""));
            now.put("step_seconds_sum", Metrics.sum(every, "cloudlab_saga_commands_seconds_sum"));
            now.put("step_count", Metrics.sum(every, "cloudlab_saga_commands_seconds_count"));
            now.put("consumer_lag", Metrics.max(every, "kafka_consumer_fetch_manager_records_lag_max"));
            now.put("answered", all.stream().filter(t -> !t.isEmpty()).count());
            return now;
        });
    }
}
