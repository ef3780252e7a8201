package org.safepolicing.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.safepolicing.contracts.TopicSpec;
import org.safepolicing.contracts.Topics;

/**
 * What each service does on Kafka, as its code and configuration say: the topics it writes (the ones it owns in
 * event-contracts, its outgoing channels, its dead-letter topic), the transactional id of its outbox relay, the
 * topics it reads (its incoming channels, plus the consumption already planned in the design, plus its own audit
 * anchors) and its consumer groups. The ACL check compares the rendered KafkaUsers with this.
 */
record KafkaUsage(String service, Set<String> writes, Set<String> transactionalIds, Set<String> reads,
                  Set<String> groups) {

    static final List<String> SERVICES = List.of(Topics.CREDENTIALING_SERVICE, Topics.RECORDS_SERVICE,
            Topics.CORESPONDER_SERVICE, Topics.GRANTS_SERVICE);

    /**
     * Consumption decided in the design but not yet (or not everywhere) in the services' configuration:
     * grants-service decides eligibility from registry, credentialing, reporting and co-responder events;
     * records-service and coresponder-service keep a local copy of the agency registry.
     */
    static final Map<String, List<String>> PLANNED_READS = Map.of(
            Topics.GRANTS_SERVICE, List.of(Topics.AGENCY_REGISTRY, Topics.CREDENTIALING_EVENTS,
                    Topics.RECORDS_REPORTING, Topics.CORESPONDER_EVENTS),
            Topics.RECORDS_SERVICE, List.of(Topics.AGENCY_REGISTRY),
            Topics.CORESPONDER_SERVICE, List.of(Topics.AGENCY_REGISTRY));

    static Map<String, KafkaUsage> fromRepository(Path root, List<TopicSpec> topics) {
        Properties platform = load(root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        Map<String, KafkaUsage> all = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Properties app = load(root.resolve(service).resolve("src/main/resources/application.properties"));
            all.put(service, of(service, platform, app, topics));
        }
        return all;
    }

    static KafkaUsage of(String service, Properties platform, Properties app, List<TopicSpec> topics) {
        Properties cfg = new Properties();
        cfg.putAll(platform);
        cfg.putAll(app);
        String appName = cfg.getProperty("quarkus.application.name", service);
        Set<String> writes = new LinkedHashSet<>();
        Set<String> reads = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        topics.stream().filter(t -> service.equals(t.owner())).forEach(t -> writes.add(t.name()));
        String defaultGroup = resolve(cfg.getProperty("mp.messaging.connector.smallrye-kafka.group.id", appName), appName);
        boolean consumes = false;
        for (String key : cfg.stringPropertyNames()) {
            if (key.startsWith("%")) {
                continue; // profile-specific (dev/test), not what runs in a cluster
            }
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                String channel = key.substring("mp.messaging.incoming.".length(), key.length() - ".topic".length());
                reads.add(resolve(cfg.getProperty(key), appName));
                groups.add(resolve(cfg.getProperty("mp.messaging.incoming." + channel + ".group.id", defaultGroup), appName));
                consumes = true;
            }
            if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
                writes.add(resolve(cfg.getProperty(key), appName));
            }
        }
        // issue 16 §4: the audit verification reads back the latest anchor of the topic the service alone writes
        // (its own <service>.audit-anchors.v1); the reader assigns the partition itself, so no consumer group
        topics.stream().filter(t -> service.equals(t.owner()) && t.name().equals(Topics.auditAnchors(service)))
                .forEach(t -> reads.add(t.name()));
        List<String> planned = PLANNED_READS.getOrDefault(service, List.of());
        if (!planned.isEmpty()) {
            reads.addAll(planned);
            groups.add(defaultGroup);
            consumes = true;
        }
        if (consumes) {
            String dlq = cfg.getProperty("mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic");
            if (dlq != null) {
                writes.add(resolve(dlq, appName));
            }
        }
        String txId = resolve(cfg.getProperty("platform.outbox.transactional-id", appName + "-outbox-relay"), appName);
        return new KafkaUsage(service, writes, Set.of(txId), reads, groups);
    }

    private static String resolve(String value, String appName) {
        return value.replace("${quarkus.application.name}", appName).trim();
    }

    private static Properties load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("the ACL check reads " + file + " and it is missing (run from a full clone)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
