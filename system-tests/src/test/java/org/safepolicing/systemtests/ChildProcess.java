package org.safepolicing.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * A server of the suite (Keycloak or a service) running as a child process, its output in a log file.
 *
 * <p>The command runs under a small {@code sh} guard that holds on to this JVM's end of a pipe: when the test JVM
 * goes away, however it goes (even {@code kill -9}), the pipe closes and the guard stops the server, so nothing
 * outlives the tests. {@link #stop()} sends SIGTERM through the guard (a clean shutdown), then SIGKILL after 20 s.
 */
final class ChildProcess {

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
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path log;
    private final Process process;

    private ChildProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workingDir,
                              Path log) {
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
            return new ChildProcess(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until {@code url} answers 200, for at most {@code timeout}; fails at once, with the end of the log, when
     * the process exits, and with the end of the log when the time is up.
     */
    void awaitHttpOk(String url, Instant deadline) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        int lastStatus = -1;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before " + url + " answered 200" + logTail());
            }
            try {
                lastStatus = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            // wait half a second, or less if the process exits meanwhile
            process.onExit().completeOnTimeout(process, 500, TimeUnit.MILLISECONDS).join();
        }
        throw new IllegalStateException(name + ": " + url + " did not answer 200 in time (last status "
                + (lastStatus < 0 ? "none: not listening" : lastStatus) + ")" + logTail());
    }

    /** SIGTERM (the guard passes it on), SIGKILL to the whole tree after 20 s. */
    void stop() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } finally {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // gone already
            }
        }
    }

    /** The last 40 lines of the log, to put in a failure message. */
    String logTail() {
        return tail(log, 40);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return System.lineSeparator() + "--- last lines of " + file.getFileName() + " ---" + System.lineSeparator()
                    + String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return System.lineSeparator() + "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log.getFileName() + ")";
    }
}
