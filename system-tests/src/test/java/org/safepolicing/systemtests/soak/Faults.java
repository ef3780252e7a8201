package org.safepolicing.systemtests.soak;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import org.safepolicing.systemtests.bench.BenchTarget;

/**
 * The faults, one after the other while the load runs, kinds interleaved: Kafka SIGKILL and restart, PostgreSQL
 * immediate stop and restart, SIGKILL and restart of each service, and on grants-service's PostgreSQL link (the fault
 * proxy) added latency, every connection dropped, the link frozen. After each, the time until the suite works again
 * is measured with a probe agency: right after the part is back, the probe changes its credential (seek or withdraw)
 * and the time until grants-service answers accordingly (its {@code SEC_2B_CREDENTIAL} rule) is its recovery.
 */
final class Faults {

    record Fault(String kind, String target, Instant injected, Instant restored, double recoverySeconds,
                 String error) {
    }

    private final SoakTarget target;
    private final SoakHttp http;
    private final Workload workload;
    private final FaultProxy proxy;
    private final String proxyJdbc;
    final List<Fault> done = new CopyOnWriteArrayList<>();
    volatile Instant lastRestored;
    private String probeOri;
    private String probeBody;
    private String probeCredential;
    volatile boolean finished;
    int planned;

    Faults(SoakTarget target, SoakHttp http, Workload workload, FaultProxy proxy) {
        this.target = target;
        this.http = http;
        this.workload = workload;
        this.proxy = proxy;
        this.proxyJdbc = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/";
    }

    /** The probe agency, registered with its own body before the faults. */
    void setupProbe(String ori, String body) {
        this.probeOri = ori;
        this.probeBody = body;
    }

    List<String> plan() {
        SoakOptions o = target.options();
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        kinds.put("kafka", repeat("kafka-kill", o.kafkaKills()));
        kinds.put("postgres", repeat("postgres-stop", o.postgresStops()));
        List<String> services = new ArrayList<>(List.of(SoakTarget.PROXIED));
        BenchTarget.SERVICES.stream().filter(s -> !s.equals(SoakTarget.PROXIED)).forEach(services::add);
        for (String s : services.subList(0, Math.min(services.size(), o.servicesKilled()))) {
            kinds.put(s, repeat("service-kill:" + s, o.serviceKills()));
        }
        kinds.put("latency", repeat("proxy-latency", o.latencyFaults()));
        kinds.put("drop", repeat("proxy-drop", o.dropFaults()));
        kinds.put("freeze", repeat("proxy-freeze", o.freezes()));
        List<String> plan = new ArrayList<>();
        boolean more = true;
        while (more) {
            more = false;
            for (List<String> k : kinds.values()) {
                if (!k.isEmpty()) {
                    plan.add(k.remove(0));
                    more = true;
                }
            }
        }
        planned = plan.size();
        return plan;
    }

    private static List<String> repeat(String s, int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(s);
        }
        return l;
    }

    /** Runs every planned fault (until {@code deadlineNanos}); the suite is whole again when it returns. */
    void run(long deadlineNanos) {
        try {
            for (String fault : plan()) {
                if (System.nanoTime() > deadlineNanos) {
                    SuiteSoak.log("time is up: " + (planned - done.size()) + " fault(s) not injected");
                    break;
                }
                SoakHttp.sleep(target.options().gapSeconds() * 1000L);
                inject(fault);
            }
        } finally {
            finished = true;
        }
    }

    private void inject(String fault) {
        String kind = fault.contains(":") ? fault.substring(0, fault.indexOf(':')) : fault;
        String part = fault.contains(":") ? fault.substring(fault.indexOf(':') + 1) : switch (kind) {
            case "kafka-kill" -> "kafka";
            case "postgres-stop" -> "postgresql";
            default -> SoakTarget.PROXIED + " <-> postgresql";
        };
        StackControl c = target.control();
        Instant injected = Instant.now();
        String error = null;
        try {
            switch (kind) {
                case "kafka-kill" -> {
                    c.killKafka();
                    SoakHttp.sleep(3_000);
                    c.startKafka();
                }
                case "postgres-stop" -> {
                    c.stopPostgresImmediately();
                    SoakHttp.sleep(3_000);
                    c.startPostgres();
                }
                case "service-kill" -> {
                    c.killService(part);
                    c.startService(part, part.equals(SoakTarget.PROXIED) ? proxyJdbc : null);
                }
                case "proxy-latency" -> {
                    proxy.latency(target.options().latencyMillis());
                    SoakHttp.sleep(target.options().latencySeconds() * 1000L);
                    proxy.heal();
                }
                case "proxy-drop" -> {
                    proxy.dropAll();
                    SoakHttp.sleep(1_000);
                    proxy.dropAll();
                }
                case "proxy-freeze" -> {
                    proxy.freeze();
                    SoakHttp.sleep(target.options().freezeSeconds() * 1000L);
                    proxy.thaw();
                }
                default -> throw new IllegalArgumentException(kind);
            }
        } catch (Exception e) {
            error = e.toString();
            SuiteSoak.log("fault " + fault + " failed: " + e);
        }
        Instant restored = Instant.now();
        lastRestored = restored;
        double recovery = probe(restored);
        done.add(new Fault(kind, part, injected, restored, recovery, error));
        SuiteSoak.log(String.format(java.util.Locale.ROOT, "fault %d/%d %s %s: down %.1f s, recovered %.1f s after;"
                        + " %,d requests so far", done.size(), planned, kind, part,
                (restored.toEpochMilli() - injected.toEpochMilli()) / 1000.0, recovery, workload.http.ledger.count()));
    }

    /**
     * The probe agency's credential changes (seek, or withdraw what it holds) and grants' answer is polled until its
     * Sec. 2(b) rule says so: seconds from {@code since}; -1 when not seen within 180 s.
     */
    double probe(Instant since) {
        if (probeOri == null) {
            return -1;
        }
        String base = target.url(BenchTarget.CREDENTIALING) + "/api/v1/agencies/" + probeOri + "/credentials";
        String expected;
        if (probeCredential == null) {
            Ledger.Entry e = http.post("probe-seek", probeOri, base, () -> http.http.agencyToken(probeOri),
                    Map.of("bodyId", probeBody));
            if (!e.ok()) {
                return -1;
            }
            probeCredential = e.id();
            expected = "PASS";
        } else {
            Ledger.Entry e = http.post("probe-withdraw", probeOri, base + "/" + probeCredential + "/withdrawal",
                    () -> http.http.agencyToken(probeOri), Map.of("reason", "soak probe"));
            if (!e.ok()) {
                return -1;
            }
            probeCredential = null;
            expected = "FAIL";
        }
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (expected.equals(sec2b(probeOri))) {
                return (Instant.now().toEpochMilli() - since.toEpochMilli()) / 1000.0;
            }
            SoakHttp.sleep(200);
        }
        return -1;
    }

    String sec2b(String ori) {
        var r = http.http.get(target.url(BenchTarget.GRANTS) + "/api/v1/agencies/" + ori + "/eligibility",
                http.http.demoToken("grant.officer"));
        if (!r.ok()) {
            return null;
        }
        for (JsonNode rule : r.json().path("rules")) {
            if ("SEC_2B_CREDENTIAL".equals(rule.path("rule").asText())) {
                return rule.path("outcome").asText();
            }
        }
        return null;
    }

    String probeOri() {
        return probeOri;
    }

    boolean probeExpectPass() {
        return probeCredential != null;
    }

    String proxyJdbc() {
        return proxyJdbc;
    }
}
