package org.safepolicing.systemtests.soak;

import java.util.Locale;

/**
 * How big a soak is: requests (the target of state-changing requests), agencies, concurrent workers, faults of each
 * kind, and a time bound. {@link #full()} is issue 16's size, {@link #quick()} a shorter run, {@link #smoke()} the
 * system tests' run (SoakSmokeIT).
 */
public record SoakOptions(String name, int requests, int agencies, int workers, int kafkaKills, int postgresStops,
                          int serviceKills, int servicesKilled, int latencyFaults, int dropFaults, int freezes, int gapSeconds,
                          int maxMinutes, int convergeSeconds, int freezeSeconds, int latencyMillis,
                          int latencySeconds) {

    public static SoakOptions full() {
        return new SoakOptions("full", 10_000, 400, 16, 20, 5, 5, 4, 3, 3, 3, 8, 60, 30, 10, 200, 15);
    }

    public static SoakOptions quick() {
        return new SoakOptions("quick", 2_000, 100, 12, 3, 2, 1, 4, 1, 1, 1, 5, 20, 30, 10, 200, 10);
    }

    /** A few faults of each kind (grants-service and credentialing-service killed once), a few hundred requests: SoakSmokeIT. */
    public static SoakOptions smoke() {
        return new SoakOptions("smoke", 300, 16, 8, 1, 1, 1, 2, 1, 1, 1, 1, 5, 30, 5, 200, 3);
    }

    int faultCount() {
        return kafkaKills + postgresStops + servicesKilled * serviceKills + latencyFaults + dropFaults + freezes;
    }

    /** {@code bin/suite soak [--quick] [--requests N] [--agencies N] [--kafka-kills N] ...}: starts from full or quick. */
    public static SoakOptions fromArgs(String[] args) {
        SoakOptions o = full();
        for (String a : args) {
            if (a.equals("--quick")) {
                o = quick();
            }
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick", "--out", "--suite-dir" -> {
                    if (!a.equals("--quick")) {
                        i++;
                    }
                }
                case "--requests" -> o = o.with(a, args[++i]);
                case "--agencies" -> o = o.with(a, args[++i]);
                case "--workers" -> o = o.with(a, args[++i]);
                case "--kafka-kills" -> o = o.with(a, args[++i]);
                case "--postgres-stops" -> o = o.with(a, args[++i]);
                case "--service-kills" -> o = o.with(a, args[++i]);
                case "--network-faults" -> o = o.with(a, args[++i]);
                case "--gap-seconds" -> o = o.with(a, args[++i]);
                case "--max-minutes" -> o = o.with(a, args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + a + " (bin/suite soak --help)");
            }
        }
        return o;
    }

    private SoakOptions with(String option, String value) {
        int v = Integer.parseInt(value);
        return switch (option) {
            case "--requests" -> new SoakOptions(name, v, agencies, workers, kafkaKills, postgresStops, serviceKills, servicesKilled,
                    latencyFaults, dropFaults, freezes, gapSeconds, maxMinutes, convergeSeconds, freezeSeconds,
                    latencyMillis, latencySeconds);
            case "--agencies" -> new SoakOptions(name, requests, v, workers, kafkaKills, postgresStops, serviceKills, servicesKilled,
                    latencyFaults, dropFaults, freezes, gapSeconds, maxMinutes, convergeSeconds, freezeSeconds,
                    latencyMillis, latencySeconds);
            case "--workers" -> new SoakOptions(name, requests, agencies, v, kafkaKills, postgresStops, serviceKills, servicesKilled,
                    latencyFaults, dropFaults, freezes, gapSeconds, maxMinutes, convergeSeconds, freezeSeconds,
                    latencyMillis, latencySeconds);
            case "--kafka-kills" -> new SoakOptions(name, requests, agencies, workers, v, postgresStops, serviceKills, servicesKilled,
                    latencyFaults, dropFaults, freezes, gapSeconds, maxMinutes, convergeSeconds, freezeSeconds,
                    latencyMillis, latencySeconds);
            case "--postgres-stops" -> new SoakOptions(name, requests, agencies, workers, kafkaKills, v, serviceKills, servicesKilled,
                    latencyFaults, dropFaults, freezes, gapSeconds, maxMinutes, convergeSeconds, freezeSeconds,
                    latencyMillis, latencySeconds);
            case "--service-kills" -> new SoakOptions(name, requests, agencies, workers, kafkaKills, postgresStops, v, servicesKilled,
                    latencyFaults, dropFaults, freezes, gapSeconds, maxMinutes, convergeSeconds, freezeSeconds,
                    latencyMillis, latencySeconds);
            case "--network-faults" -> new SoakOptions(name, requests, agencies, workers, kafkaKills, postgresStops,
                    serviceKills, servicesKilled, v, v, v, gapSeconds, maxMinutes, convergeSeconds, freezeSeconds, latencyMillis,
                    latencySeconds);
            case "--gap-seconds" -> new SoakOptions(name, requests, agencies, workers, kafkaKills, postgresStops,
                    serviceKills, servicesKilled, latencyFaults, dropFaults, freezes, v, maxMinutes, convergeSeconds, freezeSeconds,
                    latencyMillis, latencySeconds);
            case "--max-minutes" -> new SoakOptions(name, requests, agencies, workers, kafkaKills, postgresStops,
                    serviceKills, servicesKilled, latencyFaults, dropFaults, freezes, gapSeconds, v, convergeSeconds, freezeSeconds,
                    latencyMillis, latencySeconds);
            default -> throw new IllegalArgumentException(option);
        };
    }

    String describe() {
        return String.format(Locale.ROOT, "%s: %,d requests over %d agencies (%d workers); faults: Kafka SIGKILL %d,"
                        + " PostgreSQL immediate stop %d, SIGKILL %d time(s) of each of %d services, latency %d, dropped connections %d,"
                        + " frozen link %d", name, requests, agencies, workers, kafkaKills, postgresStops, serviceKills, servicesKilled,
                latencyFaults, dropFaults, freezes);
    }
}
