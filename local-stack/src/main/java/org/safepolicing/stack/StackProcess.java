package org.safepolicing.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server of the local stack (PostgreSQL or Kafka) running in a child JVM, for tests. Plain JDK: it spawns
 *
 * <pre>
 * &lt;this java&gt; -cp &lt;suite root&gt;/local-stack/target/classes:&lt;local-stack/target/stack-classpath.txt&gt;
 *     org.safepolicing.stack.Launcher &lt;kind&gt; ... --exit-on-stdin-eof
 * </pre>
 *
 * <p>and waits (up to 300 s, or {@code stack.ready-timeout-seconds}) for its {@code READY} line. The suite root is the system property {@code suite.root},
 * else the environment variable {@code SUITE_ROOT}, else the nearest folder above the working directory that holds
 * {@code local-stack/target/stack-classpath.txt} (written by building the local-stack module).
 *
 * <p>The child's output goes to {@code <dataDir>.log} next to the data dir (appended across restarts); the server's
 * own logs are in the data dir. The child holds on to its stdin: when this JVM dies, the pipe closes and the child
 * stops its server and exits, so nothing outlives the tests. An ephemeral server deletes its data dir when it stops,
 * so {@link #start()} after {@link #stop()} on an ephemeral server starts from scratch; use a non-ephemeral one to test
 * restarts.
 *
 * <pre>
 * try (StackProcess pg = StackProcess.postgres(dir.resolve("pg"), StackProcess.freePort(), List.of("records"), true)) {
 *     String url = pg.address() + "records";   // jdbc:postgresql://127.0.0.1:PORT/records, user postgres, any password
 * }
 * </pre>
 */
public final class StackProcess implements AutoCloseable {

    /** A busy 2-core machine running several test JVMs can take minutes to start a broker: system property {@code stack.ready-timeout-seconds}. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("stack.ready-timeout-seconds", 300));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String LAUNCHER = "org.safepolicing.stack.Launcher";
    private static final Set<Integer> HANDED_OUT_PORTS = Collections.synchronizedSet(new HashSet<>());

    private final String kind;
    private final Path dataDir;
    private final int port;
    private final boolean addressFromReady;
    private volatile String address;
    private final List<String> launcherArguments;
    private final List<String> jvmOptions;
    private final Path logFile;

    private Process process;
    private OutputStream stdin;
    private Thread outputPump;

    private StackProcess(String kind, Path dataDir, int port, String address, List<String> launcherArguments,
                         List<String> jvmOptions) {
        this.kind = kind;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.port = port;
        this.address = address;
        this.addressFromReady = address == null;
        this.launcherArguments = List.copyOf(launcherArguments);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logFile = this.dataDir.resolveSibling(this.dataDir.getFileName() + ".log");
    }

    /**
     * Starts PostgreSQL on 127.0.0.1:{@code port} with its data in {@code dataDir}, creates the {@code databases}
     * that are missing, and returns once it accepts connections. Users: {@code postgres}, any password.
     *
     * @param ephemeral delete the data dir when the server stops, and run without fsync (a PostgreSQL crash or
     *     immediate stop still loses no committed transaction; an operating-system crash may)
     * @throws IllegalStateException when it did not start, with the end of its log
     */
    public static StackProcess postgres(Path dataDir, int port, List<String> databases, boolean ephemeral) {
        List<String> arguments = new ArrayList<>(List.of("postgres", "--data-dir", absolute(dataDir),
                "--port", Integer.toString(port)));
        if (!databases.isEmpty()) {
            arguments.addAll(List.of("--databases", String.join(",", databases)));
        }
        if (ephemeral) {
            arguments.add("--ephemeral");
        }
        StackProcess process = new StackProcess("postgres", dataDir, port, "jdbc:postgresql://127.0.0.1:" + port + "/",
                arguments, List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        process.start();
        return process;
    }

    /**
     * Starts a single-node Kafka (KRaft) broker on 127.0.0.1:{@code port} (controller on {@code controllerPort}) with
     * its data in {@code dataDir}, creates the missing topics of the suite's topic catalog, and returns once every
     * partition has a leader.
     *
     * @param ephemeral delete the data dir when the broker stops
     * @throws IllegalStateException when it did not start, with the end of its log
     */
    public static StackProcess kafka(Path dataDir, int port, int controllerPort, boolean ephemeral) {
        List<String> arguments = new ArrayList<>(List.of("kafka", "--data-dir", absolute(dataDir),
                "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort)));
        if (ephemeral) {
            arguments.add("--ephemeral");
        }
        StackProcess process = new StackProcess("kafka", dataDir, port, "127.0.0.1:" + port, arguments,
                List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC"));
        process.start();
        return process;
    }

    /**
     * PostgreSQL in a container (Testcontainers; a Docker engine is needed), user {@code postgres}, password
     * {@code postgres}, with the {@code databases} and their runtime roles. Its address is the one Docker maps, known
     * once it started. {@code dataDir} holds only the launcher's log. Use {@link ContainerServers}, which decides
     * whether containers are used and shares them per JVM.
     */
    public static StackProcess postgresContainer(Path dataDir, List<String> databases) {
        List<String> arguments = new ArrayList<>(List.of("postgres-container", "--data-dir", absolute(dataDir)));
        if (!databases.isEmpty()) {
            arguments.addAll(List.of("--databases", String.join(",", databases)));
        }
        return startContainer("postgres-container", dataDir, arguments);
    }

    /** A single-node Kafka (KRaft) broker in a container, with the suite's topics; see {@link #postgresContainer}. */
    public static StackProcess kafkaContainer(Path dataDir) {
        return startContainer("kafka-container", dataDir,
                List.of("kafka-container", "--data-dir", absolute(dataDir)));
    }

    /**
     * Keycloak in a container ({@code start-dev}, importing {@code realmFile}); ready when {@code realm} answers. Its
     * address is {@code http://host:port}; see {@link #postgresContainer}.
     */
    public static StackProcess keycloakContainer(Path dataDir, Path realmFile, String realm) {
        return startContainer("keycloak-container", dataDir, List.of("keycloak-container", "--data-dir",
                absolute(dataDir), "--realm-file", absolute(realmFile), "--realm", realm));
    }

    private static StackProcess startContainer(String kind, Path dataDir, List<String> arguments) {
        StackProcess process = new StackProcess(kind, dataDir, 0, null, arguments,
                List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        process.start();
        return process;
    }

    /**
     * JDBC URL base ({@code jdbc:postgresql://127.0.0.1:PORT/}, append a database name), Kafka {@code host:port}, or
     * for Keycloak in a container {@code http://host:port}. For a container, the address of its latest start (null
     * before it started).
     */
    public String address() {
        return address;
    }

    /** The port given at start; 0 for a server in a container (its port is in {@link #address()}). */
    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Where the child's stdout and stderr go: {@code <dataDir>.log}. */
    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server (again) on the same data dir and ports; does nothing when it runs. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions);
        if (Runtime.version().feature() >= 24) {
            // Kafka's compression libraries load native code and use sun.misc.Unsafe: allow it without warnings
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-cp");
        command.add(launcherClasspath());
        command.add(LAUNCHER);
        command.addAll(launcherArguments);
        command.add("--exit-on-stdin-eof");

        CompletableFuture<String> ready = new CompletableFuture<>();
        long logStart = Files2.size(logFile);
        Process started;
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== " + java.time.Instant.now() + " starting " + kind + ": "
                    + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            started = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.PIPE)
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + kind + " launcher: " + e, e);
        }
        process = started;
        stdin = started.getOutputStream(); // held open, never written: its end tells the child that we are gone
        outputPump = new Thread(() -> pumpOutput(started, ready), kind + "-" + port + "-output");
        outputPump.setDaemon(true);
        outputPump.start();

        String failure;
        try {
            String line = ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (addressFromReady) {
                // READY <kind> <address>
                address = line.substring(("READY " + kind + " ").length()).strip();
            }
            return;
        } catch (ExecutionException e) {
            failure = e.getCause().getMessage();
        } catch (TimeoutException e) {
            failure = "no READY line within " + READY_TIMEOUT.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted while waiting for READY";
        }
        stop();
        throw new IllegalStateException(kind + " on port " + port + " did not start: " + failure
                + System.lineSeparator() + "--- last lines of " + logFile + " ---" + System.lineSeparator()
                + Files2.tailSince(logFile, logStart, 40));
    }

    private void pumpOutput(Process child, CompletableFuture<String> ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
             OutputStream log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = out.readLine()) != null) {
                log.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                log.flush();
                if (line.startsWith("READY ")) {
                    ready.complete(line);
                } else if (line.startsWith("FAILED ")) {
                    ready.completeExceptionally(new IllegalStateException(line.substring("FAILED ".length())));
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(new UncheckedIOException(e));
        }
        try {
            child.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ready.completeExceptionally(new IllegalStateException("the launcher exited"
                + (child.isAlive() ? "" : " with code " + child.exitValue()) + " before it was ready"));
    }

    /**
     * Stops the server cleanly (SIGTERM to the launcher, which stops the server), killing it and what it started
     * after 30 s ({@link ProcessStop}).
     */
    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        try {
            ProcessStop.terminate(running.toHandle(), STOP_TIMEOUT);
        } finally {
            finish();
        }
    }

    /**
     * Kills the launcher with SIGKILL, as a crash would: no clean shutdown. For Kafka the broker dies with it (it runs
     * in the launcher's JVM). PostgreSQL runs in its own process, which gets a fast shutdown request from the kernel
     * when the launcher dies if {@code setpriv} is installed (Linux); then {@link #start()} can run again.
     */
    public synchronized void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        try {
            running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finish();
        }
    }

    private void finish() {
        try {
            if (stdin != null) {
                stdin.close();
            }
        } catch (IOException e) {
            // the child is gone already
        }
        if (outputPump != null) {
            try {
                outputPump.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process = null;
        stdin = null;
        outputPump = null;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return kind + " at " + address + " (data " + dataDir + ")";
    }

    /** A TCP port that is free on 127.0.0.1 now, and not handed out before by this JVM. */
    public static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int port = socket.getLocalPort();
                if (HANDED_OUT_PORTS.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port", e);
            }
        }
        throw new IllegalStateException("no free port found");
    }

    /**
     * The repository root: system property {@code suite.root}, else env {@code SUITE_ROOT}, else the nearest folder
     * above the working directory with {@code local-stack/target/stack-classpath.txt}.
     */
    public static Path suiteRoot() {
        String configured = System.getProperty("suite.root");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("SUITE_ROOT");
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("local-stack/target/stack-classpath.txt"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the suite root: set the system property suite.root or the"
                + " environment variable SUITE_ROOT to the repository folder, or run from inside it");
    }

    static String launcherClasspath() {
        Path root = suiteRoot();
        Path classes = root.resolve("local-stack/target/classes");
        Path classpathFile = root.resolve("local-stack/target/stack-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("the local-stack module is not built under " + root + " (missing "
                    + (Files.isDirectory(classes) ? classpathFile : classes)
                    + "); build it: ./mvnw -pl event-contracts,local-stack install -DskipTests");
        }
        try {
            String dependencies = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
            return dependencies.isEmpty() ? classes.toString()
                    : classes + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
