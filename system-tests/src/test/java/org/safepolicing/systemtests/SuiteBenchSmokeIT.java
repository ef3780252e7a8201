package org.safepolicing.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.safepolicing.systemtests.bench.BenchHttp;
import org.safepolicing.systemtests.bench.BenchTarget;
import org.safepolicing.systemtests.bench.SuiteBench;

/**
 * {@code bin/suite bench} in its smallest size against the stack the system tests run, so that the bench cannot rot:
 * every part runs (two sweep steps of 2 s over 8 agencies, a 200-agency import, a rebuild, hiring checks over 5,000
 * seeded officers, reads and writes for 2 s each after 2 s of warm-up, start time and RSS). It asserts only that the bench produced its
 * table and its JSON with every section and that no part failed; never a figure (figures are printed).
 */
class SuiteBenchSmokeIT {

    @Test
    void benchProducesItsTableAndJson() throws Exception {
        SystemStack stack = SystemStack.get();
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        Map<String, Path> logs = new LinkedHashMap<>();
        for (String service : BenchTarget.SERVICES) {
            urls.put(service, stack.url(service));
            pids.put(service, stack.pid(service));
            logs.put(service, stack.logOf(service));
        }
        Path out = StackPaths.benchOut();
        BenchTarget target = new BenchTarget(urls, stack.keycloakUrl(), stack.kafkaBootstrap(),
                stack.postgresJdbcBase(), "postgres", "postgres", pids, logs, out, BenchTarget.Size.smoke(), java.util.Set.of());

        SuiteBench.Outcome outcome = SuiteBench.run(target);
        System.out.println(outcome.table());

        assertTrue(Files.isRegularFile(outcome.json()), "a timestamped JSON file");
        JsonNode latest = BenchHttp.JSON.readTree(Files.readString(out.resolve("latest.json")));
        assertEquals(outcome.report().path("startedAt").asText(), latest.path("startedAt").asText(),
                "latest.json is this run");
        for (String section : SuiteBench.SECTIONS) {
            assertTrue(latest.has(section), "JSON section " + section);
            assertFalse(latest.path(section).has("error"), section + " failed: " + latest.path(section).path("error"));
            assertTrue(outcome.table().contains("| " + section + " |"), "a row of the table for " + section);
        }
        assertEquals(2, latest.path("sweep").path("steps").size(), "one entry per offered rate");
        assertTrue(latest.path("limits").path("raised").asBoolean(), "the stack's limits are raised for the bench");
    }

    private static final class StackPaths {
        static Path benchOut() {
            return org.safepolicing.stack.StackProcess.suiteRoot().resolve("system-tests/target/bench");
        }
    }
}
