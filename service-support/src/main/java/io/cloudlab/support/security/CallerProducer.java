package io.cloudlab.support.security;

import io.cloudlab.support.observability.LogContext;
import io.cloudlab.support.problem.Problem;
import io.cloudlab.support.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Makes the verified token's {@link Caller} injectable into resources. */
@RequestScoped
public class CallerProducer {

    public static final String TENANT_CLAIM = "tenant_id";

    @Inject
    JsonWebToken token;

    @Produces
    @RequestScoped
    Caller caller() {
        if (token == null || token.getRawToken() == null) {
            throw new ProblemException(Problem.of(401, "unauthenticated", "Unauthenticated",
                    "a valid bearer token is required").field("Authorization"));
        }
        Object tenant = token.getClaim(TENANT_CLAIM);
        UUID tenantId;
        try {
            tenantId = UUID.fromString(String.valueOf(tenant).replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(401, "unauthenticated", "Unauthenticated",
                    "the token has no valid tenant_id claim").field("Authorization"));
        }
        LogContext.of(tenantId, null);
        Set<String> groups = token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups());
        return new Caller(tenantId, token.getSubject(), groups);
    }
}
