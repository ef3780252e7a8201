package org.safepolicing.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of every service, with tokens Keycloak issued: only the auditor reads and verifies it; a refused
 * call by an agency user is in it; every service's chain verifies intact after everything the other system tests did;
 * a Keycloak token with a changed payload is refused everywhere.
 */
class AuditTrailIT {

    private static final List<String> SERVICES = List.of(SystemStack.CREDENTIALING, SystemStack.RECORDS,
            SystemStack.CORESPONDER, SystemStack.GRANTS);
    private static Suite suite;

    @BeforeAll
    static void stack() {
        suite = new Suite();
    }

    @Test
    void onlyTheAuditorReadsTheTrailAndARefusedCallIsInIt() {
        String auditor = suite.demoToken("auditor");
        String agencyUser = suite.demoToken("agency.user");
        String admin = suite.admin();
        for (String service : SERVICES) {
            String base = suite.stack.url(service) + "/api/v1/audit";
            String requestId = "audit-it-" + UUID.randomUUID();
            Suite.expect(given().auth().oauth2(agencyUser).header("X-Request-Id", requestId).get(base + "/entries"),
                    403, service + ": an agency user reads the audit trail");
            Suite.expect(given().auth().oauth2(admin).get(base + "/verification"), 403,
                    service + ": DOJ admin verifies the audit trail");
            Suite.expect(given().get(base + "/entries"), 401, service + ": no token");

            JsonNode refusal = await().atMost(Duration.ofSeconds(15)).until(() -> {
                Response page = given().auth().oauth2(auditor).get(base + "/entries?objectType=request&size=200");
                Suite.expect(page, 200, service + ": the auditor reads the audit trail");
                for (JsonNode row : Suite.json(page.asString()).path("items")) {
                    if (requestId.equals(row.path("requestId").asText())) {
                        return row;
                    }
                }
                return null;
            }, row -> row != null);
            assertEquals("access.refused", refusal.path("action").asText(), service);
            assertEquals("REFUSED", refusal.path("outcome").asText(), service);
            assertEquals("GET /api/v1/audit/entries", refusal.path("objectId").asText(), service);
            assertEquals("agency-user", refusal.path("actorRoles").asText(), service);
            assertEquals("VA0290100", refusal.path("actorAgency").asText(), service);
            assertTrue(refusal.path("occurredAt").asText().matches(".*T.*\\.\\d{3}Z"), service + ": UTC to the millisecond");
        }
    }

    @Test
    void everyServicesChainVerifiesIntact() {
        String auditor = suite.demoToken("auditor");
        List<String> broken = new ArrayList<>();
        for (String service : SERVICES) {
            Response r = given().auth().oauth2(auditor).get(suite.stack.url(service) + "/api/v1/audit/verification");
            Suite.expect(r, 200, service + ": verification");
            JsonNode v = Suite.json(r.asString());
            if (!v.path("intact").asBoolean() || v.path("rowsChecked").asLong() < 1 || v.path("headHash").asText().length() != 64) {
                broken.add(service + ": " + v);
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void aKeycloakTokenWithAChangedPayloadIsRefusedEverywhere() {
        String token = suite.demoToken("agency.user");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"agency-user\"", "\"auditor\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        for (String service : SERVICES) {
            Suite.expect(given().auth().oauth2(forged).get(suite.stack.url(service) + "/api/v1/audit/entries"), 401,
                    service + ": a forged auditor role");
            Suite.expect(given().auth().oauth2(token).get(suite.stack.url(service) + "/api/v1/audit/entries"), 403,
                    service + ": the genuine token of the same user");
        }
    }
}
