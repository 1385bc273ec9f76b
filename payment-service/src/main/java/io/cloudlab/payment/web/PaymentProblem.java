package io.cloudlab.payment.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cloudlab.support.problem.Problem;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * A problem with this service's extension members (RFC 9457 section 3.2): the payment it concerns, the
 * decline reason, the payment's status. The shared {@link Problem} has no extension members, so a 402 could
 * not carry its {@code reason} with it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentProblem(String type, String title, int status, String detail, String instance, String reason,
        UUID paymentId, String paymentStatus) {

    public static PaymentProblem of(Problem base, String reason, UUID paymentId, String paymentStatus) {
        return new PaymentProblem(base.type(), base.title(), base.status(), base.detail(), base.instance(), reason,
                paymentId, paymentStatus);
    }

    public Response toResponse() {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(this).build();
    }
}
