package io.cloudlab.console.session;

import io.cloudlab.console.ConsoleConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * The operator of a request, the one place the pages ask. Signed in one of two ways ({@link ConsoleConfig#oidc()}):
 * <ul>
 *   <li>a bearer token pasted on the sign-in page, kept in the session cookie; without one the browser
 *       goes to that page;</li>
 *   <li>the platform's identity provider, authorization code flow; without a session the browser goes
 *       to the provider, and the access token it issued is what the console calls the services with.</li>
 * </ul>
 */
@RequestScoped
public class SignedIn {

    @Inject
    ConsoleConfig config;

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest request;

    public Operator operator() {
        return current().orElseThrow(() -> config.oidc()
                // The challenge of the code flow mechanism: a redirect to the provider's sign-in.
                ? new UnauthorizedException()
                : new WebApplicationException(Response.seeOther(URI.create("/login")).build()));
    }

    /** The operator, or empty when nobody is signed in: for what a page's script asks, which answers "signed out". */
    public Optional<Operator> current() {
        if (config.oidc()) {
            if (identity.isAnonymous()) return Optional.empty();
            AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
            Operator operator = access == null ? null : Operator.of(access.getToken());
            if (operator == null) {
                throw new WebApplicationException(Response.status(502)
                        .entity("the identity provider issued no JWT access token: the services accept nothing else").build());
            }
            return Optional.of(operator);
        }
        Cookie cookie = request.getCookie(SessionResource.COOKIE);
        return Optional.ofNullable(cookie == null ? null : Operator.of(cookie.getValue()));
    }
}
