package org.safepolicing.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code bin/suite bench}: measures the running suite and prints one table; writes the figures as JSON under
 * {@code .suite/bench/} (a timestamped file and {@code latest.json}) and the table as {@code latest.md}. Nothing is
 * asserted: a part that fails says why in its row and its JSON section, and the others still run.
 *
 * <p>Parts, in order: {@code services} (start time and RSS, before the load), {@code sweep} (offered rates of
 * credential changes, eligibility latency and the raw Kafka probe), {@code import} (the 20,000-agency CSV and the
 * consumers catching up), {@code rebuild} (grants' projection from the topics), {@code hiring} (checks at 1,000,000
 * officers), {@code reads} and {@code writes} (HTTP under load), and {@code services} again for the RSS after it all.
 */
public final class SuiteBench {

    /** The sections every run writes, in order (the smoke test checks them). */
    public static final List<String> SECTIONS = List.of("limits", "sweep", "import", "hiring", "reads", "writes",
            "rebuild", "services");

    final BenchTarget target;
    final BenchHttp http;
    final BenchKafka kafka;
    final ObjectNode report = BenchHttp.JSON.createObjectNode();
    final List<String[]> rows = new ArrayList<>();

    SuiteBench(BenchTarget target) {
        this.target = target;
        this.http = new BenchHttp(target);
        this.kafka = new BenchKafka(target.kafkaBootstrap());
    }

    public static void main(String[] args) throws Exception {
        BenchTarget target = BenchTarget.fromArgs(args);
        Outcome outcome = run(target);
        System.out.println();
        System.out.println(outcome.table());
        System.out.println("JSON: " + outcome.json());
        System.exit(0);
    }

    /** What a run wrote: the table, the JSON file. */
    public record Outcome(String table, Path json, ObjectNode report) {
    }

    public static Outcome run(BenchTarget target) throws Exception {
        SuiteBench bench = new SuiteBench(target);
        try {
            return bench.runAll();
        } finally {
            bench.kafka.close();
        }
    }

    private Outcome runAll() throws Exception {
        Instant started = Instant.now();
        report.put("startedAt", started.toString());
        report.put("size", target.size().name());
        report.set("sizes", BenchHttp.JSON.valueToTree(target.size()));
        log("bench (" + target.size().name() + ") against " + target.serviceUrls().values() + ", Kafka "
                + target.kafkaBootstrap());
        ServicesPart services = new ServicesPart(this);
        Map<String, ObjectNode> before = services.snapshot();
        part("limits", () -> services.limits());
        Parts parts = new Parts(this);
        part("sweep", parts::sweep);
        part("import", parts::importCsv);
        part("hiring", parts::hiring);
        part("reads", parts::reads);
        part("writes", parts::writes);
        part("rebuild", parts::rebuild); // last: grants replays everything, the parts above would measure that too
        part("services", () -> services.report(before));
        report.put("finishedAt", Instant.now().toString());
        report.put("seconds", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0);

        String table = table();
        report.put("table", table);
        Files.createDirectories(target.outDir());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started);
        Path file = target.outDir().resolve("bench-" + stamp + ".json");
        String json = BenchHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        Files.writeString(file, json);
        Files.writeString(target.outDir().resolve("latest.json"), json);
        Files.writeString(target.outDir().resolve("latest.md"), table + "\n");
        return new Outcome(table, file, report);
    }

    interface PartBody {
        ObjectNode run() throws Exception;
    }

    private void part(String name, PartBody body) {
        if (!target.only().isEmpty() && !target.only().contains(name) && !name.equals("limits")) {
            ObjectNode skipped = BenchHttp.JSON.createObjectNode();
            skipped.put("skipped", "not in --only " + String.join(",", target.only()));
            report.set(name, skipped);
            return;
        }
        long t = System.nanoTime();
        log("-- " + name);
        ObjectNode section;
        try {
            section = body.run();
        } catch (Exception | AssertionError e) {
            section = BenchHttp.JSON.createObjectNode();
            section.put("error", e.toString());
            row(name, "failed", e.toString().replace('|', '/').replace('\n', ' '), "");
            e.printStackTrace(System.err);
        }
        section.put("partSeconds", Math.round((System.nanoTime() - t) / 1e8) / 10.0);
        report.set(name, section);
    }

    void row(String part, String measure, String result, String target) {
        rows.add(new String[] {part, measure, result, target});
    }

    String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "bin/suite bench (%s), %s%n%n", target.size().name(),
                report.path("startedAt").asText()));
        b.append("| part | measure | result | target |\n|---|---|---|---|\n");
        for (String[] r : rows) {
            b.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return b.toString();
    }

    static void log(String message) {
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(Instant.now())
                .substring(0, 8) + " " + message);
        System.out.flush();
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static void writeQuietly(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (IOException e) {
            // best effort
        }
    }
}
