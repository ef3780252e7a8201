package org.safepolicing.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A service's AOT cache (JDK 25, JEP 483/514) as bin/suite trains it: the JVM runs with
 * {@code -XX:AOTCacheOutput=<name>.aot.part} and writes the cache when it exits (in a second JVM it starts then, about
 * half a minute on a loaded 2-core machine). The cache is kept, renamed to {@code <name>.aot}, only when the JVM ended
 * by itself and did not crash: a cut or broken cache would be refused at every later start.
 */
final class AotCache {

    /** Time enough for a JVM to write its AOT cache after SIGTERM. */
    static final Duration WRITING = Duration.ofSeconds(180);
    static final String OPTION = "-XX:AOTCacheOutput=";
    /** The first line of the JVM's fatal error report (hs_err), which it also prints on its output. */
    static final String FATAL_ERROR = "# A fatal error has been detected";

    /** The cache a JVM with this command line writes when it exits, if it trains one. */
    static Optional<Path> training(List<String> commandLine) {
        return commandLine.stream().filter(a -> a.startsWith(OPTION)).findFirst()
                .map(a -> Path.of(a.substring(OPTION.length())));
    }

    /** How long to wait for a stop: at least {@link #WRITING} when the JVM writes a cache at exit. */
    static Duration stopTimeout(List<String> commandLine, Duration requested) {
        return training(commandLine).isPresent() && requested.compareTo(WRITING) < 0 ? WRITING : requested;
    }

    /**
     * After the JVM is gone: keeps the cache when it ended by itself, the file is not empty and its log since this
     * start names no fatal error (JDK 25.0.3 crashed here in MethodTrainingData::cleanup after an hour's run); drops it
     * (and the {@code .config} beside it) otherwise.
     *
     * @return true when the cache was kept
     */
    static boolean settle(Path part, boolean endedByItself, String logSinceStart) {
        try {
            boolean crashed = logSinceStart.lines().anyMatch(line -> line.startsWith(FATAL_ERROR));
            if (endedByItself && !crashed && Files.isRegularFile(part) && Files.size(part) > 0) {
                Files.move(part, kept(part), StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            Files.deleteIfExists(part);
            Files.deleteIfExists(part.resolveSibling(part.getFileName() + ".config"));
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot settle the AOT cache " + part, e);
        }
    }

    /** {@code NAME.aot.part} is kept as {@code NAME.aot}. */
    static Path kept(Path part) {
        String name = part.getFileName().toString();
        return part.resolveSibling(name.endsWith(".part") ? name.substring(0, name.length() - ".part".length()) : name);
    }

    private AotCache() {
    }
}
