package io.cloudlab.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.cloudlab.eventstore.EventStoreException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of every service as problem+json. Bad input is always a 4xx naming the field, never a 5xx;
 * a dependency away (the database restarting) is a 503 with Retry-After; an unexpected failure is a 500 that
 * says nothing about the internals (the log has the details).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** The service's JSON mapper: violations name fields as clients write them (snake_case or not). */
    @jakarta.inject.Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return e.problem().instance(uri.getPath()).toResponse();
    }

    /** Every aggregate's refusal: its kind is the status, its slug the problem type, its field the culprit. */
    @ServerExceptionMapper
    public Response refused(io.cloudlab.eventstore.decider.Refusal refusal, UriInfo uri) {
        return Problem.of(refusal.kind().status(), refusal.slug(), refusal.kind().title(), refusal.getMessage())
                .field(refusal.field()).instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(jsonName(fieldOf(v)), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.of(400, "invalid-input", "Invalid input",
                        errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                                : errors.size() + " fields are invalid")
                .errors(errors).instance(uri.getPath()).toResponse();
    }

    /**
     * Unknown fields, wrong types, unknown enum values: the path of the offending JSON value. Registered for
     * the subclasses too, because quarkus-rest-jackson maps MismatchedInputException itself (as plain JSON)
     * and the mapper of the most specific type wins.
     */
    @ServerExceptionMapper({JsonMappingException.class, com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class,
            com.fasterxml.jackson.databind.exc.ValueInstantiationException.class})
    public Response unreadable(JsonMappingException e, UriInfo uri) {
        String field = jsonPath(e.getPath());
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            detail = "must be one of " + Arrays.toString(f.getTargetType().getEnumConstants()).toLowerCase();
        } else if (e instanceof InvalidFormatException f) {
            detail = "cannot be read as " + simpleType(f.getTargetType());
        } else {
            detail = "has the wrong type or shape";
        }
        return Problem.of(400, "invalid-input", "Invalid input", (field.isEmpty() ? "body" : field) + " " + detail)
                .field(field.isEmpty() ? "body" : field).instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper({JsonProcessingException.class, com.fasterxml.jackson.core.JsonParseException.class,
            com.fasterxml.jackson.core.io.JsonEOFException.class})
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return Problem.of(400, "malformed-json", "Malformed JSON", "the body is not valid JSON")
                .field("body").instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(EventStoreException.ConcurrencyConflict e, UriInfo uri) {
        return Problem.of(409, "concurrent-change", "Conflict",
                "the resource was changed by another request at the same time; read it again and retry")
                .instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidAppend(EventStoreException.InvalidAppend e, UriInfo uri) {
        return Problem.of(422, "invalid-change", "Request cannot be carried out", e.getMessage())
                .instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(Problem.of(401, "unauthenticated", "Unauthenticated",
                                "a valid bearer token is required").field("Authorization").instance(uri.getPath())
                        .toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, "forbidden", "Forbidden", "your role does not allow this")
                .instance(uri.getPath()).toResponse();
    }

    /** 404 for unknown paths, 405, 406, 413, 415, ...: the status JAX-RS chose, as a problem. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonMappingException mapping) return unreadable(mapping, uri);
        if (e.getCause() instanceof JsonProcessingException parsing) return malformed(parsing, uri);
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) return unexpected(e, uri);
        return Problem.of(status.getStatusCode(), "http-" + status.getStatusCode(), status.getReasonPhrase(),
                e.getMessage()).instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (dependencyAway(e)) return unavailable(e, uri.getPath());
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return Problem.of(500, "internal-error", "Internal error",
                "the request failed on our side; it is safe to retry with the same Idempotency-Key")
                .instance(uri.getPath()).toResponse();
    }

    /**
     * 503 with Retry-After when what failed is the database (or another dependency) being away: restarting,
     * shutting down, a connection lost. Why: a client (and a load balancer) retries a 503 after Retry-After,
     * while a 500 says the request itself broke something (and logs a stack trace for what is only a restart).
     */
    static Response unavailable(Throwable e, String path) {
        LOG.warnf("a dependency is away on %s: %s", path, e);
        return Problem.of(503, "service-unavailable", "Service unavailable",
                        "a service this request needs did not answer; it is safe to retry with the same Idempotency-Key"
                                + " after Retry-After seconds")
                .instance(path).toResponse(1);
    }

    /** The failure, or what caused it, is a dependency being away (the same rule the Kafka consumers wait on). */
    static boolean dependencyAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (io.cloudlab.support.messaging.Retrying.unavailable(t)) return true;
        }
        return false;
    }

    /** shippingAddress.postalCode -> shipping_address.postal_code when the service writes snake_case. */
    private String jsonName(String javaPath) {
        if (json == null || !(json.getPropertyNamingStrategy()
                instanceof com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase naming)) {
            return javaPath;
        }
        StringBuilder out = new StringBuilder();
        for (String part : javaPath.split("\\.")) {
            if (!out.isEmpty()) out.append('.');
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            out.append(naming.translate(name)).append(bracket < 0 ? "" : part.substring(bracket));
        }
        return out.toString();
    }

    /**
     * {@code place.body.items[0].quantity} -> {@code items[0].quantity}: the path inside the parameter.
     * Bean validation puts a container element's index on the node after it, hence the look at isInIterable.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) continue;
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() == null) continue;
            if (!field.isEmpty()) field.append('.');
            field.append(node.getName());
        }
        return field.isEmpty() ? parameter : field.toString();
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) field.append('.');
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String simpleType(Class<?> type) {
        if (type == null) return "the expected type";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (type == java.util.UUID.class) return "a UUID";
        return "a " + type.getSimpleName();
    }
}
