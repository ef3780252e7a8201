package org.safepolicing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safepolicing.contracts.Topics;

/** Renders every overlay with kubectl kustomize (offline) and validates what comes out. */
class OverlaysTest {

    static final Map<String, String> SERVICE_DATABASES = Map.of(
            Topics.CREDENTIALING_SERVICE, "credentialing-db", Topics.RECORDS_SERVICE, "records-db",
            Topics.CORESPONDER_SERVICE, "coresponder-db", Topics.GRANTS_SERVICE, "grants-db");

    /** The web portal: no database, no Kafka; it calls the four services and signs people in with Keycloak. */
    static final String PORTAL = "portal";
    static final String PORTAL_CLIENT = "safe-policing-portal";

    static DeployChecker checker(String overlay) {
        return new DeployChecker(Rendered.overlay(overlay));
    }

    static void assertNone(List<String> problems, String what) {
        assertTrue(problems.isEmpty(), what + ":\n  " + String.join("\n  ", problems));
    }

    @Test
    void everyOverlayIsChecked() {
        Set<String> dirs = new TreeSet<>();
        try (var s = java.nio.file.Files.list(Repo.deployDir().resolve("k8s/overlays"))) {
            s.filter(java.nio.file.Files::isDirectory).forEach(p -> dirs.add(p.getFileName().toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(new TreeSet<>(Repo.OVERLAYS), dirs, "add a new overlay to Repo.OVERLAYS so that it is checked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void deploymentsHaveProbesResourcesAndARestrictedSecurityContext(String overlay) {
        DeployChecker c = checker(overlay);
        assertNone(c.deployments(), overlay + ": Deployments");
        assertNone(c.companions(), overlay + ": Service, HPA and PDB per Deployment");
        Set<String> expected = new TreeSet<>(SERVICE_DATABASES.keySet());
        expected.add(PORTAL);
        assertEquals(expected, new TreeSet<>(c.ofKind("Deployment").stream().map(DeployChecker::name).toList()),
                "one Deployment per service, and the portal's");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyImageIsPinnedByDigest(String overlay) {
        boolean release = Boolean.getBoolean("deploy.requireReleasedDigests");
        assertNone(checker(overlay).images(release), overlay + ": images");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyTopicOfTheContractHasItsKafkaTopic(String overlay) {
        boolean production = "production".equals(overlay);
        assertNone(checker(overlay).topics(Topics.ALL, production ? 3 : 1, production ? 2 : 1), overlay + ": KafkaTopics");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyTopicAndGroupAServiceUsesHasItsAcl(String overlay) {
        var usage = KafkaUsage.fromRepository(Repo.root(), Topics.ALL);
        assertNone(checker(overlay).acls(usage.values()), overlay + ": KafkaUser ACLs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void secretsAreReferencedNeverInlined(String overlay) {
        assertNone(checker(overlay).secrets(), overlay + ": Secrets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void networkIsDeniedByDefaultAndEachServiceReachesOnlyItsOwnBackends(String overlay) {
        assertNone(checker(overlay).networkPolicies(SERVICE_DATABASES), overlay + ": NetworkPolicies");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void thePortalIsReachedFromTheIngressControllerOnlyAndReachesOnlyTheServicesAndKeycloak(String overlay) {
        DeployChecker c = checker(overlay);
        assertNone(c.portalNetworkPolicies(PORTAL, httpPort(c, PORTAL), servicePorts(c)), overlay + ": the portal's NetworkPolicies");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void publicHostsHaveTlsAndQuarkusPathsStayInside(String overlay) {
        assertNone(checker(overlay).ingresses(), overlay + ": Ingresses");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void thePortalCallsTheServicesInsideTheClusterAndHasNoDatabaseOrKafka(String overlay) {
        DeployChecker c = checker(overlay);
        assertEquals(8080, httpPort(c, PORTAL), "the portal listens on 8080");
        JsonNode cfg = configOf(c, PORTAL);
        Map<String, String> urls = Map.of(
                Topics.CREDENTIALING_SERVICE, "PORTAL_CREDENTIALING_URL", Topics.RECORDS_SERVICE, "PORTAL_RECORDS_URL",
                Topics.CORESPONDER_SERVICE, "PORTAL_CORESPONDER_URL", Topics.GRANTS_SERVICE, "PORTAL_GRANTS_URL");
        for (var e : urls.entrySet()) {
            JsonNode port = c.find("Service", e.getKey()).orElseThrow().path("spec").path("ports").path(0);
            assertEquals("http", port.path("targetPort").asText(), e.getKey() + ": the Service targets the container's http port");
            assertEquals("http://" + e.getKey() + ":" + port.path("port").asInt(), cfg.path(e.getValue()).asText(),
                    e.getValue() + " names the Service " + e.getKey() + " and its port");
        }
        JsonNode container = container(c, PORTAL);
        List<String> names = new java.util.ArrayList<>();
        cfg.properties().forEach(e -> names.add(e.getKey()));
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        for (String n : names) {
            assertFalse(n.startsWith("QUARKUS_DATASOURCE") || n.startsWith("KAFKA_") || n.startsWith("QUARKUS_KAFKA")
                    || n.startsWith("MP_MESSAGING") || n.startsWith("QUARKUS_FLYWAY"), "the portal has no database and no Kafka: " + n);
        }
        for (JsonNode v : c.find("Deployment", PORTAL).orElseThrow().path("spec").path("template").path("spec").path("volumes")) {
            assertFalse(v.toString().contains("-db-") || v.toString().contains("cluster-ca-cert"), "no database or Kafka CA mounted: " + v);
        }
        assertEquals("true", cfg.path("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING").asText(), "behind the ingress controller");
        assertEquals("true", cfg.path("QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST").asText(), "behind the ingress controller");
        assertEquals("true", cfg.path("QUARKUS_OIDC_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME").asText(), "https redirect URI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void thePortalSignsInWithItsKeycloakClientAndSharesItsSecretWithTheRealmImport(String overlay) {
        DeployChecker c = checker(overlay);
        JsonNode cfg = configOf(c, PORTAL);
        assertEquals(PORTAL_CLIENT, cfg.path("QUARKUS_OIDC_CLIENT_ID").asText());
        JsonNode importSpec = c.find("KeycloakRealmImport", "safe-policing").orElseThrow().path("spec");
        JsonNode client = null;
        for (JsonNode cl : importSpec.path("realm").path("clients")) {
            if (PORTAL_CLIENT.equals(cl.path("clientId").asText())) {
                client = cl;
            }
        }
        assertTrue(client != null, "the imported realm has the client " + PORTAL_CLIENT);
        // the client's secret is a placeholder that the import fills from the very Secret key the portal reads
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container(c, PORTAL).path("env").forEach(e -> env.put(e.path("name").asText(), e));
        for (String secretVar : List.of("QUARKUS_OIDC_CREDENTIALS_SECRET", "PORTAL_CSRF_SECRET")) {
            assertFalse(cfg.has(secretVar), secretVar + " is not in the ConfigMap");
            JsonNode e = env.get(secretVar);
            assertTrue(e != null && !e.has("value") && e.path("valueFrom").has("secretKeyRef"), secretVar + " comes from a Secret: " + e);
        }
        JsonNode portalRef = env.get("QUARKUS_OIDC_CREDENTIALS_SECRET").path("valueFrom").path("secretKeyRef");
        String placeholder = client.path("secret").asText();
        assertTrue(placeholder.matches("\\$\\{[A-Z_][A-Z0-9_]*}"), "the client's secret is an import placeholder: " + placeholder);
        JsonNode importRef = importSpec.path("placeholders").path(placeholder.substring(2, placeholder.length() - 1)).path("secret");
        assertEquals(portalRef.path("name").asText(), importRef.path("name").asText(), "Keycloak and the portal read the same Secret");
        assertEquals(portalRef.path("key").asText(), importRef.path("key").asText(), "Keycloak and the portal read the same key");
        // its only redirect host is the portal's public host
        JsonNode ingress = c.find("Ingress", PORTAL).orElseThrow();
        String host = ingress.path("spec").path("rules").path(0).path("host").asText();
        assertEquals(List.of("https://" + host + "/*"), strings(client.path("redirectUris")), overlay + ": redirect URIs");
        assertEquals(List.of("https://" + host), strings(client.path("webOrigins")), overlay + ": web origins");
        assertEquals("https://" + host + "/*", client.path("attributes").path("post.logout.redirect.uris").asText(),
                overlay + ": post-logout redirect URIs");
        assertEquals(PORTAL, ingress.path("spec").path("rules").path(0).path("http").path("paths").path(0)
                .path("backend").path("service").path("name").asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new java.util.ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    static JsonNode container(DeployChecker c, String deployment) {
        return c.find("Deployment", deployment).orElseThrow().path("spec").path("template").path("spec").path("containers").path(0);
    }

    /** The containerPort named http of a Deployment's first container. */
    static int httpPort(DeployChecker c, String deployment) {
        for (JsonNode p : container(c, deployment).path("ports")) {
            if ("http".equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError(deployment + ": no container port named http");
    }

    static Map<String, Integer> servicePorts(DeployChecker c) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        SERVICE_DATABASES.keySet().stream().sorted().forEach(s -> ports.put(s, httpPort(c, s)));
        return ports;
    }

    @Test
    void productionKafkaHasThreeBrokersReplicationThreeAndMinIsrTwo() {
        assertNone(checker("production").kafkaCluster(3, 3, 2), "production Kafka");
    }

    @Test
    void devKafkaIsOneBroker() {
        assertNone(checker("dev").kafkaCluster(1, 1, 1), "dev Kafka");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachServiceHasItsOwnDatabaseWithBackupsAndGeneratedCredentials(String overlay) {
        DeployChecker c = checker(overlay);
        for (var e : SERVICE_DATABASES.entrySet()) {
            JsonNode cluster = c.find("Cluster", e.getValue()).orElseThrow(() -> new AssertionError(overlay + ": no CNPG Cluster " + e.getValue()));
            assertFalse(cluster.path("spec").path("bootstrap").path("initdb").path("database").asText().isBlank(),
                    e.getValue() + ": initdb database");
            assertFalse(cluster.path("spec").path("bootstrap").path("initdb").has("secret"),
                    e.getValue() + ": the owner's credentials are generated by CNPG, not supplied");
            JsonNode plugin = cluster.path("spec").path("plugins").path(0);
            assertTrue(plugin.path("isWALArchiver").asBoolean(), e.getValue() + ": WAL archiving (point-in-time recovery)");
            String store = plugin.path("parameters").path("barmanObjectName").asText();
            assertTrue(c.find("ObjectStore", store).isPresent(), e.getValue() + ": ObjectStore " + store);
            assertTrue(c.ofKind("ScheduledBackup").stream()
                    .anyMatch(b -> e.getValue().equals(b.path("spec").path("cluster").path("name").asText())),
                    e.getValue() + ": a ScheduledBackup");
            String url = configOf(c, e.getKey()).path("QUARKUS_DATASOURCE_JDBC_URL").asText();
            assertTrue(url.startsWith("jdbc:postgresql://" + e.getValue() + "-rw:5432/"), e.getKey() + " uses its own database: " + url);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachServiceMigratesAsTheOwnerAndRunsAsItsRuntimeRole(String overlay) {
        DeployChecker c = checker(overlay);
        assertNone(c.databaseRoles(SERVICE_DATABASES), overlay + ": database roles");
        for (var e : SERVICE_DATABASES.entrySet()) {
            JsonNode spec = c.find("Cluster", e.getValue()).orElseThrow().path("spec");
            String database = spec.path("bootstrap").path("initdb").path("database").asText();
            JsonNode role = spec.path("managed").path("roles").path(0);
            assertEquals(database + "_runtime", role.path("name").asText(), e.getValue() + ": the runtime role, named as locally");
            assertTrue(role.path("login").asBoolean(), e.getValue() + ": the runtime role logs in");
            for (String attribute : List.of("superuser", "createdb", "createrole")) {
                assertFalse(role.path(attribute).asBoolean(true), e.getValue() + ": the runtime role has no " + attribute);
            }
            String runtimeSecret = role.path("passwordSecret").path("name").asText();
            assertEquals(e.getValue() + "-runtime", runtimeSecret, e.getValue() + ": the runtime role's password Secret");
            Map<String, JsonNode> env = new LinkedHashMap<>();
            container(c, e.getKey()).path("env").forEach(v -> env.put(v.path("name").asText(), v));
            for (String key : List.of("USERNAME", "PASSWORD")) {
                assertEquals(e.getValue() + "-app", secretOf(env, "QUARKUS_FLYWAY_" + key), e.getKey() + ": Flyway migrates as the owner");
                assertEquals(runtimeSecret, secretOf(env, "QUARKUS_DATASOURCE_" + key), e.getKey() + ": the service runs as the runtime role");
            }
            JsonNode template = c.find("ExternalSecret", runtimeSecret).orElseThrow().path("spec").path("target").path("template");
            assertEquals("kubernetes.io/basic-auth", template.path("type").asText(), runtimeSecret + ": the type CloudNativePG needs");
            assertEquals(role.path("name").asText(), template.path("data").path("username").asText(), runtimeSecret + ": username = the role");
        }
    }

    private static String secretOf(Map<String, JsonNode> env, String variable) {
        return env.getOrDefault(variable, Repo.JSON.createObjectNode()).path("valueFrom").path("secretKeyRef").path("name").asText(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void servicesValidateTokensOfTheImportedRealm(String overlay) {
        DeployChecker c = checker(overlay);
        JsonNode keycloak = c.find("Keycloak", "keycloak").orElseThrow();
        String issuer = keycloak.path("spec").path("hostname").path("hostname").asText() + "/realms/safe-policing";
        JsonNode realm = c.find("KeycloakRealmImport", "safe-policing").orElseThrow().path("spec");
        assertEquals("keycloak", realm.path("keycloakCRName").asText());
        assertEquals("safe-policing", realm.path("realm").path("realm").asText());
        for (String service : SERVICE_DATABASES.keySet()) {
            JsonNode cfg = configOf(c, service);
            assertEquals("https://keycloak-service:8443/realms/safe-policing", cfg.path("QUARKUS_OIDC_AUTH_SERVER_URL").asText(), service);
            assertEquals(issuer, cfg.path("QUARKUS_OIDC_TOKEN_ISSUER").asText(), service + ": issuer = Keycloak's public hostname");
            assertFalse(cfg.path("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText().isBlank(), service + ": OTEL export");
        }
        JsonNode portal = configOf(c, PORTAL);
        assertEquals("https://keycloak-service:8443/realms/safe-policing", portal.path("QUARKUS_OIDC_AUTH_SERVER_URL").asText(), PORTAL);
        assertEquals(issuer, portal.path("QUARKUS_OIDC_TOKEN_ISSUER").asText(), PORTAL + ": issuer = Keycloak's public hostname");
    }

    /**
     * Issue 16 Sec. 4: officer-level data needs the second factor. dev imports the same production realm (OTP for
     * every user), so both overlays require it: each service accepts exactly the top level of the realm's acr.loa.map.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void servicesRequireTheRealmsSecondFactorForOfficerLevelData(String overlay) {
        DeployChecker c = checker(overlay);
        assertNone(c.secondFactor(), overlay + ": second factor");
        for (String service : SERVICE_DATABASES.keySet()) {
            assertEquals("gold", configOf(c, service).path(DeployChecker.ACCEPTED_ACR).asText(), service);
            assertTrue(configOf(c, service).path("PLATFORM_STEP_UP_ACCEPTED_AMR").isMissingNode(),
                    service + ": the realm emits no amr claim, so none is accepted");
        }
        assertTrue(configOf(c, PORTAL).path(DeployChecker.ACCEPTED_ACR).isMissingNode(), "the portal serves no officer-level data itself");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void prometheusScrapesTheServicesMetrics(String overlay) {
        DeployChecker c = checker(overlay);
        JsonNode sm = c.find("ServiceMonitor", "safe-policing-services").orElseThrow();
        assertEquals("/q/metrics", sm.path("spec").path("endpoints").path(0).path("path").asText());
        for (String service : SERVICE_DATABASES.keySet()) {
            JsonNode svcLabels = c.find("Service", service).orElseThrow().path("metadata").path("labels");
            sm.path("spec").path("selector").path("matchLabels").properties().forEach(e ->
                    assertEquals(e.getValue().asText(), svcLabels.path(e.getKey()).asText(), service + " is selected by the ServiceMonitor"));
        }
        JsonNode dashboard = c.find("ConfigMap", "safe-policing-dashboard").orElseThrow();
        String json = dashboard.path("data").path("safe-policing-dashboard.json").asText();
        for (String metric : List.of("http_server_requests_seconds_count", "outbox_events_pending", "kafka_consumergroup_lag",
                "grants.eligibility.v1")) {
            assertTrue(json.contains(metric), "the dashboard shows " + metric);
        }
    }

    static JsonNode configOf(DeployChecker c, String service) {
        JsonNode deployment = c.find("Deployment", service).orElseThrow();
        String name = deployment.path("spec").path("template").path("spec").path("containers").path(0)
                .path("envFrom").path(0).path("configMapRef").path("name").asText();
        return c.find("ConfigMap", name).orElseThrow(() -> new AssertionError(service + ": ConfigMap " + name)).path("data");
    }

    @Test
    void serviceUsageIsReadFromTheServices() {
        Map<String, KafkaUsage> usage = new LinkedHashMap<>(KafkaUsage.fromRepository(Repo.root(), Topics.ALL));
        KafkaUsage grants = usage.get(Topics.GRANTS_SERVICE);
        assertTrue(grants.reads().containsAll(List.of(Topics.AGENCY_REGISTRY, Topics.CREDENTIALING_EVENTS)), grants.toString());
        assertEquals(Set.of("grants-service"), grants.groups());
        assertTrue(grants.writes().containsAll(List.of(Topics.GRANTS_ELIGIBILITY, Topics.deadLetter(Topics.GRANTS_SERVICE))));
        assertEquals(Set.of("credentialing-service-outbox-relay"), usage.get(Topics.CREDENTIALING_SERVICE).transactionalIds());
        KafkaUsage credentialing = usage.get(Topics.CREDENTIALING_SERVICE);
        String anchors = Topics.auditAnchors(Topics.CREDENTIALING_SERVICE);
        assertTrue(credentialing.writes().contains(anchors) && credentialing.reads().contains(anchors), credentialing.toString());
        assertTrue(usage.values().stream().filter(u -> u != credentialing)
                .noneMatch(u -> u.writes().contains(anchors) || u.reads().contains(anchors)), "only the owner uses its anchors");
    }

    static ObjectNode first(List<ObjectNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst().orElseThrow();
    }
}
