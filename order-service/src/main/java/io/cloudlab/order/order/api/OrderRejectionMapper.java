package io.cloudlab.order.order.api;

import io.cloudlab.order.order.domain.OrderRejection;
import io.cloudlab.support.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The domain's refusals at the edge: a wrong state is 409, a request the order cannot accept is 422. */
public class OrderRejectionMapper {

    @ServerExceptionMapper
    public Response rejected(OrderRejection rejection, UriInfo uri) {
        Problem problem = rejection.kind() == OrderRejection.Kind.ILLEGAL_TRANSITION
                ? Problem.of(409, "illegal-transition", "Conflict", rejection.getMessage())
                : Problem.of(422, "order-rejected", "Request cannot be carried out", rejection.getMessage())
                        .field(rejection.field());
        return problem.instance(uri.getPath()).toResponse();
    }
}
