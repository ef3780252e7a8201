package org.safepolicing.records;

import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.officerToken;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.records.dispute.WorkingDays;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** Part 3: the officer sees their records and disclosures, disputes, and corrections reach every earlier recipient. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class DisputeTest {

    @Inject
    AgroalDataSource dataSource;

    record Subject(String submitter, String cert, String recordId, String officerId) {
    }

    static Subject activeRecord() {
        String submitter = randomOri("VA");
        String cert = randomCert();
        var r = as(TestTokens.agencyUser(submitter))
                .body(submission(officerJson("VA", cert, "Dana", "Kerr", CheckTest.randomDob()), "TERMINATION", finalProcess()))
                .post("/api/v1/agencies/{ori}/records", submitter).then().statusCode(201).extract();
        return new Subject(submitter, cert, r.path("id"), r.path("officerId"));
    }

    static io.restassured.response.ValidatableResponse check(String ori, String cert) {
        return as(TestTokens.agencyUser(ori)).body("{\"purpose\":\"HIRING\",\"state\":\"VA\",\"certificationNumber\":\"" + cert + "\"}")
                .post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(200);
    }

    static String file(Subject s, String statement) {
        return as(officerToken(s.officerId())).body("{\"statement\":\"" + statement + "\"}")
                .post("/api/v1/officers/{id}/records/{rid}/disputes", s.officerId(), s.recordId()).then().statusCode(201)
                .body("status", equalTo("OPEN"))
                .body("responseDue", equalTo(WorkingDays.after(LocalDate.now(ZoneOffset.UTC), 10).toString()))
                .extract().path("id");
    }

    @Test
    void aDisputeThatAmendsARecordReachesBothAgenciesThatSawIt() {
        Subject s = activeRecord();
        String a = randomOri("MD");
        String b = randomOri("NC");
        check(a, s.cert()).body("matches[0].records.recordId", contains(s.recordId()));
        check(b, s.cert()).body("matches[0].records.recordId", contains(s.recordId()));

        String officer = officerToken(s.officerId());
        as(officer).get("/api/v1/officers/{id}/records", s.officerId()).then().statusCode(200)
                .body("record.id", contains(s.recordId())).body("[0].history.toStatus", contains("SUBMITTED", "ACTIVE"));
        as(officer).get("/api/v1/officers/{id}/disclosures", s.officerId()).then().statusCode(200)
                .body("recipientOri", containsInAnyOrder(a, b)).body("purpose", contains("HIRING", "HIRING"));

        String disputeId = file(s, "I was never given a hearing");
        as(officer).body("{\"statement\":\"again\"}")
                .post("/api/v1/officers/{id}/records/{rid}/disputes", s.officerId(), s.recordId()).then().statusCode(409)
                .body("currentState", equalTo("DISPUTED"));
        // a disputed record is disclosed with the officer's statement
        String c = randomOri("SC");
        check(c, s.cert()).body("matches[0].records[0].status", equalTo("DISPUTED"))
                .body("matches[0].records[0].officerStatement", equalTo("I was never given a hearing"));

        String amend = "{\"outcome\":\"AMEND\",\"reason\":\"Record overstated\",\"amendment\":{\"summary\":\"Unprofessional conduct\"}}";
        as(TestTokens.agencyUser(s.submitter())).body(amend).post("/api/v1/disputes/{id}/decision", disputeId).then().statusCode(403);
        as(officer).body(amend).post("/api/v1/disputes/{id}/decision", disputeId).then().statusCode(403);
        as(TestTokens.dojAdmin()).body("{\"outcome\":\"AMEND\",\"reason\":\"x\"}")
                .post("/api/v1/disputes/{id}/decision", disputeId).then().statusCode(422);
        as(TestTokens.dojAdmin()).get("/api/v1/disputes?size=500").then().statusCode(200);
        as(TestTokens.dojAdmin()).body(amend).post("/api/v1/disputes/{id}/decision", disputeId).then().statusCode(200)
                .body("status", equalTo("AMENDED"));
        as(TestTokens.dojAdmin()).body(amend).post("/api/v1/disputes/{id}/decision", disputeId).then().statusCode(409)
                .body("currentState", equalTo("AMENDED"));
        // a refused request on officer-level data leaves one audit row of its own (its transaction was rolled back)
        Db db = new Db(dataSource);
        String decision = "POST /api/v1/disputes/" + disputeId + "/decision -> ";
        String refiled = "POST /api/v1/officers/" + s.officerId() + "/records/" + s.recordId() + "/disputes -> 409 ";
        String rows = "select count(*) from audit_entry where action = 'request.refused' and outcome = 'REFUSED'"
                + " and object_type = 'request' and object_id like ?";
        assertEquals(1, db.count(rows, decision + "409 %"), "the second decision's 409");
        assertEquals(1, db.count(rows, decision + "422 %"), "the decision without an amendment, 422");
        assertEquals(1, db.count(rows, refiled + "%"), "the officer's second dispute, 409");

        for (String recipient : new String[] {a, b, c}) {
            as(TestTokens.agencyUser(recipient)).get("/api/v1/agencies/{ori}/notifications", recipient).then().statusCode(200)
                    // one correction each (a and b also got the DISPUTED notice when it was filed; c saw it disputed)
                    .body("items.findAll { it.kind == 'CORRECTION' }.recordId", contains(s.recordId()))
                    .body("items.recordId", everyItem(equalTo(s.recordId())));
        }
        as(TestTokens.agencyUser(s.submitter())).get("/api/v1/agencies/{ori}/notifications", s.submitter()).then()
                .body("items", empty());
        as(TestTokens.agencyUser(a)).get("/api/v1/agencies/{ori}/notifications", b).then().statusCode(403);
        as(officer).get("/api/v1/officers/{id}/records", s.officerId()).then()
                .body("[0].record.status", equalTo("AMENDED"))
                .body("[0].record.summary", equalTo("Unprofessional conduct"))
                .body("[0].history.toStatus", contains("SUBMITTED", "ACTIVE", "DISPUTED", "AMENDED"));
        as(officer).get("/api/v1/officers/{id}/disputes", s.officerId()).then().body("status", contains("AMENDED"));
    }

    @Test
    void anExpungedRecordIsNeverDisclosedAgainAndAnUpheldOneKeepsTheStatement() {
        Subject s = activeRecord();
        String a = randomOri("MD");
        check(a, s.cert()).body("matches[0].records", hasSize(1));
        String disputeId = file(s, "Reversed on appeal");
        as(TestTokens.dojAdmin()).body("{\"outcome\":\"EXPUNGE\",\"reason\":\"Vacated by the court\"}")
                .post("/api/v1/disputes/{id}/decision", disputeId).then().statusCode(200).body("status", equalTo("EXPUNGED"));
        check(a, s.cert()).body("matches[0].records", empty());
        check(randomOri("GA"), s.cert()).body("matches[0].records", empty());
        as(TestTokens.agencyUser(a)).get("/api/v1/agencies/{ori}/notifications", a).then()
                .body("items[0].kind", equalTo("CORRECTION")).body("items[0].details", org.hamcrest.Matchers.containsString("EXPUNGED"));
        // the record and its history are kept
        as(TestTokens.agencyUser(s.submitter())).get("/api/v1/agencies/{ori}/records/{id}", s.submitter(), s.recordId())
                .then().statusCode(200).body("record.status", equalTo("EXPUNGED"));

        Subject u = activeRecord();
        String uphold = file(u, "The finding was wrong");
        as(TestTokens.dojAdmin()).body("{\"outcome\":\"UPHOLD\",\"reason\":\"The finding stands\"}")
                .post("/api/v1/disputes/{id}/decision", uphold).then().statusCode(200).body("status", equalTo("UPHELD"));
        check(a, u.cert()).body("matches[0].records[0].status", equalTo("ACTIVE"))
                .body("matches[0].records[0].officerStatement", equalTo("The finding was wrong"));
    }

    @Test
    void anOfficerCannotReadOrDisputeAnotherOfficersRecords() {
        Subject s = activeRecord();
        String other = officerToken(UUID.randomUUID().toString());
        as(other).get("/api/v1/officers/{id}/records", s.officerId()).then().statusCode(403).contentType("application/problem+json");
        as(other).get("/api/v1/officers/{id}/disclosures", s.officerId()).then().statusCode(403);
        as(other).get("/api/v1/officers/{id}/disputes", s.officerId()).then().statusCode(403);
        as(other).get("/api/v1/officers/{id}", s.officerId()).then().statusCode(403);
        as(other).body("{\"statement\":\"not mine\"}")
                .post("/api/v1/officers/{id}/records/{rid}/disputes", s.officerId(), s.recordId()).then().statusCode(403);
        // their own path does not reach someone else's record
        String otherId = UUID.randomUUID().toString();
        as(officerToken(otherId)).body("{\"statement\":\"not mine\"}")
                .post("/api/v1/officers/{id}/records/{rid}/disputes", otherId, s.recordId()).then().statusCode(404);
        as(TestTokens.agencyUser(s.submitter())).get("/api/v1/officers/{id}/records", s.officerId()).then().statusCode(403);
        as(TestTokens.as("officer").sign()).get("/api/v1/officers/{id}/records", s.officerId()).then().statusCode(403);
        as(officerToken(s.officerId())).body("{\"statement\":\"\"}")
                .post("/api/v1/officers/{id}/records/{rid}/disputes", s.officerId(), s.recordId()).then().statusCode(400);
        as(TestTokens.dojAdmin()).get("/api/v1/officers/{id}/records", s.officerId()).then().statusCode(200)
                .body("record.status", contains("ACTIVE"));
    }
}
