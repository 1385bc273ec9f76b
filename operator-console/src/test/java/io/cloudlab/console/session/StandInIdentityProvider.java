package io.cloudlab.console.session;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An identity provider for the console's tests, as a provider answers a confidential client's authorization code
 * flow: discovery, keys, an authorization endpoint that has already authenticated its user, and a token endpoint that
 * checks the client's secret and the PKCE verifier before it issues RS256 tokens. It also answers the saga API's
 * list, recording the bearer tokens the console calls it with. No such provider runs on this machine (the platform's
 * is the cluster's), so the test brings its own.
 */
public class StandInIdentityProvider implements QuarkusTestResourceLifecycleManager {

    static final String CLIENT_ID = "operator-console";
    static final String CLIENT_SECRET = "console-client-secret-of-32-characters-at-least";
    static final String SUBJECT = "op-oidc-7";

    /** The bearer tokens the saga API was called with, and the access tokens issued, in order. */
    static final List<String> bearers = new CopyOnWriteArrayList<>();
    static final List<String> issued = new CopyOnWriteArrayList<>();
    /** Token requests refused, with why. */
    static final List<String> refusals = new CopyOnWriteArrayList<>();

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final Map<String, String> challengeOfCode = new ConcurrentHashMap<>();
    private HttpServer server;
    private KeyPair keys;
    private String issuer;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/cloudlab";
        server.createContext("/realms/cloudlab/.well-known/openid-configuration", ex -> json(ex, 200, """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                 "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"],"code_challenge_methods_supported":["S256"]}"""
                .formatted(issuer)));
        server.createContext("/realms/cloudlab/jwks", ex -> {
            RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
            json(ex, 200, "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"%s\",\"e\":\"%s\"}]}"
                    .formatted(unsigned(pub.getModulus()), unsigned(pub.getPublicExponent())));
        });
        server.createContext("/realms/cloudlab/authorize", this::authorize);
        server.createContext("/realms/cloudlab/token", this::token);
        server.createContext("/saga/sagas", ex -> {
            bearers.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            json(ex, 200, "{\"sagas\":[]}");
        });
        server.start();
        return Map.of(
                "cloudlab.console.oidc", "true",
                "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.client-id", CLIENT_ID,
                "quarkus.oidc.credentials.secret", CLIENT_SECRET,
                "cloudlab.console.services.saga-orchestrator", "http://127.0.0.1:" + server.getAddress().getPort() + "/saga");
    }

    @Override
    public void stop() {
        if (server != null) server.stop(0);
    }

    /** The user is signed in at the provider already: it sends the browser straight back with a code. */
    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))) {
            json(ex, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        challengeOfCode.put(code, q.get("code_challenge"));
        ex.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        boolean client = expected.equals(basic) || (CLIENT_ID.equals(f.get("client_id")) && CLIENT_SECRET.equals(f.get("client_secret")));
        String challenge = challengeOfCode.remove(String.valueOf(f.get("code")));
        String why = !client ? "client not authenticated"
                : !"authorization_code".equals(f.get("grant_type")) ? "grant " + f.get("grant_type")
                : challenge == null ? "unknown or used code"
                : f.get("code_verifier") == null || !challenge.equals(s256(f.get("code_verifier"))) ? "PKCE verifier does not match" : null;
        if (why != null) {
            refusals.add(why);
            json(ex, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        long now = Instant.now().getEpochSecond();
        String idToken = sign("""
                {"iss":"%s","aud":"%s","sub":"%s","iat":%d,"exp":%d,"preferred_username":"night-shift"}"""
                .formatted(issuer, CLIENT_ID, SUBJECT, now, now + 300));
        String accessToken = sign("""
                {"iss":"%s","aud":["order-service","inventory-service","payment-service","saga-orchestrator"],"sub":"%s",
                 "tenant_id":"00000000-0000-0000-0000-000000000000","groups":["operator"],"iat":%d,"exp":%d,"jti":"%s"}"""
                .formatted(issuer, SUBJECT, now, now + 300, UUID.randomUUID()));
        issued.add(accessToken);
        json(ex, 200, "{\"access_token\":\"%s\",\"id_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                .formatted(accessToken, idToken));
    }

    private String sign(String claims) {
        try {
            String input = B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + B64.encodeToString(claims.replace("\n", "").getBytes(StandardCharsets.UTF_8));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(rs256.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String s256(String verifier) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(BigInteger n) {
        byte[] bytes = n.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        return B64.encodeToString(bytes);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
