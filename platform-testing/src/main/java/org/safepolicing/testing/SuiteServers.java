package org.safepolicing.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import org.safepolicing.stack.ContainerServers;
import org.safepolicing.stack.StackProcess;

/**
 * Real servers for a service's {@code @QuarkusTest}s. PostgreSQL: the server in {@code SUITE_POSTGRES_URL}
 * (with {@code SUITE_POSTGRES_USER}/{@code SUITE_POSTGRES_PASSWORD}) when set, else an embedded PostgreSQL started
 * as a local process. Kafka: {@code SUITE_KAFKA_BOOTSTRAP} when set, else a single-node KRaft broker started as a
 * local process. With {@code SUITE_CONTAINERS=true} and a Docker engine, the servers not given are containers
 * instead (local-stack's {@link ContainerServers}; without an engine every test class fails with its message).
 * Servers started here live as long as the test JVM and are shared by its test classes.
 * Also points quarkus-oidc at the test verification key ({@link TestTokens}).
 * <p>Init arg {@code database}: the service's database name (a {@code _test} suffix is added on a given server).
 */
public class SuiteServers implements QuarkusTestResourceLifecycleManager {

    private static StackProcess postgres;
    private static StackProcess kafka;
    private static StackProcess postgresContainer;
    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        // decided once per JVM; never asks for Docker unless SUITE_CONTAINERS=true
        boolean containers = ContainerServers.mode() == ContainerServers.Mode.CONTAINERS;
        String jdbcBase;
        String user = "postgres";
        String password = "postgres";
        String db = database;
        String givenPostgres = System.getenv("SUITE_POSTGRES_URL");
        if (givenPostgres != null && !givenPostgres.isBlank()) {
            jdbcBase = givenPostgres.endsWith("/") ? givenPostgres : givenPostgres + "/";
            user = env("SUITE_POSTGRES_USER", user);
            password = env("SUITE_POSTGRES_PASSWORD", password);
            db = database + "_test";
            createDatabase(jdbcBase, user, password, db);
        } else if (containers) {
            jdbcBase = containerPostgres();
            user = ContainerServers.POSTGRES_USER;
            password = ContainerServers.POSTGRES_PASSWORD;
            createDatabase(jdbcBase, user, password, db);
        } else {
            jdbcBase = embeddedPostgres(db);
        }
        // two roles, as in production: the owner migrates (and owns every table), the runtime role serves requests
        // (platform's RuntimeRoleGrants gives it its rights; it cannot alter audit_entry)
        String runtimeRole = db + "_runtime";
        createRole(jdbcBase, user, password, runtimeRole);
        config.put("quarkus.datasource.jdbc.url", jdbcBase + db);
        config.put("quarkus.flyway.username", user);
        config.put("quarkus.flyway.password", password);
        config.put("quarkus.datasource.username", runtimeRole);
        config.put("quarkus.datasource.password", runtimeRole);

        String givenKafka = System.getenv("SUITE_KAFKA_BOOTSTRAP");
        config.put("kafka.bootstrap.servers", givenKafka != null && !givenKafka.isBlank() ? givenKafka
                : containers ? containerKafka() : embeddedKafka());

        config.put("quarkus.oidc.public-key", TestTokens.verificationKey());
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        config.put("quarkus.oidc.token.audience", TestTokens.AUDIENCE);
        // every test request comes from 127.0.0.1: each 401 is audited here (UnauthenticatedThrottleTest tests the limit)
        config.put("platform.audit.unauthenticated.per-address-per-minute", "1000000");
        config.put("platform.audit.unauthenticated.per-minute", "1000000");
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; the child processes end with it
    }

    /**
     * The broker started for this JVM (a local process, or a container: stopping a container and starting it again
     * gives a new, empty broker at another address); null when a given broker is used.
     */
    public static synchronized StackProcess kafkaProcess() {
        return kafka;
    }

    private static synchronized String embeddedPostgres(String db) {
        if (postgres == null) {
            postgres = StackProcess.postgres(workDir("postgres"), StackProcess.freePort(), List.of(db), true);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        } else {
            createDatabase(postgres.address(), "postgres", "postgres", db);
        }
        return postgres.address();
    }

    private static synchronized String containerPostgres() {
        if (postgresContainer == null) {
            postgresContainer = ContainerServers.postgres(workDir("postgres-container"), List.of());
        }
        return postgresContainer.address();
    }

    private static synchronized String containerKafka() {
        if (kafka == null) {
            kafka = ContainerServers.kafka(workDir("kafka-container"));
        }
        return kafka.address();
    }

    private static synchronized String embeddedKafka() {
        if (kafka == null) {
            kafka = StackProcess.kafka(workDir("kafka"), StackProcess.freePort(), StackProcess.freePort(), true);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        }
        return kafka.address();
    }

    private static Path workDir(String name) {
        try {
            Path target = Path.of("target");
            Path base = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
            return Files.createTempDirectory(base.toAbsolutePath(), "suite-" + name + "-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a work folder for " + name, e);
        }
    }

    private static void createDatabase(String jdbcBase, String user, String password, String db) {
        try (Connection c = DriverManager.getConnection(jdbcBase + "postgres", user, password);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + db.replace("'", "") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database \"" + db.replace("\"", "") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + db + " at " + jdbcBase + ": " + e.getMessage(), e);
        }
    }

    /** A login role whose password is its name (test servers only), unless it exists. */
    private static void createRole(String jdbcBase, String user, String password, String role) {
        try (Connection c = DriverManager.getConnection(jdbcBase + "postgres", user, password);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + role.replace("'", "") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create role \"" + role.replace("\"", "") + "\" login password '" + role.replace("'", "") + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create role " + role + " at " + jdbcBase + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
