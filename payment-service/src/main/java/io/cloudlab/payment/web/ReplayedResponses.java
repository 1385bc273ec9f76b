package io.cloudlab.payment.web;

import io.cloudlab.support.idempotency.IdempotentCommands;
import io.cloudlab.support.problem.Problem;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Workaround for service-support's IdempotentCommands, whose replay keeps status and body but not the
 * headers: a replayed 402/422 would be application/json instead of application/problem+json, and a replayed
 * 201 would lose its Location. Both are restored here from the status and the stored body. Remove once the
 * replay carries the first response's content type and Location itself.
 */
public class ReplayedResponses {

    private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);

    @ServerResponseFilter
    public void restore(ContainerResponseContext response, UriInfo uri) {
        if (!"true".equals(response.getHeaderString(IdempotentCommands.REPLAYED_HEADER))) return;
        if (response.getStatus() >= 400) {
            response.setEntity(response.getEntity(), response.getEntityAnnotations(), PROBLEM);
        } else if (response.getStatus() == 201 && response.getEntity() instanceof Map<?, ?> body
                && body.get("payment_id") != null && !response.getHeaders().containsKey(HttpHeaders.LOCATION)) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION,
                    uri.getBaseUriBuilder().path("payments").path(String.valueOf(body.get("payment_id"))).build());
        }
    }
}
