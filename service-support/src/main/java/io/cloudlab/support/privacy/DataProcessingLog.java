package io.cloudlab.support.privacy;

import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The data-processing log ({@code event_store.data_processing_log}, seed 000's GDPR log): every export and
 * erasure of a person's data, whose, who asked, who carried it out, what was touched and how it ended. A record
 * is written before the answer goes out, so an export the log lacks was never handed over.
 */
@ApplicationScoped
public class DataProcessingLog {

    public static final String EXPORT = "export";
    public static final String ERASURE = "erasure";

    /** One record as the log holds it; {@code touched}: each place read or changed, and how many items. */
    public record Entry(String service, String activity, UUID tenantId, String subjectId, String requestedBy,
            String carriedOutBy, Map<String, Integer> touched, String outcome, String detail, String traceId,
            Instant occurredAt) {}

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /** Records what was done; {@code detail} says why it failed (null when it succeeded). */
    public Uni<Void> record(String activity, UUID tenantId, String subjectId, String requestedBy, String carriedOutBy,
            Map<String, Integer> touched, boolean succeeded, String detail) {
        JsonArray places = new JsonArray();
        touched.forEach((place, count) -> places.add(new JsonObject().put("place", place).put("count", count)));
        String trace = Span.current().getSpanContext().isValid() ? Span.current().getSpanContext().getTraceId() : null;
        return pool.preparedQuery("INSERT INTO event_store.data_processing_log (service, activity, tenant_id, subject_id,"
                        + " requested_by, carried_out_by, touched, outcome, detail, trace_id)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(Tuple.from(Arrays.asList(service, activity, tenantId, subjectId, requestedBy, carriedOutBy, places,
                        succeeded ? "succeeded" : "failed", detail, trace)))
                .replaceWithVoid();
    }

    /** Newest first; every filter optional. */
    public Uni<List<Entry>> newest(UUID tenantId, String subjectId, String activity, int limit) {
        return pool.preparedQuery("SELECT service, activity, tenant_id, subject_id, requested_by, carried_out_by, touched,"
                        + " outcome, detail, trace_id, occurred_at FROM event_store.data_processing_log"
                        + " WHERE ($1::uuid IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR subject_id = $2)"
                        + " AND ($3::text IS NULL OR activity = $3) ORDER BY occurred_at DESC LIMIT $4")
                .execute(Tuple.from(Arrays.asList(tenantId, subjectId, activity, limit)))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    rows.forEach(r -> {
                        Map<String, Integer> touched = new LinkedHashMap<>();
                        Object json = r.getValue("touched");
                        JsonArray places = json instanceof JsonArray a ? a : new JsonArray(String.valueOf(json));
                        for (Object p : places) {
                            JsonObject place = (JsonObject) p;
                            touched.put(place.getString("place"), place.getInteger("count"));
                        }
                        entries.add(new Entry(r.getString("service"), r.getString("activity"), r.getUUID("tenant_id"),
                                r.getString("subject_id"), r.getString("requested_by"), r.getString("carried_out_by"), touched,
                                r.getString("outcome"), r.getString("detail"), r.getString("trace_id"),
                                r.getOffsetDateTime("occurred_at").toInstant()));
                    });
                    return entries;
                });
    }
}
