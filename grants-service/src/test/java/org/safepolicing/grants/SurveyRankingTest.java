package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.grants.Upstream.recommended;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.ProgramModel;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/**
 * A co-responder grant program's applications ordered by the models HHS's survey report recommends (EO 13929 Sec. 4(c),
 * 4(d), 5(b)(i)), each with its explanation, through the API with real tokens and survey reports written to
 * coresponder.events.v1. Each test ranks by reports of a year no other test (nor an earlier run) used, and its program's
 * fiscal year is that year, so a later test's reports (a later year) never reorder it.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class SurveyRankingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DEAD_LETTER = Topics.deadLetter(Topics.GRANTS_SERVICE);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void applicationsAreOrderedByTheBestRecommendedModelOfTheAgencysActivePrograms() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        int year = freshYear(db);
        UUID programId = program(year, "CORESPONDER_COMMUNITY_SUPPORT");
        Instant now = Instant.now();
        // application order: none, planned, telehealth, rideAlong, rideAlongLater, crisisTeam
        String none = agency(db, now);
        String planned = agency(db, now);
        String telehealth = agency(db, now);
        String rideAlong = agency(db, now);
        String rideAlongLater = agency(db, now);
        String crisisTeam = agency(db, now);
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), planned, ProgramModel.MOBILE_CRISIS_TEAM,
                ProgramStatus.PLANNED, now));
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), telehealth, ProgramModel.TELEHEALTH,
                ProgramStatus.ACTIVE, now));
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), rideAlong, ProgramModel.CO_RESPONDER_RIDE_ALONG,
                ProgramStatus.ACTIVE, now));
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), rideAlongLater,
                ProgramModel.CO_RESPONDER_RIDE_ALONG, ProgramStatus.ACTIVE, now));
        UUID crisisProgram = UUID.randomUUID();
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), crisisTeam, ProgramModel.CO_RESPONDER_RIDE_ALONG,
                ProgramStatus.ACTIVE, now));
        db.awaitProcessed(Upstream.coResponderProgram(crisisProgram, crisisTeam, ProgramModel.MOBILE_CRISIS_TEAM,
                ProgramStatus.ACTIVE, now));
        for (String ori : List.of(none, planned, telehealth, rideAlong, rideAlongLater, crisisTeam)) {
            GrantsApi.applied(programId, ori, "1000.00");
        }

        UUID national = UUID.randomUUID();
        db.awaitProcessed(Upstream.surveyReport(national, 1, year, null, List.of(
                recommended(ProgramModel.MOBILE_CRISIS_TEAM, 1, "EXPAND"),
                recommended(ProgramModel.CO_RESPONDER_RIDE_ALONG, 2, "REVIEW")), now));
        // a state report and a report of a later year than the program's fiscal year rank nothing here
        db.awaitProcessed(Upstream.surveyReport(UUID.randomUUID(), 1, year, "VA", List.of(
                recommended(ProgramModel.TELEHEALTH, 1, "EXPAND")), now));
        db.awaitProcessed(Upstream.surveyReport(UUID.randomUUID(), 1, year + 1, null, List.of(
                recommended(ProgramModel.TELEHEALTH, 1, "EXPAND")), now));

        JsonPath ranked = ranked(programId, "");
        assertEquals(List.of(crisisTeam, rideAlong, rideAlongLater, none, planned, telehealth), ranked.getList("items.ori"));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), ranked.getList("items.ranking.position"));
        assertEquals(6, ranked.getInt("total"));

        Map<String, Object> first = ranked.getMap("items[0].ranking");
        assertEquals("MOBILE_CRISIS_TEAM", first.get("model"), "the best of the agency's two ACTIVE programs");
        assertEquals(1, first.get("modelRank"));
        assertEquals("EXPAND", first.get("recommendation"));
        assertEquals("R-EXPAND", first.get("rule"));
        assertEquals(crisisProgram.toString(), first.get("coResponderProgramId"));
        assertEquals(national.toString(), first.get("reportId"));
        assertEquals(1, first.get("reportVersion"));
        assertEquals(Integer.toString(year), first.get("reportPeriod"));
        String reason = (String) first.get("reason");
        assertTrue(reason.contains("ACTIVE co-responder program with Partner MOBILE_CRISIS_TEAM (MOBILE_CRISIS_TEAM)")
                && reason.contains("rank 1 of 2 in the national survey report for " + year + " (version 1, " + national)
                && reason.contains("recommends EXPAND (R-EXPAND: measured outcomes of MOBILE_CRISIS_TEAM)"), reason);

        assertEquals("CO_RESPONDER_RIDE_ALONG", ranked.getString("items[1].ranking.model"));
        assertEquals(2, ranked.getInt("items[1].ranking.modelRank"));
        assertEquals("REVIEW", ranked.getString("items[1].ranking.recommendation"));
        assertEquals(2, ranked.getInt("items[2].ranking.modelRank"), "a tie on the rank goes by application time");

        for (int i = 3; i < 6; i++) {
            assertNull(ranked.get("items[" + i + "].ranking.model"));
            assertNull(ranked.get("items[" + i + "].ranking.modelRank"));
            assertEquals(national.toString(), ranked.getString("items[" + i + "].ranking.reportId"));
        }
        assertEquals("agency " + none + " has no ACTIVE co-responder program: ranked after every application with a"
                + " recommended model, by application time", ranked.getString("items[3].ranking.reason"));
        assertEquals("agency " + planned + " has no ACTIVE co-responder program (its programs are PLANNED; only ACTIVE"
                + " programs count): ranked after every application with a recommended model, by application time",
                ranked.getString("items[4].ranking.reason"));
        assertTrue(ranked.getString("items[5].ranking.reason").startsWith("agency " + telehealth
                + "'s ACTIVE co-responder programs run TELEHEALTH, which the national survey report for " + year),
                ranked.getString("items[5].ranking.reason"));

        // a page of the ordering keeps the positions of the whole
        JsonPath page = ranked(programId, "&page=1&size=2");
        assertEquals(List.of(rideAlongLater, none), page.getList("items.ori"));
        assertEquals(List.of(3, 4), page.getList("items.ranking.position"));
        assertEquals(6, page.getInt("total"));

        // the default order is the application order, without a ranking
        JsonPath submitted = given().auth().oauth2(GrantsApi.admin())
                .when().get("/api/v1/grant-programs/{id}/applications", programId)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(none, planned, telehealth, rideAlong, rideAlongLater, crisisTeam),
                submitted.getList("items.ori"));
        assertFalse(submitted.getMap("items[0]").containsKey("ranking"));

        // the agency's best program suspended: its other ACTIVE program ranks it, after rideAlong by application time
        db.awaitProcessed(Upstream.coResponderProgram(crisisProgram, crisisTeam, ProgramModel.MOBILE_CRISIS_TEAM,
                ProgramStatus.SUSPENDED, now.plusSeconds(1)));
        JsonPath after = ranked(programId, "");
        assertEquals(List.of(rideAlong, rideAlongLater, crisisTeam, none, planned, telehealth), after.getList("items.ori"));
        assertEquals("CO_RESPONDER_RIDE_ALONG", after.getString("items[2].ranking.model"));
    }

    @Test
    void withoutAReportTheApplicationsStayInApplicationOrderAndSayWhy() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        // no test sends a report of a year this early, so no report ranks a program of fiscal year 2021
        UUID programId = program(2021, "CORESPONDER_COMMUNITY_SUPPORT");
        Instant now = Instant.now();
        String first = agency(db, now);
        String active = agency(db, now);
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), active, ProgramModel.MOBILE_CRISIS_TEAM,
                ProgramStatus.ACTIVE, now));
        GrantsApi.applied(programId, first, "1000.00");
        GrantsApi.applied(programId, active, "1000.00");

        JsonPath ranked = ranked(programId, "");
        assertEquals(List.of(first, active), ranked.getList("items.ori"));
        assertEquals(List.of(1, 2), ranked.getList("items.ranking.position"));
        for (int i = 0; i < 2; i++) {
            assertNull(ranked.get("items[" + i + "].ranking.reportId"));
            assertNull(ranked.get("items[" + i + "].ranking.model"));
            assertEquals("no national survey report (Sec. 4(c)) for 2021 or an earlier year received yet: applications"
                    + " in the order they were submitted", ranked.getString("items[" + i + "].ranking.reason"));
        }
    }

    @Test
    void aLaterVersionOfThePeriodSupersedesAndAnEarlierOneArrivingLateChangesNothing() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        int year = freshYear(db);
        UUID programId = program(year, "CORESPONDER_COMMUNITY_SUPPORT");
        Instant now = Instant.now();
        String crisisTeam = agency(db, now);
        String rideAlong = agency(db, now);
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), crisisTeam, ProgramModel.MOBILE_CRISIS_TEAM,
                ProgramStatus.ACTIVE, now));
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), rideAlong, ProgramModel.CO_RESPONDER_RIDE_ALONG,
                ProgramStatus.ACTIVE, now));
        GrantsApi.applied(programId, rideAlong, "1000.00");
        GrantsApi.applied(programId, crisisTeam, "1000.00");

        UUID first = UUID.randomUUID();
        String firstEvent = Upstream.surveyReport(first, 1, year, null, List.of(
                recommended(ProgramModel.MOBILE_CRISIS_TEAM, 1, "EXPAND"),
                recommended(ProgramModel.CO_RESPONDER_RIDE_ALONG, 2, "MAINTAIN")), now);
        db.awaitProcessed(firstEvent);
        JsonPath byFirst = ranked(programId, "");
        assertEquals(List.of(crisisTeam, rideAlong), byFirst.getList("items.ori"));
        assertEquals(first.toString(), byFirst.getString("items[0].ranking.reportId"));

        UUID third = UUID.randomUUID();
        db.awaitProcessed(Upstream.surveyReport(third, 3, year, null, List.of(
                recommended(ProgramModel.CO_RESPONDER_RIDE_ALONG, 1, "EXPAND"),
                recommended(ProgramModel.MOBILE_CRISIS_TEAM, 2, "REVIEW")), now.plusSeconds(2)));
        // version 2 arrives after version 3 (another key, another partition): the highest version still ranks
        db.awaitProcessed(Upstream.surveyReport(UUID.randomUUID(), 2, year, null, List.of(
                recommended(ProgramModel.MOBILE_CRISIS_TEAM, 1, "EXPAND")), now.plusSeconds(1)));
        // the first report's event delivered again is applied once; an event of a type grants does not use, behind
        // it on the same partition, is recorded and skipped, and tells when the redelivery has been taken
        Upstream.send(Topics.CORESPONDER_EVENTS, first.toString(), EventTypes.SURVEY_REPORT_PUBLISHED,
                Upstream.surveyReportJson(first, 1, year, null, List.of(), now), Upstream.nextSequence(), now, firstEvent);
        db.awaitProcessed(Upstream.send(Topics.CORESPONDER_EVENTS, first.toString(),
                EventTypes.SURVEY_REPORT_PUBLISHED + ".retracted", "{}", Upstream.nextSequence(), now));

        JsonPath bySuperseding = ranked(programId, "");
        assertEquals(List.of(rideAlong, crisisTeam), bySuperseding.getList("items.ori"));
        assertEquals(third.toString(), bySuperseding.getString("items[0].ranking.reportId"));
        assertEquals(3, bySuperseding.getInt("items[0].ranking.reportVersion"));
        assertEquals("REVIEW", bySuperseding.getString("items[1].ranking.recommendation"));
        assertEquals(3, db.count("select count(*) from survey_report_projection where period = ? and state is null",
                Integer.toString(year)));
assertEquals(2, db.count("select jsonb_array_length(recommended_models) from survey_report_projection"
                + " where report_id = ?", first), "the redelivered event (no models) changed nothing");
    }

    @Test
    void onlyGrantOfficersAndDojAdminsMayRankAndOnlyCoResponderProgramsAreRanked() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        UUID programId = program(2027, "CORESPONDER_COMMUNITY_SUPPORT");
        String ori = agency(db, Instant.now());
        GrantsApi.applied(programId, ori, "1000.00");

        given().when().get("/api/v1/grant-programs/{id}/applications?order=survey", programId).then().statusCode(401);
        for (String token : List.of(TestTokens.agencyUser(ori), TestTokens.as("hhs-analyst").sign(),
                TestTokens.as("auditor").sign())) {
            given().auth().oauth2(token).when().get("/api/v1/grant-programs/{id}/applications?order=survey", programId)
                    .then().statusCode(403).contentType(GrantsApi.PROBLEM);
        }
        given().auth().oauth2(GrantsApi.officer())
                .when().get("/api/v1/grant-programs/{id}/applications?order=best", programId)
                .then().statusCode(400).contentType(GrantsApi.PROBLEM)
                .body("detail", equalTo("order must be submitted or survey, not 'best'"));
        given().auth().oauth2(GrantsApi.officer())
                .when().get("/api/v1/grant-programs/{id}/applications?order=survey", UUID.randomUUID())
                .then().statusCode(404).contentType(GrantsApi.PROBLEM);

        UUID credentialing = program(2027, "CREDENTIALING_ASSISTANCE");
        given().auth().oauth2(GrantsApi.officer())
                .when().get("/api/v1/grant-programs/{id}/applications?order=survey", credentialing)
                .then().statusCode(422).contentType(GrantsApi.PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:survey-ranking-not-offered"))
                .body("area", equalTo("CREDENTIALING_ASSISTANCE"))
                .body("detail", containsString("only programs in CORESPONDER_COMMUNITY_SUPPORT"));
        given().auth().oauth2(GrantsApi.officer())
                .when().get("/api/v1/grant-programs/{id}/applications?order=submitted", credentialing)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void poisonSurveyReportsAreDeadLetteredWithTheirReasonAndStoreNothing() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        int year = freshYear(db);
        Instant now = Instant.now();
        UUID noModels = UUID.randomUUID();
        Upstream.send(Topics.CORESPONDER_EVENTS, noModels.toString(), EventTypes.SURVEY_REPORT_PUBLISHED,
                "{\"reportId\":\"" + noModels + "\",\"version\":1,\"period\":\"" + year + "\",\"year\":" + year
                        + ",\"publishedAt\":\"" + now + "\"}", Upstream.nextSequence(), now);
        UUID rankZero = UUID.randomUUID();
        Upstream.send(Topics.CORESPONDER_EVENTS, rankZero.toString(), EventTypes.SURVEY_REPORT_PUBLISHED,
                Upstream.surveyReportJson(rankZero, 1, year, "MD", List.of(), now)
                        .replace("\"recommendedModels\":[]", "\"recommendedModels\":[{\"model\":\"TELEHEALTH\",\"rank\":0,"
                                + "\"recommendation\":\"EXPAND\",\"rule\":\"R2\",\"rationale\":\"why\"}]"),
                Upstream.nextSequence(), now);
        UUID badState = UUID.randomUUID();
        Upstream.send(Topics.CORESPONDER_EVENTS, badState.toString(), EventTypes.SURVEY_REPORT_PUBLISHED,
                Upstream.surveyReportJson(badState, 1, year, "Virginia", List.of(), now), Upstream.nextSequence(), now);
        UUID modelTwice = UUID.randomUUID();
        Upstream.send(Topics.CORESPONDER_EVENTS, modelTwice.toString(), EventTypes.SURVEY_REPORT_PUBLISHED,
                Upstream.surveyReportJson(modelTwice, 1, year, "NY", List.of(
                        recommended(ProgramModel.TELEHEALTH, 1, "EXPAND"), recommended(ProgramModel.TELEHEALTH, 2, "REVIEW")),
                        now), Upstream.nextSequence(), now);
        UUID otherKey = UUID.randomUUID();
        UUID keyedOtherwise = UUID.randomUUID();
        Upstream.send(Topics.CORESPONDER_EVENTS, otherKey.toString(), EventTypes.SURVEY_REPORT_PUBLISHED,
                Upstream.surveyReportJson(keyedOtherwise, 1, year, "PA", List.of(), now), Upstream.nextSequence(), now);

        assertDeadLettered(noModels.toString(), "has no recommendedModels (a list)");
        assertDeadLettered(rankZero.toString(), "carries a rank of 0, below 1");
        assertDeadLettered(badState.toString(), "carries a state that is not a 2-letter code: 'Virginia'");
        assertDeadLettered(modelTwice.toString(), "names model TELEHEALTH or rank 2 twice");
        assertDeadLettered(otherKey.toString(), "is keyed '" + otherKey + "' but concerns '" + keyedOtherwise + "'");
        for (UUID id : List.of(noModels, rankZero, badState, modelTwice, keyedOtherwise)) {
            assertEquals(0, db.count("select count(*) from survey_report_projection where report_id = ?", id), id.toString());
        }

        // the partitions moved on: a later valid report takes effect
        UUID later = UUID.randomUUID();
        db.awaitProcessed(Upstream.surveyReport(later, 2, year, "VA", List.of(), now.plusSeconds(1)));
        assertEquals(1, db.count("select count(*) from survey_report_projection where report_id = ? and version = 2", later));
    }

    private static void assertDeadLettered(String key, String reason) {
        try (TopicProbe probe = TopicProbe.of(DEAD_LETTER)) {
            ConsumerRecord<String, String> parked = probe.await(r -> key.equals(r.key()), WAIT);
            String given = TopicProbe.header(parked, "dead-letter-reason");
            assertTrue(given != null && given.contains(reason), "dead-letter-reason: " + given);
            assertEquals(Topics.CORESPONDER_EVENTS, TopicProbe.header(parked, "dead-letter-topic"));
        }
    }

    /** A year after every report year grants holds, so this test's reports are the only ones of their year. */
    private static int freshYear(GrantsDatabase db) {
        String latest = db.text("select max(year) from survey_report_projection");
        return Math.max(2030, latest == null ? 0 : Integer.parseInt(latest)) + 1;
    }

    private static UUID program(int fiscalYear, String area) {
        String terms = """
                {"name":"Survey ranking test %s","area":"%s","fiscalYear":%d,"appropriation":1000000.00,
                 "applicationOpens":"%s","applicationCloses":"%s"}"""
                .formatted(UUID.randomUUID(), area, fiscalYear, GrantsApi.today().minusDays(1),
                        GrantsApi.today().plusDays(30));
        return UUID.fromString(GrantsApi.createProgram(GrantsApi.admin(), terms)
                .then().statusCode(201).extract().path("id"));
    }

    private static String agency(GrantsDatabase db, Instant now) {
        String ori = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, ori, now);
        return ori;
    }

    /** The program's applications in survey order, as a grant officer reads them. */
    private static JsonPath ranked(UUID programId, String query) {
        return given().auth().oauth2(GrantsApi.officer())
                .when().get("/api/v1/grant-programs/{id}/applications?order=survey" + query, programId)
                .then().statusCode(200).extract().jsonPath();
    }
}
