package org.safepolicing.systemtests.soak;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.safepolicing.systemtests.bench.BenchTarget;

/**
 * Where the running suite is, how to kill and start its parts, and how big the soak is. The service whose PostgreSQL
 * link goes through the fault proxy is {@link #PROXIED}.
 */
public record SoakTarget(Map<String, String> serviceUrls, String keycloakUrl, String kafkaBootstrap, Path outDir,
                         SoakOptions options, StackControl control) {

    /** grants-service reaches PostgreSQL through the fault proxy for the whole soak (restarted so at its start). */
    public static final String PROXIED = BenchTarget.GRANTS;

    public String url(String service) {
        return serviceUrls.get(service);
    }

    /** The bench's view of the same stack (its HTTP client and tokens are reused). */
    public BenchTarget bench() {
        return new BenchTarget(serviceUrls, keycloakUrl, kafkaBootstrap, "", "postgres", "postgres", Map.of(), Map.of(),
                outDir, BenchTarget.Size.smoke(), java.util.Set.of());
    }

    /** {@code bin/suite soak}'s stack: the ports of {@code bin/suite up}. */
    static SoakTarget suite(Path suiteRoot, Path suiteDir, Path out, SoakOptions options) {
        Map<String, String> urls = new LinkedHashMap<>();
        int port = 8081;
        for (String service : BenchTarget.SERVICES) {
            urls.put(service, "http://127.0.0.1:" + port++);
        }
        String kafka = System.getenv().getOrDefault("SUITE_KAFKA_BOOTSTRAP", "127.0.0.1:19092");
        return new SoakTarget(urls, "http://127.0.0.1:8180", kafka, out, options,
                new SuiteStackControl(suiteRoot, suiteDir));
    }
}
