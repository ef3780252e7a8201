package org.safepolicing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safepolicing.contracts.TopicSpec;
import org.safepolicing.contracts.Topics;

class KafkaStackTest {

    @TempDir
    Path temp;

    @Test
    void createsTheCatalogTopicsAndKeepsMessagesAcrossRestartsAndCrashes() throws Exception {
        try (StackProcess kafka = StackProcess.kafka(temp.resolve("kafka"), StackProcess.freePort(),
                StackProcess.freePort(), false)) {
            assertEquals("127.0.0.1:" + kafka.port(), kafka.address());
            assertTopicsMatchTheCatalog(kafka.address());

            String key = "agency-" + UUID.randomUUID();
            RecordMetadata sent = produce(kafka.address(), Topics.RECORDS_REPORTING, key, "first report");
            assertEquals("first report", consume(kafka.address(), sent, key));

            kafka.stop();
            assertFalse(kafka.isRunning());
            kafka.start();
            assertEquals("first report", consume(kafka.address(), sent, key), "kept across a clean restart");

            kafka.kill();
            assertFalse(kafka.isRunning());
            kafka.start();
            assertEquals("first report", consume(kafka.address(), sent, key), "kept across a crash");
            assertTopicsMatchTheCatalog(kafka.address());
        }
    }

    private static void assertTopicsMatchTheCatalog(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Set<ConfigResource> resources = names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .collect(Collectors.toSet());
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (TopicSpec spec : Topics.ALL) {
                TopicDescription topic = described.get(spec.name());
                assertEquals(spec.partitions(), topic.partitions().size(), spec.name());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                assertEquals(spec.compacted() ? "compact" : "delete", config.get("cleanup.policy").value(), spec.name());
                String retention = spec.retention() == null ? "-1" : Long.toString(spec.retention().toMillis());
                assertEquals(retention, config.get("retention.ms").value(), spec.name());
            }
        }
    }

    private static RecordMetadata produce(String bootstrap, String topic, String key, String value) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads the partition the record went to from the start, until the record with {@code key} shows up. */
    private static String consume(String bootstrap, RecordMetadata sent, String key) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(key) && record.offset() == sent.offset()) {
                        return record.value();
                    }
                }
            }
        }
        return fail("the record with key " + key + " did not come back from " + partition);
    }
}
