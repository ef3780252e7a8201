package org.safepolicing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.TopicSpec;
import org.safepolicing.contracts.Topics;

/** The production realm, its import into Keycloak, and the partner KafkaUser template. */
class RealmAndPartnerTest {

    static final String REGENERATE = "regenerate it: jq '{apiVersion:\"k8s.keycloak.org/v2alpha1\",kind:\"KeycloakRealmImport\","
            + "metadata:{name:\"safe-policing\"},spec:{keycloakCRName:\"keycloak\",placeholders:{PORTAL_CLIENT_SECRET:{secret:"
            + "{name:\"portal-secrets\",key:\"oidc-client-secret\"}}},realm:.}}' deploy/keycloak/realm-production.json "
            + "> deploy/k8s/base/keycloak/realm-import.json";

    static final String PORTAL_CLIENT = OverlaysTest.PORTAL_CLIENT;
    /** A secret in a realm file is only ever an import placeholder, filled from a Secret at import. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

    private final JsonNode production = Repo.readJson(Repo.deployDir().resolve("keycloak/realm-production.json"));
    private final JsonNode local = Repo.readJson(Repo.deployDir().resolve("keycloak/realm-local.json"));

    @Test
    void theImportedRealmIsTheProductionRealmFile() {
        JsonNode base = Repo.readJson(Repo.deployDir().resolve("k8s/base/keycloak/realm-import.json"));
        assertEquals(production, base.path("spec").path("realm"), "realm-import.json differs from realm-production.json; " + REGENERATE);
        for (String overlay : Repo.OVERLAYS) {
            DeployChecker c = new DeployChecker(Rendered.overlay(overlay));
            JsonNode spec = c.find("KeycloakRealmImport", "safe-policing").orElseThrow().path("spec");
            assertEquals(base.path("spec").path("placeholders"), spec.path("placeholders"), overlay + ": placeholders");
            // the overlay puts its own portal host into the portal client's URIs (kustomization.yaml, replacements)
            String host = c.find("Ingress", OverlaysTest.PORTAL).orElseThrow().path("spec").path("rules").path(0).path("host").asText();
            ObjectNode expected = production.deepCopy();
            ObjectNode portal = (ObjectNode) find(expected.path("clients"), "clientId", PORTAL_CLIENT);
            String fileHost = java.net.URI.create(portal.path("webOrigins").path(0).asText()).getHost();
            portal.set("redirectUris", Repo.JSON.valueToTree(List.of("https://" + host + "/*")));
            portal.set("webOrigins", Repo.JSON.valueToTree(List.of("https://" + host)));
            ((ObjectNode) portal.path("attributes")).put("post.logout.redirect.uris", "https://" + host + "/*");
            assertEquals(expected, spec.path("realm"), overlay + ": KeycloakRealmImport differs from realm-production.json (with "
                    + host + " for " + fileHost + "); " + REGENERATE);
        }
    }

    @Test
    void everyPlaceholderOfTheRealmIsFilledFromASecret() {
        JsonNode spec = Repo.readJson(Repo.deployDir().resolve("k8s/base/keycloak/realm-import.json")).path("spec");
        Set<String> used = new TreeSet<>();
        for (JsonNode client : production.path("clients")) {
            if (client.has("secret")) {
                Matcher m = PLACEHOLDER.matcher(client.path("secret").asText());
                assertTrue(m.matches(), client.path("clientId") + ": a client secret in the file is a placeholder, never a value");
                used.add(m.group(1));
            }
        }
        assertEquals(used, names(spec.path("placeholders")), "spec.placeholders of the realm import fills exactly the placeholders used");
        spec.path("placeholders").properties().forEach(e -> {
            assertFalse(e.getValue().path("secret").path("name").asText().isBlank(), e.getKey() + ": secret.name");
            assertFalse(e.getValue().path("secret").path("key").asText().isBlank(), e.getKey() + ": secret.key");
        });
    }

    @Test
    void thePortalClientIsConfidentialWithPkceAndRedirectsToItsHttpsHostOnly() {
        JsonNode portal = find(production.path("clients"), "clientId", PORTAL_CLIENT);
        assertFalse(portal.path("publicClient").asBoolean(true), "confidential");
        assertEquals("client-secret", portal.path("clientAuthenticatorType").asText());
        assertTrue(PLACEHOLDER.matcher(portal.path("secret").asText()).matches(), "its secret is filled at import, never in the file");
        assertTrue(portal.path("standardFlowEnabled").asBoolean(false), "authorization code flow");
        assertEquals("S256", portal.path("attributes").path("pkce.code.challenge.method").asText(), "PKCE with S256 required");
        assertFalse(portal.path("directAccessGrantsEnabled").asBoolean(true), "no password grant");
        assertFalse(portal.path("implicitFlowEnabled").asBoolean(true), "no implicit flow");
        assertFalse(portal.path("serviceAccountsEnabled").asBoolean(true), "no service account");
        assertFalse(portal.path("attributes").path("oauth2.device.authorization.grant.enabled").asBoolean(false), "no device grant");
        assertFalse(portal.path("optionalClientScopes").toString().contains("offline_access"), "no offline tokens");
        // the same claims as the CLI's tokens: the services cannot tell them apart
        JsonNode cli = find(production.path("clients"), "clientId", "safe-policing-cli");
        assertEquals(cli.path("protocolMappers"), portal.path("protocolMappers"), "the CLI's protocol mappers");
        assertEquals(cli.path("defaultClientScopes"), portal.path("defaultClientScopes"));
        for (String overlay : Repo.OVERLAYS) {
            JsonNode imported = find(new DeployChecker(Rendered.overlay(overlay)).find("KeycloakRealmImport", "safe-policing")
                    .orElseThrow().path("spec").path("realm").path("clients"), "clientId", PORTAL_CLIENT);
            for (JsonNode client : List.of(portal, imported)) {
                String where = (client == portal ? "realm-production.json" : overlay) + ": ";
                Set<String> hosts = new TreeSet<>();
                assertFalse(client.path("redirectUris").isEmpty(), where + "redirect URIs");
                for (JsonNode uri : client.path("redirectUris")) {
                    hosts.add(httpsHost(where + "redirect URI", uri.asText(), "/*"));
                }
                assertEquals(1, client.path("webOrigins").size(), where + "one web origin");
                hosts.add(httpsHost(where + "web origin", client.path("webOrigins").path(0).asText(), ""));
                String logout = client.path("attributes").path("post.logout.redirect.uris").asText();
                assertFalse(logout.isBlank(), where + "post-logout redirect URIs");
                for (String uri : logout.split("##")) {
                    hosts.add(httpsHost(where + "post-logout redirect URI", uri, "/*"));
                }
                assertEquals(1, hosts.size(), where + "one host for every URI: " + hosts);
            }
        }
    }

    /** The host of an https URI with the given path and nothing else; no wildcard in the host. */
    private static String httpsHost(String what, String uri, String path) {
        java.net.URI u = java.net.URI.create(uri);
        assertEquals("https", u.getScheme(), what + " " + uri + " is https");
        assertTrue(u.getHost() != null && !u.getHost().isBlank() && u.getHost().matches("[a-z0-9.-]+") && u.getHost().contains("."),
                what + " " + uri + " names one host, without wildcard");
        assertEquals(-1, u.getPort(), what + " " + uri + ": the default port");
        assertEquals(path, u.getRawPath(), what + " " + uri + ": path");
        assertTrue(u.getRawQuery() == null && u.getRawFragment() == null && u.getRawUserInfo() == null, what + " " + uri);
        return u.getHost();
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
            assertTrue(!client.has("secret") || PLACEHOLDER.matcher(client.path("secret").asText()).matches(),
                    client.path("clientId") + ": no client secret in the repository (at most an import placeholder)");
        }
        for (String clientId : List.of("safe-policing-cli", PORTAL_CLIENT)) {
            JsonNode client = find(production.path("clients"), "clientId", clientId);
            Set<String> mappers = names(client.path("protocolMappers"), "name");
            assertTrue(mappers.containsAll(List.of("safe-policing-api audience", "ori", "body_id", "officer_id", "state")),
                    clientId + ": " + mappers);
        }
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

    /** Keycloak stores these descriptions in columns of 255 characters: a longer one fails the whole import. */
    @Test
    void theRealmsDescriptionsFitKeycloaksColumns() {
        List<JsonNode> described = new java.util.ArrayList<>();
        production.path("clients").forEach(described::add);
        production.path("roles").path("realm").forEach(described::add);
        production.path("authenticationFlows").forEach(described::add);
        for (JsonNode n : described) {
            String d = n.path("description").asText("");
            assertTrue(d.length() <= 255, n.path("clientId").asText(n.path("name").asText(n.path("alias").asText())) + ": description of "
                    + d.length() + " characters (at most 255, or the import fails)");
        }
    }

    @Test
    void productionMapsSilverAndGoldToLevelsOneAndTwoAndAsksForOtpAtLevelTwo() throws Exception {
        JsonNode loa = Repo.JSON.readTree(production.path("attributes").path("acr.loa.map").asText("{}"));
        assertEquals(Repo.JSON.readTree("{\"silver\":1,\"gold\":2}"), loa, "acr.loa.map");
        String browser = production.path("browserFlow").asText();
        JsonNode top = find(production.path("authenticationFlows"), "alias", browser);
        assertTrue(top.path("topLevel").asBoolean(), browser + " is a top-level flow");
        List<String> first = new java.util.ArrayList<>();
        top.path("authenticationExecutions").forEach(e -> {
            if (!e.path("authenticatorFlow").asBoolean()) {
                first.add(e.path("authenticator").asText());
            }
        });
        assertEquals(List.of("auth-cookie", "identity-provider-redirector"), first, "a copy of the built-in browser flow: SSO cookie, identity provider redirector, then the forms");
        JsonNode forms = find(production.path("authenticationFlows"), "alias",
                find(top.path("authenticationExecutions"), "authenticatorFlow", "true").path("flowAlias").asText());
        List<String> steps = new java.util.ArrayList<>();
        for (JsonNode sub : forms.path("authenticationExecutions")) {
            assertEquals("CONDITIONAL", sub.path("requirement").asText(), sub.toString());
            JsonNode flow = find(production.path("authenticationFlows"), "alias", sub.path("flowAlias").asText());
            JsonNode condition = flow.path("authenticationExecutions").path(0);
            assertEquals(DeployChecker.LOA_CONDITION, condition.path("authenticator").asText());
            JsonNode config = find(production.path("authenticatorConfig"), "alias", condition.path("authenticatorConfig").asText());
            JsonNode step = flow.path("authenticationExecutions").path(1);
            assertEquals("REQUIRED", step.path("requirement").asText(), flow.path("alias").asText());
            assertTrue(config.path("config").path("loa-max-age").asText().matches("[0-9]+"), "max age in seconds: " + config);
            steps.add(config.path("config").path("loa-condition-level").asText() + ":" + step.path("authenticator").asText());
        }
        assertEquals(List.of("1:auth-username-password-form", "2:" + DeployChecker.OTP_FORM), steps,
                "level 1 is username and password; level 2 adds the OTP code");
        // Keycloak puts acr into the API clients' access tokens (default client scope acr, mapper "acr loa level")
        assertTrue(production.path("clientScopes").isMissingNode(), "the realm keeps Keycloak's default client scopes, acr among them");
        for (String clientId : DeployChecker.API_CLIENTS) {
            JsonNode client = find(production.path("clients"), "clientId", clientId);
            assertTrue(client.path("defaultClientScopes").toString().contains("\"acr\""), clientId + ": acr claim");
            assertFalse(client.path("attributes").has("acr.loa.map"), clientId + ": the realm's levels, not its own");
        }
        assertEquals(List.of(), new DeployChecker(List.of((ObjectNode) Repo.JSON.readTree(
                "{\"kind\":\"KeycloakRealmImport\",\"metadata\":{\"name\":\"safe-policing\"},\"spec\":{\"realm\":"
                        + production + "}}"))).secondFactor().stream().filter(p -> p.startsWith("realm")).toList());
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

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.properties().forEach(e -> names.add(e.getKey()));
        return names;
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
