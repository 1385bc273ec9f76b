package io.cloudlab.support.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Against the real broker that deploy/local/up started, and against a port where no broker listens. */
class KafkaBrokerReadinessCheckTest {

    private static final String BROKER = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");

    @Test
    void upWhileTheBrokerAnswersNamingItsNodes() {
        HealthCheckResponse response = check(BROKER, Duration.ofSeconds(5));

        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("Kafka broker", response.getName());
        assertTrue(response.getData().orElseThrow().get("nodes").toString().contains(":"));
    }

    @Test
    void downWithinItsDeadlineWhenNoBrokerAnswersAndSaysWhichBroker() {
        // No stopwatch: check() waits at most 30 s, half the admin client's 60 s default, so a check that did not
        // apply its deadline fails there however slow the machine; the reason names the deadline it applied.
        HealthCheckResponse response = check("127.0.0.1:1", Duration.ofMillis(800));

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        String reason = response.getData().orElseThrow().get("reason").toString();
        assertTrue(reason.startsWith("Kafka broker at 127.0.0.1:1 did not answer within 800 ms"), reason);
    }

    private static HealthCheckResponse check(String bootstrapServers, Duration timeout) {
        KafkaBrokerReadinessCheck check = new KafkaBrokerReadinessCheck(java.util.Map.of("bootstrap.servers", bootstrapServers), () -> timeout);
        try {
            return check.call().await().atMost(Duration.ofSeconds(120));
        } finally {
            check.close();
        }
    }
}
