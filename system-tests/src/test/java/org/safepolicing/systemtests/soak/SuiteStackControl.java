package org.safepolicing.systemtests.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The stack {@code bin/suite up} runs: pids from {@code .suite/pids/}, parts killed by pid and started again by
 * {@code bin/suite soak --restart NAME} (bin/lib/suite-soak.sh: the same start as {@code bin/suite up NAME}, without
 * its build check, so that a source edited meanwhile does not rebuild the project in the middle of a soak).
 */
public final class SuiteStackControl implements StackControl {

    private final Path root;
    private final Path suiteDir;

    SuiteStackControl(Path root, Path suiteDir) {
        this.root = root;
        this.suiteDir = suiteDir;
    }

    private static String shortName(String service) {
        return service.contains("-") ? service.substring(0, service.indexOf('-')) : service;
    }

    private Optional<ProcessHandle> process(String component) {
        try {
            long pid = Long.parseLong(Files.readString(suiteDir.resolve("pids/" + component + ".pid")).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void killAndWait(ProcessHandle p) throws Exception {
        p.destroyForcibly();
        p.onExit().get(30, TimeUnit.SECONDS);
    }

    static void awaitPortClosed(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException e) {
                return;
            }
            SoakHttp.sleep(200);
        }
    }

    private void restart(String component, Map<String, String> env) throws Exception {
        ProcessBuilder b = new ProcessBuilder(root.resolve("bin/suite").toString(), "soak", "--restart", component)
                .directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(suiteDir.resolve("logs/soak-restarts.log").toFile()));
        b.environment().putAll(env);
        Process p = b.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/suite soak --restart " + component + " did not finish in 240 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("bin/suite soak --restart " + component + " failed (exit " + p.exitValue()
                    + "; see .suite/logs/soak-restarts.log)");
        }
    }

    @Override
    public void killKafka() throws Exception {
        ProcessHandle p = process("kafka").orElseThrow(() -> new IllegalStateException("kafka is not running"));
        killAndWait(p);
        awaitPortClosed(19092, Duration.ofSeconds(30));
    }

    @Override
    public void startKafka() throws Exception {
        restart("kafka", Map.of());
    }

    @Override
    public void stopPostgresImmediately() throws Exception {
        ProcessHandle launcher = process("postgres").orElseThrow(() -> new IllegalStateException("postgres is not running"));
        Optional<ProcessHandle> postmaster = postmaster(launcher);
        // the launcher first (SIGKILL: it must not stop the server its own way), then the postmaster's immediate stop
        killAndWait(launcher);
        postmaster.ifPresent(SuiteStackControl::sigquit);
        awaitPortClosed(15432, Duration.ofSeconds(60));
    }

    /** The postmaster among a launcher's descendants: the oldest process whose command is postgres. */
    static Optional<ProcessHandle> postmaster(ProcessHandle launcher) {
        return postmaster(launcher.descendants());
    }

    public static Optional<ProcessHandle> postmaster(java.util.stream.Stream<ProcessHandle> processes) {
        return processes.filter(d -> d.info().command().map(c -> c.endsWith("/postgres") || c.equals("postgres"))
                .orElse(false)).min((x, y) -> Long.compare(x.pid(), y.pid()));
    }

    /** SIGQUIT: PostgreSQL's immediate shutdown (what {@code pg_ctl stop -m immediate} sends). */
    public static void sigquit(ProcessHandle p) {
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
            p.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the launcher's kill below takes it down in any case
        }
    }

    @Override
    public void startPostgres() throws Exception {
        restart("postgres", Map.of());
    }

    @Override
    public void killService(String service) throws Exception {
        ProcessHandle p = process(shortName(service)).orElseThrow(() -> new IllegalStateException(service + " is not running"));
        killAndWait(p);
    }

    @Override
    public void startService(String service, String jdbcBase) throws Exception {
        restart(shortName(service), jdbcBase == null ? Map.of() : Map.of("SUITE_POSTGRES_URL", jdbcBase));
    }

    @Override
    public String postgresHost() {
        String url = System.getenv("SUITE_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            return "127.0.0.1";
        }
        String hostPort = url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
        return hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
    }

    @Override
    public int postgresPort() {
        String url = System.getenv("SUITE_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            return 15432;
        }
        String hostPort = url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
        return hostPort.contains(":") ? Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1)) : 5432;
    }

    static List<String> services() {
        return org.safepolicing.systemtests.bench.BenchTarget.SERVICES;
    }
}
