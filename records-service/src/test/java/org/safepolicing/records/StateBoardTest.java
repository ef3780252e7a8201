package org.safepolicing.records;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.officerToken;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** Issue 13, point 12: state POST boards submit de-certifications of their own state's officers, check, get corrections. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class StateBoardTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBoardDecertifiesItsOwnStatesOfficersOnlyAndAgenciesNoLonger() {
        String cert = randomCert();
        String vaOfficer = officerJson("VA", cert, "Glen", "Ashby", CheckTest.randomDob());
        String mdOfficer = officerJson("MD", randomCert(), "Mae", "Corr", CheckTest.randomDob());
        as(TestTokens.stateBoard("VA")).body(submission(vaOfficer, "DECERTIFICATION", finalProcess()))
                .post("/api/v1/states/{s}/records", "VA").then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("submittingState", equalTo("VA"))
                .body("submittingOri", nullValue());
        // another state's officer, singly or in a bulk: 403 naming it, nothing stored
        as(TestTokens.stateBoard("VA")).body(submission(mdOfficer, "DECERTIFICATION", finalProcess()))
                .post("/api/v1/states/{s}/records", "VA").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("officer.state is MD"));
        Db db = new Db(dataSource);
        long before = db.count("select count(*) from misconduct_record where submitting_state = 'VA'");
        as(TestTokens.stateBoard("VA")).body("{\"clientKey\":\"b1\",\"records\":[" + submission(officerJson("VA", randomCert(),
                        "Ty", "Bell", CheckTest.randomDob()), "DECERTIFICATION", finalProcess()) + ","
                        + submission(mdOfficer, "DECERTIFICATION", finalProcess()) + "]}")
                .post("/api/v1/states/{s}/records/bulk", "VA").then().statusCode(403)
                .body("detail", containsString("records[1].officer.state"));
        assertEquals(before, db.count("select count(*) from misconduct_record where submitting_state = 'VA'"));
        as(TestTokens.stateBoard("VA")).body("{\"clientKey\":\"b2\",\"records\":[" + submission(officerJson("VA", randomCert(),
                        "Ty", "Bell", CheckTest.randomDob()), "DECERTIFICATION", finalProcess()) + "]}")
                .post("/api/v1/states/{s}/records/bulk", "VA").then().statusCode(201);
        // another state's board, an agency user, a bad state: refused
        as(TestTokens.stateBoard("MD")).body(submission(vaOfficer, "DECERTIFICATION", finalProcess()))
                .post("/api/v1/states/{s}/records", "VA").then().statusCode(403);
        as(TestTokens.agencyUser(randomOri("VA"))).body(submission(vaOfficer, "DECERTIFICATION", finalProcess()))
                .post("/api/v1/states/{s}/records", "VA").then().statusCode(403);
        as(TestTokens.stateBoard("VA")).get("/api/v1/states/{s}/notifications", "Q1").then().statusCode(400);
        // a board submits de-certifications only; an agency no longer does
        as(TestTokens.stateBoard("VA")).body(submission(vaOfficer, "TERMINATION", finalProcess()))
                .post("/api/v1/states/{s}/records", "VA").then().statusCode(422).body("errors.field", contains("category"));
        String ori = randomOri("VA");
        as(TestTokens.agencyUser(ori)).body(submission(vaOfficer, "DECERTIFICATION", finalProcess()))
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(422)
                .body("errors.field", contains("category")).body("detail", containsString("state POST board"));
    }

    @Test
    void aBoardChecksAndItsFeedGetsDisputesAndCorrections() {
        String agency = randomOri("PA");
        String cert = randomCert();
        String officer = officerJson("PA", cert, "Ned", "Orwell", CheckTest.randomDob());
        var created = as(TestTokens.agencyUser(agency)).body(submission(officer, "TERMINATION", finalProcess()))
                .post("/api/v1/agencies/{ori}/records", agency).then().statusCode(201).extract();
        String recordId = created.path("id");
        String officerId = created.path("officerId");
        as(TestTokens.stateBoard("PA")).body("{\"purpose\":\"INVESTIGATION\",\"state\":\"PA\",\"certificationNumber\":\"" + cert + "\"}")
                .post("/api/v1/states/{s}/checks", "PA").then().statusCode(200)
                .body("matches[0].records.recordId", hasItem(recordId));
        as(officerToken(officerId)).get("/api/v1/officers/{o}/disclosures", officerId).then().statusCode(200)
                .body("find { it.recordId == '" + recordId + "' }.recipientStateBoard", equalTo("PA"))
                .body("find { it.recordId == '" + recordId + "' }.recipientOri", nullValue());
        String dispute = as(officerToken(officerId)).body("{\"statement\":\"Wrong officer\"}")
                .post("/api/v1/officers/{o}/records/{r}/disputes", officerId, recordId).then().statusCode(201)
                .extract().path("id");
        as(TestTokens.dojAdmin()).body("{\"outcome\":\"AMEND\",\"reason\":\"Date corrected\",\"amendment\":{\"incidentDate\":\"2023-10-30\"}}")
                .post("/api/v1/disputes/{id}/decision", dispute).then().statusCode(200);
        as(TestTokens.stateBoard("PA")).get("/api/v1/states/{s}/notifications", "PA").then().statusCode(200)
                .body("items.findAll { it.recordId == '" + recordId + "' }.kind", hasItems("DISPUTED", "CORRECTION"));
        as(TestTokens.stateBoard("OH")).get("/api/v1/states/{s}/notifications", "PA").then().statusCode(403);
    }
}
