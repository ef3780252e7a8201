package org.safepolicing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.TopicSpec;
import org.safepolicing.contracts.Topics;

/** The production realm, its import into Keycloak, and the partner KafkaUser template. */
class RealmAndPartnerTest {

    static final String REGENERATE = "regenerate it: jq '{apiVersion:\"k8s.keycloak.org/v2alpha1\",kind:\"KeycloakRealmImport\","
            + "metadata:{name:\"safe-policing\"},spec:{keycloakCRName:\"keycloak\",realm:.}}' deploy/keycloak/realm-production.json "
            + "> deploy/k8s/base/keycloak/realm-import.json";

    private final JsonNode production = Repo.readJson(Repo.deployDir().resolve("keycloak/realm-production.json"));
    private final JsonNode local = Repo.readJson(Repo.deployDir().resolve("keycloak/realm-local.json"));

    @Test
    void theImportedRealmIsTheProductionRealmFile() {
        for (String overlay : Repo.OVERLAYS) {
            JsonNode imported = new DeployChecker(Rendered.overlay(overlay)).find("KeycloakRealmImport", "safe-policing")
                    .orElseThrow().path("spec").path("realm");
            assertEquals(production, imported, overlay + ": KeycloakRealmImport differs from realm-production.json; " + REGENERATE);
        }
    }

    @Test
    void productionHasTheRolesAndClientsOfTheLocalRealm() {
        assertEquals("safe-policing", production.path("realm").asText());
        assertEquals(names(local.path("roles").path("realm"), "name"), names(production.path("roles").path("realm"), "name"));
        assertEquals(names(local.path("clients"), "clientId"), names(production.path("clients"), "clientId"));
        for (JsonNode client : production.path("clients")) {
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean(false),
                    client.path("clientId") + ": no password grant in production");
            assertFalse(client.path("implicitFlowEnabled").asBoolean(false), client.path("clientId") + ": no implicit flow");
            assertFalse(client.has("secret"), client.path("clientId") + ": no client secret in the repository");
        }
        JsonNode cli = find(production.path("clients"), "clientId", "safe-policing-cli");
        Set<String> mappers = names(cli.path("protocolMappers"), "name");
        assertTrue(mappers.containsAll(List.of("safe-policing-api audience", "ori", "body_id", "officer_id")), mappers.toString());
    }

    @Test
    void productionHasNoUsersAndStrictSessions() {
        assertTrue(production.path("users").isMissingNode() || production.path("users").isEmpty(), "no demo users in production");
        assertTrue(production.path("bruteForceProtected").asBoolean(), "brute-force protection");
        assertEquals(5, production.path("failureFactor").asInt(), "locks after 5 failures");
        assertEquals(900, production.path("waitIncrementSeconds").asInt(), "for 15 minutes");
        assertEquals(900, production.path("maxFailureWaitSeconds").asInt(), "for 15 minutes at most");
        assertFalse(production.path("permanentLockout").asBoolean(true));
        assertTrue(production.path("ssoSessionIdleTimeout").asInt(Integer.MAX_VALUE) <= 1800, "SSO idle timeout <= 30 minutes");
        assertTrue(production.path("ssoSessionMaxLifespan").asInt(Integer.MAX_VALUE) <= 43200, "sessions <= 12 hours");
        assertEquals("all", production.path("sslRequired").asText());
        assertFalse(production.path("registrationAllowed").asBoolean(true));
    }

    @Test
    void everyUserMustRegisterAnOtpAuthenticator() {
        JsonNode totp = find(production.path("requiredActions"), "alias", "CONFIGURE_TOTP");
        assertTrue(totp.path("enabled").asBoolean(), "CONFIGURE_TOTP enabled");
        assertTrue(totp.path("defaultAction").asBoolean(), "CONFIGURE_TOTP is a default action: every new user registers OTP");
        assertEquals("totp", production.path("otpPolicyType").asText());
        // the local realm relaxes this (README says so); production must not
        assertFalse(local.path("requiredActions").toString().contains("\"defaultAction\":true"));
    }

    @Test
    void thePartnerTemplateIsReadOnlyOnThePublicTopics() {
        List<ObjectNode> docs = Repo.documents(Repo.deployDir().resolve("k8s/partners/kafkauser-partner-template.yaml"));
        assertEquals(1, docs.size());
        ObjectNode user = docs.get(0);
        assertEquals("KafkaUser", user.path("kind").asText());
        Set<String> readable = new TreeSet<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            Set<String> ops = new HashSet<>();
            acl.path("operations").forEach(o -> ops.add(o.asText()));
            assertTrue(Set.of("Read", "Describe").containsAll(ops), "partners only read: " + acl);
            JsonNode r = acl.path("resource");
            if ("topic".equals(r.path("type").asText())) {
                assertEquals("literal", r.path("patternType").asText());
                readable.add(r.path("name").asText());
            } else {
                assertEquals("group", r.path("type").asText(), "only topics and the partner's own groups: " + acl);
                assertEquals("PARTNER_ID", r.path("name").asText());
                assertEquals("prefix", r.path("patternType").asText());
            }
        }
        Set<String> expected = new TreeSet<>();
        Topics.ALL.stream().filter(TopicSpec::partnerReadable).forEach(t -> expected.add(t.name()));
        assertEquals(expected, readable, "the partner template grants exactly the partner-readable topics of event-contracts");
    }

    private static Set<String> names(JsonNode array, String field) {
        Set<String> names = new TreeSet<>();
        array.forEach(n -> names.add(n.path(field).asText()));
        return names;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}
