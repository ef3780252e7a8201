package org.safepolicing.deploy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks of what operators watch and pin: the alerts and the dashboard refer only to metrics that exist and cover what
 * the runbook promises, the Kafka brokers export metrics that Prometheus scrapes, every PostgreSQL cluster runs the
 * major version the suite is tested on, and the released images are the images that were built. Each method returns
 * the problems it found, one line each.
 */
final class OperationsChecker {

    /** What the alerts must watch: a description and a test of an alert's expression. */
    record Concern(String what, java.util.function.Predicate<String> expr) {
    }

    static final List<Concern> REQUIRED_ALERTS = List.of(
            new Concern("consumer lag (kafka_consumergroup_lag)", e -> e.contains("kafka_consumergroup_lag")),
            new Concern("the age of the oldest outbox row (outbox_oldest_pending_seconds)",
                    e -> e.contains("outbox_oldest_pending_seconds")),
            new Concern("growth of the dead-letter topics (kafka_topic_partition_current_offset of *.dead-letter.v1)",
                    e -> e.contains("kafka_topic_partition_current_offset") && e.contains("dead-letter")),
            new Concern("the rate of HTTP 5xx answers (http_server_requests_seconds_count, status 5..)",
                    e -> e.contains("http_server_requests_seconds_count") && e.contains("5..")),
            new Concern("audit verification failures (audit_verification_intact)", e -> e.contains("audit_verification_intact")),
            new Concern("partitions under min in-sync replicas (broker metrics)",
                    e -> e.contains("kafka_server_replicamanager_underminisrpartitioncount")));

    private final List<ObjectNode> docs;

    OperationsChecker(List<ObjectNode> docs) {
        this.docs = docs;
    }

    private List<ObjectNode> ofKind(String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    // ---------------------------------------------------------------- alerts and dashboard

    /** Every metric that exists for this overlay: the services' meters, the exporters' and the brokers' rules. */
    Set<String> knownMetrics(Set<String> serviceMeters) {
        Set<String> known = new TreeSet<>(serviceMeters);
        known.addAll(MetricNames.PROMETHEUS);
        known.addAll(MetricNames.QUARKUS_HTTP);
        known.addAll(MetricNames.KAFKA_EXPORTER);
        known.addAll(brokerMetricNames());
        return known;
    }

    /** The names the brokers' JMX exporter rules (ConfigMap of the Kafka resource's metricsConfig) give. */
    Set<String> brokerMetricNames() {
        Set<String> names = new TreeSet<>();
        brokerMetricsConfig().ifPresent(config -> {
            for (JsonNode rule : config.path("rules")) {
                String name = rule.path("name").asText();
                if (!name.isEmpty() && !name.contains("$")) {
                    names.add(name);
                }
            }
        });
        return names;
    }

    private Optional<JsonNode> brokerMetricsConfig() {
        for (ObjectNode kafka : ofKind("Kafka")) {
            JsonNode ref = kafka.path("spec").path("kafka").path("metricsConfig").path("valueFrom").path("configMapKeyRef");
            for (ObjectNode cm : ofKind("ConfigMap")) {
                if (ref.path("name").asText().equals(DeployChecker.name(cm)) && cm.path("data").has(ref.path("key").asText())) {
                    return Optional.of(Repo.documents(cm.path("data").path(ref.path("key").asText()).asText()).stream()
                            .findFirst().map(JsonNode.class::cast).orElse(Repo.YAML.createObjectNode()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every alert of every PrometheusRule has an expression on known metrics only, a duration-free or valid severity
     * (warning or critical), a summary and a description; together they watch every {@link #REQUIRED_ALERTS} concern.
     */
    List<String> alerts(Set<String> known) {
        List<String> problems = new ArrayList<>();
        List<String> exprs = new ArrayList<>();
        List<ObjectNode> rules = ofKind("PrometheusRule");
        if (rules.isEmpty()) {
            problems.add("no PrometheusRule: nothing alerts");
        }
        for (ObjectNode rule : rules) {
            for (JsonNode group : rule.path("spec").path("groups")) {
                for (JsonNode r : group.path("rules")) {
                    String name = r.has("alert") ? r.path("alert").asText() : r.path("record").asText();
                    String at = "PrometheusRule " + DeployChecker.name(rule) + ", " + name;
                    String expr = r.path("expr").asText();
                    if (expr.isBlank()) {
                        problems.add(at + ": no expr");
                        continue;
                    }
                    for (String metric : MetricNames.referencedBy(expr)) {
                        if (!known.contains(metric)) {
                            problems.add(at + ": metric " + metric + " is exposed by no service, exporter or broker rule");
                        }
                    }
                    if (r.has("record")) {
                        known.add(r.path("record").asText());
                        continue;
                    }
                    exprs.add(expr);
                    String severity = r.path("labels").path("severity").asText();
                    if (!Set.of("warning", "critical").contains(severity)) {
                        problems.add(at + ": severity '" + severity + "' is neither warning nor critical");
                    }
                    for (String annotation : List.of("summary", "description")) {
                        if (r.path("annotations").path(annotation).asText().isBlank()) {
                            problems.add(at + ": no " + annotation);
                        }
                    }
                }
            }
        }
        for (Concern c : REQUIRED_ALERTS) {
            if (exprs.stream().noneMatch(c.expr())) {
                problems.add("no alert watches " + c.what());
            }
        }
        return problems;
    }

    private static final Pattern DASHBOARD_EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Every panel of the Grafana dashboard ConfigMaps queries known metrics only. */
    List<String> dashboards(Set<String> known) {
        List<String> problems = new ArrayList<>();
        int panels = 0;
        for (ObjectNode cm : ofKind("ConfigMap")) {
            if (!"1".equals(cm.path("metadata").path("labels").path("grafana_dashboard").asText())) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = cm.path("data").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> file = it.next();
                Matcher m = DASHBOARD_EXPR.matcher(file.getValue().asText());
                while (m.find()) {
                    panels++;
                    String expr = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
                    for (String metric : MetricNames.referencedBy(expr)) {
                        if (!known.contains(metric)) {
                            problems.add("dashboard " + DeployChecker.name(cm) + "/" + file.getKey() + ": metric " + metric
                                    + " is exposed by no service, exporter or broker rule");
                        }
                    }
                }
            }
        }
        if (panels == 0) {
            problems.add("no dashboard query found (ConfigMap labelled grafana_dashboard=1)");
        }
        return problems;
    }

    // ---------------------------------------------------------------- Kafka broker metrics

    /**
     * The Kafka cluster exports its brokers' metrics (metricsConfig: jmxPrometheusExporter from a ConfigMap key that
     * exists and has rules) and a PodMonitor scrapes every node pool's pods on Strimzi's port tcp-prometheus.
     */
    List<String> kafkaBrokerMetrics() {
        List<String> problems = new ArrayList<>();
        for (ObjectNode kafka : ofKind("Kafka")) {
            String cluster = DeployChecker.name(kafka);
            JsonNode metrics = kafka.path("spec").path("kafka").path("metricsConfig");
            if (!"jmxPrometheusExporter".equals(metrics.path("type").asText())) {
                problems.add("Kafka " + cluster + ": spec.kafka.metricsConfig is not a jmxPrometheusExporter");
            } else if (brokerMetricsConfig().map(c -> c.path("rules").size()).orElse(0) == 0) {
                problems.add("Kafka " + cluster + ": metricsConfig names no ConfigMap key with exporter rules");
            }
            for (ObjectNode pool : ofKind("KafkaNodePool")) {
                if (!cluster.equals(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                    continue;
                }
                Map<String, String> podLabels = Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
                        "strimzi.io/name", cluster + "-kafka", "strimzi.io/pool-name", DeployChecker.name(pool));
                boolean scraped = ofKind("PodMonitor").stream().anyMatch(pm -> selects(pm.path("spec").path("selector"), podLabels)
                        && hasPort(pm.path("spec").path("podMetricsEndpoints"), "tcp-prometheus"));
                if (!scraped) {
                    problems.add("KafkaNodePool " + DeployChecker.name(pool) + ": no PodMonitor scrapes its brokers on port tcp-prometheus");
                }
            }
        }
        if (ofKind("Kafka").isEmpty()) {
            problems.add("no Kafka resource");
        }
        return problems;
    }

    private static boolean hasPort(JsonNode endpoints, String port) {
        for (JsonNode e : endpoints) {
            if (port.equals(e.path("port").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a label selector (matchLabels, matchExpressions with In, NotIn, Exists, DoesNotExist) selects the labels. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode ex : selector.path("matchExpressions")) {
            String key = ex.path("key").asText();
            Set<String> values = new TreeSet<>();
            ex.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (ex.path("operator").asText()) {
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return selector.isObject();
    }

    // ---------------------------------------------------------------- PostgreSQL major version

    private static final Pattern MAJOR_TAG = Pattern.compile(".*:(\\d+)(\\.[^@]*)?(@sha256:[0-9a-f]{64})?");

    /**
     * Every CloudNativePG Cluster runs PostgreSQL {@code testedMajor}: it names no imageName of its own but an image
     * catalog entry of that major, and the catalog (when in the overlay) has an image whose tag is of that major.
     */
    List<String> postgresMajor(int testedMajor) {
        List<String> problems = new ArrayList<>();
        List<ObjectNode> clusters = docs.stream().filter(d -> "Cluster".equals(d.path("kind").asText())
                && d.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")).toList();
        if (clusters.isEmpty()) {
            problems.add("no CloudNativePG Cluster");
        }
        for (ObjectNode c : clusters) {
            String at = "Cluster " + DeployChecker.name(c);
            JsonNode spec = c.path("spec");
            if (spec.has("imageName")) {
                problems.add(at + ": imageName " + spec.path("imageName").asText() + " bypasses the image catalog");
            }
            JsonNode ref = spec.path("imageCatalogRef");
            if (ref.isMissingNode()) {
                problems.add(at + ": no imageCatalogRef: the operator's default PostgreSQL (of whatever major version) would run");
                continue;
            }
            if (ref.path("major").asInt(-1) != testedMajor) {
                problems.add(at + ": imageCatalogRef.major " + ref.path("major").asText() + " is not " + testedMajor
                        + ", the PostgreSQL major version the suite is tested on");
            }
            if ("ImageCatalog".equals(ref.path("kind").asText())) {
                Optional<ObjectNode> catalog = ofKind("ImageCatalog").stream()
                        .filter(k -> ref.path("name").asText().equals(DeployChecker.name(k))).findFirst();
                if (catalog.isEmpty()) {
                    problems.add(at + ": ImageCatalog " + ref.path("name").asText() + " is not in the overlay");
                    continue;
                }
                boolean found = false;
                for (JsonNode image : catalog.get().path("spec").path("images")) {
                    if (image.path("major").asInt(-1) == ref.path("major").asInt(-2)) {
                        found = true;
                        Matcher m = MAJOR_TAG.matcher(image.path("image").asText());
                        if (!m.matches() || Integer.parseInt(m.group(1)) != image.path("major").asInt()) {
                            problems.add("ImageCatalog " + DeployChecker.name(catalog.get()) + ": image "
                                    + image.path("image").asText() + " is not tagged with major " + image.path("major").asText());
                        }
                    }
                }
                if (!found) {
                    problems.add(at + ": ImageCatalog " + ref.path("name").asText() + " has no image of major "
                            + ref.path("major").asText());
                }
            } else if (!"ClusterImageCatalog".equals(ref.path("kind").asText())) {
                problems.add(at + ": imageCatalogRef.kind is neither ImageCatalog nor ClusterImageCatalog");
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- released images = built images

    /**
     * Each image the overlay pins (name ending in {@code /safe-policing/<module>}) carries the digest of the image built
     * in {@code <module>/target/jib-image.digest}, for every module in {@code built}; with {@code requireBuilt}, every
     * one of {@code modules} must have been built.
     */
    List<String> builtImages(Map<String, String> built, List<String> modules, boolean requireBuilt) {
        List<String> problems = new ArrayList<>();
        for (String module : modules) {
            String digest = built.get(module);
            if (digest == null) {
                if (requireBuilt) {
                    problems.add(module + ": no image built (" + module + "/target/jib-image.digest); run bin/suite images");
                }
                continue;
            }
            Set<String> pinned = new TreeSet<>();
            for (ObjectNode d : docs) {
                DeployChecker.walk(d, (key, value) -> {
                    if (key.equals("image") && value.isTextual() && value.asText().contains("/safe-policing/" + module + "@")) {
                        pinned.add(value.asText().substring(value.asText().indexOf('@') + 1));
                    }
                });
            }
            if (pinned.isEmpty()) {
                problems.add(module + ": no workload runs safe-policing/" + module);
            }
            for (String p : pinned) {
                if (!p.equals(digest)) {
                    problems.add(module + ": the overlay pins " + p + " but the image built in " + module
                            + "/target is " + digest + " (bin/suite images writes the built digests into the overlay)");
                }
            }
        }
        return problems;
    }
}
