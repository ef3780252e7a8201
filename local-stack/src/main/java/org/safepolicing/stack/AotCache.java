package org.safepolicing.stack;

import java.io.IOException;
import java.io.PrintStream;
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
 *
 * <pre>
 * Launcher startup-cache --state DIR --app JAR NAME    the start-up cache options of NAME's next start, one a line
 * </pre>
 *
 * <p>The choice at a start ({@link #startOptions}): on JDK 25 and newer the cache {@code DIR/aot/NAME.aot} when there
 * is one and the app is not newer, else a run that trains one; on JDK 21-24 a dynamic class-data archive
 * ({@code DIR/cds/NAME.jsa}), which the JVM itself ignores and rewrites when the app changed.
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

    /**
     * The JVM options of a service's next start, for the JDK of that feature release (the launcher's own, which is
     * bin/suite's): the kept cache when it is not empty and {@code app} (the packaged app it was trained on) is not
     * newer; otherwise the old cache and any cut training are deleted and the run trains a new one under
     * {@code NAME.aot.part} (the supervisor keeps it at stop, {@link #settle}). Creates the folder the cache goes in.
     */
    static List<String> startOptions(Path state, String name, Path app, int jdkFeature) throws IOException {
        if (jdkFeature < 25) {
            Path cds = Files.createDirectories(state.resolve("cds"));
            return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + cds.resolve(name + ".jsa"));
        }
        Path aot = Files.createDirectories(state.resolve("aot")).resolve(name + ".aot");
        if (Files.isRegularFile(aot) && Files.size(aot) > 0 && !newer(app, aot)) {
            return List.of("-XX:AOTCache=" + aot);
        }
        Path part = aot.resolveSibling(aot.getFileName() + ".part");
        Files.deleteIfExists(aot);
        Files.deleteIfExists(part);
        Files.deleteIfExists(part.resolveSibling(part.getFileName() + ".config"));
        return List.of(OPTION + part);
    }

    /** True when {@code file} was modified after {@code than} (false when it does not exist). */
    private static boolean newer(Path file, Path than) throws IOException {
        return Files.exists(file) && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(than)) > 0;
    }

    /** {@code Launcher startup-cache --state DIR --app JAR NAME}; returns the exit status. */
    static int main(List<String> args, PrintStream out, PrintStream err) {
        String usage = "usage: Launcher startup-cache --state DIR --app JAR NAME";
        Path state;
        Path app;
        String name;
        try {
            Args options = Args.parse(args, Args.spec().values("--state", "--app").positionals(1));
            if (!options.has("--state", "--app") || options.positionals().isEmpty()) {
                throw new IllegalArgumentException("--state, --app and a name are required");
            }
            state = Path.of(options.required("--state")).toAbsolutePath().normalize();
            app = Path.of(options.required("--app")).toAbsolutePath().normalize();
            name = options.positionals().get(0);
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("unexpected argument '" + name + "'");
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "; " + usage);
            return 2;
        }
        try {
            startOptions(state, name, app, Runtime.version().feature()).forEach(out::println);
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("error: cannot prepare the start-up cache of " + name + ": " + e.getMessage());
            return 1;
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
