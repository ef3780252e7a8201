package org.safepolicing.systemtests.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Each service's start and memory: the time its last start took (its log's Quarkus line "started in", and from the
 * process's launch, as the kernel dates it, to the time stamp of that line) and its resident set (VmRSS of
 * /proc/PID/status, via bin/suite's pid files). And which per-caller rate limits the services run with (their
 * environment).
 */
final class ServicesPart {

    private static final Pattern STARTED = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}[.,]\\d{3}) .*started in ([0-9.]+)s");
    static final String LIMIT_PREFIX = "PLATFORM_RATE_LIMIT_";
    private final SuiteBench bench;

    ServicesPart(SuiteBench bench) {
        this.bench = bench;
    }

    Map<String, ObjectNode> snapshot() {
        Map<String, ObjectNode> result = new LinkedHashMap<>();
        for (String service : BenchTarget.SERVICES) {
            ObjectNode n = BenchHttp.JSON.createObjectNode();
            Long pid = jvm(bench.target.pids().get(service));
            if (pid != null) {
                n.put("pid", pid);
                long rss = rssKb(pid);
                if (rss >= 0) {
                    n.put("rssMb", Math.round(rss / 102.4) / 10.0);
                }
            }
            Path log = bench.target.logs().get(service);
            startLine(log, n, pid);
            result.put(service, n);
        }
        return result;
    }

    /** The JVM of a pid: itself, or its first descendant that runs java (a wrapper that started it). */
    static Long jvm(Long pid) {
        if (pid == null) {
            return null;
        }
        java.util.Optional<ProcessHandle> self = ProcessHandle.of(pid);
        if (self.isEmpty() || self.get().info().command().map(c -> c.endsWith("/java")).orElse(true)) {
            return pid;
        }
        return self.get().descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().map(ProcessHandle::pid).orElse(pid);
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // no such process, or not Linux
        }
        return -1;
    }

    /** The process's launch time from /proc (start ticks after boot + boot time). */
    private static Instant launched(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[19]); // field 22 of the whole line
            long btime = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                    .mapToLong(l -> Long.parseLong(l.substring(6).strip())).findFirst().orElseThrow();
            return Instant.ofEpochMilli(btime * 1000 + ticks * 10); // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return null;
        }
    }

    private static void startLine(Path log, ObjectNode n, Long pid) {
        if (log == null || !Files.isRegularFile(log)) {
            return;
        }
        try {
            String last = null;
            Matcher found = null;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    last = line;
                    found = m;
                }
            }
            if (last == null) {
                return;
            }
            n.put("quarkusStartedInSeconds", Double.parseDouble(found.group(2)));
            Instant readyAt = LocalDateTime.parse(found.group(1).replace(',', '.'),
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")).atZone(ZoneId.systemDefault()).toInstant();
            Instant launch = pid == null ? null : launched(pid);
            if (launch != null && !readyAt.isBefore(launch)) {
                n.put("launchToReadySeconds", Math.round((readyAt.toEpochMilli() - launch.toEpochMilli()) / 100.0) / 10.0);
            }
        } catch (Exception e) {
            n.put("logError", e.toString());
        }
    }

    /** The per-caller limits each service runs with, from its environment. */
    ObjectNode limits() {
        ObjectNode n = BenchHttp.JSON.createObjectNode();
        Map<String, String> raised = new TreeMap<>();
        int seen = 0;
        for (String service : BenchTarget.SERVICES) {
            Long pid = bench.target.pids().get(service);
            if (pid == null) {
                continue;
            }
            try {
                String env = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8);
                seen++;
                for (String kv : env.split("\0")) {
                    if (kv.startsWith(LIMIT_PREFIX)) {
                        raised.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
            } catch (Exception e) {
                // not readable: say unknown below
            }
        }
        n.set("environment", BenchHttp.JSON.valueToTree(raised));
        boolean general = raised.containsKey(LIMIT_PREFIX + "PER_MINUTE");
        String verdict = seen == 0 ? "unknown (no pid files: not started by bin/suite)"
                : raised.isEmpty() ? "NOT raised: the services run with production limits (600/min per caller by default,"
                        + " hiring checks 120/min, eligibility 300/min); rate-limited reads and checks answer 429 beyond"
                        + " them. Start the services with bin/suite up --bench-limits"
                : "raised for the bench by environment: " + String.join(", ", raised.keySet().stream()
                        .map(k -> k.substring(LIMIT_PREFIX.length()).toLowerCase() + "=" + raised.get(k)).toList());
        n.put("raised", !raised.isEmpty() && general);
        n.put("verdict", verdict);
        bench.row("limits", "per-caller rate limits", verdict, "raised for the bench");
        return n;
    }

    ObjectNode report(Map<String, ObjectNode> before) {
        ObjectNode n = BenchHttp.JSON.createObjectNode();
        for (String service : BenchTarget.SERVICES) {
            ObjectNode s = before.get(service).deepCopy();
            Long pid = jvm(bench.target.pids().get(service));
            if (pid != null) {
                long rss = rssKb(pid);
                if (rss >= 0) {
                    s.put("rssMbAfter", Math.round(rss / 102.4) / 10.0);
                }
            }
            n.set(service, s);
            String start = s.has("launchToReadySeconds")
                    ? s.path("launchToReadySeconds").asDouble() + " s launch → ready (Quarkus: "
                    + s.path("quarkusStartedInSeconds").asDouble() + " s)"
                    : s.has("quarkusStartedInSeconds") ? s.path("quarkusStartedInSeconds").asDouble() + " s (Quarkus)"
                    : "no start line in its log";
            String rss = s.has("rssMb") ? "RSS " + s.path("rssMb").asDouble() + " MB before the bench, "
                    + s.path("rssMbAfter").asDouble() + " MB after" : "RSS unknown (no pid)";
            bench.row("services", service, start + "; " + rss, "≤ 5 s / ≤ 300 MB");
        }
        return n;
    }

    static List<String> limitNames() {
        return List.of("PER_MINUTE", "CHECK_PER_MINUTE", "ELIGIBILITY_PER_MINUTE", "PUBLIC_REGISTRY_PER_MINUTE",
                "AGENCY_SEARCH_PER_MINUTE", "BODY_SEARCH_PER_MINUTE", "REPORTING_SEARCH_PER_MINUTE",
                "GRANTS_SEARCH_PER_MINUTE", "ELIGIBILITY_REPORT_PER_MINUTE", "CORESPONDER_SEARCH_PER_MINUTE",
                "SURVEY_PER_MINUTE", "AUDIT_SEARCH_PER_MINUTE");
    }
}
