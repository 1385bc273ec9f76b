package io.cloudlab.console.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.cloudlab.console.ConsoleConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Calls the services' APIs with the signed-in operator's own token: each service decides what the operator may see
 * and do, and the console only shows the answer. No token of its own, no second copy of the rules.
 */
@ApplicationScoped
public class PlatformApi {

    private final ConsoleConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    PlatformApi(ConsoleConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    public Uni<Answer> get(Service service, String path, String token) {
        return send(service, "GET", path, token, null, config.callTimeout());
    }

    public Uni<Answer> post(Service service, String path, String token, Map<String, ?> body) {
        return send(service, "POST", path, token, body, config.callTimeout());
    }

    /** An action that answers only when done (an audit): waits up to {@link ConsoleConfig#longCallTimeout()}. */
    public Uni<Answer> postUntilDone(Service service, String path, String token, Map<String, ?> body) {
        return send(service, "POST", path, token, body, config.longCallTimeout());
    }

    /** A value as one segment of a path (or a query value) the console builds: percent-encoded, spaces as %20. */
    public static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A service's Prometheus text (its /q/metrics), for the platform's charts. */
    public Uni<String> metrics(Service service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl(config.services()) + "/q/metrics"))
                .timeout(config.callTimeout()).header("Accept", "text/plain").GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(HttpResponse::body);
    }

    private Uni<Answer> send(Service service, String method, String path, String token, Map<String, ?> body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl(config.services()) + path))
                .timeout(timeout).header("Accept", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        if (body != null) request.header("Content-Type", "application/json");
        return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()))
                .map(response -> new Answer(response.statusCode(), parse(response.body()), response.body()))
                .onFailure().recoverWithItem(failure -> Answer.unanswered(failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : " " + failure.getMessage())));
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) return NullNode.getInstance();
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            return NullNode.getInstance();
        }
    }
}
