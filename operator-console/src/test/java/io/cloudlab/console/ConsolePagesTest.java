package io.cloudlab.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The console on its own: no service answers here (their URLs point at a closed port), so every page must say that
 * the service did not answer rather than fail, and nothing is shown without a session. What it shows of a running
 * platform is the browser test's (deploy/browser).
 */
@QuarkusTest
public class ConsolePagesTest {

    public static String token(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    static final String OPERATOR = token("{\"sub\":\"op-1\",\"tenant_id\":\"00000000-0000-0000-0000-000000000000\",\"groups\":[\"operator\"]}");

    @Test
    void withoutASessionEveryPageSendsTheBrowserToSignIn() {
        for (String page : new String[] {"/sagas", "/sagas/7d4c1d1e-0000-0000-0000-000000000000", "/orders", "/projections", "/platform"}) {
            given().redirects().follow(false).get(page).then().statusCode(303).header("Location", endsWith("/login"));
        }
        given().get("/login").then().statusCode(200).body(containsString("Paste a bearer token"));
    }

    @Test
    void aTokenThePlatformCannotCheckIsNotKept() {
        given().redirects().follow(false).formParam("token", "not a token").post("/login").then().statusCode(400)
                .body(containsString("not a bearer token")).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        given().redirects().follow(false).formParam("token", OPERATOR).post("/login").then().statusCode(503)
                .body(containsString("did not answer"));
    }

    @Test
    void anActionSendsTheBrowserBackToTheSagaWithItsOutcomeSoAReloadDoesNotRepeatIt() {
        String saga = "/sagas/7d4c1d1e-0000-0000-0000-000000000000";
        String flash = given().redirects().follow(false).cookie("console_token", OPERATOR).formParam("reason", " ")
                .post(saga + "/retry").then().statusCode(303).header("Location", endsWith(saga))
                .extract().cookie("console_flash");
        given().cookie("console_token", OPERATOR).cookie("console_flash", flash).get(saga).then().statusCode(200)
                .body(containsString("give a reason"));
        given().redirects().follow(false).cookie("console_token", OPERATOR).formParam("reason", "why")
                .post(saga + "/retry").then().statusCode(303).cookie("console_flash", containsString("did+not+answer"));
    }

    @Test
    void pagesSayWhichServiceDidNotAnswerAndEscapeWhatTheyShow() {
        given().cookie("console_token", OPERATOR).get("/sagas").then().statusCode(200)
                .body(containsString("did not answer")).body(containsString("op-1"));
        given().cookie("console_token", OPERATOR).get("/orders/{ref}", "<img src=x onerror=alert(1)>").then().statusCode(200)
                .body(not(containsString("<img src=x"))).body(containsString("&lt;img src=x"))
                .body(containsString("did not answer"));
        given().cookie("console_token", OPERATOR).get("/projections").then().statusCode(200);
        given().cookie("console_token", OPERATOR).get("/platform").then().statusCode(200).body(containsString("did not answer"));
    }
}
