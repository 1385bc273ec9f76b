package io.cloudlab.inventory.support;

import io.cloudlab.inventory.product.domain.InsufficientStock;
import io.cloudlab.inventory.product.domain.InvalidProductData;
import io.cloudlab.inventory.product.domain.ProductAlreadyExists;
import io.cloudlab.inventory.product.domain.ProductNotActive;
import io.cloudlab.inventory.reservation.domain.ReservationClosed;
import io.cloudlab.support.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The domain's refusals as problems (the shared mappers know nothing of this service's rules). */
public class DomainProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidProductData e, UriInfo uri) {
        return Problem.of(400, "invalid-input", "Invalid input", e.getMessage()).field(e.field())
                .instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response retired(ProductNotActive e, UriInfo uri) {
        return Problem.of(422, "product-retired", "Request cannot be carried out", e.getMessage())
                .instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response insufficient(InsufficientStock e, UriInfo uri) {
        return Problem.of(409, "insufficient-stock", "Conflict", e.getMessage()).instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response exists(ProductAlreadyExists e, UriInfo uri) {
        return Problem.of(409, "product-exists", "Conflict", e.getMessage()).instance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response closed(ReservationClosed e, UriInfo uri) {
        return Problem.of(409, "reservation-" + e.status(), "Conflict", e.getMessage()).instance(uri.getPath())
                .toResponse();
    }
}
