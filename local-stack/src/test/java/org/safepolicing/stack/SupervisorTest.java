package org.safepolicing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safepolicing.stack.Supervisor.Component;
import org.safepolicing.stack.Supervisor.Ready;

/**
 * The supervisor of bin/suite's stack on real child processes (a small Java server, {@link TestDaemon}) on free ports:
 * start and readiness, pid files, status, stop with its bounded wait and kill, and the AOT cache kept or dropped.
 */
class SupervisorTest {

    private Path state;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;
    private Supervisor supervisor;
    private final List<String> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Path base = Path.of("target", "supervisor-test");
        Files.createDirectories(base);
        state = Files.createTempDirectory(base.toAbsolutePath(), "suite");
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        supervisor = new Supervisor(state, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopWhatRuns() {
        for (String name : started) {
            supervisor.running(name).ifPresent(ProcessStop::kill);
        }
    }

    private static List<String> daemon(String... args) {
        List<String> command = new ArrayList<>(List.of(StackProcess.javaCommand(), "-Xmx32m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), TestDaemon.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private Component lineComponent(String name, int port) {
        started.add(name);
        return new Component(name, List.of(port), new Health.Port(port), Ready.LINE, Duration.ofSeconds(60), null,
                null);
    }

    private String out() {
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return text;
    }

    private long pidInFile(String name) throws IOException {
        return Long.parseLong(Files.readString(supervisor.pidFile(name)).strip());
    }

    @Test
    void startsWaitsForTheReadyLineSaysWhatRunsAndStops() throws IOException {
        int port = StackProcess.freePort();
        Component c = lineComponent("pg", port);
        supervisor.start(c, daemon("ready", "pg", Integer.toString(port)));
        long pid = pidInFile("pg");
        assertEquals(String.format("%-14s READY pg 127.0.0.1:%d (pid %d)%n", "pg", port, pid), out());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(Optional.of(pid), supervisor.running("pg").map(ProcessHandle::pid));
        String log = Files.readString(supervisor.logFile("pg"));
        assertTrue(log.matches("(?s)\\R----- \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ: bin/suite starts pg -----\\R"
                + "starting pg\\RREADY pg .*"), log);

        supervisor.start(c, List.of("false"));
        assertEquals(String.format("%-14s already running (pid %d)%n", "pg", pid), out());

        supervisor.status(List.of(c));
        assertEquals(String.format("%-14s %-9s %-8s %-12s %s%n", "COMPONENT", "STATE", "PID", "PORTS", "HEALTH")
                + String.format("%-14s %-9s %-8s %-12s %s%n", "pg", "running", pid, port, "accepting connections"),
                out());
        assertEquals(Optional.empty(), supervisor.firstNotServing(List.of(c)));

        supervisor.stop("pg", Duration.ofSeconds(30), true);
        assertEquals(String.format("%-14s stopping (pid %d) ... stopped%n", "pg", pid), out());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(Files.exists(supervisor.pidFile("pg")));
        supervisor.status(List.of(c));
        assertTrue(out().endsWith(String.format("%-14s %-9s %-8s %-12s %s%n", "pg", "stopped", "-", port, "-")));
        assertEquals(Optional.of("pg"), supervisor.firstNotServing(List.of(c)));

        // a second start appends to the log under a new mark; what the earlier run wrote is not read as this one's
        supervisor.start(c, daemon("ready", "pg", Integer.toString(port)));
        assertFalse(supervisor.logSinceStart("pg").contains("bin/suite starts"));
        assertEquals(2, Files.readString(supervisor.logFile("pg")).split("bin/suite starts pg").length - 1);
    }

    @Test
    void aFailedLineFailsTheStartWithTheLogAndLeavesNothingRunning() {
        Component c = lineComponent("kafka", StackProcess.freePort());
        Supervisor.Refused refused = assertThrows(Supervisor.Refused.class,
                () -> supervisor.start(c, daemon("failed")));
        assertEquals("kafka did not start: FAILED the disk is full", refused.getMessage());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--- last lines of " + state.getFileName()
                + "/logs/kafka.log ---" + System.lineSeparator() + "FAILED the disk is full"), err.toString());
        assertTrue(supervisor.running("kafka").isEmpty());
        assertFalse(Files.exists(supervisor.pidFile("kafka")));
    }

    @Test
    void aComponentThatExitsBeforeItIsReadyFailsTheStart() {
        int port = StackProcess.freePort();
        started.add("records");
        Component c = new Component("records", List.of(port),
                new Health.Http(URI.create("http://127.0.0.1:" + port + "/q/health/ready")), Ready.HEALTH,
                Duration.ofSeconds(60), "ready at http://127.0.0.1:" + port, null);
        Supervisor.Refused refused = assertThrows(Supervisor.Refused.class, () -> supervisor.start(c, daemon("exit")));
        assertEquals("records exited before it was ready", refused.getMessage());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("giving up at once"), err.toString());
        assertFalse(Files.exists(supervisor.pidFile("records")));
    }

    @Test
    void httpHealthAnnouncesReadinessAndSaysWhatAnswers() throws IOException {
        int ok = StackProcess.freePort();
        started.add("keycloak");
        Component keycloak = new Component("keycloak", List.of(ok),
                new Health.Http(URI.create("http://127.0.0.1:" + ok + "/realms/x/.well-known/openid-configuration"),
                        "realm x", "realm"), Ready.HEALTH, Duration.ofSeconds(60), "ready at http://127.0.0.1:" + ok, null);
        supervisor.start(keycloak, daemon("http", Integer.toString(ok), "200"));
        assertEquals(String.format("%-14s ready at http://127.0.0.1:%d (pid %d)%n", "keycloak", ok,
                pidInFile("keycloak")), out());

        int unready = StackProcess.freePort();
        started.add("grants");
        Component grants = new Component("grants", List.of(unready),
                new Health.Http(URI.create("http://127.0.0.1:" + unready + "/q/health/ready")), Ready.HEALTH,
                Duration.ofSeconds(3), "ready at http://127.0.0.1:" + unready, null);
        Supervisor.Refused late = assertThrows(Supervisor.Refused.class,
                () -> supervisor.start(grants, daemon("http", Integer.toString(unready), "503")));
        assertEquals("grants did not answer http://127.0.0.1:" + unready + "/q/health/ready with 200 within 3s (left"
                + " running; 'bin/suite down' stops it)", late.getMessage());
        assertTrue(supervisor.running("grants").isPresent(), "a component that missed its time is left running");
        out();
        supervisor.status(List.of(keycloak, grants));
        String status = out();
        assertTrue(status.contains(String.format("%-14s %-9s %-8s %-12s %s%n", "keycloak", "running",
                pidInFile("keycloak"), ok, "ready (realm x)")), status);
        assertTrue(status.contains(String.format("%-14s %-9s %-8s %-12s %s%n", "grants", "running",
                pidInFile("grants"), unready, "not ready (/q/health/ready answers 503)")), status);
        assertEquals(Optional.of("grants"), supervisor.firstNotServing(List.of(keycloak, grants)));
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheTimeout() throws IOException {
        int port = StackProcess.freePort();
        supervisor.start(lineComponent("kafka", port), daemon("stubborn", "kafka", Integer.toString(port)));
        long pid = pidInFile("kafka");
        out();
        long began = System.nanoTime();
        supervisor.stop("kafka", Duration.ofSeconds(2), true);
        assertEquals(String.format("%-14s stopping (pid %d) ... still running after 2s, killing ... stopped%n",
                "kafka", pid), out());
        assertTrue(System.nanoTime() - began >= Duration.ofSeconds(2).toNanos());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(Files.readString(supervisor.logFile("kafka")).contains("ignoring TERM"));
    }

    @Test
    void aPortTakenByAProcessItDidNotStartIsRefused() throws IOException {
        try (ServerSocket foreign = new ServerSocket()) {
            foreign.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = foreign.getLocalPort();
            Component c = lineComponent("postgres", port);
            Supervisor.Refused refused = assertThrows(Supervisor.Refused.class,
                    () -> supervisor.start(c, daemon("ready", "postgres", Integer.toString(port))));
            assertTrue(refused.getMessage().startsWith("port " + port + " (for postgres) is already taken by a process"
                    + " bin/suite did not start"), refused.getMessage());
            assertFalse(Files.exists(supervisor.pidFile("postgres")), "nothing was started");
            supervisor.status(List.of(c));
            assertTrue(out().contains("port " + port + " is taken by a process bin/suite did not start"));
        }
    }

    @Test
    void aPidFileOfAnotherProgramOrOfNothingIsStale() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            Files.createDirectories(supervisor.pidFile("x").getParent());
            Files.writeString(supervisor.pidFile("portal"), sleep.pid() + "\n");
            assertEquals(Optional.empty(), supervisor.running("portal"), "a pid that is not a JVM's or kc.sh's");
            Files.writeString(supervisor.pidFile("portal"), "not a pid\n");
            assertEquals(Optional.empty(), supervisor.running("portal"));
            supervisor.stop("portal", Duration.ofSeconds(1), true);
            assertEquals("", out(), "nothing to stop, nothing said");
            assertFalse(Files.exists(supervisor.pidFile("portal")), "the stale pid file is gone");
            assertTrue(sleep.isAlive(), "a process it did not start is never signalled");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void theAotCacheIsKeptFromAJvmThatEndedByItselfAndDroppedAfterAFatalError() throws IOException {
        Path part = state.resolve("aot/credentialing.aot.part");
        Files.createDirectories(part.getParent());
        int port = StackProcess.freePort();
        Component c = lineComponent("credentialing", port);
        supervisor.start(c, daemon("ready", "credentialing", Integer.toString(port), AotCache.OPTION + part));
        long pid = pidInFile("credentialing");
        out();
        supervisor.stop("credentialing", Duration.ofSeconds(30), true);
        assertEquals(String.format("%-14s stopping (pid %d) ... writing its AOT cache ... stopped%n", "credentialing",
                pid), out());
        assertEquals("a trained cache", Files.readString(state.resolve("aot/credentialing.aot")));
        assertFalse(Files.exists(part));

        Files.delete(state.resolve("aot/credentialing.aot"));
        Files.writeString(Path.of(part + ".config"), "config");
        supervisor.start(c, daemon("ready", "credentialing", Integer.toString(port), AotCache.OPTION + part, "fatal"));
        supervisor.stop("credentialing", Duration.ofSeconds(30), true);
        assertFalse(Files.exists(state.resolve("aot/credentialing.aot")), "no cache from a JVM that crashed");
        assertFalse(Files.exists(part));
        assertFalse(Files.exists(Path.of(part + ".config")));
    }

    @Test
    void theAotRule() throws IOException {
        Path dir = Files.createDirectories(state.resolve("aot"));
        Path part = dir.resolve("grants.aot.part");
        List<String> training = List.of("java", "-Xmx384m", AotCache.OPTION + part, "-jar", "quarkus-run.jar");
        assertEquals(Optional.of(part), AotCache.training(training));
        assertEquals(Optional.empty(), AotCache.training(List.of("java", "-XX:AOTCache=" + dir, "-jar", "x.jar")));
        assertEquals(Duration.ofSeconds(180), AotCache.stopTimeout(training, Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(300), AotCache.stopTimeout(training, Duration.ofSeconds(300)));
        assertEquals(Duration.ofSeconds(30), AotCache.stopTimeout(List.of("java", "-jar", "x"), Duration.ofSeconds(30)));

        Files.writeString(part, "cache");
        assertFalse(AotCache.settle(part, false, ""), "killed while writing: a cut cache");
        assertFalse(Files.exists(part));
        Files.writeString(part, "");
        assertFalse(AotCache.settle(part, true, ""), "empty");
        Files.writeString(part, "cache");
        assertFalse(AotCache.settle(part, true, "x\n" + AotCache.FATAL_ERROR + " by the Java Runtime Environment:\n"));
        Files.writeString(part, "cache");
        assertTrue(AotCache.settle(part, true, "Quarkus stopped\n"));
        assertEquals("cache", Files.readString(dir.resolve("grants.aot")));
    }

    @Test
    void theStartUpCacheChosenAtAStart() throws IOException {
        Path app = Files.writeString(Files.createDirectories(state.resolve("app")).resolve("quarkus-run.jar"), "app");
        Path aot = state.resolve("aot/grants.aot");
        Path part = state.resolve("aot/grants.aot.part");
        // no cache yet: this run trains one, under .part
        assertEquals(List.of(AotCache.OPTION + part), AotCache.startOptions(state, "grants", app, 25));
        assertTrue(Files.isDirectory(aot.getParent()));
        // a cache newer than the app: used
        Files.writeString(aot, "cache");
        Files.setLastModifiedTime(app, FileTime.fromMillis(1_000_000));
        assertEquals(List.of("-XX:AOTCache=" + aot), AotCache.startOptions(state, "grants", app, 26));
        // the app rebuilt after it: the cache, a cut training and its config are dropped, a new one trained
        Files.writeString(part, "cut");
        Files.writeString(Path.of(part + ".config"), "config");
        Files.setLastModifiedTime(app, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertEquals(List.of(AotCache.OPTION + part), AotCache.startOptions(state, "grants", app, 25));
        assertFalse(Files.exists(aot));
        assertFalse(Files.exists(part));
        assertFalse(Files.exists(Path.of(part + ".config")));
        // an empty cache is never used
        Files.writeString(aot, "");
        Files.setLastModifiedTime(app, FileTime.fromMillis(1_000_000));
        assertEquals(List.of(AotCache.OPTION + part), AotCache.startOptions(state, "grants", app, 25));
        // JDK 21-24: the class-data archive, which the JVM keeps up to date itself
        assertEquals(List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + state.resolve("cds/grants.jsa")),
                AotCache.startOptions(state, "grants", app, 21));
        assertTrue(Files.isDirectory(state.resolve("cds")));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, AotCache.main(List.of("--state", state.toString(), "--app", app.toString(), "grants"),
                new PrintStream(printed, true, StandardCharsets.UTF_8), quiet));
        assertEquals(AotCache.startOptions(state, "grants", app, Runtime.version().feature()).get(0) + "\n",
                printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        assertEquals(2, AotCache.main(List.of("--state", state.toString(), "grants"), quiet, quiet), "no --app");
    }

    @Test
    void theCommandLine() throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(printed, true, StandardCharsets.UTF_8);
        assertEquals(2, Supervisor.main(List.of("start", "--component", "pg"), stdout, quiet), "no --state");
        assertEquals(2, Supervisor.main(List.of("start", "--state", state.toString(), "--component", "pg", "--ready",
                "soon", "--", "java"), stdout, quiet));
        assertEquals(2, Supervisor.main(List.of("start", "--state", state.toString(), "--component", "pg"), stdout,
                quiet), "no command");
        assertEquals(2, Supervisor.main(List.of("restart", "--state", state.toString()), stdout, quiet));
        assertEquals(1, Supervisor.main(List.of("pid", "--state", state.toString(), "pg"), stdout, quiet));
        assertEquals(0, Supervisor.main(List.of("stop", "--state", state.toString(), "--timeout", "5", "pg", "kafka"),
                stdout, quiet), "stopping what does not run is no error");
        assertEquals(1, Supervisor.main(List.of("check", "--state", state.toString(), "--component", "pg",
                "--ports", "1", "--component", "kafka", "--external", "host:9092"), stdout, quiet));
        assertEquals("pg" + System.lineSeparator(), printed.toString(StandardCharsets.UTF_8));
        printed.reset();
        assertEquals(0, Supervisor.main(List.of("status", "--state", state.toString(), "--component", "kafka",
                "--ports", "19092,19093", "--external", "host:9092"), stdout, quiet));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains(
                String.format("%-14s %-9s %-8s %-12s %s", "kafka", "external", "-", "-", "host:9092")));
    }
}
