package io.cloudlab.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Quarkus refuses a body above quarkus.http.limits.max-body-size with a bare 413 (no body, no content type)
 * from a route at order -2, before any JAX-RS mapper runs, so it would be the one error that is not
 * problem+json. This route runs just before it and answers the same refusal as a problem, without reading
 * the body. A chunked body (no Content-Length) still meets Quarkus's own 413 once it passes the limit.
 */
@ApplicationScoped
public class OversizedBodies {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> limit;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        if (limit.isEmpty()) return;
        long max = limit.get().asLongValue();
        String body = problem(max);
        router.route().order(-3).handler(ctx -> {
            if (declaredLength(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH)) > max) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        // The body is not read: the connection cannot carry another request.
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
            } else {
                ctx.next();
            }
        });
    }

    private String problem(long max) {
        try {
            return json.writeValueAsString(Problem.of(413, "body-too-large", "Request Entity Too Large",
                    "the body is larger than " + max + " bytes").field("body"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long declaredLength(String header) {
        if (header == null) return -1;
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
