package org.safepolicing.systemtests;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

import org.safepolicing.stack.StackProcess;

/**
 * The whole suite as it runs in production, on this machine: PostgreSQL and a Kafka broker (local-stack), Keycloak
 * (the Maven Central distribution, importing the repository's realm), and the four packaged services as
 * {@code java -jar} processes configured by environment variables. Started once per test JVM, on free ports, with all
 * state under {@code target/system-test-stack}; stopped when the JVM ends.
 */
public final class SuiteUnderTest {

    public static final String CREDENTIALING = "credentialing-service";
    public static final String RECORDS = "records-service";
    public static final String CORESPONDER = "coresponder-service";
    public static final String GRANTS = "grants-service";
    private static final List<String> SERVICES = List.of(CREDENTIALING, RECORDS, CORESPONDER, GRANTS);
    private static final Map<String, String> DATABASES = Map.of(CREDENTIALING, "credentialing", RECORDS, "records",
            CORESPONDER, "coresponder", GRANTS, "grants");
    public static final String DEMO_PASSWORD = "demo1234";
    private static final String REALM = "safe-policing";

    private static SuiteUnderTest instance;

    private final Path root;
    private final Path work;
    private final StackProcess postgres;
    private final StackProcess kafka;
    private final int keycloakPort;
    private final Process keycloak;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Process> services = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static synchronized SuiteUnderTest get() {
        if (instance == null) {
            instance = new SuiteUnderTest();
        }
        return instance;
    }

    private SuiteUnderTest() {
        root = StackProcess.suiteRoot();
        work = root.resolve("system-tests/target/system-test-stack");
        try {
            Files.createDirectories(work.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "suite-under-test-stop"));
        postgres = StackProcess.postgres(work.resolve("postgres-" + UUID.randomUUID()), StackProcess.freePort(),
                List.copyOf(DATABASES.values()), true);
        // not ephemeral: the outage test kills and restarts it on the same data
        kafka = StackProcess.kafka(work.resolve("kafka-" + UUID.randomUUID()), StackProcess.freePort(),
                StackProcess.freePort(), false);
        keycloakPort = StackProcess.freePort();
        keycloak = startKeycloak();
        for (String service : SERVICES) {
            ports.put(service, StackProcess.freePort());
            services.add(startService(service));
        }
        awaitHttp("Keycloak", keycloak, keycloakUrl() + "/realms/" + REALM + "/.well-known/openid-configuration",
                Duration.ofSeconds(300), work.resolve("logs/keycloak.log"));
        for (int i = 0; i < SERVICES.size(); i++) {
            String service = SERVICES.get(i);
            awaitHttp(service, services.get(i), url(service) + "/q/health/ready", Duration.ofSeconds(180),
                    work.resolve("logs/" + service + ".log"));
        }
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public String keycloakUrl() {
        return "http://127.0.0.1:" + keycloakPort;
    }

    public String kafkaBootstrap() {
        return kafka.address();
    }

    public StackProcess kafka() {
        return kafka;
    }

    /** An access token for a realm user, by password grant through the suite's public client. */
    public String token(String username, String password) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "safe-policing-cli")
                .formParam("username", username).formParam("password", password)
                .post(keycloakUrl() + "/realms/" + REALM + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    public String demoToken(String username) {
        return token(username, DEMO_PASSWORD);
    }

    /** Creates an agency user for {@code ori} in the realm (Keycloak admin API) and returns its token. */
    public String newAgencyUser(String ori) {
        String admin = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(keycloakUrl() + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        String username = "agency-" + ori.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        String location = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "enabled", true, "emailVerified", true,
                        "firstName", "Agency", "lastName", ori, "email", username + "@example.org",
                        "attributes", Map.of("ori", List.of(ori)),
                        "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))))
                .post(keycloakUrl() + "/admin/realms/" + REALM + "/users")
                .then().statusCode(201).extract().header("Location");
        Object role = given().auth().oauth2(admin).get(keycloakUrl() + "/admin/realms/" + REALM + "/roles/agency-user")
                .then().statusCode(200).extract().as(Map.class);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(List.of(role))
                .post(location + "/role-mappings/realm").then().statusCode(204);
        return token(username, password);
    }

    private Process startKeycloak() {
        Path home = Path.of(System.getProperty("keycloak.home"));
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(root.resolve("deploy/keycloak/realm-local.json"), imports.resolve("realm-local.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + keycloakPort,
                    "--http-management-port=" + StackProcess.freePort(),
                    "--hostname=http://127.0.0.1:" + keycloakPort, "--health-enabled=true", "--import-realm")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("logs/keycloak.log").toFile());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
    }

    private Process startService(String service) {
        Path app = root.resolve(service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: package the services first (./mvnw package)");
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-jar", app.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("logs/" + service + ".log").toFile());
            Map<String, String> env = pb.environment();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(service)));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.address() + DATABASES.get(service));
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.address());
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloakUrl() + "/realms/" + REALM);
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    private void awaitHttp(String what, Process process, String url, Duration timeout, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            process.onExit().completeOnTimeout(process, 500, java.util.concurrent.TimeUnit.MILLISECONDS).join();
        }
        throw new IllegalStateException(what + " was not ready at " + url + " within " + timeout + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private void stopAll() {
        for (Process p : services) {
            stop(p);
        }
        if (keycloak != null) {
            stop(keycloak);
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
