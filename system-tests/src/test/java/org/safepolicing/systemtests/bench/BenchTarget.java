package org.safepolicing.systemtests.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the running suite is and how big the bench is. {@link #fromArgs} reads {@code bin/suite bench}'s arguments
 * (defaults: the ports of {@code bin/suite up}); the smoke test builds one for the stack it started.
 */
public record BenchTarget(
        Map<String, String> serviceUrls,
        String keycloakUrl,
        String kafkaBootstrap,
        String postgresJdbcBase,
        String postgresUser,
        String postgresPassword,
        Map<String, Long> pids,
        Map<String, Path> logs,
        Path outDir,
        Size size,
        java.util.Set<String> only) {

    public static final String CREDENTIALING = "credentialing-service";
    public static final String RECORDS = "records-service";
    public static final String CORESPONDER = "coresponder-service";
    public static final String GRANTS = "grants-service";
    public static final List<String> SERVICES = List.of(CREDENTIALING, RECORDS, CORESPONDER, GRANTS);

    public String url(String service) {
        return serviceUrls.get(service);
    }

    public String realmUrl() {
        return keycloakUrl + "/realms/safe-policing";
    }

    /** How much of everything: full (the sizes), quick ({@code --quick}) and smoke (the CI test). */
    public record Size(String name, List<Integer> rates, int stepSeconds, int agencies, int probeSeconds,
                       int drainSeconds, int importRows, int rebuildEvents, int officers, int records,
                       int checkRate, int checkSeconds, int connections, int loadSeconds, int catchUpSeconds) {

        public static Size full() {
            return new Size("full", List.of(5, 20, 50, 100, 200, 500), 20, 1_000, 10, 90, 20_000, 100_000,
                    1_000_000, 100_000, 200, 20, 16, 10, 900);
        }

        public static Size quick() {
            return new Size("quick", List.of(5, 20, 50, 200), 5, 200, 4, 40, 2_000, 10_000,
                    100_000, 10_000, 200, 5, 16, 4, 300);
        }

        Size withRebuildEvents(int n) {
            return new Size(name, rates, stepSeconds, agencies, probeSeconds, drainSeconds, importRows, n, officers,
                    records, checkRate, checkSeconds, connections, loadSeconds, catchUpSeconds);
        }

        Size withSweep(List<Integer> newRates, Integer newStepSeconds, Integer newAgencies, Integer newDrain) {
            return new Size(name, newRates == null ? rates : newRates,
                    newStepSeconds == null ? stepSeconds : newStepSeconds, newAgencies == null ? agencies : newAgencies,
                    probeSeconds, newDrain == null ? drainSeconds : newDrain, importRows, rebuildEvents, officers,
                    records, checkRate, checkSeconds, connections, loadSeconds, catchUpSeconds);
        }

        Size withCatchUpSeconds(int n) {
            return new Size(name, rates, stepSeconds, agencies, probeSeconds, drainSeconds, importRows, rebuildEvents,
                    officers, records, checkRate, checkSeconds, connections, loadSeconds, n);
        }

        public static Size smoke() {
            return new Size("smoke", List.of(5, 20), 2, 8, 2, 30, 200, 0, 5_000, 500, 20, 2, 4, 2, 90);
        }
    }

    /**
     * {@code bin/suite bench [--quick] [--only PART,...] [--rebuild-events N] [--catch-up-seconds N] [--out DIR]
     * [--suite-dir DIR]}: the stack {@code bin/suite up} runs.
     */
    public static BenchTarget fromArgs(String[] args) {
        Size size = Size.full();
        Path suiteDir = Path.of(".suite");
        Path out = null;
        java.util.Set<String> only = new java.util.LinkedHashSet<>();
        Integer rebuildEvents = null;
        Integer catchUp = null;
        List<Integer> rates = null;
        Integer stepSeconds = null;
        Integer agencies = null;
        Integer drain = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> size = Size.quick();
                case "--smoke" -> size = Size.smoke();
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                case "--rebuild-events" -> rebuildEvents = Integer.parseInt(args[++i]);
                case "--catch-up-seconds" -> catchUp = Integer.parseInt(args[++i]);
                case "--rates" -> rates = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--step-seconds" -> stepSeconds = Integer.parseInt(args[++i]);
                case "--agencies" -> agencies = Integer.parseInt(args[++i]);
                case "--drain-seconds" -> drain = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--suite-dir" -> suiteDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (bin/suite bench [--quick] [--only PART,...] [--rebuild-events N] [--catch-up-seconds N])");
            }
        }
        if (rebuildEvents != null) {
            size = size.withRebuildEvents(rebuildEvents);
        }
        size = size.withSweep(rates, stepSeconds, agencies, drain);
        if (catchUp != null) {
            size = size.withCatchUpSeconds(catchUp);
        }
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        Map<String, Path> logs = new LinkedHashMap<>();
        int port = 8081;
        for (String service : SERVICES) {
            urls.put(service, "http://127.0.0.1:" + port++);
            String shortName = service.substring(0, service.indexOf('-'));
            Path pidFile = suiteDir.resolve("pids/" + shortName + ".pid");
            try {
                pids.put(service, Long.parseLong(java.nio.file.Files.readString(pidFile).strip()));
            } catch (Exception e) {
                // not started by bin/suite: no start time or RSS for it
            }
            logs.put(service, suiteDir.resolve("logs/" + shortName + ".log"));
        }
        String pg = env("SUITE_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:15432/");
        return new BenchTarget(urls, "http://127.0.0.1:8180", env("SUITE_KAFKA_BOOTSTRAP", "127.0.0.1:19092"),
                pg.endsWith("/") ? pg : pg + "/", env("SUITE_POSTGRES_USER", "postgres"),
                env("SUITE_POSTGRES_PASSWORD", "postgres"), pids, logs,
                out != null ? out : suiteDir.resolve("bench"), size, only);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
