package io.cloudlab.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response of every service. {@code field} names the
 * offending input (a JSON path like {@code items[0].quantity}, a query parameter, or a header), so that a
 * client can show the error next to what caused it; {@code errors} lists every offending field when there
 * are several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://cloudlab.io/problems/";

    public record FieldError(String field, String message) {}

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, null, null);
    }

    public Problem field(String name) {
        return new Problem(type, title, status, detail, instance, name, errors);
    }

    public Problem errors(List<FieldError> list) {
        return new Problem(type, title, status, detail, instance,
                field == null && !list.isEmpty() ? list.get(0).field() : field, list);
    }

    public Problem instance(String path) {
        return new Problem(type, title, status, detail, path, field, errors);
    }

    /**
     * Written here rather than by the resource's JSON writer: content negotiation would otherwise answer
     * with the resource's {@code @Produces} type (application/json) instead of application/problem+json.
     */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
    }

    /** The problem as a response that tells the client when to try again (409 in progress, 503). */
    public Response toResponse(long retryAfterSeconds) {
        return Response.fromResponse(toResponse()).header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }

    /** The problem as its JSON body, for edges that answer before JAX-RS (Vert.x routes). */
    public String toJson() {
        try {
            return WRITER.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter WRITER = new com.fasterxml.jackson.databind.ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL).writer();
}
