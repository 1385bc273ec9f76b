package io.cloudlab.console.session;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The operator of a request, from the session cookie; without one, the browser goes to the sign-in page. */
public final class SignedIn {

    private SignedIn() {}

    public static Operator require(String cookie) {
        Operator operator = Operator.of(cookie);
        if (operator == null) throw new WebApplicationException(Response.seeOther(URI.create("/login")).build());
        return operator;
    }
}
