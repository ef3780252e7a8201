package org.safepolicing.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stopping a process of the stack, the one way everything here does it: SIGTERM, a bounded wait, then SIGKILL of the
 * process, its process group when it leads one (a daemon started through {@code setsid}), and every descendant (a
 * PostgreSQL server under its launcher, a JVM under {@code kc.sh}).
 */
public final class ProcessStop {

    /**
     * Asks {@code process} to stop and waits up to {@code timeout}; kills it and its descendants after that.
     *
     * @return true when it ended by itself within the time, false when it had to be killed
     */
    public static boolean terminate(ProcessHandle process, Duration timeout) {
        if (!process.isAlive()) {
            return true;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        if (awaitExit(process, timeout)) {
            return true;
        }
        kill(process, tree);
        return false;
    }

    /** SIGKILL, as a crash would, to the process, its group (when it leads one) and its descendants; waits 10 s. */
    public static void kill(ProcessHandle process) {
        kill(process, process.descendants().toList());
    }

    private static void kill(ProcessHandle process, List<ProcessHandle> tree) {
        if (processGroup(process.pid()).filter(group -> group == process.pid()).isPresent()) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // no kill command: the descendants below are killed one by one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitExit(process, Duration.ofSeconds(10));
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The process group of a process (Linux: /proc/PID/stat), empty where it cannot be read. */
    static Optional<Long> processGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so read after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The command line of a live process, argument by argument (Linux: /proc/PID/cmdline), empty where unknown. */
    static List<String> commandLine(long pid) {
        try {
            byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String all = new String(bytes, StandardCharsets.UTF_8);
            return all.isEmpty() ? List.of() : List.of(all.split("\0"));
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).map(line -> List.of(line.split(" ")))
                    .orElse(List.of());
        }
    }

    private ProcessStop() {
    }
}
