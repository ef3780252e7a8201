package org.safepolicing.systemtests.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.safepolicing.systemtests.bench.BenchHttp;

/** Every state-changing request the soak made and its final answer. */
final class Ledger {

    /** One request: its operation, agency, key, final status (after retries with the same key). */
    record Entry(String op, String ori, String key, String method, String url, int status, boolean resolved,
                 int attempts, int transientAnswers, boolean replayed, long millis, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return BenchHttp.JSON.readTree(body);
            } catch (Exception e) {
                return BenchHttp.JSON.createObjectNode();
            }
        }

        String id() {
            return json().path("id").asText(null);
        }
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    void add(Entry e) {
        entries.add(e);
        count.incrementAndGet();
    }

    int count() {
        return count.get();
    }

    List<Entry> all() {
        return new ArrayList<>(entries);
    }

    ObjectNode summary() {
        ObjectNode s = BenchHttp.JSON.createObjectNode();
        List<Entry> all = all();
        s.put("requests", all.size());
        s.put("ok", all.stream().filter(Entry::ok).count());
        s.put("unresolved", all.stream().filter(e -> !e.resolved()).count());
        s.put("retried", all.stream().filter(e -> e.attempts() > 1).count());
        s.put("attempts", all.stream().mapToLong(Entry::attempts).sum());
        s.put("replayed", all.stream().filter(Entry::replayed).count());
        s.put("server errors (500)", all.stream().filter(e -> e.status() == 500).count());
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byOp = new TreeMap<>();
        for (Entry e : all) {
            byStatus.merge(Integer.toString(e.status()), 1, Integer::sum);
            byOp.merge(e.op(), 1, Integer::sum);
        }
        s.set("byStatus", BenchHttp.JSON.valueToTree(byStatus));
        s.set("byOperation", BenchHttp.JSON.valueToTree(byOp));
        return s;
    }
}
