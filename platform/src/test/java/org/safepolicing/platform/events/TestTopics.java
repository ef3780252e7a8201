package org.safepolicing.platform.events;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.safepolicing.testing.SuiteServers;

/** Creates the test topics with 4 partitions each, after {@link SuiteServers} started the broker and before the app. */
public class TestTopics implements QuarkusTestResourceLifecycleManager {

    static final int PARTITIONS = 4;
    static final List<String> TOPICS = List.of("platform-test.batch.v1", "platform-test.single.v1",
            "platform-test.registry.v1", "platform-test.bench-batch.v1", "platform-test.bench-single.v1", OutboxParkingTest.TOPIC, OutboxParkingTest.SMALL_TOPIC,
            TestEvents.DEAD_LETTER,
            // TracingTest: the catalog topics its request and its consumer publish to
            org.safepolicing.contracts.Topics.AGENCY_REGISTRY, org.safepolicing.contracts.Topics.CREDENTIALING_EVENTS,
            // AuditAnchorTest: the test application's own anchor topic
            org.safepolicing.contracts.Topics.auditAnchors("platform-test"));

    public static String bootstrap() {
        String given = System.getenv("SUITE_KAFKA_BOOTSTRAP");
        return given != null && !given.isBlank() ? given : SuiteServers.kafkaProcess().address();
    }

    @Override
    public Map<String, String> start() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (Admin admin = Admin.create(p)) {
            for (String topic : TOPICS) {
                try {
                    NewTopic created = new NewTopic(topic, PARTITIONS, (short) 1);
                    if (topic.equals(OutboxParkingTest.SMALL_TOPIC)) {
                        // the broker refuses records over 200 kB here, while the producer would send up to 1 MiB
                        created.configs(Map.of("max.message.bytes", "200000"));
                    }
                    admin.createTopics(List.of(created)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }

    @Override
    public int order() {
        return 10;
    }
}
