package org.safepolicing.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.TopicSpec;
import org.safepolicing.contracts.Topics;

/**
 * The checker provably fails: each test breaks a copy of the rendered production overlay in memory (or the
 * contract it is compared with) and asserts that the checker names the breakage.
 */
class CheckerCatchesBreakageTest {

    private final List<ObjectNode> docs = Rendered.overlay("production");

    private ObjectNode deployment(String name) {
        return docs.stream().filter(d -> "Deployment".equals(d.path("kind").asText()) && name.equals(DeployChecker.name(d)))
                .findFirst().orElseThrow();
    }

    private ObjectNode container(String deployment) {
        return (ObjectNode) deployment(deployment).path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static void assertReported(List<String> problems, Predicate<String> expected, String what) {
        assertTrue(problems.stream().anyMatch(expected), "the checker must report " + what + "; it reported " + problems);
    }

    @Test
    void aRemovedProbeIsReported() {
        container("records-service").remove("readinessProbe");
        assertReported(new DeployChecker(docs).deployments(),
                p -> p.contains("records-service") && p.contains("no readinessProbe"), "the missing readinessProbe");
    }

    @Test
    void eachOfTheThreeProbesIsRequired() {
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            List<ObjectNode> copy = Rendered.overlay("production");
            ObjectNode c = (ObjectNode) copy.stream().filter(d -> "Deployment".equals(d.path("kind").asText())).findFirst()
                    .orElseThrow().path("spec").path("template").path("spec").path("containers").get(0);
            c.remove(probe);
            assertReported(new DeployChecker(copy).deployments(), p -> p.contains("no " + probe), "a missing " + probe);
        }
    }

    @Test
    void aProbeOnTheWrongPathIsReported() {
        ((ObjectNode) container("grants-service").path("livenessProbe").path("httpGet")).put("path", "/");
        assertReported(new DeployChecker(docs).deployments(), p -> p.contains("livenessProbe is not an HTTP GET of /q/health/live"),
                "a liveness probe that is not /q/health/live");
    }

    @Test
    void missingLimitsAndAWritableRootFilesystemAreReported() {
        ObjectNode c = container("credentialing-service");
        ((ObjectNode) c.path("resources")).remove("limits");
        ((ObjectNode) c.path("securityContext")).put("readOnlyRootFilesystem", false);
        ((ObjectNode) c.path("securityContext")).put("allowPrivilegeEscalation", true);
        ((ObjectNode) c.path("securityContext")).remove("capabilities");
        List<String> problems = new DeployChecker(docs).deployments();
        assertReported(problems, p -> p.contains("resources.limits.memory missing"), "missing limits");
        assertReported(problems, p -> p.contains("readOnlyRootFilesystem is not true"), "a writable root filesystem");
        assertReported(problems, p -> p.contains("allowPrivilegeEscalation is not false"), "privilege escalation");
        assertReported(problems, p -> p.contains("capabilities.drop does not contain ALL"), "capabilities kept");
    }

    @Test
    void runningAsRootIsReported() {
        ObjectNode d = deployment("coresponder-service");
        ((ObjectNode) d.path("spec").path("template").path("spec").path("securityContext")).remove("runAsNonRoot");
        ((ObjectNode) container("coresponder-service").path("securityContext")).remove("runAsNonRoot");
        assertReported(new DeployChecker(docs).deployments(), p -> p.contains("runAsNonRoot is not true"), "a container that may run as root");
    }

    @Test
    void anImageByTagIsReported() {
        container("grants-service").put("image", "registry.example.gov/safe-policing/grants-service:latest");
        assertReported(new DeployChecker(docs).images(false), p -> p.contains("grants-service:latest is not pinned by digest"),
                "an image pinned by tag only");
    }

    @Test
    void placeholderDigestsAreRefusedInAReleaseCheck() {
        String image = container("portal").path("image").asText();
        container("portal").put("image", image.substring(0, image.indexOf('@')) + DeployChecker.PLACEHOLDER_DIGEST);
        assertReported(new DeployChecker(docs).images(true), p -> p.contains("placeholder digest"), "the placeholder digest");
    }

    @Test
    void aTopicAddedToTheContractWithoutAKafkaTopicIsReported() {
        List<TopicSpec> contract = new ArrayList<>(Topics.ALL);
        contract.add(new TopicSpec("records.new-thing.v1", 12, false, Duration.ofDays(3650), Topics.RECORDS_SERVICE, true));
        assertReported(new DeployChecker(docs).topics(contract, 3, 2),
                p -> p.equals("topic records.new-thing.v1 (event-contracts Topics.ALL) has no KafkaTopic"), "the topic without KafkaTopic");
    }

    @Test
    void aKafkaTopicThatDiffersFromTheContractIsReported() {
        ObjectNode topic = docs.stream().filter(d -> "KafkaTopic".equals(d.path("kind").asText())
                && Topics.AGENCY_REGISTRY.equals(DeployChecker.topicName(d))).findFirst().orElseThrow();
        ((ObjectNode) topic.path("spec")).put("partitions", 3);
        ((ObjectNode) topic.path("spec").path("config")).put("cleanup.policy", "delete");
        List<String> problems = new DeployChecker(docs).topics(Topics.ALL, 3, 2);
        assertReported(problems, p -> p.contains("agency-registry.v1: partitions 3"), "wrong partitions");
        assertReported(problems, p -> p.contains("agency-registry.v1: cleanup.policy delete"), "a compacted topic that is not compacted");
    }

    @Test
    void aMissingAclIsReported() {
        ObjectNode user = docs.stream().filter(d -> "KafkaUser".equals(d.path("kind").asText())
                && Topics.GRANTS_SERVICE.equals(DeployChecker.name(d))).findFirst().orElseThrow();
        ArrayNode acls = (ArrayNode) user.path("spec").path("authorization").path("acls");
        for (int i = acls.size() - 1; i >= 0; i--) {
            if ("group".equals(acls.get(i).path("resource").path("type").asText())
                    || Topics.CREDENTIALING_EVENTS.equals(acls.get(i).path("resource").path("name").asText())) {
                acls.remove(i);
            }
        }
        List<String> problems = new DeployChecker(docs).acls(KafkaUsage.fromRepository(Repo.root(), Topics.ALL).values());
        assertReported(problems, p -> p.contains("no Read ACL on group grants-service"), "the missing consumer group ACL");
        assertReported(problems, p -> p.contains("no Read ACL on topic credentialing.events.v1"), "the missing topic ACL");
    }

    @Test
    void anAuditAnchorTopicItsOwnerCannotReadBackIsReported() {
        // the verification's reader assigns the partition itself: no group ACL makes up for the missing topic Read
        String anchors = Topics.auditAnchors(Topics.CREDENTIALING_SERVICE);
        ObjectNode user = docs.stream().filter(d -> "KafkaUser".equals(d.path("kind").asText())
                && Topics.CREDENTIALING_SERVICE.equals(DeployChecker.name(d))).findFirst().orElseThrow();
        for (var acl : user.path("spec").path("authorization").path("acls")) {
            if (anchors.equals(acl.path("resource").path("name").asText())) {
                ((ObjectNode) acl).putArray("operations").add("Write").add("Describe");
            }
        }
        List<String> problems = new DeployChecker(docs).acls(KafkaUsage.fromRepository(Repo.root(), Topics.ALL).values());
        assertReported(problems, p -> p.contains("KafkaUser credentialing-service: no Read ACL on topic " + anchors),
                "the owner's missing Read on its own audit anchors");
    }

    @Test
    void aServiceThatMayTouchAnotherServicesAuditAnchorsIsReported() {
        String anchors = Topics.auditAnchors(Topics.GRANTS_SERVICE);
        ObjectNode user = docs.stream().filter(d -> "KafkaUser".equals(d.path("kind").asText())
                && Topics.RECORDS_SERVICE.equals(DeployChecker.name(d))).findFirst().orElseThrow();
        ObjectNode acl = ((ArrayNode) user.path("spec").path("authorization").path("acls")).addObject();
        acl.putObject("resource").put("type", "topic").put("name", anchors).put("patternType", "literal");
        acl.putArray("operations").add("Write").add("Read");
        List<String> problems = new DeployChecker(docs).acls(KafkaUsage.fromRepository(Repo.root(), Topics.ALL).values());
        assertReported(problems, p -> p.contains("records-service: may write " + anchors), "a write grant on another service's anchors");
        assertReported(problems, p -> p.contains("records-service: may read " + anchors), "a read grant on another service's anchors");
    }

    @Test
    void aServiceThatMayWriteAnotherServicesTopicIsReported() {
        ObjectNode user = docs.stream().filter(d -> "KafkaUser".equals(d.path("kind").asText())
                && Topics.RECORDS_SERVICE.equals(DeployChecker.name(d))).findFirst().orElseThrow();
        ObjectNode acl = ((ArrayNode) user.path("spec").path("authorization").path("acls")).addObject();
        acl.putObject("resource").put("type", "topic").put("name", Topics.GRANTS_ELIGIBILITY).put("patternType", "literal");
        acl.putArray("operations").add("Write");
        assertReported(new DeployChecker(docs).acls(KafkaUsage.fromRepository(Repo.root(), Topics.ALL).values()),
                p -> p.contains("records-service: may write grants.eligibility.v1"), "a write grant on a foreign topic");
    }

    @Test
    void anInlinedSecretAndADanglingReferenceAreReported() {
        ObjectNode secret = Repo.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", "leaked");
        secret.putObject("stringData").put("password", "not-a-real-one");
        docs.add(secret);
        ObjectNode env = ((ArrayNode) container("records-service").path("env")).addObject();
        env.put("name", "SOMETHING").putObject("valueFrom").putObject("secretKeyRef").put("name", "hand-made").put("key", "k");
        List<String> problems = new DeployChecker(docs).secrets();
        assertReported(problems, p -> p.contains("Secret leaked is rendered with literal data"), "the inlined Secret");
        assertReported(problems, p -> p.contains("references Secret hand-made"), "the Secret nobody produces");
    }

    private ObjectNode ofKind(String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText()) && name.equals(DeployChecker.name(d)))
                .findFirst().orElseThrow();
    }

    private ObjectNode env(String deployment, String variable) {
        for (var v : container(deployment).path("env")) {
            if (variable.equals(v.path("name").asText())) {
                return (ObjectNode) v;
            }
        }
        throw new AssertionError(deployment + ": no " + variable);
    }

    private List<String> roleProblems() {
        return new DeployChecker(docs).databaseRoles(OverlaysTest.SERVICE_DATABASES);
    }

    @Test
    void aServiceRunningAsTheDatabaseOwnerIsReported() {
        for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            ((ObjectNode) env(Topics.RECORDS_SERVICE, variable).path("valueFrom").path("secretKeyRef")).put("name", "records-db-app");
        }
        List<String> problems = roleProblems();
        assertReported(problems, p -> p.startsWith("Deployment records-service: QUARKUS_DATASOURCE_PASSWORD from the owner's Secret records-db-app"),
                "the runtime pair taken from the owner's Secret");
        assertReported(problems, p -> p.startsWith("Deployment records-service: QUARKUS_DATASOURCE_USERNAME from Secret records-db-app key username,"
                + " expected records-db-runtime"), "the runtime pair not from the managed role's password Secret");
    }

    @Test
    void flywayNotMigratingAsTheOwnerIsReported() {
        ArrayNode env = (ArrayNode) container(Topics.GRANTS_SERVICE).path("env");
        for (int i = env.size() - 1; i >= 0; i--) {
            if ("QUARKUS_FLYWAY_USERNAME".equals(env.get(i).path("name").asText())) {
                env.remove(i);
            }
        }
        ((ObjectNode) env(Topics.GRANTS_SERVICE, "QUARKUS_FLYWAY_PASSWORD").path("valueFrom").path("secretKeyRef")).put("name", "grants-db-runtime");
        List<String> problems = roleProblems();
        assertReported(problems, p -> p.startsWith("Deployment grants-service: no QUARKUS_FLYWAY_USERNAME"), "Flyway without the owner's name");
        assertReported(problems, p -> p.startsWith("Deployment grants-service: QUARKUS_FLYWAY_PASSWORD from Secret grants-db-runtime"),
                "Flyway with the runtime role's password");
    }

    @Test
    void aRuntimeRoleThatIsPrivilegedOrCannotLogInIsReported() {
        ObjectNode role = (ObjectNode) ofKind("Cluster", "coresponder-db").path("spec").path("managed").path("roles").get(0);
        role.put("login", false).put("superuser", true).put("createdb", true).put("createrole", true);
        role.putArray("inRoles").add("pg_write_all_data");
        List<String> problems = roleProblems();
        assertReported(problems, p -> p.equals("Cluster coresponder-db: managed role coresponder_runtime cannot log in (login: true)"),
                "a runtime role without login");
        for (String attribute : List.of("superuser", "createdb", "createrole")) {
            assertReported(problems, p -> p.startsWith("Cluster coresponder-db: managed role coresponder_runtime has " + attribute),
                    "a runtime role with " + attribute);
        }
        assertReported(problems, p -> p.startsWith("Cluster coresponder-db: managed role coresponder_runtime is a member of"),
                "a runtime role in pg_write_all_data");
    }

    @Test
    void aMissingRuntimeRoleIsReported() {
        ((ObjectNode) ofKind("Cluster", "records-db").path("spec")).remove("managed");
        assertReported(roleProblems(), p -> p.startsWith("Cluster records-db: no managed role records_runtime"), "the undeclared runtime role");
    }

    @Test
    void aRuntimePasswordSecretOtherThanTheOneTheServiceReadsIsReported() {
        ObjectNode role = (ObjectNode) ofKind("Cluster", "credentialing-db").path("spec").path("managed").path("roles").get(0);
        ((ObjectNode) role.path("passwordSecret")).put("name", "credentialing-db-other");
        List<String> problems = roleProblems();
        assertReported(problems, p -> p.startsWith("Secret credentialing-db-other (password of credentialing_runtime): no ExternalSecret"),
                "a password Secret nothing produces");
        assertReported(problems, p -> p.startsWith("Deployment credentialing-service: QUARKUS_DATASOURCE_PASSWORD from Secret"
                + " credentialing-db-runtime key password, expected credentialing-db-other"), "the service reading another Secret");
    }

    @Test
    void aRuntimeSecretCloudNativePgCannotUseIsReported() {
        ObjectNode template = (ObjectNode) ofKind("ExternalSecret", "grants-db-runtime").path("spec").path("target").path("template");
        template.put("type", "Opaque");
        ((ObjectNode) template.path("metadata")).remove("labels");
        ((ObjectNode) template.path("data")).put("username", "grants");
        List<String> problems = roleProblems();
        assertReported(problems, p -> p.startsWith("ExternalSecret grants-db-runtime: the Secret's type is \"Opaque\""), "a Secret not basic-auth");
        assertReported(problems, p -> p.startsWith("ExternalSecret grants-db-runtime: the Secret lacks the label cnpg.io/reload"),
                "a Secret without cnpg.io/reload");
        assertReported(problems, p -> p.startsWith("ExternalSecret grants-db-runtime: username \"grants\", expected the role grants_runtime"),
                "a Secret naming the owner");
    }

    @Test
    void aServiceReachingAnotherDatabaseIsReported() {
        ObjectNode policy = docs.stream().filter(d -> "NetworkPolicy".equals(d.path("kind").asText())
                && Topics.GRANTS_SERVICE.equals(DeployChecker.name(d))).findFirst().orElseThrow();
        ObjectNode rule = ((ArrayNode) policy.path("spec").path("egress")).addObject();
        rule.putArray("to").addObject().putObject("podSelector").putObject("matchLabels").put("cnpg.io/cluster", "records-db");
        assertReported(new DeployChecker(docs).networkPolicies(OverlaysTest.SERVICE_DATABASES),
                p -> p.contains("NetworkPolicy grants-service: egress to"), "egress to another service's database");
    }

    private ObjectNode policy(String name) {
        return docs.stream().filter(d -> "NetworkPolicy".equals(d.path("kind").asText()) && name.equals(DeployChecker.name(d)))
                .findFirst().orElseThrow();
    }

    private List<String> portalProblems() {
        DeployChecker c = new DeployChecker(docs);
        return c.portalNetworkPolicies(OverlaysTest.PORTAL, 8080, OverlaysTest.servicePorts(c));
    }

    @Test
    void thePortalReachingADatabaseOrKafkaIsReported() {
        ArrayNode egress = (ArrayNode) policy(OverlaysTest.PORTAL).path("spec").path("egress");
        ObjectNode db = egress.addObject();
        db.putArray("to").addObject().putObject("podSelector").putObject("matchLabels").put("cnpg.io/cluster", "records-db");
        db.putArray("ports").addObject().put("protocol", "TCP").put("port", 5432);
        ObjectNode kafka = egress.addObject();
        kafka.putArray("to").addObject().putObject("podSelector").putObject("matchLabels").put("strimzi.io/cluster", "safe-policing");
        assertReported(portalProblems(), p -> p.contains("NetworkPolicy portal: egress to") && p.contains("records-db"),
                "egress from the portal to a database");
        assertReported(portalProblems(), p -> p.contains("NetworkPolicy portal: egress to") && p.contains("strimzi.io/cluster"),
                "egress from the portal to Kafka");
    }

    @Test
    void thePortalOpenToOtherSourcesOrOnAnotherPortIsReported() {
        ObjectNode rule = (ObjectNode) policy(OverlaysTest.PORTAL).path("spec").path("ingress").path(0);
        ((ArrayNode) rule.path("from")).addObject().putObject("namespaceSelector");
        ((ObjectNode) rule.path("ports").path(0)).put("port", 9000);
        List<String> problems = portalProblems();
        assertReported(problems, p -> p.contains("NetworkPolicy portal: ingress from"), "ingress from everywhere");
        assertReported(problems, p -> p.contains("NetworkPolicy portal: ingress on ports [9000]"), "ingress on another port");
    }

    @Test
    void aServiceOrKeycloakThatRefusesThePortalIsReported() {
        for (String name : List.of(Topics.RECORDS_SERVICE, "keycloak")) {
            ArrayNode from = (ArrayNode) policy(name).path("spec").path("ingress").path(0).path("from");
            for (int i = from.size() - 1; i >= 0; i--) {
                if ("portal".equals(from.get(i).path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText())) {
                    from.remove(i);
                }
            }
        }
        List<String> problems = portalProblems();
        assertReported(problems, p -> p.equals("NetworkPolicy records-service does not admit portal on port 8082"),
                "a service that refuses the portal");
        assertReported(problems, p -> p.equals("NetworkPolicy keycloak does not admit portal on port 8443"), "Keycloak refusing the portal");
    }

    @Test
    void exposedHealthPathsAndAHostWithoutTlsAreReported() {
        docs.removeIf(d -> "Ingress".equals(d.path("kind").asText()) && "portal-internal-paths".equals(DeployChecker.name(d)));
        ObjectNode api = docs.stream().filter(d -> "Ingress".equals(d.path("kind").asText())
                && Topics.GRANTS_SERVICE.equals(DeployChecker.name(d))).findFirst().orElseThrow();
        ObjectNode path = ((ArrayNode) api.path("spec").path("rules").path(0).path("http").path("paths")).addObject();
        path.put("path", "/q/").put("pathType", "Prefix");
        ((ObjectNode) api.path("spec")).remove("tls");
        List<String> problems = new DeployChecker(docs).ingresses();
        assertReported(problems, p -> p.startsWith("Ingress portal: routes / of") && p.contains("nothing refuses /q/"),
                "the portal's /q/ left public");
        assertReported(problems, p -> p.equals("Ingress grants-service: routes /q/ (health and metrics stay inside)"), "/q/ routed");
        assertReported(problems, p -> p.startsWith("Ingress grants-service: host") && p.endsWith("without TLS"), "a host without TLS");
    }

    @Test
    void productionKafkaWithFewerBrokersIsReported() {
        docs.stream().filter(d -> "KafkaNodePool".equals(d.path("kind").asText()))
                .forEach(p -> ((ObjectNode) p.path("spec")).put("replicas", 1));
        assertReported(new DeployChecker(docs).kafkaCluster(3, 3, 2), p -> p.startsWith("brokers: 1"), "a single broker");
    }

    private ObjectNode importedRealm() {
        return (ObjectNode) docs.stream().filter(d -> "KeycloakRealmImport".equals(d.path("kind").asText())).findFirst()
                .orElseThrow().path("spec").path("realm");
    }

    @Test
    void aRenamedSecondFactorLevelIsReported() {
        ((ObjectNode) importedRealm().path("attributes")).put("acr.loa.map", "{\"silver\":1,\"platinum\":2}");
        assertReported(new DeployChecker(docs).secondFactor(), p -> p.startsWith("records-service: PLATFORM_STEP_UP_ACCEPTED_ACR is [gold],"
                + " not the realm's second-factor level [platinum]"), "a service accepting an acr the realm no longer issues");
    }

    @Test
    void aServiceWithoutTheSecondFactorOrAcceptingTheLowerLevelIsReported() {
        docs.stream().filter(d -> "ConfigMap".equals(d.path("kind").asText()) && DeployChecker.name(d).startsWith("records-service-config"))
                .forEach(cm -> ((ObjectNode) cm.path("data")).remove(DeployChecker.ACCEPTED_ACR));
        docs.stream().filter(d -> "ConfigMap".equals(d.path("kind").asText()) && DeployChecker.name(d).startsWith("grants-service-config"))
                .forEach(cm -> ((ObjectNode) cm.path("data")).put(DeployChecker.ACCEPTED_ACR, "gold,silver"));
        List<String> problems = new DeployChecker(docs).secondFactor();
        assertReported(problems, p -> p.startsWith("records-service: PLATFORM_STEP_UP_ACCEPTED_ACR is [],"), "the requirement off");
        assertReported(problems, p -> p.startsWith("grants-service:") && p.endsWith("([silver] is a lower level)"), "password only accepted");
    }

    @Test
    void aBrowserFlowWithoutOtpAtTheSecondLevelIsReported() {
        for (JsonNode flow : importedRealm().path("authenticationFlows")) {
            for (JsonNode e : flow.path("authenticationExecutions")) {
                if (DeployChecker.OTP_FORM.equals(e.path("authenticator").asText())) {
                    ((ObjectNode) e).put("requirement", "DISABLED");
                }
            }
        }
        assertReported(new DeployChecker(docs).secondFactor(), p -> p.startsWith("realm: the browser flow")
                && p.endsWith("has no conditional subflow of level 2 [gold] whose OTP Form is required"), "level 2 without OTP");
        importedRealm().remove("browserFlow");
        assertReported(new DeployChecker(docs).secondFactor(), p -> p.startsWith("realm: the browser flow '' is not a top-level flow"),
                "the built-in browser flow bound");
    }

    @Test
    void anApiClientWhoseTokensLackAcrIsReported() {
        for (JsonNode client : importedRealm().path("clients")) {
            if ("safe-policing-cli".equals(client.path("clientId").asText())) {
                ArrayNode scopes = (ArrayNode) client.path("defaultClientScopes");
                for (int i = scopes.size() - 1; i >= 0; i--) {
                    if ("acr".equals(scopes.get(i).asText())) {
                        scopes.remove(i);
                    }
                }
            }
        }
        assertReported(new DeployChecker(docs).secondFactor(), p -> p.equals("realm: client safe-policing-cli: acr is not a default client"
                + " scope (its tokens carry no acr)"), "a client without the acr claim");
    }
}
