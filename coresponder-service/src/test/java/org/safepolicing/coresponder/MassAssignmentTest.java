package org.safepolicing.coresponder;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.safepolicing.coresponder.CoresponderApi.activeProgram;
import static org.safepolicing.coresponder.CoresponderApi.as;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Mass assignment: for every writable request type, each field the server owns (ids, agency, status, timestamps,
 * counts: whatever the view shows but the request must not set) is refused with 400 and nothing is stored.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class MassAssignmentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    private long count(String sql, Object parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }

    /** The example with one server-owned field added (at the top level, or in the first item of {@code array}). */
    private static String with(String example, String array, String field, Object value) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(example);
            ObjectNode target = array == null ? body : (ObjectNode) body.withArray(array).get(0);
            target.set(field, JSON.valueToTree(value));
            return body.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void refused(String token, String method, String path, String body, String field) {
        as(token).body(body).request(method, path).then().statusCode(400).contentType("application/problem+json")
                .body("type", anyOf(equalTo("urn:safe-policing:problem:unreadable-body"),
                        equalTo("urn:safe-policing:problem:unknown-field")));
    }

    private static final Map<String, Object> PROGRAM_OWNED = Map.of("id", UUID.randomUUID().toString(), "ori", "VA0290100",
            "status", "ACTIVE", "createdAt", "2020-01-01T00:00:00Z", "updatedAt", "2020-01-01T00:00:00Z");

    @Test
    void aProgramsServerOwnedFieldsAreRefusedOnCreateStatusAndClinicians() {
        String ori = randomOri("AR");
        String agency = TestTokens.agencyUser(ori);
        String example = CoresponderApi.PROGRAM.formatted("TELEHEALTH");
        PROGRAM_OWNED.forEach((field, value) ->
                refused(agency, "POST", "/api/v1/agencies/" + ori + "/programs", with(example, null, field, value), field));
        assertEquals(0, count("select count(*) from coresponder_program where ori = ?1", ori), "no program was created");

        String program = activeProgram(ori, "TELEHEALTH");
        String status = "/api/v1/agencies/" + ori + "/programs/" + program + "/status";
        Map.of("id", UUID.randomUUID().toString(), "from", "PLANNED", "to", "ENDED", "changedBy", "someone-else",
                "changedAt", "2020-01-01T00:00:00Z", "programId", UUID.randomUUID().toString(), "ori", "VA0290100")
                .forEach((field, value) -> refused(agency, "POST", status,
                        with("{\"status\":\"SUSPENDED\",\"reason\":\"x\"}", null, field, value), field));
        String clinicians = "/api/v1/agencies/" + ori + "/programs/" + program + "/clinicians";
        String example2 = "{\"clinicians\":[{\"type\":\"SOCIAL_WORKER\",\"weeklyHours\":40}]}";
        PROGRAM_OWNED.forEach((field, value) -> refused(agency, "PUT", clinicians, with(example2, null, field, value), field));
        refused(agency, "PUT", clinicians, with(example2, "clinicians", "id", 7), "clinicians[0].id");
        refused(agency, "PUT", clinicians, with(example2, "clinicians", "programId", program), "clinicians[0].programId");
        as(agency).get("/api/v1/agencies/{ori}/programs/{id}", ori, program).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("clinicians.size()", equalTo(2));
        assertEquals(2, count("select count(*) from program_status_change where program_id = ?1", UUID.fromString(program)),
                "created and activated, nothing more");
    }

    @Test
    void anEncountersServerOwnedFieldsAreRefusedSingleAndInBulk() {
        String ori = randomOri("AR");
        String agency = TestTokens.agencyUser(ori);
        String program = activeProgram(ori, "MOBILE_CRISIS_TEAM");
        String encounters = "/api/v1/agencies/" + ori + "/programs/" + program + "/encounters";
        String one = Encounters.encounter("ARREST", 14, true, false);
        Map<String, Object> owned = Map.of("id", 1, "programId", UUID.randomUUID().toString(), "ori", "VA0290100",
                "submittedAt", "2020-01-01T00:00:00Z");
        owned.forEach((field, value) -> {
            refused(agency, "POST", encounters, with(one, null, field, value), field);
            refused(agency, "POST", encounters + "/bulk", with(Encounters.bulk(one), "encounters", field, value), field);
        });
        Map.of("programId", UUID.randomUUID().toString(), "accepted", 1_000_000, "ori", "VA0290100").forEach((field, value) ->
                refused(agency, "POST", encounters + "/bulk", with(Encounters.bulk(one), null, field, value), field));
        assertEquals(0, count("select count(*) from encounter where program_id = ?1", UUID.fromString(program)));
        assertEquals(0, count("select count(*) from program_encounter_totals where program_id = ?1", UUID.fromString(program)));
    }

    @Test
    void trainingServerOwnedFieldsAreRefusedForCoursesAndCompletions() {
        String code = "MASS_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        String course = "{\"code\":\"" + code + "\",\"title\":\"Mass assignment\",\"hours\":2}";
        refused(TestTokens.dojAdmin(), "POST", "/api/v1/training/courses", with(course, null, "createdAt", "2020-01-01T00:00:00Z"), "createdAt");
        assertEquals(0, count("select count(*) from training_course where code = ?1", code));

        String ori = randomOri("AR");
        String completions = TrainingCoverageTest.completions("M-1", "CIT_40H");
        String path = "/api/v1/agencies/" + ori + "/training/completions";
        Map.of("ori", "VA0290100", "recorded", 5, "alreadyRecorded", 5, "coverage", Map.of("coverage", 1.0))
                .forEach((field, value) -> refused(TestTokens.agencyUser(ori), "POST", path, with(completions, null, field, value), field));
        Map.of("ori", "VA0290100", "recordedAt", "2020-01-01T00:00:00Z").forEach((field, value) ->
                refused(TestTokens.agencyUser(ori), "POST", path, with(completions, "completions", field, value), field));
        assertEquals(0, count("select count(*) from training_completion where ori = ?1", ori));
    }

    @Test
    void costAndReportServerOwnedFieldsAreRefused() {
        String ori = randomOri("AR");
        String program = activeProgram(ori, "MOBILE_CRISIS_TEAM");
        String cost = "{\"annualBudgetUsd\":250000,\"fundingSource\":\"MEDICAID\"}";
        String path = "/api/v1/agencies/" + ori + "/programs/" + program + "/costs/2025";
        Map.of("year", 2019, "programId", UUID.randomUUID().toString(), "ori", "VA0290100", "reportedBy", "someone",
                        "reportedAt", "2020-01-01T00:00:00Z")
                .forEach((field, value) -> refused(TestTokens.agencyUser(ori), "PUT", path, with(cost, null, field, value), field));
        assertEquals(0, count("select count(*) from program_cost where program_id = ?1", UUID.fromString(program)));

        long reports = count("select count(*) from survey_report where year = ?1", (short) 2025);
        Map.of("id", UUID.randomUUID().toString(), "version", 99, "period", "2019", "publishedAt", "2020-01-01T00:00:00Z",
                        "publishedBy", "someone", "survey", Map.of("funding", Map.of()))
                .forEach((field, value) -> refused(CoresponderApi.hhs(), "POST", "/api/v1/survey/reports",
                        with("{\"year\":2025,\"state\":\"AR\"}", null, field, value), field));
        assertEquals(reports, count("select count(*) from survey_report where year = ?1", (short) 2025));
    }
}
