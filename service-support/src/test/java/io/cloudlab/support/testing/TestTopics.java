package io.cloudlab.support.testing;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Kafka topic names as the service under test uses them: with the test profile's prefix ({@code test.}, see
 * microprofile-config.properties), so that module tests never share topics, nor consumer groups' partitions,
 * with a platform running beside them (deploy/local/run) or a load test.
 */
public final class TestTopics {

    private TestTopics() {}

    public static String of(String topic) {
        return ConfigProvider.getConfig().getOptionalValue("cloudlab.kafka.topic-prefix", String.class).orElse("") + topic;
    }
}
