package org.safepolicing.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Starts one server of the local stack in the foreground:
 *
 * <pre>
 * Launcher postgres --data-dir DIR --port PORT --databases a,b,c [--ephemeral] [--exit-on-stdin-eof]
 * Launcher kafka --data-dir DIR --port PORT --controller-port PORT [--ephemeral] [--exit-on-stdin-eof]
 * Launcher postgres-container --data-dir DIR [--databases a,b,c] [--exit-on-stdin-eof]
 * Launcher kafka-container --data-dir DIR [--exit-on-stdin-eof]
 * Launcher keycloak-container --data-dir DIR --realm-file FILE --realm NAME [--exit-on-stdin-eof]
 * Launcher docker-check
 * Launcher json get PATH | pretty | jwt
 * Launcher versions | topics [--partner-readable]
 * Launcher daemon start|stop|status|check|pid ...   (bin/suite's supervisor: {@link Supervisor})
 * Launcher keycloak prepare --home DIR --realm-file FILE --stamp FILE [--zip FILE]   ({@link KeycloakInstall})
 * Launcher startup-cache --state DIR --app JAR NAME   (a service's AOT cache or CDS archive: {@link AotCache})
 * Launcher postgres prepare --url jdbc:postgresql://HOST:PORT/ [--user U] --databases a,b,c   (an external server's
 *     databases and runtime roles, the password from $SUITE_POSTGRES_PASSWORD: {@link PostgresDatabases})
 * </pre>
 *
 * <p>The {@code -container} kinds run the server in a container through Testcontainers (a Docker engine is needed; the
 * data dir only holds the launcher's log) on a port Docker maps, which the READY line names. {@code docker-check}
 * prints {@code READY docker <version>} and exits 0 when Testcontainers reaches a Docker engine, else
 * {@code FAILED <reason>} and exits 1 ({@link ContainerServers} runs it).
 *
 * <p>When the server accepts clients (and the databases or topics exist) it prints exactly one line,
 * {@code READY postgres jdbc:postgresql://127.0.0.1:PORT/} or {@code READY kafka 127.0.0.1:PORT}, then runs until
 * SIGTERM/SIGINT, or with {@code --exit-on-stdin-eof} until its stdin reaches end of file (the parent died). Either
 * way the server is stopped cleanly. A failed start prints one line {@code FAILED <reason>} and exits with status 1
 * (2 for a bad command line). {@code --ephemeral} deletes the data dir on exit and relaxes durability.
 */
public final class Launcher {

    static final String USAGE = "usage: Launcher postgres --data-dir DIR --port PORT [--databases a,b,c] [--ephemeral]"
            + " [--exit-on-stdin-eof] | Launcher kafka --data-dir DIR --port PORT --controller-port PORT"
            + " [--ephemeral] [--exit-on-stdin-eof] | Launcher postgres-container --data-dir DIR [--databases a,b,c]"
            + " | Launcher kafka-container --data-dir DIR | Launcher keycloak-container --data-dir DIR --realm-file FILE"
            + " --realm NAME | Launcher docker-check | Launcher json get PATH|pretty|jwt"
            + " | Launcher versions | Launcher topics [--partner-readable] | Launcher daemon ..."
            + " | Launcher keycloak prepare ... | Launcher startup-cache ... | Launcher postgres prepare ...";

    static final List<String> KINDS = List.of("postgres", "kafka", "postgres-container", "kafka-container",
            "keycloak-container");

    /** One running server, as the launcher drives it. */
    interface Server {
        /** Starts the server and waits until clients can use it; on failure leaves nothing running. */
        void start() throws Exception;

        /** What the READY line announces after the kind: a JDBC URL base or host:port. */
        String address();

        /** Stops the server cleanly and waits for it; safe to call more than once and during {@link #start()}. */
        void stop();

        /** Blocks until the server has ended, whether stopped or by itself. */
        void awaitExit() throws InterruptedException;
    }

    /** A server's command line: its kind and options ({@code --databases} may be given more than once). */
    record Options(String kind, Path dataDir, int port, int controllerPort, List<String> databases, boolean ephemeral,
                   boolean exitOnStdinEof, Path realmFile, String realm) {

        private static final Args.Spec SPEC = Args.spec()
                .values("--data-dir", "--port", "--controller-port", "--realm-file", "--realm")
                .repeatable("--databases")
                .flags("--ephemeral", "--exit-on-stdin-eof");

        boolean container() {
            return kind.endsWith("-container");
        }

        static Options parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("no server kind given");
            }
            String kind = args[0];
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("unknown server kind '" + kind + "' (" + String.join(", ", KINDS)
                        + ")");
            }
            Args options = Args.parse(List.of(args).subList(1, args.length), SPEC);
            if (options.has("--controller-port") && !kind.equals("kafka")) {
                throw new IllegalArgumentException("--controller-port is for kafka only");
            }
            if (options.has("--databases") && !kind.startsWith("postgres")) {
                throw new IllegalArgumentException("--databases is for postgres only");
            }
            Path dataDir = Path.of(options.required("--data-dir"));
            int port = options.optional("--port").map(p -> port(p, "--port")).orElse(-1);
            int controllerPort = options.optional("--controller-port").map(p -> port(p, "--controller-port"))
                    .orElse(-1);
            List<String> databases = PostgresDatabases.names(options.values("--databases"));
            Path realmFile = options.optional("--realm-file").map(f -> Path.of(f).toAbsolutePath().normalize())
                    .orElse(null);
            String realm = options.optional("--realm").orElse(null);
            boolean container = kind.endsWith("-container");
            if (port < 0 && !container) {
                throw new IllegalArgumentException("--port is required");
            }
            if (port >= 0 && container) {
                throw new IllegalArgumentException("--port is not for " + kind + " (Docker maps the port)");
            }
            if (kind.equals("keycloak-container") && (realmFile == null || realm == null)) {
                throw new IllegalArgumentException("--realm-file and --realm are required for keycloak-container");
            }
            if (!kind.equals("keycloak-container") && (realmFile != null || realm != null)) {
                throw new IllegalArgumentException("--realm-file and --realm are for keycloak-container only");
            }
            if (kind.equals("kafka") && controllerPort < 0) {
                throw new IllegalArgumentException("--controller-port is required for kafka");
            }
            if (kind.equals("kafka") && controllerPort == port) {
                throw new IllegalArgumentException("--port and --controller-port must differ");
            }
            databases.forEach(PostgresDatabases::requireName);
            return new Options(kind, dataDir.toAbsolutePath().normalize(), port, controllerPort, databases,
                    options.flag("--ephemeral"), options.flag("--exit-on-stdin-eof"), realmFile, realm);
        }

        private static int port(String value, String name) {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number (1-65535), not '" + value + "'");
            }
        }
    }

    private static final PrintStream OUT = System.out;

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("docker-check")) {
            System.exit(DockerCheck.run(OUT));
            return;
        }
        if (args.length > 0 && args[0].equals("json")) {
            System.exit(SuiteJson.run(List.of(args).subList(1, args.length), System.in, OUT, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("daemon")) {
            System.exit(Supervisor.main(List.of(args).subList(1, args.length), OUT, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("keycloak")) {
            System.exit(KeycloakInstall.main(List.of(args).subList(1, args.length), OUT, System.err));
            return;
        }
        if (args.length > 1 && args[0].equals("postgres") && args[1].equals("prepare")) {
            System.exit(PostgresDatabases.main(List.of(args).subList(1, args.length), System.getenv(), OUT,
                    System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("startup-cache")) {
            System.exit(AotCache.main(List.of(args).subList(1, args.length), OUT, System.err));
            return;
        }
        if (args.length > 0 && (args[0].equals("versions") || args[0].equals("topics"))) {
            System.exit(BuildFacts.print(List.of(args), OUT, System.err));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            failed(e.getMessage() + "; " + USAGE);
            System.exit(2);
            return;
        }
        try {
            java.nio.file.Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            failed("cannot create the data dir " + options.dataDir() + ": " + e);
            System.exit(1);
            return;
        }
        // Logging is set up here, before the first logger exists: our own configuration (by a name no other program
        // looks for), and the server log in the data dir.
        System.setProperty("log4j2.configurationFile", "safe-policing-stack-log4j2.xml");
        System.setProperty("safepolicing.stack.log",
                options.dataDir().resolve(options.kind().equals("kafka") ? "broker.log" : "launcher.log").toString());
        System.exit(new Launcher().run(options));
    }

    private final Logger log = LogManager.getLogger(Launcher.class);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile boolean ready;

    private int run(Options options) {
        Server server = switch (options.kind()) {
            case "postgres" -> new PostgresServer(options.dataDir(), options.port(), options.databases(),
                    options.ephemeral());
            case "kafka" -> new KafkaServer(options.dataDir(), options.port(), options.controllerPort());
            case "postgres-container" -> new PostgresContainerServer(options.databases());
            case "kafka-container" -> new KafkaContainerServer();
            case "keycloak-container" -> new KeycloakContainerServer(options.realmFile(), options.realm());
            default -> throw new IllegalStateException("unknown kind " + options.kind());
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(server, options), "stack-shutdown"));

        long started = System.nanoTime();
        try {
            server.start();
        } catch (StartupException e) {
            return startFailed(e.getMessage(), null);
        } catch (Exception e) {
            return startFailed(e.toString(), e);
        }
        log.info("{} is ready at {} after {} ms (data dir {})", options.kind(), server.address(),
                (System.nanoTime() - started) / 1_000_000, options.dataDir());
        ready = true;
        synchronized (OUT) {
            OUT.println("READY " + options.kind() + " " + server.address());
            OUT.flush();
        }
        if (options.exitOnStdinEof()) {
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    byte[] buffer = new byte[256];
                    while (in.read(buffer) >= 0) {
                        // the parent sends nothing; it only holds the pipe open while it lives
                    }
                } catch (IOException e) {
                    // treated as end of file
                }
                if (!stopping.get()) {
                    log.info("stdin reached end of file (the parent process is gone): stopping {}", options.kind());
                    System.exit(0);
                }
            }, "stdin-eof-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        try {
            server.awaitExit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.get()) {
            return 0; // the shutdown hook is stopping the server; the JVM is already on its way out
        }
        log.error("{} stopped by itself; see the logs in {}", options.kind(), options.dataDir());
        return 1;
    }

    private int startFailed(String reason, Throwable cause) {
        if (cause != null) {
            log.error("start failed", cause);
        }
        failed(reason);
        return 1; // the shutdown hook stops whatever did start and deletes an ephemeral data dir
    }

    private void shutdown(Server server, Options options) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop();
            if (ready) {
                log.info("{} stopped", options.kind());
            }
            if (options.ephemeral()) {
                Files2.deleteRecursively(options.dataDir());
            }
        } catch (Throwable t) {
            log.error("stopping " + options.kind() + " failed", t);
        } finally {
            LogManager.shutdown();
        }
    }

    static void failed(String reason) {
        String oneLine = reason == null ? "unknown error" : reason.replaceAll("\\s*\\R\\s*", " | ").strip();
        synchronized (OUT) {
            OUT.println("FAILED " + oneLine);
            OUT.flush();
        }
    }

    private Launcher() {
    }
}
