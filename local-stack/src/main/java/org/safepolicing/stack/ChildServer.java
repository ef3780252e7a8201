package org.safepolicing.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server of the suite (Keycloak, a service, the portal) running as a child process of this JVM, its output in a log
 * file: how system-tests' {@code SystemStack} runs them. Where {@link Supervisor} runs bin/suite's daemons, which
 * outlive the command that started them, a child server lives no longer than this JVM.
 *
 * <p>The command runs under a small {@code sh} guard that holds on to this JVM's end of a pipe: when this JVM goes
 * away, however it goes (even {@code kill -9}), the pipe closes and the guard stops the server. {@link #stop()} sends
 * SIGTERM through the guard (a clean shutdown), then SIGKILL to the whole tree after 20 s ({@link ProcessStop}).
 */
public final class ChildServer {

    /** Runs "$@" with stdin from /dev/null; TERM to the guard, or EOF on the guard's stdin, stops it. */
    private static final String GUARD = """
            exec 3<&0
            "$@" </dev/null &
            child=$!
            trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 143' TERM INT HUP
            ( cat >/dev/null; kill -TERM "$child" 2>/dev/null ) <&3 &
            watcher=$!
            exec 3<&-
            wait "$child"
            status=$?
            kill "$watcher" 2>/dev/null
            exit "$status"
            """;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final Path log;
    private final Process process;

    private ChildServer(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code command} in {@code workingDir} with {@code environment} added, its output (over)written to {@code log}. */
    public static ChildServer start(String name, List<String> command, Map<String, String> environment,
                                    Path workingDir, Path log) {
        List<String> guarded = new ArrayList<>(List.of("sh", "-c", GUARD, name));
        guarded.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(guarded)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            return new ChildServer(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The guard's pid (the server is its child). */
    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until {@code health} says ready, until {@code deadline}; fails at once, with the end of the log, when the
     * process exits, and with the end of the log and the last health when the time is up.
     */
    public void awaitReady(Health health, Instant deadline) {
        Health.Result last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready (" + describe(health) + ")" + logTail());
            }
            last = health.check();
            if (last.ready()) {
                return;
            }
            // wait half a second, or less if the process exits meanwhile
            process.onExit().completeOnTimeout(process, 500, TimeUnit.MILLISECONDS).join();
        }
        throw new IllegalStateException(name + ": " + describe(health) + " not in time (last: "
                + (last == null ? "not checked" : last.words()) + ")" + logTail());
    }

    /** Waits until {@code url} answers 200; see {@link #awaitReady}. */
    public void awaitHttpOk(String url, Instant deadline) {
        awaitReady(new Health.Http(java.net.URI.create(url)), deadline);
    }

    private static String describe(Health health) {
        return switch (health) {
            case Health.Http http -> http.url() + " answering 200";
            case Health.Port port -> "port " + port.port() + " accepting connections";
        };
    }

    /** SIGTERM (the guard passes it on), SIGKILL to the whole tree after 20 s. */
    public void stop() {
        try {
            ProcessStop.terminate(process.toHandle(), STOP_TIMEOUT);
        } finally {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // gone already
            }
        }
    }

    /** The last 40 lines of the log, to put in a failure message. */
    public String logTail() {
        return System.lineSeparator() + "--- last lines of " + log.getFileName() + " ---" + System.lineSeparator()
                + Files2.tailSince(log, 0, 40);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log.getFileName() + ")";
    }
}
