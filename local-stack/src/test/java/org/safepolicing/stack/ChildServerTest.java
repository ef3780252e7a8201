package org.safepolicing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** system-tests' way of running a server: a child of this JVM under a guard, awaited by its health, stopped. */
class ChildServerTest {

    private static List<String> daemon(String... args) {
        List<String> command = new ArrayList<>(List.of(StackProcess.javaCommand(), "-Xmx32m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), TestDaemon.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static Path dir() throws IOException {
        Path base = Files.createDirectories(Path.of("target", "child-server-test").toAbsolutePath());
        return Files.createTempDirectory(base, "run");
    }

    @Test
    void awaitsItsHealthAndStopsTheServerUnderTheGuard() throws IOException {
        Path dir = dir();
        int port = StackProcess.freePort();
        ChildServer server = ChildServer.start("grants", daemon("http", Integer.toString(port), "200"),
                Map.of("GRANTS_TEST", "1"), dir, dir.resolve("logs/grants.log"));
        try {
            server.awaitHttpOk("http://127.0.0.1:" + port + "/q/health/ready", Instant.now().plusSeconds(60));
            List<ProcessHandle> jvm = ProcessHandle.of(server.pid()).orElseThrow().children()
                    .filter(p -> p.info().command().orElse("").endsWith("java")).toList();
            assertEquals(1, jvm.size(), "the server runs under the guard");
            server.stop();
            assertFalse(server.isAlive());
            assertTrue(ProcessStop.awaitExit(jvm.get(0), Duration.ofSeconds(10)), "the server stopped with its guard");
            assertFalse(Health.open(port));
            assertTrue(Files.readString(server.log()).contains("serving 200"));
        } finally {
            server.stop();
        }
    }

    @Test
    void aServerThatExitsFailsTheWaitWithItsLog() throws IOException {
        Path dir = dir();
        ChildServer server = ChildServer.start("records", daemon("exit"), Map.of(), dir, dir.resolve("records.log"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.awaitReady(
                new Health.Http(URI.create("http://127.0.0.1:1/q/health/ready")), Instant.now().plusSeconds(60)));
        assertTrue(e.getMessage().startsWith("records exited with code 3 before it was ready"), e.getMessage());
        assertTrue(e.getMessage().contains("giving up at once"), e.getMessage());
    }

    @Test
    void aServerThatIsNotReadyInTimeFailsWithItsLastHealth() throws IOException {
        Path dir = dir();
        int port = StackProcess.freePort();
        ChildServer server = ChildServer.start("portal", daemon("http", Integer.toString(port), "503"), Map.of(), dir,
                dir.resolve("portal.log"));
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.awaitHttpOk(
                    "http://127.0.0.1:" + port + "/q/health/ready", Instant.now().plusSeconds(4)));
            assertTrue(e.getMessage().contains("(last: not ready (/q/health/ready answers 503))"), e.getMessage());
        } finally {
            server.stop();
        }
    }
}
