package io.cloudlab.console.session;

import io.cloudlab.console.ConsoleConfig;
import io.cloudlab.console.platform.PlatformApi;
import io.cloudlab.console.platform.Service;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Signing in with a bearer token (pasted, or from deploy/local/token): kept in an HttpOnly, SameSite=Strict cookie,
 * so page scripts never see it and another site's form cannot act with it. The token is tried on the saga API
 * before it is kept: a token the services refuse is refused here with their answer.
 *
 * <p>Where operators sign in through the identity provider, there is no form: the pages send the browser there, and
 * signing out ends the console's session (the provider's own session is the provider's).
 */
@Path("/")
public class SessionResource {

    public static final String COOKIE = "console_token";

    @Inject
    Template login;

    @Inject
    PlatformApi api;

    @Inject
    ConsoleConfig config;

    @Inject
    Instance<OidcSession> oidcSession;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response home() {
        return Response.seeOther(URI.create("/sagas")).build();
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response form() {
        if (config.oidc()) return Response.seeOther(URI.create("/sagas")).build();
        return Response.ok(login.data("problem", null)).build();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> signIn(@FormParam("token") String token) {
        if (config.oidc()) return Uni.createFrom().item(Response.seeOther(URI.create("/sagas")).build());
        Operator operator = Operator.of(token);
        if (operator == null) {
            return Uni.createFrom().item(Response.status(400).entity(login.data("problem", "that is not a bearer token (three dot-separated parts)")).build());
        }
        return api.get(Service.SAGA, "/sagas?limit=1", operator.token()).map(answer -> answer.ok()
                ? Response.seeOther(URI.create("/sagas")).cookie(cookie(operator.token(), -1)).build()
                : Response.status(answer.status() == 0 ? 503 : answer.status())
                        .entity(login.data("problem", "the platform refused this token: " + answer.problem())).build());
    }

    @POST
    @Path("logout")
    public Uni<Response> signOut() {
        if (config.oidc()) return oidcSession.get().logout().map(ended -> Response.seeOther(URI.create("/sagas")).build());
        return Uni.createFrom().item(Response.seeOther(URI.create("/login")).cookie(cookie("", 0)).build());
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path("/").httpOnly(true).secure(config.secureCookie())
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
