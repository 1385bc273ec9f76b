package io.cloudlab.support.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import io.cloudlab.eventstore.relay.KafkaConnection;
import io.smallrye.common.annotation.Identifier;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is DOWN while no Kafka broker answers.
 *
 * <p>Quarkus ships a Kafka health check, but it waits on {@code describeCluster()} without a bound, so with
 * the broker gone a readiness probe hangs for the admin client's default API timeout (60 s) instead of
 * answering. This one asks the same question with an explicit deadline and says which broker it asked.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "Kafka broker";

    private final String bootstrapServers;
    private final Map<String, Object> connection;
    private final Duration timeout;
    private volatile Admin admin;

    KafkaBrokerReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ReadinessConfig config) {
        this.connection = KafkaConnection.settings(kafkaConfig);
        this.bootstrapServers = String.valueOf(connection.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.timeout = config.kafkaTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        int millis = (int) timeout.toMillis();
        return Uni.createFrom()
                .completionStage(() -> admin()
                        .describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                        .nodes()
                        .toCompletionStage())
                .map(nodes -> HealthCheckResponse.named(NAME)
                        .up()
                        .withData("bootstrap.servers", bootstrapServers)
                        .withData("nodes", nodes.stream().map(Node::toString).collect(Collectors.joining(",")))
                        .build())
                .onFailure()
                .recoverWithItem(failure -> HealthCheckResponse.named(NAME)
                        .down()
                        .withData("bootstrap.servers", bootstrapServers)
                        .withData("reason", "Kafka broker at " + bootstrapServers + " did not answer within "
                                + millis + " ms: " + failure.getClass().getSimpleName()
                                + (failure.getMessage() == null ? "" : " " + failure.getMessage()))
                        .build());
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    int millis = (int) timeout.toMillis();
                    Map<String, Object> settings = new java.util.HashMap<>(connection);
                    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-check");
                    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
                    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
                    // Keep reconnect attempts cheap while the broker is away.
                    settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
                    admin = Admin.create(settings);
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
