package org.safepolicing.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/** {@link OperationsChecker} provably fails: each test breaks a copy of the rendered production overlay. */
class OperationsBreakageTest {

    private final List<ObjectNode> docs = Rendered.overlay("production");
    private final Set<String> meters = OperationsTest.serviceMeters();

    private ObjectNode one(String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText()) && (name == null || name.equals(DeployChecker.name(d))))
                .findFirst().orElseThrow();
    }

    private ArrayNode alertRules(String group) {
        for (var g : one("PrometheusRule", "safe-policing-alerts").path("spec").path("groups")) {
            if (group.equals(g.path("name").asText())) {
                return (ArrayNode) g.path("rules");
            }
        }
        throw new AssertionError("no group " + group);
    }

    private ObjectNode alert(String name) {
        for (String group : List.of("safe-policing.services", "safe-policing.kafka")) {
            for (var r : alertRules(group)) {
                if (name.equals(r.path("alert").asText())) {
                    return (ObjectNode) r;
                }
            }
        }
        throw new AssertionError("no alert " + name);
    }

    private static void assertReported(List<String> problems, Predicate<String> expected, String what) {
        assertTrue(problems.stream().anyMatch(expected), "the checker must report " + what + "; it reported " + problems);
    }

    private List<String> alertProblems() {
        OperationsChecker c = new OperationsChecker(docs);
        return c.alerts(c.knownMetrics(meters));
    }

    @Test
    void anAlertOnAMetricNoServiceExposesIsReported() {
        alert("SafePolicingOutboxOldestEvent").put("expr", "max by (service) (outbox_oldest_row_age_seconds) > 300");
        assertReported(alertProblems(), p -> p.contains("metric outbox_oldest_row_age_seconds is exposed by no service"),
                "an alert on a misspelt meter");
    }

    @Test
    void aCounterWithoutItsTotalSuffixIsReported() {
        alert("SafePolicingOutboxParked").put("expr", "increase(outbox_send_failures[5m]) > 0");
        assertReported(alertProblems(), p -> p.contains("metric outbox_send_failures is exposed"),
                "a counter named without _total as Prometheus exposes it");
    }

    @Test
    void aBrokerMetricWhoseRuleIsGoneIsReported() {
        ObjectNode cm = one("ConfigMap", "kafka-metrics");
        String config = cm.path("data").path("kafka-metrics-config.yml").asText();
        ((ObjectNode) cm.path("data")).put("kafka-metrics-config.yml",
                config.replace("name: kafka_server_replicamanager_underminisrpartitioncount", "name: kafka_under_min_isr"));
        assertReported(alertProblems(), p -> p.contains("metric kafka_server_replicamanager_underminisrpartitioncount"),
                "an alert on a broker metric that no exporter rule produces");
    }

    @Test
    void aMissingConcernIsReported() {
        ArrayNode rules = alertRules("safe-policing.services");
        for (int i = rules.size() - 1; i >= 0; i--) {
            if ("SafePolicingHttp5xxRatio".equals(rules.get(i).path("alert").asText())) {
                rules.remove(i);
            }
        }
        assertReported(alertProblems(), p -> p.contains("no alert watches the rate of HTTP 5xx"), "the missing 5xx alert");
    }

    @Test
    void anAlertWithoutSeverityOrDescriptionIsReported() {
        ObjectNode a = alert("SafePolicingConsumerLag");
        ((ObjectNode) a.path("labels")).put("severity", "page-me");
        ((ObjectNode) a.path("annotations")).remove("description");
        List<String> problems = alertProblems();
        assertReported(problems, p -> p.contains("SafePolicingConsumerLag: severity 'page-me'"), "an unknown severity");
        assertReported(problems, p -> p.contains("SafePolicingConsumerLag: no description"), "a missing description");
    }

    @Test
    void aDashboardPanelOnAMetricNoServiceExposesIsReported() {
        ObjectNode cm = one("ConfigMap", "safe-policing-dashboard");
        String json = cm.path("data").path("safe-policing-dashboard.json").asText();
        ((ObjectNode) cm.path("data")).put("safe-policing-dashboard.json", json.replace("outbox_events_pending", "outbox_backlog"));
        OperationsChecker c = new OperationsChecker(docs);
        assertReported(c.dashboards(c.knownMetrics(meters)), p -> p.contains("metric outbox_backlog"), "a panel on an unknown metric");
    }

    @Test
    void kafkaWithoutBrokerMetricsOrTheirPodMonitorIsReported() {
        ((ObjectNode) one("Kafka", "safe-policing").path("spec").path("kafka")).remove("metricsConfig");
        assertReported(new OperationsChecker(docs).kafkaBrokerMetrics(), p -> p.contains("metricsConfig is not a jmxPrometheusExporter"),
                "brokers without an exporter");
        List<ObjectNode> copy = Rendered.overlay("production");
        copy.removeIf(d -> "PodMonitor".equals(d.path("kind").asText()) && "kafka-brokers".equals(DeployChecker.name(d)));
        assertReported(new OperationsChecker(copy).kafkaBrokerMetrics(), p -> p.contains("no PodMonitor scrapes its brokers"),
                "brokers nobody scrapes");
    }

    @Test
    void aClusterOnAnotherMajorOrOutsideTheCatalogIsReported() {
        int tested = OperationsTest.testedPostgresMajor();
        ObjectNode records = one("Cluster", "records-db");
        ((ObjectNode) records.path("spec").path("imageCatalogRef")).put("major", tested + 3);
        ObjectNode grants = one("Cluster", "grants-db");
        ((ObjectNode) grants.path("spec")).remove("imageCatalogRef");
        ObjectNode keycloak = one("Cluster", "keycloak-db");
        ((ObjectNode) keycloak.path("spec")).put("imageName", "ghcr.io/cloudnative-pg/postgresql:17.9@sha256:" + "a".repeat(64));
        List<String> problems = new OperationsChecker(docs).postgresMajor(tested);
        assertReported(problems, p -> p.startsWith("Cluster records-db: imageCatalogRef.major " + (tested + 3)), "another major");
        assertReported(problems, p -> p.startsWith("Cluster grants-db: no imageCatalogRef"), "the operator's default image");
        assertReported(problems, p -> p.startsWith("Cluster keycloak-db: imageName"), "an image outside the catalog");
    }

    @Test
    void aCatalogImageOfAnotherMajorIsReported() {
        ObjectNode image = (ObjectNode) one("ImageCatalog", "postgresql").path("spec").path("images").get(0);
        image.put("image", image.path("image").asText().replaceFirst(":\\d+\\.", ":17."));
        assertReported(new OperationsChecker(docs).postgresMajor(OperationsTest.testedPostgresMajor()),
                p -> p.contains("is not tagged with major"), "a catalog entry whose image is of another major");
    }

    @Test
    void anOverlayDigestThatIsNotTheBuiltImageIsReported() {
        String other = "sha256:" + "b".repeat(64);
        List<String> problems = new OperationsChecker(docs).builtImages(Map.of("grants-service", other),
                OperationsTest.IMAGE_MODULES, false);
        assertReported(problems, p -> p.startsWith("grants-service: the overlay pins") && p.contains(other), "a stale digest");
    }

    @Test
    void aReleaseWithoutBuiltImagesIsReported() {
        List<String> problems = new OperationsChecker(docs).builtImages(Map.of(), OperationsTest.IMAGE_MODULES, true);
        assertReported(problems, p -> p.startsWith("portal: no image built"), "a release check before bin/suite images");
    }
}
