package org.safepolicing.systemtests.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Closed-loop HTTP load over N connections for the bench's reads and writes, after a warm-up of the same length whose
 * figures are dropped (the services' JIT compiles the path during it; a cold JVM answers a third as fast). The load is
 * made by wrk, the C load generator, when it is on the PATH: a Java client on the same two cores took as much CPU as
 * the service it measured (1,226 against 1,247 CPU ticks over the reads part), so the figures were half the client's.
 * Without wrk, {@link Load#closed} makes it, and the row says which client measured.
 */
final class HttpLoad {

    /** What one measured run gave; latencies in ms. */
    record Figures(String client, long requests, long ok, double seconds, double p50Ms, double p99Ms, double maxMs,
                   Map<Integer, Long> statuses, double warmupSeconds) {

        double perSecond() {
            return seconds == 0 ? 0 : ok / seconds;
        }

        ObjectNode json() {
            ObjectNode n = BenchHttp.JSON.createObjectNode();
            n.put("client", client);
            n.put("warmupSeconds", warmupSeconds);
            n.put("requests", requests);
            n.put("ok", ok);
            n.put("seconds", Load.round(seconds));
            n.put("perSecond", Load.round(perSecond()));
            n.put("p50Ms", Load.round(p50Ms));
            n.put("p99Ms", Load.round(p99Ms));
            n.put("maxMs", Load.round(maxMs));
            ObjectNode s = n.putObject("statuses");
            statuses.forEach((k, v) -> s.put(Integer.toString(k), v));
            return n;
        }

        Figures withWarmup(double seconds) {
            return new Figures(client, requests, ok, this.seconds, p50Ms, p99Ms, maxMs, statuses, seconds);
        }

        String summary() {
            return String.format(Locale.ROOT, "%s req/s (%d ok of %d%s); p50 %s, p99 %s [%s, after %s s of warm-up]",
                    Load.fmt(perSecond()), ok, requests, ok == requests ? "" : ", statuses " + statuses,
                    Load.ms(p50Ms), Load.ms(p99Ms), client, Load.fmt(warmupSeconds));
        }
    }

    /**
     * A request wrk makes: the method, the headers and, per request, a body made by a Lua expression (or none), which
     * may call functions the prelude defines.
     */
    record Spec(String method, String url, Map<String, String> headers, String luaPrelude, String luaBody) {

        static Spec get(String url, Map<String, String> headers) {
            return new Spec("GET", url, headers, "", null);
        }
    }

    private HttpLoad() {
    }

    static Optional<Path> wrk() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Warm-up, then the measured run: by wrk when installed, else by {@code javaCall} in {@link Load#closed}. */
    static Figures run(Spec spec, Load.Call javaCall, int connections, double seconds) throws Exception {
        double warmup = seconds;
        Optional<Path> wrk = wrk();
        if (wrk.isPresent()) {
            runWrk(wrk.get(), spec, connections, warmup);
            return runWrk(wrk.get(), spec, connections, seconds).withWarmup(warmup);
        }
        Load.closed(connections, warmup, javaCall);
        Load.Result r = Load.closed(connections, seconds, javaCall);
        Map<Integer, Long> statuses = new TreeMap<>();
        synchronized (r.statuses) {
            r.statuses.forEach((k, v) -> statuses.put(k, v.longValue()));
        }
        return new Figures("Java client", r.count(), r.ok(), r.elapsedNanos / 1e9, r.p(0.5), r.p(0.99), r.p(1.0),
                statuses, warmup);
    }

    private static Figures runWrk(Path wrk, Spec spec, int connections, double seconds)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("bench-wrk", ".lua");
        Path output = Files.createTempFile("bench-wrk", ".out");
        try {
            Files.writeString(script, script(spec), StandardCharsets.UTF_8);
            int threads = Math.min(2, connections);
            List<String> cmd = new ArrayList<>(List.of(wrk.toString(), "-t" + threads, "-c" + connections,
                    "-d" + Math.max(1, Math.round(seconds)) + "s", "--timeout", "10s", "-s", script.toString(),
                    spec.url()));
            // output to a file, so that the wait below is bounded even if wrk never ends
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean ended = p.waitFor(Math.round(seconds) + 60, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (!ended || p.exitValue() != 0) {
                throw new IllegalStateException("wrk " + (ended ? "failed" : "did not end") + ": " + out);
            }
            String line = out.lines().filter(l -> l.startsWith("BENCH-WRK ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("wrk printed no figures: " + out));
            JsonNode j = BenchHttp.JSON.readTree(line.substring("BENCH-WRK ".length()));
            Map<Integer, Long> statuses = new TreeMap<>();
            j.path("statuses").properties().forEach(e -> statuses.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
            long ok = statuses.entrySet().stream().filter(e -> e.getKey() >= 200 && e.getKey() < 300)
                    .mapToLong(Map.Entry::getValue).sum();
            long failed = j.path("connect").asLong() + j.path("read").asLong() + j.path("write").asLong()
                    + j.path("timeout").asLong();
            if (failed > 0) {
                statuses.merge(-1, failed, Long::sum); // socket errors and timeouts, as Load counts them
            }
            return new Figures("wrk", j.path("requests").asLong() + failed, ok, j.path("durationUs").asLong() / 1e6,
                    j.path("p50Us").asLong() / 1e3, j.path("p99Us").asLong() / 1e3, j.path("maxUs").asLong() / 1e3,
                    statuses, 0);
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(output);
        }
    }

    /**
     * The wrk script: sets the headers, and the method and body in each request; counts answers by status in each thread; at the end prints
     * one line {@code BENCH-WRK {json}} with the requests, socket errors, duration and latency percentiles (µs).
     */
    static String script(Spec spec) {
        String headers = spec.headers().entrySet().stream()
                .map(e -> "wrk.headers[" + lua(e.getKey()) + "] = " + lua(e.getValue()))
                .collect(Collectors.joining("\n"));
        String request = spec.luaBody() == null
                ? "request = function() return wrk.format(" + lua(spec.method()) + ") end"
                : "request = function() return wrk.format(" + lua(spec.method()) + ", nil, nil, " + spec.luaBody()
                        + ") end";
        return """
                %s
                %s
                local threads = {}
                local next_id = 0
                setup = function(thread)
                  next_id = next_id + 1
                  thread:set("id", next_id)
                  table.insert(threads, thread)
                end
                init = function(args)
                  statuses = {}
                  math.randomseed(os.time() * 1000 + id)
                end
                %s
                response = function(status, headers, body)
                  statuses[status] = (statuses[status] or 0) + 1
                end
                done = function(summary, latency, requests)
                  local all = {}
                  for _, t in ipairs(threads) do
                    for k, v in pairs(t:get("statuses")) do all[k] = (all[k] or 0) + v end
                  end
                  local parts = {}
                  for k, v in pairs(all) do table.insert(parts, string.format('"%%d":%%d', k, v)) end
                  local e = summary.errors
                  io.write(string.format('BENCH-WRK {"requests":%%d,"durationUs":%%d,"connect":%%d,"read":%%d,'
                    .. '"write":%%d,"timeout":%%d,"p50Us":%%d,"p99Us":%%d,"maxUs":%%d,"statuses":{%%s}}\\n',
                    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout,
                    latency:percentile(50), latency:percentile(99), latency.max, table.concat(parts, ",")))
                end
                """.formatted(headers, spec.luaPrelude(), request);
    }

    /** A Lua string literal. */
    static String lua(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
