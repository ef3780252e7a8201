package org.safepolicing.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.safepolicing.contracts.Topics;
import org.safepolicing.stack.ChildServer;
import org.safepolicing.stack.ContainerServers;
import org.safepolicing.stack.KeycloakInstall;
import org.safepolicing.stack.ProcessStop;
import org.safepolicing.stack.StackProcess;

/**
 * The whole suite as production runs it, on this machine, started once per test JVM: PostgreSQL and a Kafka broker
 * (local-stack's {@link StackProcess}), Keycloak (the Maven Central distribution, unpacked into {@code target/keycloak}
 * by local-stack's {@link KeycloakInstall} as bin/suite does, importing {@code deploy/keycloak/realm-local.json}) and
 * the four packaged services ({@code java -jar quarkus-run.jar}, configured only by environment variables), all on free
 * ports, all state under {@code target/system-test-stack/}.
 * Keycloak, the services and the portal run as local-stack's {@link ChildServer}s: started, awaited and stopped the
 * way local-stack does it for every process of the stack.
 * A JVM shutdown hook stops everything (services first); the processes also stop by themselves if this JVM dies.
 *
 * <p>With {@code SUITE_CONTAINERS=true} and a Docker engine, PostgreSQL, Kafka and Keycloak are containers instead
 * (local-stack's {@link ContainerServers}: the same versions, databases, runtime roles, topics and realm); the services
 * and the portal stay packaged local processes. Without an engine the stack does not start, with the decision's
 * message. The tests that kill a server and start it again on its address and data ({@link #kafka()},
 * {@link #postgres()}) need the local processes.
 *
 * <p>If the stack does not start, every test that asks for it fails with the same cause (and the end of the log of
 * the process that failed), without trying again.
 */
final class SystemStack {

    static final String CREDENTIALING = Topics.CREDENTIALING_SERVICE;
    static final String RECORDS = Topics.RECORDS_SERVICE;
    static final String CORESPONDER = Topics.CORESPONDER_SERVICE;
    static final String GRANTS = Topics.GRANTS_SERVICE;
    /** The web face, started after the services (it calls them with the signed-in user's token). */
    static final String PORTAL = "portal";
    static final String REALM = "safe-policing";
    /** The quarter this run is in (UTC), e.g. {@code 2026-Q4}: records-service's first reporting period here. */
    static final java.time.LocalDate FIRST_PERIOD_START = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
            .withDayOfMonth(1).withMonth((java.time.LocalDate.now(java.time.ZoneOffset.UTC).getMonthValue() - 1) / 3 * 3 + 1);
    static final String FIRST_REPORTING_PERIOD =
            FIRST_PERIOD_START.getYear() + "-Q" + ((FIRST_PERIOD_START.getMonthValue() - 1) / 3 + 1);
    /** The first day the first reporting period is past due (records-service's default 30 days of grace). */
    static final java.time.LocalDate FIRST_PERIOD_LATE = FIRST_PERIOD_START.plusMonths(3).plusDays(30);

    /** Service and its database, in start order. */
    private static final Map<String, String> SERVICES = orderedMap(
            CREDENTIALING, "credentialing", RECORDS, "records", CORESPONDER, "coresponder", GRANTS, "grants");
    /** The per-caller limits raised for every service (platform.rate-limit.*.per-minute, as environment variables). */
    private static final List<String> BENCH_LIMITS = List.of("PER_MINUTE", "CHECK_PER_MINUTE", "ELIGIBILITY_PER_MINUTE",
            "PUBLIC_REGISTRY_PER_MINUTE", "AGENCY_SEARCH_PER_MINUTE", "BODY_SEARCH_PER_MINUTE",
            "REPORTING_SEARCH_PER_MINUTE", "GRANTS_SEARCH_PER_MINUTE", "ELIGIBILITY_REPORT_PER_MINUTE",
            "CORESPONDER_SEARCH_PER_MINUTE", "SURVEY_PER_MINUTE");
    private static final Duration KEYCLOAK_START = Duration.ofSeconds(240);
    private static final Duration SERVICE_START = Duration.ofSeconds(180);

    private static SystemStack instance;
    private static RuntimeException startFailure;

    private final Path root;
    private final Path work;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<ChildServer> services = new ArrayList<>();
    private volatile StackProcess postgres;
    private volatile StackProcess kafka;
    private volatile ChildServer keycloak;
    private volatile StackProcess keycloakContainer;
    private volatile String keycloakUrl;
    private boolean containers;

    /** The running stack; starts it on first use. */
    static synchronized SystemStack get() {
        if (startFailure != null) {
            throw new IllegalStateException("the system under test did not start (see the first failure): "
                    + startFailure.getMessage(), startFailure);
        }
        if (instance == null) {
            SystemStack stack = new SystemStack();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stopAll, "system-stack-stop"));
            try {
                stack.start();
            } catch (RuntimeException e) {
                startFailure = e;
                stack.stopAll();
                throw e;
            }
            instance = stack;
        }
        return instance;
    }

    private SystemStack() {
        root = StackProcess.suiteRoot();
        work = root.resolve("system-tests/target/system-test-stack");
    }

    private void start() {
        long started = System.nanoTime();
        deleteRecursively(work); // what a previous run left (its processes stopped with it)
        createDirectories(work.resolve("logs"));
        containers = ContainerServers.mode() == ContainerServers.Mode.CONTAINERS;

        CompletableFuture<StackProcess> kc = null;
        if (containers) {
            kc = CompletableFuture.supplyAsync(() -> ContainerServers.keycloak(work.resolve("keycloak"),
                    root.resolve("deploy/keycloak/realm-local.json"), REALM));
        } else {
            int keycloakPort = StackProcess.freePort();
            keycloakUrl = "http://127.0.0.1:" + keycloakPort;
            keycloak = startKeycloak(keycloakPort);
        }
        Instant keycloakDeadline = Instant.now().plus(KEYCLOAK_START);

        CompletableFuture<StackProcess> pg = CompletableFuture.supplyAsync(() -> containers
                ? ContainerServers.postgres(work.resolve("postgres"), List.copyOf(SERVICES.values()))
                : StackProcess.postgres(work.resolve("postgres"), StackProcess.freePort(),
                        List.copyOf(SERVICES.values()), true));
        // not ephemeral: BrokerOutageIT kills it and starts it again on the same data
        CompletableFuture<StackProcess> broker = CompletableFuture.supplyAsync(() -> containers
                ? ContainerServers.kafka(work.resolve("kafka"))
                : StackProcess.kafka(work.resolve("kafka"), StackProcess.freePort(), StackProcess.freePort(), false));
        // keep hold of whichever started, so that stopAll() stops it when the other did not
        postgres = pg.exceptionally(e -> null).join();
        kafka = broker.exceptionally(e -> null).join();
        if (kc != null) {
            keycloakContainer = kc.exceptionally(e -> null).join();
            join(kc);
            keycloakUrl = keycloakContainer.address();
        }
        join(pg);
        join(broker);

        Instant servicesDeadline = Instant.now().plus(SERVICE_START);
        SERVICES.forEach((service, database) -> {
            ports.put(service, StackProcess.freePort());
            services.add(startService(service, database, postgres.address()));
        });
        ports.put(PORTAL, StackProcess.freePort());
        services.add(startPortal());
        for (ChildServer service : services) {
            service.awaitHttpOk(url(service.name()) + "/q/health/ready", servicesDeadline);
        }
        if (keycloak != null) {
            keycloak.awaitHttpOk(realmUrl() + "/.well-known/openid-configuration", keycloakDeadline);
        }
        System.out.printf("system under test up in %d s: %s; PostgreSQL %s; Kafka %s; Keycloak %s (%s); state in %s%n",
                (System.nanoTime() - started) / 1_000_000_000, ports, postgres.address(), kafka.address(),
                keycloakUrl(), containers ? "containers" : "local processes", root.relativize(work));
    }

    private ChildServer startKeycloak(int keycloakPort) {
        Path home = Path.of(requiredProperty("keycloak.home"));
        Path zip = Path.of(requiredProperty("keycloak.zip"));
        if (!KeycloakInstall.installed(home) && !Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: the pre-integration-test phase fetches Keycloak"
                    + " (run the tests through Maven: ./mvnw -pl system-tests verify)");
        }
        // unpacked once, as bin/suite does it; the realm file put where --import-realm reads it
        KeycloakInstall.unpack(zip, home);
        KeycloakInstall.importRealm(home, root.resolve("deploy/keycloak/realm-local.json"));
        Path kc = home.resolve("bin/kc.sh");
        // a fresh database per run (under the run's state), so the realm file is always the one imported
        Path database = createDirectories(work.resolve("keycloak")).resolve("keycloakdb");
        List<String> command = List.of("bash", kc.toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + keycloakPort,
                "--http-management-port=" + StackProcess.freePort(),
                "--hostname=http://127.0.0.1:" + keycloakPort,
                "--health-enabled=true", "--metrics-enabled=false", "--import-realm",
                "--db-url=jdbc:h2:file:" + database + ";NON_KEYWORDS=VALUE");
        return ChildServer.start("keycloak", command, Map.of(
                        "JAVA_HOME", System.getProperty("java.home"),
                        "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                        "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"),
                home, work.resolve("logs/keycloak.log"));
    }

    private ChildServer startService(String service, String database, String jdbcBase) {
        Path app = root.resolve(service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(root.relativize(app) + " is missing: package the services first"
                    + " (./mvnw install -DskipTests, or run the system tests through the reactor: ./mvnw verify)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(service)));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcBase + database);
        // two roles, as in production: the owner migrates, the runtime role (local-stack creates it) serves
        env.put("QUARKUS_FLYWAY_USERNAME", "postgres");
        env.put("QUARKUS_FLYWAY_PASSWORD", "postgres");
        env.put("QUARKUS_DATASOURCE_USERNAME", database + "_runtime");
        env.put("QUARKUS_DATASOURCE_PASSWORD", database + "_runtime");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.address());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", realmUrl());
        // text logs, read by people and by the bench (the prod profile's default is JSON, for a log collector)
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        if (RECORDS.equals(service)) {
            // reporting starts with the quarter the run is in: no agency is late unless a test makes it so
            env.put("RECORDS_REPORTING_FIRST_PERIOD", FIRST_REPORTING_PERIOD);
        }
        // The benchmarks measure the services, not their per-caller limits: the latency benchmark polls each agency's
        // eligibility every 50 ms, the bench's smoke test (SuiteBenchSmokeIT) runs hiring checks and reads under load.
        // No system test is about the limits (each service's own tests are).
        for (String limit : BENCH_LIMITS) {
            env.put("PLATFORM_RATE_LIMIT_" + limit, "100000000");
        }
        return ChildServer.start(service, List.of(java.toString(), "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                app.toString()), env, createDirectories(work.resolve(service)), work.resolve("logs/" + service + ".log"));
    }

    /** The portal as production runs it: its packaged app, the services' and Keycloak's addresses by environment. */
    private ChildServer startPortal() {
        Path app = root.resolve("portal/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(root.relativize(app) + " is missing: package it first"
                    + " (./mvnw install -DskipTests, or run the system tests through the reactor: ./mvnw verify)");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(PORTAL)));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", realmUrl());
        env.put("PORTAL_CREDENTIALING_URL", url(CREDENTIALING));
        env.put("PORTAL_RECORDS_URL", url(RECORDS));
        env.put("PORTAL_CORESPONDER_URL", url(CORESPONDER));
        env.put("PORTAL_GRANTS_URL", url(GRANTS));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return ChildServer.start(PORTAL, List.of(java.toString(), "-Xmx192m", "-XX:+UseSerialGC", "-jar", app.toString()),
                env, createDirectories(work.resolve(PORTAL)), work.resolve("logs/" + PORTAL + ".log"));
    }

    /** Base URL of a service (or of the portal), e.g. {@code http://127.0.0.1:PORT}. */
    String url(String service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no such service: " + service);
        }
        return "http://127.0.0.1:" + port;
    }

    /** Keycloak's base URL, e.g. {@code http://127.0.0.1:PORT}. */
    String keycloakUrl() {
        return keycloakUrl;
    }

    String realmUrl() {
        return keycloakUrl() + "/realms/" + REALM;
    }

    String kafkaBootstrap() {
        return kafka.address();
    }

    /** The broker, to kill and start again (local processes only). */
    StackProcess kafka() {
        requireLocalProcesses("the broker");
        return kafka;
    }

    /** PostgreSQL (one server, a database per service), to kill and start again (local processes only). */
    StackProcess postgres() {
        requireLocalProcesses("PostgreSQL");
        return postgres;
    }

    /** A server in a container starts again empty at another address: the outage tests need the local processes. */
    private void requireLocalProcesses(String what) {
        if (containers) {
            throw new IllegalStateException("this test kills " + what + " and starts it again on its address and"
                    + " data, which only the local processes do: run it without SUITE_CONTAINERS=true");
        }
    }

    /**
     * PostgreSQL's JDBC base, e.g. {@code jdbc:postgresql://127.0.0.1:PORT/} (user postgres, password postgres; the
     * local process takes any password).
     */
    String postgresJdbcBase() {
        return postgres.address();
    }

    /** The pid of a service's process. */
    long pid(String service) {
        return services.stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such service: " + service)).pid();
    }

    /** SIGKILLs a service's JVM, as a crash would; returns once it is gone (SoakSmokeIT starts it again). */
    synchronized void killService(String service) {
        ChildServer child = child(service);
        // the JVM under the guard, not the guard: the guard sees it die and exits with it
        ProcessHandle.of(child.pid()).ifPresent(guard -> guard.children().forEach(ProcessStop::kill));
        ProcessHandle.of(child.pid()).ifPresent(guard ->
                guard.onExit().completeOnTimeout(guard, 30, java.util.concurrent.TimeUnit.SECONDS).join());
        child.stop(); // the guard has exited with its child: this only closes its stdin
    }

    /**
     * Starts a service that was killed again, on its port, with its PostgreSQL at {@code jdbcBase}
     * ({@code jdbc:postgresql://host:port/}; null: the server itself), and waits until it is ready. Its log so far is
     * kept as {@code <service>.<n>.log}.
     */
    synchronized void startService(String service, String jdbcBase) {
        ChildServer old = child(service);
        if (old.isAlive()) {
            throw new IllegalStateException(service + " is running");
        }
        Path log = logOf(service);
        try {
            for (int n = 1; ; n++) {
                Path kept = work.resolve("logs/" + service + "." + n + ".log");
                if (!Files.exists(kept)) {
                    if (Files.exists(log)) {
                        Files.move(log, kept);
                    }
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildServer started = startService(service, SERVICES.get(service),
                jdbcBase == null ? postgres.address() : jdbcBase);
        services.set(services.indexOf(old), started);
        started.awaitHttpOk(url(service) + "/q/health/ready", Instant.now().plus(SERVICE_START));
    }

    private ChildServer child(String service) {
        return services.stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such service: " + service));
    }

    Path logOf(String service) {
        return work.resolve("logs/" + service + ".log");
    }

    private synchronized void stopAll() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        if (keycloak != null) {
            keycloak.stop();
        }
        if (keycloakContainer != null) {
            keycloakContainer.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the system tests through"
                    + " Maven (./mvnw -pl system-tests verify), whose failsafe configuration sets it");
        }
        return value;
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
