package io.cloudlab.console.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signing in through the identity provider (the authorization code flow with PKCE, as in Kubernetes): a page sends
 * the browser to the provider, the code that comes back is exchanged with the client's secret and the PKCE verifier,
 * and the pages call the services with the access token the provider issued, never with anything of the console's.
 */
@QuarkusTest
@TestProfile(OidcSignInTest.ThroughTheProvider.class)
class OidcSignInTest {

    public static class ThroughTheProvider implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StandInIdentityProvider.class));
        }
    }

    @Test
    void anOperatorSignsInAtTheProviderAndThePagesCallTheServicesWithItsAccessToken() {
        Response toProvider = given().redirects().follow(false).get("/sagas");
        assertEquals(302, toProvider.statusCode(), "a page without a session goes to the provider");
        String authorize = toProvider.header("Location");
        assertTrue(authorize.contains("/realms/cloudlab/authorize?"), authorize);
        assertTrue(authorize.contains("code_challenge_method=S256"), "PKCE: " + authorize);
        Map<String, String> state = new HashMap<>(toProvider.cookies());
        assertTrue(state.keySet().stream().anyMatch(c -> c.startsWith("q_auth")), "a state cookie: " + state.keySet());

        String back = given().urlEncodingEnabled(false).redirects().follow(false).get(URI.create(authorize)).then().statusCode(302).extract().header("Location");
        Response signedIn = given().urlEncodingEnabled(false).redirects().follow(false).cookies(state).get(URI.create(back));
        assertEquals(302, signedIn.statusCode(), signedIn.body().asString());
        assertTrue(signedIn.header("Location").endsWith("/sagas"), "back to the page asked for, without code and state: " + signedIn.header("Location"));
        assertTrue(StandInIdentityProvider.refusals.isEmpty(), "the provider refused: " + StandInIdentityProvider.refusals);
        Map<String, String> session = new HashMap<>(signedIn.cookies());
        assertTrue(session.keySet().stream().anyMatch(c -> c.startsWith("q_session")), "a session: " + session.keySet());

        int before = StandInIdentityProvider.bearers.size();
        given().cookies(session).get("/sagas").then().statusCode(200)
                .body(containsString(StandInIdentityProvider.SUBJECT)).body(containsString("operator"))
                .body(not(containsString("Paste a bearer token")));
        List<String> calls = StandInIdentityProvider.bearers.subList(before, StandInIdentityProvider.bearers.size());
        assertEquals(List.of("Bearer " + StandInIdentityProvider.issued.get(StandInIdentityProvider.issued.size() - 1)), calls,
                "the saga API was called once, with the access token the provider issued");

        // No token form where the provider signs operators in.
        given().redirects().follow(false).get("/login").then().statusCode(303).header("Location", endsWith("/sagas"));

        Response out = given().redirects().follow(false).cookies(session).post("/logout");
        assertEquals(303, out.statusCode());
        assertTrue(out.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("q_session") && c.toLowerCase().contains("max-age=0")),
                "the session cookie is cleared: " + out.headers().getValues("Set-Cookie"));
    }

    @Test
    void aCodeThatComesBackWithoutTheBrowsersStateGivesNoSession() {
        Response toProvider = given().redirects().follow(false).get("/projections");
        String back = given().urlEncodingEnabled(false).redirects().follow(false).get(URI.create(toProvider.header("Location"))).then().statusCode(302)
                .extract().header("Location");
        // Another browser (no state cookie) presenting the code: sent to sign in afresh, never let in.
        Response stolen = given().urlEncodingEnabled(false).redirects().follow(false).get(URI.create(back));
        assertTrue(stolen.statusCode() == 302 || stolen.statusCode() == 401, "status " + stolen.statusCode());
        if (stolen.statusCode() == 302) {
            assertTrue(stolen.header("Location").contains("/realms/cloudlab/authorize?"), stolen.header("Location"));
        }
        assertTrue(stolen.cookies().keySet().stream().noneMatch(c -> c.startsWith("q_session")), "no session: " + stolen.cookies());
        given().redirects().follow(false).get("/projections/state").then().statusCode(200).body(containsString("signed out"));
    }

    @Test
    void aPastedTokenIsNotASessionWhereTheProviderSignsIn() {
        String forged = io.cloudlab.console.ConsolePagesTest.token(
                "{\"sub\":\"mallory\",\"tenant_id\":\"00000000-0000-0000-0000-000000000000\",\"groups\":[\"operator\"]}");
        given().redirects().follow(false).cookie(SessionResource.COOKIE, forged).get("/sagas").then().statusCode(302)
                .header("Location", startsWith("http://127.0.0.1:"));
        given().redirects().follow(false).formParam("token", forged).post("/login").then().statusCode(303)
                .header("Location", endsWith("/sagas")).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
    }
}
