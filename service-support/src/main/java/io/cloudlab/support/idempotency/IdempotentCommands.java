package io.cloudlab.support.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudlab.eventstore.idempotency.IdempotencyKeys;
import io.cloudlab.eventstore.idempotency.IdempotencyKeys.Claim;
import io.cloudlab.support.problem.Problem;
import io.cloudlab.support.problem.ProblemException;
import io.cloudlab.support.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a command endpoint under its {@code Idempotency-Key}: the first request with a key runs; a retry
 * with the same key and the same request gets the first response again (header
 * {@code Idempotency-Replayed: true}); the same key with another request is 422; a retry while the first
 * is still running is 409 with Retry-After. Answers worth repeating (2xx, and 4xx other than 409 and 429)
 * are stored; anything else gives the key back, so the client's retry runs the command again.
 */
@ApplicationScoped
public class IdempotentCommands {
    /** Read-your-writes: names what a command wrote, for a later read to wait for (see the read models). */
    public static final String CONSISTENCY_TOKEN = "X-Consistency-Token";


    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotency-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @Inject
    IdempotencyKeys keys;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /** The command's view of its key: where its event ids come from. */
    public record Keyed(UUID tenantId, String scope, String key) {
        /** The id of the command's {@code index}-th event: the same on every retry of this request. */
        public UUID eventId(int index) {
            return IdempotencyKeys.eventId(tenantId, scope, key, index);
        }
    }

    /**
     * @param endpoint names the operation (e.g. {@code "POST /orders"}); with the service and the caller it
     *                 scopes the key, so two clients' keys never meet
     * @param request  what the endpoint understood of the request (path ids and body); its hash tells a
     *                 retry from a different request
     */
    public Uni<Response> run(Caller caller, String endpoint, String key, Object request,
            Function<Keyed, Uni<Response>> command) {
        if (key == null || key.isBlank()) {
            return Uni.createFrom().failure(ProblemException.badRequest(HEADER,
                    "the Idempotency-Key header is required on this endpoint (any unique string up to 255 characters)"));
        }
        if (!VALID_KEY.matcher(key).matches()) {
            return Uni.createFrom().failure(ProblemException.badRequest(HEADER,
                    "the Idempotency-Key header must be 1-255 printable ASCII characters without spaces"));
        }
        String scope = service + " " + endpoint + " " + caller.userId();
        String hash = hash(endpoint, request);
        return keys.claim(caller.tenantId(), scope, key, hash).chain(claim -> {
            if (claim instanceof Claim.Claimed) return runClaimed(caller.tenantId(), scope, key, command);
            if (claim instanceof Claim.Completed done) return Uni.createFrom().item(replay(done));
            if (claim instanceof Claim.Mismatch) {
                return Uni.createFrom().failure(ProblemException.unprocessable("idempotency-key-reused", HEADER,
                        "this Idempotency-Key was already used for a different request"));
            }
            return Uni.createFrom().item(Problem.of(409, "idempotency-key-in-use", "Conflict",
                            "a request with this Idempotency-Key is still being processed; retry shortly").field(HEADER)
                    .toResponse(1));
        });
    }

    private Uni<Response> runClaimed(UUID tenantId, String scope, String key, Function<Keyed, Uni<Response>> command) {
        Uni<Response> ran;
        try {
            ran = command.apply(new Keyed(tenantId, scope, key));
        } catch (RuntimeException e) {
            ran = Uni.createFrom().failure(e);
        }
        return ran
                .onFailure().call(failure -> keys.release(tenantId, scope, key))
                .chain(response -> worthRepeating(response.getStatus())
                        ? keys.complete(tenantId, scope, key, response.getStatus(), bodyOf(response)).replaceWith(response)
                        : keys.release(tenantId, scope, key).replaceWith(response));
    }

    private static boolean worthRepeating(int status) {
        return status < 500 && status != 409 && status != 429;
    }

    /**
     * What a retry must get back: status (a column), body, and the headers that carry meaning, the
     * content type (a problem stays application/problem+json), Location (a replayed 201 still names
     * what it created) and the read-your-writes token (a retried command still lets its client read what it wrote).
     */
    private JsonObject bodyOf(Response response) {
        Object entity = response.getEntity();
        Object body;
        if (entity == null) {
            body = null;
        } else if (entity instanceof String text) {
            body = text.startsWith("{") ? new JsonObject(text) : text;
        } else {
            body = new JsonObject(json.convertValue(entity, java.util.Map.class));
        }
        JsonObject stored = new JsonObject().put("body", body);
        if (response.getMediaType() != null) stored.put("content_type", response.getMediaType().toString());
        if (response.getLocation() != null) stored.put("location", response.getLocation().toString());
        Object token = response.getHeaders().getFirst(CONSISTENCY_TOKEN);
        if (token != null) stored.put("consistency_token", token.toString());
        return stored;
    }

    private static Response replay(Claim.Completed done) {
        JsonObject stored = done.body();
        Object body = stored.getValue("body");
        Response.ResponseBuilder replayed = Response.status(done.status()).header(REPLAYED_HEADER, "true");
        String type = stored.getString("content_type");
        if (type != null) replayed.type(type);
        if (stored.getString("location") != null) replayed.location(java.net.URI.create(stored.getString("location")));
        if (stored.getString("consistency_token") != null) replayed.header(CONSISTENCY_TOKEN, stored.getString("consistency_token"));
        if (body instanceof JsonObject object) {
            // A problem body is written as text (see Problem.toResponse); anything else as the JSON object.
            replayed.entity(type != null && type.startsWith(Problem.MEDIA_TYPE) ? object.encode() : object.getMap());
        } else if (body != null) {
            replayed.entity(body);
        }
        return replayed.build();
    }

    private String hash(String endpoint, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(endpoint.getBytes(StandardCharsets.UTF_8));
            sha.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the request", e);
        }
    }
}
