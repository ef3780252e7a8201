package org.safepolicing.stack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.safepolicing.contracts.Topics;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node Kafka (KRaft) broker in a container ({@link ContainerServers#kafkaImage()}: the Apache Kafka image at
 * the version the local broker runs), with every topic of {@link Topics#ALL} created as {@link KafkaServer} creates
 * them (partitions, compaction, retention).
 */
final class KafkaContainerServer extends ContainerServer {

    @Override
    GenericContainer<?> create() {
        return new KafkaContainer(DockerImageName.parse(ContainerServers.kafkaImage()));
    }

    @Override
    public String address() {
        String bootstrap = ((KafkaContainer) container()).getBootstrapServers();
        return bootstrap.startsWith("PLAINTEXT://") ? bootstrap.substring("PLAINTEXT://".length()) : bootstrap;
    }

    @Override
    void prepare(GenericContainer<?> started) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-launcher");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(KafkaServer::newTopic)
                    .toList();
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new StartupException("creating the topic " + created.getKey() + " failed: "
                                + e.getCause());
                    }
                }
            }
        }
    }
}
