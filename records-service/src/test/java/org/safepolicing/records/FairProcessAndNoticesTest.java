package org.safepolicing.records;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.officerToken;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Issue 13, points 7-11: fair process by category, Sec. 3(b)'s qualifiers, corrected records disclosed as corrected,
 * every disclosure accounted (continuous-check notices too), and the officer's own notice feed.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class FairProcessAndNoticesTest {

    @Inject
    AgroalDataSource dataSource;

    static ValidatableResponse submit(String ori, String body) {
        return as(TestTokens.agencyUser(ori)).body(body).post("/api/v1/agencies/{ori}/records", ori).then();
    }

    static String record(String officer, String category, String qualifiers, String fairProcess) {
        return """
                {"officer":%s,"category":"%s","incidentDate":"2023-11-02","summary":"Struck a handcuffed man",
                 %s"fairProcess":%s}""".formatted(officer, category, qualifiers, fairProcess);
    }

    static String officer(String state) {
        return officerJson(state, randomCert(), "Lena", "Morrow", CheckTest.randomDob());
    }

    @Test
    void aResignationUnderInvestigationIsFinalOnceTheOfficerHadNoticeAndAChanceToRespond() {
        String ori = randomOri("VA");
        String inv = "\"useOfForceInvestigation\":true,";
        // no adjudication ever comes after a resignation: notice + response make it final (it was held forever before)
        submit(ori, record(officer("VA"), "RESIGNED_UNDER_INVESTIGATION", inv,
                "{\"noticeDate\":\"2024-01-10\",\"responseDate\":\"2024-01-25\"}"))
                .statusCode(201).body("status", equalTo("ACTIVE"))
                .body("fairProcess.rule", equalTo("NOTICE_AND_RESPONSE")).body("fairProcess.isFinal", equalTo(true))
                .body("fairProcess.finalOn", equalTo("2024-01-25")).body("fairProcess.missing", empty());
        // notice without an opportunity to respond yet: held, and the record says what it lacks
        String held = submit(ori, record(officer("VA"), "RETIRED_UNDER_INVESTIGATION", inv,
                "{\"noticeDate\":\"2024-01-10\"}"))
                .statusCode(201).body("status", equalTo("PENDING_FAIR_PROCESS"))
                .body("fairProcess.missing", contains("responseDate")).extract().path("id");
        as(TestTokens.agencyUser(ori)).body("{\"noticeDate\":\"2024-01-10\",\"responseDate\":\"2024-02-09\"}")
                .put("/api/v1/agencies/{ori}/records/{id}/fair-process", ori, held).then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void convictionsAndCivilJudgmentsAreFinalByTheJudgmentAndTheAppealNotByAgencyNotice() {
        String ori = randomOri("MD");
        // a judgment with no agency notice or response at all: final once no appeal is pending
        submit(ori, record(officer("MD"), "CRIMINAL_CONVICTION", "\"onDutyConduct\":true,",
                "{\"judgmentDate\":\"2024-05-02\",\"appealStatus\":\"EXHAUSTED\"}"))
                .statusCode(201).body("status", equalTo("ACTIVE")).body("fairProcess.rule", equalTo("COURT_JUDGMENT"))
                .body("fairProcess.judgmentDate", equalTo("2024-05-02")).body("fairProcess.finalOn", equalTo("2024-05-02"));
        submit(ori, record(officer("MD"), "CIVIL_JUDGMENT", "\"improperUseOfForce\":true,",
                "{\"judgmentDate\":\"2024-05-02\",\"appealStatus\":\"PENDING\"}"))
                .statusCode(201).body("status", equalTo("PENDING_FAIR_PROCESS"))
                .body("fairProcess.missing", contains("appealStatus"));
        // terminations keep notice, response, final decision and appeal
        submit(ori, record(officer("MD"), "TERMINATION", "",
                "{\"noticeDate\":\"2024-01-10\",\"responseDate\":\"2024-02-01\",\"appealStatus\":\"NONE\"}"))
                .statusCode(201).body("status", equalTo("PENDING_FAIR_PROCESS"))
                .body("fairProcess.rule", equalTo("AGENCY_DECISION"))
                .body("fairProcess.missing", contains("finalAdjudicationDate"));
        as(TestTokens.stateBoard("MD")).body(record(officer("MD"), "DECERTIFICATION", "",
                        "{\"judgmentDate\":\"2024-05-02\",\"appealStatus\":\"EXHAUSTED\"}"))
                .post("/api/v1/states/MD/records").then().statusCode(201).body("status", equalTo("PENDING_FAIR_PROCESS"))
                .body("fairProcess.missing", contains("noticeDate", "responseDate", "finalAdjudicationDate"));
    }

    @Test
    void aRecordThatDoesNotMeetItsCategorysQualifierIsRefusedNamingIt() {
        String ori = randomOri("TX");
        Db db = new Db(dataSource);
        submit(ori, record(officer("TX"), "CRIMINAL_CONVICTION", "\"onDutyConduct\":false,", finalProcess()))
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", contains("onDutyConduct")).body("detail", containsString("onDutyConduct"));
        submit(ori, record(officer("TX"), "CIVIL_JUDGMENT", "", finalProcess()))
                .statusCode(422).body("errors.field", contains("improperUseOfForce"));
        submit(ori, record(officer("TX"), "RESIGNED_UNDER_INVESTIGATION", "\"onDutyConduct\":true,", finalProcess()))
                .statusCode(422).body("errors.field", contains("useOfForceInvestigation"))
                .body("errors.message", hasItem(containsString("use of force")));
        String bulk = "{\"clientKey\":\"q\",\"records\":[" + submission(officer("TX"), "TERMINATION", finalProcess()) + ","
                + record(officer("TX"), "CIVIL_JUDGMENT", "\"improperUseOfForce\":false,", finalProcess()) + "]}";
        as(TestTokens.agencyUser(ori)).body(bulk).post("/api/v1/agencies/{ori}/records/bulk", ori).then()
                .statusCode(422).body("errors.field", contains("records[1].improperUseOfForce"));
        assertEquals(0, db.count("select count(*) from misconduct_record where submitting_ori = ?", ori));
        // with the qualifier stated, it is stored with it
        submit(ori, record(officer("TX"), "CRIMINAL_CONVICTION", "\"onDutyConduct\":true,", finalProcess()))
                .statusCode(201).body("qualifiers.onDutyConduct", equalTo(true));
    }

    @Test
    void anAmendedRecordIsDisclosedCorrectedAndOnlyAnExpungedOneDisappears() {
        String submitter = randomOri("VA");
        String first = randomOri("MD");
        String later = randomOri("PA");
        String cert = randomCert();
        LocalDate dob = CheckTest.randomDob();
        String officer = officerJson("VA", cert, "Ray", "Dunmore", dob);
        String amendId = submit(submitter, submission(officer, "TERMINATION", finalProcess())).statusCode(201)
                .extract().path("id");
        String officerId = submit(submitter, submission(officer, "CIVIL_JUDGMENT", finalProcess())).statusCode(201)
                .extract().path("officerId");
        String expungeId = as(TestTokens.agencyUser(submitter)).get("/api/v1/agencies/{ori}/records", submitter).then()
                .extract().path("items.find { it.category == 'CIVIL_JUDGMENT' }.id");
        String check = "{\"purpose\":\"HIRING\",\"state\":\"VA\",\"certificationNumber\":\"" + cert + "\"}";
        as(TestTokens.agencyUser(first)).body(check).post("/api/v1/agencies/{ori}/checks", first).then().statusCode(200)
                .body("matches[0].records", hasSize(2));

        // filing a dispute tells every earlier recipient at once
        String amendDispute = as(officerToken(officerId)).body("{\"statement\":\"The summary overstates it\"}")
                .post("/api/v1/officers/{o}/records/{r}/disputes", officerId, amendId).then().statusCode(201)
                .extract().path("id");
        String expungeDispute = as(officerToken(officerId)).body("{\"statement\":\"Vacated on appeal\"}")
                .post("/api/v1/officers/{o}/records/{r}/disputes", officerId, expungeId).then().statusCode(201)
                .extract().path("id");
        as(TestTokens.agencyUser(first)).get("/api/v1/agencies/{ori}/notifications", first).then().statusCode(200)
                .body("items.findAll { it.kind == 'DISPUTED' }.recordId", hasItems(amendId, expungeId));

        as(TestTokens.dojAdmin()).body("{\"outcome\":\"AMEND\",\"reason\":\"Summary corrected on review\","
                        + "\"amendment\":{\"summary\":\"Used a prohibited hold during an arrest\"}}")
                .post("/api/v1/disputes/{id}/decision", amendDispute).then().statusCode(200);
        as(TestTokens.dojAdmin()).body("{\"outcome\":\"EXPUNGE\",\"reason\":\"Judgment vacated\"}")
                .post("/api/v1/disputes/{id}/decision", expungeDispute).then().statusCode(200);

        // a later check discloses the amended record, corrected, with the correction and the officer's statement
        as(TestTokens.agencyUser(later)).body(check).post("/api/v1/agencies/{ori}/checks", later).then().statusCode(200)
                .body("matches[0].records", hasSize(1))
                .body("matches[0].records[0].recordId", equalTo(amendId))
                .body("matches[0].records[0].status", equalTo("AMENDED"))
                .body("matches[0].records[0].summary", equalTo("Used a prohibited hold during an arrest"))
                .body("matches[0].records[0].officerStatement", equalTo("The summary overstates it"))
                .body("matches[0].records[0].correction.reason", equalTo("Summary corrected on review"))
                .body("matches[0].records[0].correction.changes", containsString("Excessive force during an arrest"));
        as(TestTokens.agencyUser(first)).get("/api/v1/agencies/{ori}/notifications", first).then()
                .body("items.findAll { it.kind == 'CORRECTION' }.recordId", hasItems(amendId, expungeId));
        // the officer was told of both decisions
        as(officerToken(officerId)).get("/api/v1/officers/{o}/notices?size=100", officerId).then().statusCode(200)
                .body("items.findAll { it.kind == 'DISPUTE_DECIDED' }.recordId", hasItems(amendId, expungeId))
                .body("items.find { it.kind == 'DISPUTE_DECIDED' && it.recordId == '" + amendId + "' }.details",
                        containsString("AMEND"));
    }

    @Test
    void aContinuousCheckNoticeIsADisclosureAccountedToldToTheOfficerAndCorrectedLater() {
        String submitter = randomOri("VA");
        String hiring = randomOri("OH");
        String cert = randomCert();
        String officer = officerJson("VA", cert, "Ivo", "Sandel", CheckTest.randomDob());
        String officerId = submit(submitter, submission(officer, "TERMINATION", RecordsApi.pendingProcess()))
                .statusCode(201).extract().path("officerId");
        as(TestTokens.agencyUser(hiring)).body("{\"purpose\":\"HIRING\",\"state\":\"VA\",\"certificationNumber\":\"" + cert + "\"}")
                .post("/api/v1/agencies/{ori}/checks", hiring).then().statusCode(200).body("matches[0].records", empty());
        as(TestTokens.agencyUser(hiring)).body("{\"officerId\":\"" + officerId + "\"}")
                .post("/api/v1/agencies/{ori}/enrollments", hiring).then().statusCode(201);

        String revealed = submit(submitter, submission(officer, "CRIMINAL_CONVICTION", finalProcess())).statusCode(201)
                .extract().path("id");
        as(TestTokens.agencyUser(hiring)).get("/api/v1/agencies/{ori}/notifications", hiring).then()
                .body("items.find { it.kind == 'NEW_RECORD' }.recordId", equalTo(revealed));
        Db db = new Db(dataSource);
        assertEquals(1, db.count("select count(*) from disclosure where record_id = ?::uuid and recipient_ori = ?"
                + " and channel = 'CONTINUOUS_CHECK' and check_id is null and enrollment_id is not null", revealed, hiring));
        assertTrue(db.count("select count(*) from audit_entry where action = 'record.disclose' and object_id = ?",
                revealed + " to " + hiring) == 1);
        as(officerToken(officerId)).get("/api/v1/officers/{o}/disclosures", officerId).then().statusCode(200)
                .body("find { it.recordId == '" + revealed + "' }.recipientOri", equalTo(hiring))
                .body("find { it.recordId == '" + revealed + "' }.channel", equalTo("CONTINUOUS_CHECK"))
                .body("find { it.recordId == '" + revealed + "' }.purpose", equalTo("CONTINUOUS_CHECK"));

        // the recipient of the notice hears of the dispute and of the correction like any other recipient
        String dispute = as(officerToken(officerId)).body("{\"statement\":\"Board reversed itself\"}")
                .post("/api/v1/officers/{o}/records/{r}/disputes", officerId, revealed).then().statusCode(201)
                .extract().path("id");
        as(TestTokens.dojAdmin()).body("{\"outcome\":\"EXPUNGE\",\"reason\":\"Reversed\"}")
                .post("/api/v1/disputes/{id}/decision", dispute).then().statusCode(200);
        as(TestTokens.agencyUser(hiring)).get("/api/v1/agencies/{ori}/notifications", hiring).then()
                .body("items.findAll { it.recordId == '" + revealed + "' }.kind", hasItems("NEW_RECORD", "DISPUTED", "CORRECTION"));
    }

    @Test
    void theOfficerIsToldOfSubmissionDisclosabilityAndEachDisclosureAndOnlyTheyAndDojReadIt() {
        String submitter = randomOri("VA");
        String checker = randomOri("NC");
        String cert = randomCert();
        String officer = officerJson("VA", cert, "Tara", "Quill", CheckTest.randomDob());
        String officerId = submit(submitter, submission(officer, "TERMINATION", finalProcess())).statusCode(201)
                .extract().path("officerId");
        String held = submit(submitter, submission(officer, "TERMINATION", RecordsApi.pendingProcess())).statusCode(201)
                .extract().path("id");
        as(TestTokens.agencyUser(checker)).body("{\"purpose\":\"PROMOTION\",\"state\":\"VA\",\"certificationNumber\":\"" + cert + "\"}")
                .post("/api/v1/agencies/{ori}/checks", checker).then().statusCode(200);

        List<Map<String, Object>> notices = as(officerToken(officerId))
                .get("/api/v1/officers/{o}/notices?size=100", officerId).then().statusCode(200)
                .body("total", equalTo(4)).extract().path("items");
        List<String> kinds = notices.stream().map(n -> (String) n.get("kind")).toList();
        assertEquals(2, kinds.stream().filter("RECORD_SUBMITTED"::equals).count(), kinds.toString());
        assertEquals(1, kinds.stream().filter("RECORD_DISCLOSABLE"::equals).count(), kinds.toString());
        Map<String, Object> disclosed = notices.stream().filter(n -> "RECORD_DISCLOSED".equals(n.get("kind"))).findFirst()
                .orElseThrow();
        assertTrue(((String) disclosed.get("details")).contains(checker), disclosed.toString());
        assertTrue(((String) disclosed.get("details")).contains("PROMOTION"), disclosed.toString());
        assertTrue(notices.stream().noneMatch(n -> held.equals(n.get("recordId")) && "RECORD_DISCLOSABLE".equals(n.get("kind"))));

        // audited: one row for the read and one per notice shown
        Db db = new Db(dataSource);
        long before = db.count("select count(*) from audit_entry where action = 'officer.notice.read'");
        as(TestTokens.dojAdmin()).get("/api/v1/officers/{o}/notices?size=100", officerId).then().statusCode(200)
                .body("items", hasSize(4)).body("items[0].createdAt", notNullValue());
        assertEquals(4, db.count("select count(*) from audit_entry where action = 'officer.notice.read'") - before);
        assertTrue(db.count("select count(*) from audit_entry where action = 'officer.notices.read' and object_id = ?",
                officerId) >= 2);
        as(officerToken(java.util.UUID.randomUUID().toString())).get("/api/v1/officers/{o}/notices", officerId).then()
                .statusCode(403).contentType("application/problem+json");
        as(TestTokens.agencyUser(submitter)).get("/api/v1/officers/{o}/notices", officerId).then().statusCode(403);
        as(TestTokens.as("auditor").sign()).get("/api/v1/officers/{o}/notices", officerId).then().statusCode(403);
        as(TestTokens.dojAdmin()).get("/api/v1/officers/{o}/notices", java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
