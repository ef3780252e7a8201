package org.safepolicing.coresponder;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.safepolicing.coresponder.CoresponderApi.activeProgram;
import static org.safepolicing.coresponder.CoresponderApi.as;
import static org.safepolicing.coresponder.CoresponderApi.program;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;
import static org.safepolicing.coresponder.Encounters.bulk;
import static org.safepolicing.coresponder.Encounters.encounter;
import static org.safepolicing.coresponder.Encounters.submitBulk;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class EncounterSubmissionTest {

    @Inject
    EntityManager em;

    long stored(String programId) {
        return ((Number) em.createNativeQuery("select count(*) from encounter where program_id = ?1")
                .setParameter(1, UUID.fromString(programId)).getSingleResult()).longValue();
    }

    long mentions(String text) {
        return ((Number) em.createNativeQuery("""
                        select (select count(*) from outbox_event where payload::text like ?1)
                             + (select count(*) from audit_entry where concat_ws(' ', object_id, action, outcome) like ?1)""")
                .setParameter(1, "%" + text + "%").getSingleResult()).longValue();
    }

    @Test
    void oneEncounterIsStoredAndListed() {
        String ori = randomOri("VA");
        String id = activeProgram(ori, "CO_RESPONDER_RIDE_ALONG");
        as(TestTokens.agencyUser(ori)).body("""
                        {"occurredAt":"2026-10-02T03:10:00Z","reasons":["SUBSTANCE_USE","HOMELESSNESS"],"clinicianOnScene":false,
                         "responseMinutes":17,"outcome":"REFERRED_TO_SERVICES","forceUsed":false,"injuries":["OFFICER"],"followUp":true}""")
                .post("/api/v1/agencies/{ori}/programs/{id}/encounters", ori, id).then().statusCode(201)
                .header("Location", containsString("/encounters/"));
        as(CoresponderApi.hhs()).get("/api/v1/agencies/{ori}/programs/{id}/encounters", ori, id).then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].reasons", contains("HOMELESSNESS", "SUBSTANCE_USE"))
                .body("items[0].responseMinutes", equalTo(17))
                .body("items[0].outcome", equalTo("REFERRED_TO_SERVICES"))
                .body("items[0].injuries", contains("OFFICER"))
                .body("items[0].followUp", equalTo(true))
                .body("items[0].occurredAt", equalTo("2026-10-02T03:10:00Z"));
    }

    @Test
    void aBulkBatchIsStoredWhole() {
        String ori = randomOri("MD");
        String id = activeProgram(ori, "MOBILE_CRISIS_TEAM");
        submitBulk(ori, id, Encounters.batch(2_500, 7)).then().statusCode(200).body("accepted", equalTo(2_500));
        assertEquals(2_500, stored(id));
        as(TestTokens.agencyUser(ori)).queryParam("size", 5).get("/api/v1/agencies/{ori}/programs/{id}/encounters", ori, id)
                .then().statusCode(200).body("total", equalTo(2_500)).body("items.size()", equalTo(5));
    }

    @Test
    void concurrentBatchesForOneProgramAddUpInTheSurveyTotals() throws Exception {
        String ori = randomOri("ND");
        String id = activeProgram(ori, "COMMUNITY_RESPONDER");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String body = Encounters.batch(500, 100 + i);
                answers.add(pool.submit(() -> submitBulk(ori, id, body).then().statusCode(200).extract().<Integer>path("accepted")));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertEquals(500, answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(2_000, stored(id));
        // the running totals and the response-time distribution agree with the rows themselves
        Object[] check = (Object[]) em.createNativeQuery("""
                        select t.encounters, (select count(*) from encounter e where e.program_id = t.program_id),
                               t.arrest, (select count(*) from encounter e where e.program_id = t.program_id and e.outcome = 'ARREST'),
                               (select sum(m.encounters) from program_response_minutes m where m.program_id = t.program_id),
                               (select count(response_minutes) from encounter e where e.program_id = t.program_id)
                        from program_encounter_totals t where t.program_id = ?1""")
                .setParameter(1, UUID.fromString(id)).getSingleResult();
        assertEquals(2_000L, ((Number) check[0]).longValue());
        assertEquals(((Number) check[1]).longValue(), ((Number) check[0]).longValue());
        assertEquals(((Number) check[3]).longValue(), ((Number) check[2]).longValue());
        assertEquals(((Number) check[5]).longValue(), ((Number) check[4]).longValue());
    }

    @Test
    void aRetriedBatchWithTheSameIdempotencyKeyIsStoredOnce() {
        String ori = randomOri("NV");
        String id = activeProgram(ori, "CRISIS_INTERVENTION_TEAM");
        String body = Encounters.batch(300, 11);
        String key = "october-2026-" + UUID.randomUUID();
        as(TestTokens.agencyUser(ori)).header("Idempotency-Key", key).body(body)
                .post("/api/v1/agencies/{ori}/programs/{id}/encounters/bulk", ori, id).then().statusCode(200)
                .body("accepted", equalTo(300)).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        as(TestTokens.agencyUser(ori)).header("Idempotency-Key", key).body(body)
                .post("/api/v1/agencies/{ori}/programs/{id}/encounters/bulk", ori, id).then().statusCode(200)
                .body("accepted", equalTo(300)).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(300, stored(id), "the retry stored nothing");
        as(TestTokens.agencyUser(ori)).header("Idempotency-Key", key + "-b").body(Encounters.batch(20, 12))
                .post("/api/v1/agencies/{ori}/programs/{id}/encounters/bulk", ori, id).then().statusCode(200)
                .body("accepted", equalTo(20));
        as(TestTokens.agencyUser(ori)).header("Idempotency-Key", "not a key!").body(Encounters.batch(20, 13))
                .post("/api/v1/agencies/{ori}/programs/{id}/encounters/bulk", ori, id).then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(320, stored(id));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/programs/{id}/encounters", ori, id)
                .then().statusCode(200).body("total", equalTo(320));
    }

    @Test
    void aClientNameOrDateOfBirthIsRefusedWith400AndNothingIsStored() {
        String ori = randomOri("TX");
        String id = activeProgram(ori, "CO_RESPONDER_FOLLOW_UP");
        String withName = encounter("RESOLVED_ON_SCENE", 10, false, true).replace("{", "{\"clientName\":\"Jane Roe\",");
        as(TestTokens.agencyUser(ori)).body(withName).post("/api/v1/agencies/{ori}/programs/{id}/encounters", ori, id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:identifying-field"))
                .body("fields", contains("clientName"))
                .body("errors.field", contains("clientName"))
                .body("detail", not(containsString("Jane Roe")));

        String withBirth = encounter("ARREST", 12, true, false).replace("{", "{\"date_of_birth\":\"1984-02-03\",\"home_address\":\"12 Elm St\",");
        submitBulk(ori, id, bulk(encounter("RESOLVED_ON_SCENE", 9, false, true), encounter("ARREST", 3, false, false),
                encounter("NO_CONTACT", null, false, false), withBirth))
                .then().statusCode(400)
                .body("type", equalTo("urn:safe-policing:problem:identifying-field"))
                .body("fields", contains("date_of_birth", "home_address"))
                .body("errors.field", contains("encounters[3].date_of_birth", "encounters[3].home_address"))
                .body("errorCount", equalTo(2));
        String withNotes = encounter("ARREST", 12, true, false).replace("{", "{\"notes\":\"talked about his sister Mary\",");
        submitBulk(ori, id, bulk(withNotes)).then().statusCode(400).body("fields", contains("notes"));

        assertEquals(0, stored(id), "nothing of a refused payload is stored");
        assertEquals(0, mentions("Jane Roe") + mentions("1984-02-03") + mentions("Elm St") + mentions("Mary"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/programs/{id}/encounters", ori, id)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void unknownFieldsAndInvalidValuesAreListedByIndexAndNothingIsStored() {
        String ori = randomOri("OH");
        String id = activeProgram(ori, "TELEHEALTH");
        submitBulk(ori, id, bulk(encounter("RESOLVED_ON_SCENE", 9, false, true),
                encounter("RESOLVED_ON_SCENE", 9, false, true).replace("{", "{\"priority\":2,")))
                .then().statusCode(400).body("type", equalTo("urn:safe-policing:problem:unknown-field"))
                .body("errors.field", contains("encounters[1].priority"));
        submitBulk(ori, id, bulk(encounter("RESOLVED_ON_SCENE", 9, false, true), encounter("ESCAPED", 9, false, true),
                encounter("ARREST", 9, false, true), encounter("ARREST", -3, false, true),
                encounter("ARREST", 5, false, true).replace("\"reasons\":[\"MENTAL_HEALTH\"]", "\"reasons\":[]"),
                encounter("ARREST", 5, false, true).replace("2026-10-01T21:14:00Z", "2999-01-01T00:00:00Z"),
                encounter("ARREST", 5, false, true).replace("\"forceUsed\":false,", "")))
                .then().statusCode(400).body("type", equalTo("urn:safe-policing:problem:invalid-encounters"))
                .body("errors.field", contains("encounters[1].outcome", "encounters[3].responseMinutes",
                        "encounters[4].reasons", "encounters[5].occurredAt", "encounters[6].forceUsed"))
                .body("errorCount", equalTo(5));
        submitBulk(ori, id, "{\"encounters\":[{\"occurredAt\":").then().statusCode(400)
                .body("type", equalTo("urn:safe-policing:problem:unreadable-body"));
        submitBulk(ori, id, "{\"encounters\":[]}").then().statusCode(400).body("errors.field", hasItem("encounters"));
        submitBulk(ori, id, "[]").then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, stored(id));
    }

    @Test
    void aPlannedProgramTakesNoEncountersAndAnotherAgencysProgramIsNotFound() {
        String ori = randomOri("CA");
        String planned = program(ori, "COMMUNITY_RESPONDER");
        submitBulk(ori, planned, bulk(encounter("RESOLVED_ON_SCENE", 9, false, true))).then().statusCode(409)
                .body("type", equalTo("urn:safe-policing:problem:illegal-transition"))
                .body("currentState", equalTo("PLANNED"));
        String other = randomOri("CA");
        String theirs = activeProgram(other, "COMMUNITY_RESPONDER");
        // our own path with their program id
        submitBulk(ori, theirs, bulk(encounter("RESOLVED_ON_SCENE", 9, false, true))).then().statusCode(404);
        // their path with our token
        as(TestTokens.agencyUser(ori)).body(bulk(encounter("RESOLVED_ON_SCENE", 9, false, true)))
                .post("/api/v1/agencies/{ori}/programs/{id}/encounters/bulk", other, theirs).then().statusCode(403)
                .body("type", equalTo("urn:safe-policing:problem:forbidden"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/programs/{id}/encounters", other, theirs).then().statusCode(403);
        assertEquals(0, stored(planned) + stored(theirs));
    }
}
