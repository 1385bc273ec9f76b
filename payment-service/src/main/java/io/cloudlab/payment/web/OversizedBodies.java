package io.cloudlab.payment.web;

import io.cloudlab.support.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bodies over quarkus.http.limits.max-body-size are refused by Vert.x before JAX-RS sees them, with an
 * empty 413 that the shared problem mappers never get to shape. This answers the same 413 as
 * problem+json when the Content-Length already says the body is too large (the usual case); a chunked body
 * without a length still gets Vert.x's empty 413 once it exceeds the limit.
 */
@ApplicationScoped
public class OversizedBodies {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (declaredLength(ctx.request().getHeader("Content-Length")) <= limit) {
                ctx.next();
                return;
            }
            JsonObject problem = JsonObject.mapFrom(Problem.of(413, "http-413", "Request Entity Too Large",
                    "the body is larger than " + limit + " bytes").instance(ctx.request().path()));
            ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close").end(problem.encode());
        });
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
