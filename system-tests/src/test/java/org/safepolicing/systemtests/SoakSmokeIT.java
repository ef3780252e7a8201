package org.safepolicing.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.safepolicing.stack.StackProcess;
import org.safepolicing.systemtests.bench.BenchHttp;
import org.safepolicing.systemtests.bench.BenchTarget;
import org.safepolicing.systemtests.soak.SoakOptions;
import org.safepolicing.systemtests.soak.SoakTarget;
import org.safepolicing.systemtests.soak.StackControl;
import org.safepolicing.systemtests.soak.SuiteStackControl;
import org.safepolicing.systemtests.soak.SuiteSoak;

/**
 * {@code bin/suite soak} in its smallest size against the stack the system tests run: a few hundred requests across
 * the four services while Kafka is SIGKILLed once, PostgreSQL stopped immediately once, grants-service and
 * credentialing-service SIGKILLed once each, and grants-service's PostgreSQL link (through the fault proxy) slowed,
 * cut and frozen once each; every part is started again. It asserts the soak's checks, never a figure: nothing lost,
 * nothing doubled, the order kept, the suite converged, no outbox row stuck, only the poison dead-lettered, the audit
 * chains intact, no 500, every request with a final answer (a service bug fails it: system-tests/README.md, Soak).
 * Every part is running and healthy when it ends (the other system tests share the stack).
 */
class SoakSmokeIT {

    @Test
    void nothingIsLostOrDoubledWhileEveryPartIsKilled() throws Exception {
        SystemStack stack = SystemStack.get();
        Map<String, String> urls = new LinkedHashMap<>();
        for (String service : BenchTarget.SERVICES) {
            urls.put(service, stack.url(service));
        }
        Path out = StackProcess.suiteRoot().resolve("system-tests/target/soak");
        SoakTarget target = new SoakTarget(urls, stack.keycloakUrl(), stack.kafkaBootstrap(), out, SoakOptions.smoke(),
                new StackFaults(stack));

        SuiteSoak.Outcome outcome = SuiteSoak.run(target);
        System.out.println(outcome.table());

        JsonNode latest = BenchHttp.JSON.readTree(Files.readString(out.resolve("latest.json")));
        assertEquals(outcome.report().path("startedAt").asText(), latest.path("startedAt").asText(), "latest.json is this run");
        assertTrue(latest.path("requests").path("requests").asInt() >= SoakOptions.smoke().requests(),
                "the soak made its requests: " + latest.path("requests"));
        assertEquals(0, latest.path("lost").asLong(), "no effect of a 2xx lost:\n" + outcome.table());
        assertEquals(0, latest.path("doubled").asLong(), "no effect doubled:\n" + outcome.table());
        outcome.checks().forEach((check, passed) -> assertTrue(passed, check + " failed:\n" + outcome.table()));
        assertTrue(outcome.checks().keySet().stream().anyMatch(c -> c.startsWith("converged")), "convergence checked");
        assertTrue(outcome.checks().containsKey("audit chains verify"), "audit checked");
        assertTrue(outcome.checks().containsKey("dead-letter topics hold only the poison"), "dead letters checked");
        assertTrue(outcome.checks().containsKey("grants' answers equal a fresh rebuild from the topics"),
                "grants' answers compared with a rebuild");
        assertTrue(outcome.passed(), outcome.table());
        for (String service : BenchTarget.SERVICES) {
            assertEquals(200, new BenchHttp(target.bench()).get(stack.url(service) + "/q/health/ready", null).status(),
                    service + " is ready after the soak");
        }
    }

    /** The system tests' stack, killed and started again through SystemStack. */
    private record StackFaults(SystemStack stack) implements StackControl {

        @Override
        public void killKafka() {
            stack.kafka().kill();
        }

        @Override
        public void startKafka() {
            stack.kafka().start();
        }

        /** The launcher SIGKILLed (so that it cannot stop its server its own way), then SIGQUIT to the postmaster. */
        @Override
        public void stopPostgresImmediately() {
            Optional<ProcessHandle> postmaster = SuiteStackControl.postmaster(ProcessHandle.current().descendants()
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a)
                            .contains(stack.postgres().dataDir().toString())).orElse(false)));
            stack.postgres().kill();
            postmaster.ifPresent(SuiteStackControl::sigquit);
        }

        @Override
        public void startPostgres() {
            stack.postgres().start();
        }

        @Override
        public void killService(String service) {
            stack.killService(service);
        }

        @Override
        public void startService(String service, String jdbcBase) {
            stack.startService(service, jdbcBase);
        }

        @Override
        public String postgresHost() {
            return "127.0.0.1";
        }

        @Override
        public int postgresPort() {
            return stack.postgres().port();
        }
    }
}
