package io.cloudlab.eventstore.relay;

import java.util.HashMap;
import java.util.Map;

/**
 * How a Kafka client of the platform reaches the brokers: the bootstrap servers and every TLS and authentication
 * setting ({@code security.*}, {@code sasl.*}, {@code ssl.*}) the service's own Kafka configuration has. The
 * clients built beside the messaging channels (the relay's producer, the readiness check's admin client) take
 * these, so a broker that wants TLS and SCRAM gets them from every client alike.
 */
public final class KafkaConnection {

    private KafkaConnection() {}

    /** From the service's Kafka configuration ({@code kafka.*} without the prefix, as Quarkus hands it out). */
    public static Map<String, Object> settings(Map<String, ?> kafkaConfig) {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
