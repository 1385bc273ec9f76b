package io.cloudlab.console.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudlab.console.platform.Json;
import io.cloudlab.console.platform.PlatformApi;
import io.cloudlab.console.platform.Service;
import io.cloudlab.console.sagas.SagaWithMessages;
import io.cloudlab.console.session.Operator;
import io.cloudlab.console.session.SignedIn;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order's whole story on one page, found by its number or id: its events in stream order with their payloads
 * (order-service withholds personal fields from those outside the shop), its sagas with their steps, and what the
 * read models hold of it (the Redis document, the ClickHouse rows).
 */
@Path("/orders")
@Produces(MediaType.TEXT_HTML)
public class OrdersPage {

    @Inject
    Template order;

    @Inject
    PlatformApi api;

    @Inject
    SignedIn signedIn;

    @GET
    public Response search(@QueryParam("q") String q) {
        Operator operator = signedIn.operator();
        if (q != null && !q.isBlank()) {
            return Response.seeOther(URI.create("/orders/" + PlatformApi.segment(q.trim()))).build();
        }
        return Response.ok(order.data("operator", operator).data("reference", "").data("story", null).data("sagas", List.of())
                .data("refused", null).data("pretty", Map.of())).build();
    }

    @GET
    @Path("/{reference}")
    public Uni<TemplateInstance> story(@PathParam("reference") String reference) {
        Operator operator = signedIn.operator();
        String ref = PlatformApi.segment(reference);
        return api.get(Service.ORDER, "/admin/orders/" + ref, operator.token()).chain(answer -> {
            if (!answer.ok()) {
                return Uni.createFrom().item(order.data("operator", operator).data("reference", reference).data("story", null)
                        .data("sagas", List.of()).data("refused", answer.problem()).data("pretty", Map.of()));
            }
            JsonNode story = answer.body();
            String orderId = story.path("order_id").asText();
            String tenant = story.path("tenant_id").asText();
            return sagasOf(operator, orderId, tenant).map(sagas -> order.data("operator", operator).data("reference", reference)
                    .data("story", Json.plain(story)).data("sagas", sagas).data("refused", null)
                    .data("pretty", pretty(story)));
        });
    }

    /** Each saga of the order with its steps and its messages, as the saga API shows them to this operator. */
    private Uni<List<Object>> sagasOf(Operator operator, String orderId, String tenant) {
        return api.get(Service.SAGA, "/sagas?order_id=" + orderId + (operator.platform() ? "&tenant_id=" + tenant : ""), operator.token())
                .chain(list -> {
                    List<Uni<Map<String, Object>>> sagas = new ArrayList<>();
                    if (list.ok()) {
                        for (JsonNode s : list.body().path("sagas")) sagas.add(saga(operator, s.path("saga_id").asText()));
                    }
                    if (sagas.isEmpty()) return Uni.createFrom().item(List.of());
                    return Uni.join().all(sagas).andCollectFailures().map(found -> {
                        List<Object> shown = new ArrayList<>();
                        for (Map<String, Object> s : found) if (s != null) shown.add(s);
                        return shown;
                    });
                });
    }

    /** One saga's detail with its messages; null when the saga API does not show it. */
    @SuppressWarnings("unchecked")
    private Uni<Map<String, Object>> saga(Operator operator, String sagaId) {
        return SagaWithMessages.of(api, operator, PlatformApi.segment(sagaId)).map(found -> {
            if (!found.detail().ok()) return null;
            Map<String, Object> saga = new LinkedHashMap<>((Map<String, Object>) Json.plain(found.detail().body()));
            saga.put("messages", found.shownMessages());
            saga.put("messagesProblem", found.messagesProblem());
            return saga;
        });
    }

    /** Payloads and read-model contents as indented JSON, by event id and by read model. */
    private static Map<String, String> pretty(JsonNode story) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (JsonNode e : story.path("events")) {
            shown.put(e.path("event_id").asText(), Json.pretty(Json.plain(e.path("data"))));
        }
        JsonNode models = story.path("read_models");
        shown.put("redis", Json.pretty(Json.plain(models.path("redis_document"))));
        shown.put("clickhouse_orders", Json.pretty(Json.plain(models.path("clickhouse_order_rows"))));
        shown.put("clickhouse_payments", Json.pretty(Json.plain(models.path("clickhouse_payment_rows"))));
        return shown;
    }
}
