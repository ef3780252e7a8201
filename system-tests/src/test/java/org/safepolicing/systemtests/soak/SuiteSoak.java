package org.safepolicing.systemtests.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.safepolicing.contracts.Topics;
import org.safepolicing.systemtests.bench.BenchHttp;
import org.safepolicing.systemtests.bench.BenchTarget;

/**
 * {@code bin/suite soak}: faults on purpose while the suite works, then what survived, in numbers. Against the running
 * stack it makes state-changing requests across the four services ({@link Workload}, each with an
 * {@code Idempotency-Key}, retried with it until it has a final answer), while {@link Faults} kills and restarts Kafka,
 * PostgreSQL and each service and disturbs grants-service's PostgreSQL link through a {@link FaultProxy}; a few poison
 * records are written on purpose. Then {@link Checks}: every 2xx has its effect exactly once, per-agency order, the
 * suite converged within 30 s of the last fault, no outbox row stuck, the dead-letter topics hold only the poison, the
 * audit chains verify. One table; JSON under {@code .suite/soak/} (a timestamped file and {@code latest.json}). It
 * stops by itself (a request target and a time bound) and leaves every part running, grants-service on PostgreSQL
 * directly again.
 */
public final class SuiteSoak {

    /** What a run wrote and whether every check passed. */
    public record Outcome(String table, Path json, ObjectNode report, boolean passed, Map<String, Boolean> checks) {
    }

    public static void main(String[] args) throws Exception {
        Path suiteDir = Path.of(".suite");
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--suite-dir")) {
                suiteDir = Path.of(args[++i]);
            } else if (args[i].equals("--out")) {
                out = Path.of(args[++i]);
            }
        }
        SoakOptions options = SoakOptions.fromArgs(args);
        Path root = suiteDir.toAbsolutePath().getParent();
        SoakTarget target = SoakTarget.suite(root, suiteDir, out != null ? out : suiteDir.resolve("soak"), options);
        Outcome outcome = run(target);
        System.out.println();
        System.out.println(outcome.table());
        System.out.println("JSON: " + outcome.json());
        System.exit(outcome.passed() ? 0 : 1);
    }

    public static Outcome run(SoakTarget target) throws Exception {
        SoakOptions options = target.options();
        Instant started = Instant.now();
        String runId = UUID.randomUUID().toString().substring(0, 6);
        Ledger ledger = new Ledger();
        BenchHttp bench = new BenchHttp(target.bench());
        SoakHttp http = new SoakHttp(bench, ledger, runId, target.keycloakUrl(), Duration.ofSeconds(180));
        SoakKafka kafka = new SoakKafka(target.kafkaBootstrap());
        Workload workload = new Workload(target, http, runId);
        Checks checks = new Checks(target, http, workload, kafka);
        ObjectNode report = BenchHttp.JSON.createObjectNode();
        report.put("startedAt", started.toString());
        report.put("run", runId);
        report.set("options", BenchHttp.JSON.valueToTree(options));
        report.put("proxied", SoakTarget.PROXIED + " -> PostgreSQL");
        log("soak " + options.describe());
        StackControl control = target.control();
        FaultProxy proxy = new FaultProxy(control.postgresHost(), control.postgresPort());
        Faults faults = new Faults(target, http, workload, proxy);
        List<RecordMetadata> poison = new ArrayList<>();
        double converged = -1;
        Instant loadEnded = null;
        String error = null;
        try {
            log("grants-service restarted with its PostgreSQL link through the fault proxy (port " + proxy.port() + ")");
            control.killService(SoakTarget.PROXIED);
            control.startService(SoakTarget.PROXIED, faults.proxyJdbc());
            log("setup: bodies, " + options.agencies() + " agencies, a grant program");
            workload.setup();
            String probe = Workload.randomOri("VA");
            Ledger.Entry registered = http.post("probe-register", probe, target.url(BenchTarget.CREDENTIALING)
                    + "/api/v1/agencies", () -> bench.demoToken("doj.admin"), Map.of("ori", probe, "name",
                    "Soak Probe " + probe, "type", "LOCAL_MUNICIPAL", "state", "VA", "county", "Soak County",
                    "swornOfficers", 10, "populationServed", 1000, "urbanRural", "RURAL"));
            if (registered.ok()) {
                bench.agencyToken(probe);
                faults.setupProbe(probe, workload.workBodies.get(0));
            }
            poison.addAll(poison(kafka, workload.agencies.get(workload.agencies.size() - 1).ori));
            log("setup done: " + ledger.count() + " requests; the load and the faults start");
            long deadline = System.nanoTime() + options.maxMinutes() * 60_000_000_000L;
            int setupRequests = ledger.count();
            faults.plan();
            workload.allowance = () -> faults.finished ? options.requests()
                    : setupRequests + (long) (options.requests() - setupRequests) * (faults.done.size() + 1) / (faults.planned + 1);
            Thread load = Thread.ofPlatform().name("soak-load").start(() -> {
                try {
                    workload.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread faulting = Thread.ofPlatform().name("soak-faults").start(() -> faults.run(deadline));
            long nextLog = System.nanoTime();
            while (!(faults.finished && ledger.count() >= options.requests()) && System.nanoTime() < deadline) {
                SoakHttp.sleep(250);
                if (System.nanoTime() > nextLog) {
                    log(String.format(Locale.ROOT, "%,d requests, %d/%d faults", ledger.count(), faults.done.size(),
                            faults.planned));
                    nextLog = System.nanoTime() + 20_000_000_000L;
                }
            }
            workload.stop.set(true);
            faulting.join();
            load.join();
            loadEnded = Instant.now();
            log(String.format(Locale.ROOT, "load and faults over: %,d requests, %d faults; checking", ledger.count(),
                    faults.done.size()));
            Instant since = faults.lastRestored == null || faults.lastRestored.isBefore(loadEnded) ? loadEnded : faults.lastRestored;
            StringBuilder why = new StringBuilder();
            converged = checks.awaitConverged(since, 240, why);
            double fromLastFault = faults.lastRestored == null || converged < 0 ? -1
                    : converged + (since.toEpochMilli() - faults.lastRestored.toEpochMilli()) / 1000.0;
            report.put("convergedSecondsAfterLastRequest", converged);
            report.put("convergedSecondsAfterLastFault", fromLastFault);
            checks.add("converged within " + options.convergeSeconds() + " s", converged >= 0
                            && converged <= options.convergeSeconds(),
                    converged < 0 ? "not converged within 240 s: " + why : String.format(Locale.ROOT,
                            "%.1f s after the last request (%.1f s after the last fault): every service ready, outboxes"
                                    + " empty, grants caught up, every answer as expected", converged, fromLastFault),
                    List.of());
            checks.effects();
            checks.grants();
            checks.order();
            checks.eligibilityHistory();
            checks.finalAnswers();
            checks.outboxes();
            checks.deadLetters(started, poison);
            checks.audit();
            // last: the rebuild publishes grants' answers again
            checks.rebuildMatches(600);
            long errors = ledger.all().stream().filter(e -> e.status() == 500).count();
            checks.add("no 500 answer", errors == 0, errors + " requests answered 500",
                    ledger.all().stream().filter(e -> e.status() == 500).map(e -> e.op() + " " + e.url() + " " + e.body()).toList());
            List<String> unresolved = ledger.all().stream().filter(e -> !e.resolved())
                    .map(e -> e.op() + " " + e.url() + " last " + e.status() + " " + e.body()).toList();
            checks.add("every request got a final answer", unresolved.isEmpty(), unresolved.size()
                    + " still without one after 180 s of retries with the same key", unresolved);
            List<String> faultErrors = faults.done.stream().filter(f -> f.error() != null)
                    .map(f -> f.kind() + " " + f.target() + ": " + f.error()).toList();
            checks.add("every fault injected and restored", faultErrors.isEmpty() && faults.done.size() == faults.planned,
                    faults.done.size() + " of " + faults.planned + " planned", faultErrors);
        } catch (Exception | AssertionError e) {
            error = e.toString();
            log("the soak failed: " + e);
            e.printStackTrace(System.err);
            checks.add("the soak ran to its end", false, e.toString(), List.of());
        } finally {
            workload.stop.set(true);
            restore(target, proxy);
        }
        report.put("finishedAt", Instant.now().toString());
        report.put("seconds", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0);
        if (error != null) {
            report.put("error", error);
        }
        report.set("requests", ledger.summary());
        report.set("faults", faultsJson(faults));
        report.set("recovery", recovery(faults));
        report.set("checks", checks.json());
        report.put("lost", checks.lost);
        report.put("doubled", checks.doubled);
        report.put("agenciesWithAnUnresolvedRequest", checks.uncertainAgencies);
        report.put("proxyConnections", proxy.accepted());
        report.put("proxyDropped", proxy.dropped());
        Map<String, Boolean> results = new LinkedHashMap<>();
        checks.checks.forEach(c -> results.put(c.name(), c.passed()));
        boolean passed = !results.isEmpty() && results.values().stream().allMatch(Boolean::booleanValue);
        report.put("passed", passed);
        String table = table(options, report, checks, faults);
        report.put("table", table);
        Files.createDirectories(target.outDir());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started);
        Path file = target.outDir().resolve("soak-" + stamp + ".json");
        String json = BenchHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        Files.writeString(file, json);
        Files.writeString(target.outDir().resolve("latest.json"), json);
        Files.writeString(target.outDir().resolve("latest.md"), table + "\n");
        return new Outcome(table, file, report, passed, results);
    }

    /** Two records no consumer can process, on purpose (their offsets are what the dead-letter check expects). */
    private static List<RecordMetadata> poison(SoakKafka kafka, String ori) throws Exception {
        List<RecordMetadata> sent = new ArrayList<>();
        sent.add(kafka.send(Topics.CREDENTIALING_EVENTS, ori, "soak poison: not json", "ce_specversion", "1.0",
                "ce_id", UUID.randomUUID().toString(), "ce_source", "/soak", "ce_type",
                "org.safepolicing.credentialing.credential.sought", "ce_time", Instant.now().toString(),
                "ce_subject", ori, "ce_sequence", "1", "content-type", "application/json"));
        sent.add(kafka.send(Topics.CREDENTIALING_EVENTS, ori, "{\"soak\":\"a record without CloudEvent headers\"}"));
        return sent;
    }

    /** Whatever a fault left behind is put right: every part up, grants-service on PostgreSQL directly again. */
    private static void restore(SoakTarget target, FaultProxy proxy) {
        proxy.heal();
        StackControl c = target.control();
        try {
            c.startPostgres();
        } catch (Exception e) {
            log("restore: PostgreSQL: " + e);
        }
        try {
            c.startKafka();
        } catch (Exception e) {
            log("restore: Kafka: " + e);
        }
        BenchHttp plain = new BenchHttp(target.bench());
        for (String s : BenchTarget.SERVICES) {
            try {
                if (s.equals(SoakTarget.PROXIED)) {
                    try {
                        c.killService(s);
                    } catch (Exception e) {
                        // not running
                    }
                    c.startService(s, null);
                } else if (plain.get(target.url(s) + "/q/health/ready", null).status() != 200) {
                    SoakHttp.sleep(5_000);
                    if (plain.get(target.url(s) + "/q/health/ready", null).status() != 200) {
                        try {
                            c.killService(s);
                        } catch (Exception e) {
                            // not running
                        }
                        c.startService(s, null);
                    }
                }
            } catch (Exception e) {
                log("restore: " + s + ": " + e);
            }
        }
        proxy.close();
        log("restored: every part running, " + SoakTarget.PROXIED + " on PostgreSQL directly");
    }

    private static ArrayNode faultsJson(Faults faults) {
        ArrayNode a = BenchHttp.JSON.createArrayNode();
        for (Faults.Fault f : faults.done) {
            ObjectNode n = a.addObject();
            n.put("kind", f.kind());
            n.put("target", f.target());
            n.put("injected", f.injected().toString());
            n.put("restored", f.restored().toString());
            n.put("downSeconds", (f.restored().toEpochMilli() - f.injected().toEpochMilli()) / 1000.0);
            n.put("recoverySeconds", f.recoverySeconds());
            if (f.error() != null) {
                n.put("error", f.error());
            }
        }
        return a;
    }

    private static ObjectNode recovery(Faults faults) {
        ObjectNode o = BenchHttp.JSON.createObjectNode();
        Map<String, List<Faults.Fault>> byKind = new LinkedHashMap<>();
        faults.done.forEach(f -> byKind.computeIfAbsent(f.kind().equals("service-kill") ? f.kind() + " " + f.target()
                : f.kind(), k -> new ArrayList<>()).add(f));
        byKind.forEach((kind, list) -> {
            List<Double> r = list.stream().map(Faults.Fault::recoverySeconds).filter(x -> x >= 0).sorted().toList();
            ObjectNode n = o.putObject(kind);
            n.put("count", list.size());
            n.put("recovered", r.size());
            n.put("p50", r.isEmpty() ? -1 : r.get(r.size() / 2));
            n.put("max", r.isEmpty() ? -1 : r.get(r.size() - 1));
            n.put("downMax", list.stream().mapToDouble(f -> (f.restored().toEpochMilli() - f.injected().toEpochMilli()) / 1000.0).max().orElse(0));
        });
        return o;
    }

    private static String table(SoakOptions options, ObjectNode report, Checks checks, Faults faults) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "bin/suite soak (%s), %s, %.0f s%n%n", options.name(),
                report.path("startedAt").asText(), report.path("seconds").asDouble()));
        b.append("| part | what | result |\n|---|---|---|\n");
        ObjectNode req = (ObjectNode) report.path("requests");
        b.append(String.format(Locale.ROOT, "| load | state-changing requests, each with an Idempotency-Key | %,d: %,d 2xx,"
                        + " final statuses %s; %,d retried (%,d attempts in all), %,d answered as replays, %,d unresolved |%n",
                req.path("requests").asLong(), req.path("ok").asLong(), req.path("byStatus").toString().replace("\"", ""),
                req.path("retried").asLong(), req.path("attempts").asLong(), req.path("replayed").asLong(),
                req.path("unresolved").asLong()));
        report.path("recovery").fields().forEachRemaining(e -> b.append(String.format(Locale.ROOT,
                "| fault | %s | %d× (down up to %.1f s); recovered p50 %.1f s, max %.1f s (%d of %d seen) |%n", e.getKey(),
                e.getValue().path("count").asInt(), e.getValue().path("downMax").asDouble(),
                e.getValue().path("p50").asDouble(), e.getValue().path("max").asDouble(),
                e.getValue().path("recovered").asInt(), e.getValue().path("count").asInt())));
        for (Checks.Check c : checks.checks) {
            b.append("| check | ").append(c.name()).append(" | ").append(c.passed() ? "PASS" : "FAIL").append(": ")
                    .append(c.figures().replace('|', '/'));
            if (!c.passed() && !c.wrong().isEmpty()) {
                b.append(" e.g. ").append(String.join("; ", c.wrong().subList(0, Math.min(3, c.wrong().size())))
                        .replace('|', '/').replace('\n', ' '));
            }
            b.append(" |\n");
        }
        b.append(String.format(Locale.ROOT, "| survived | lost / doubled effects | %d / %d |%n",
                report.path("lost").asLong(), report.path("doubled").asLong()));
        return b.toString();
    }

    static void log(String message) {
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(Instant.now())
                .substring(0, 8) + " soak: " + message);
        System.out.flush();
    }
}
