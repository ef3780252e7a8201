package org.safepolicing.coresponder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.safepolicing.coresponder.CoresponderApi.PROGRAM;
import static org.safepolicing.coresponder.CoresponderApi.activeProgram;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;
import static org.safepolicing.coresponder.Encounters.bulk;
import static org.safepolicing.coresponder.Encounters.encounter;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Who may do what (DESIGN.md): an agency user manages only its own programs, encounters and completions; HHS analysts
 * read across agencies; DOJ keeps the course catalog; the public sees the aggregated survey only. Every refusal here is
 * made with a real signed token (or none) and answered as problem+json.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class AccessRulesTest {

    private static final String NONE = null;

    @Inject
    EntityManager em;

    private static void expect(int status, String token, String method, String path, String body) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (body != null) {
            request.body(body);
        }
        var response = request.request(method, path).then().statusCode(status);
        if (status >= 400) {
            response.contentType("application/problem+json")
                    .body("type", equalTo(switch (status) {
                        case 401 -> "urn:safe-policing:problem:unauthorized";
                        case 403 -> "urn:safe-policing:problem:forbidden";
                        default -> "urn:safe-policing:problem:not-found";
                    }));
        }
    }

    private static String token(String role) {
        return TestTokens.as(role).sign();
    }

    @Test
    void programsAreManagedOnlyByTheirOwnAgency() {
        String ori = randomOri("VA");
        String other = randomOri("VA");
        String id = activeProgram(ori, "CO_RESPONDER_RIDE_ALONG");
        String programs = "/api/v1/agencies/" + ori + "/programs";
        String program = programs + "/" + id;
        String body = PROGRAM.formatted("TELEHEALTH");

        expect(401, NONE, "POST", programs, body);
        expect(401, TestTokens.as("agency-user").claim("ori", ori)
                .validBetween(Instant.now().minus(Duration.ofHours(2)), Instant.now().minus(Duration.ofHours(1))).sign(),
                "POST", programs, body);
        expect(403, TestTokens.agencyUser(other), "POST", programs, body);
        expect(403, token("agency-user"), "POST", programs, body); // an agency user without an ori claim
        expect(403, token("hhs-analyst"), "POST", programs, body);
        expect(403, TestTokens.dojAdmin(), "POST", programs, body);
        expect(403, TestTokens.agencyUser(other), "POST", program + "/status", "{\"status\":\"SUSPENDED\"}");
        expect(403, token("hhs-analyst"), "POST", program + "/status", "{\"status\":\"SUSPENDED\"}");
        expect(403, TestTokens.agencyUser(other), "PUT", program + "/clinicians", "{\"clinicians\":[]}");
        // the other agency's own path does not reach this program
        expect(404, TestTokens.agencyUser(other), "POST", "/api/v1/agencies/" + other + "/programs/" + id + "/status",
                "{\"status\":\"SUSPENDED\"}");
        expect(404, TestTokens.agencyUser(other), "GET", "/api/v1/agencies/" + other + "/programs/" + id, null);

        expect(401, NONE, "GET", programs, null);
        expect(403, TestTokens.agencyUser(other), "GET", programs, null);
        expect(403, TestTokens.agencyUser(other), "GET", program, null);
        expect(403, TestTokens.agencyUser(other), "GET", program + "/history", null);
        expect(403, token("officer"), "GET", programs, null);
        expect(403, token("auditor"), "GET", program, null);
        expect(403, TestTokens.agencyUser(ori), "GET", "/api/v1/programs", null);
        expect(401, NONE, "GET", "/api/v1/programs", null);

        expect(200, token("hhs-analyst"), "GET", program, null);
        expect(200, token("grant-officer"), "GET", programs, null);
        expect(200, token("hhs-analyst"), "GET", "/api/v1/programs", null);
        given().auth().oauth2(TestTokens.agencyUser(ori)).get(program).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void encountersAreSubmittedByTheAgencyAndReadByHhs() {
        String ori = randomOri("MD");
        String other = randomOri("MD");
        String id = activeProgram(ori, "MOBILE_CRISIS_TEAM");
        String encounters = "/api/v1/agencies/" + ori + "/programs/" + id + "/encounters";
        String one = encounter("RESOLVED_ON_SCENE", 8, false, true);

        expect(401, NONE, "POST", encounters, one);
        expect(401, NONE, "POST", encounters + "/bulk", bulk(one));
        expect(403, TestTokens.agencyUser(other), "POST", encounters, one);
        expect(403, TestTokens.agencyUser(other), "POST", encounters + "/bulk", bulk(one));
        expect(403, token("hhs-analyst"), "POST", encounters + "/bulk", bulk(one));
        expect(403, TestTokens.dojAdmin(), "POST", encounters, one);

        expect(401, NONE, "GET", encounters, null);
        expect(403, TestTokens.agencyUser(other), "GET", encounters, null);
        expect(403, TestTokens.dojAdmin(), "GET", encounters, null);
        expect(403, token("grant-officer"), "GET", encounters, null);
        expect(403, token("officer"), "GET", encounters, null);
        assertEquals(0L, ((Number) em.createNativeQuery("select count(*) from encounter where program_id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult()).longValue(), "no refused request stored anything");

        expect(201, TestTokens.agencyUser(ori), "POST", encounters, one);
        given().auth().oauth2(token("hhs-analyst")).get(encounters).then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void trainingIsRecordedByTheAgencyAndTheCatalogKeptByDoj() {
        String ori = randomOri("TX");
        String other = randomOri("TX");
        String completions = "/api/v1/agencies/" + ori + "/training/completions";
        String body = "{\"completions\":[{\"officerRef\":\"B-1\",\"courseCode\":\"CIT_40H\",\"completedOn\":\"2026-10-01\"}]}";
        String course = "{\"code\":\"ACCESS_TEST\",\"title\":\"Access\",\"hours\":2}";

        expect(401, NONE, "POST", completions, body);
        expect(403, TestTokens.agencyUser(other), "POST", completions, body);
        expect(403, token("hhs-analyst"), "POST", completions, body);
        expect(403, TestTokens.dojAdmin(), "POST", completions, body);
        expect(403, TestTokens.agencyUser(other), "GET", "/api/v1/agencies/" + ori + "/training/coverage", null);
        expect(403, token("officer"), "GET", "/api/v1/agencies/" + ori + "/training/coverage", null);
        expect(401, NONE, "GET", "/api/v1/agencies/" + ori + "/training/coverage", null);
        given().auth().oauth2(token("hhs-analyst")).get("/api/v1/agencies/{ori}/training/coverage", ori).then().statusCode(200)
                .body("coverage.trainedOfficers", equalTo(0));

        expect(401, NONE, "GET", "/api/v1/training/courses", null);
        expect(401, NONE, "POST", "/api/v1/training/courses", course);
        expect(403, TestTokens.agencyUser(ori), "POST", "/api/v1/training/courses", course);
        expect(403, token("hhs-analyst"), "POST", "/api/v1/training/courses", course);
        expect(200, token("officer"), "GET", "/api/v1/training/courses", null);
    }

    @Test
    void thePublicSeesTheAggregatedSurveyOnly() {
        expect(200, NONE, "GET", "/api/v1/survey", null);
        expect(200, NONE, "GET", "/api/v1/survey.csv", null);
        expect(200, NONE, "GET", "/api/v1/survey.html", null);
        expect(200, TestTokens.agencyUser("VA0290100"), "GET", "/api/v1/survey", null);
        expect(401, NONE, "GET", "/api/v1/programs", null);
        expect(401, NONE, "GET", "/api/v1/capacity/states", null);
        expect(401, NONE, "GET", "/api/v1/capacity/agencies/VA0290100", null);
        // a forged token is no token
        String forged = TestTokens.as("hhs-analyst").issuer("urn:someone-else").sign();
        expect(401, forged, "GET", "/api/v1/programs", null);
    }

    @Test
    void privilegedChangesAreAudited() {
        String ori = randomOri("OH");
        String id = activeProgram(ori, "COMMUNITY_RESPONDER");
        Number rows = (Number) em.createNativeQuery("""
                        select count(*) from audit_entry where object_id = ?1 and actor_agency = ?2
                          and action in ('program.create', 'program.status.active') and outcome = 'SUCCESS'""")
                .setParameter(1, id).setParameter(2, ori).getSingleResult();
        assertEquals(2, rows.intValue());
    }
}
