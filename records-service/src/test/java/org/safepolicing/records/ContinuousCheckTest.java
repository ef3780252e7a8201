package org.safepolicing.records;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.pendingProcess;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import java.time.Duration;
import java.time.LocalDate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/** Part 4: an agency that checked an officer enrolls them and hears of each new ACTIVE record on its own feed. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class ContinuousCheckTest {

    @Test
    void anEnrolledAgencyHearsOfEachNewActiveRecordAndNothingGoesOnATopic() {
        String submitter = randomOri("VA");
        String hiring = randomOri("MD");
        LocalDate dob = CheckTest.randomDob();
        String cert = randomCert();
        String officer = officerJson("VA", cert, "Evan", "Frost", dob);
        String officerId = as(TestTokens.agencyUser(submitter)).body(submission(officer, "TERMINATION", pendingProcess()))
                .post("/api/v1/agencies/{ori}/records", submitter).then().statusCode(201).extract().path("officerId");
        String held = as(TestTokens.agencyUser(submitter)).get("/api/v1/agencies/{ori}/records", submitter).then()
                .extract().path("items[0].id");

        // not checked yet: cannot enroll
        as(TestTokens.agencyUser(hiring)).body("{\"officerId\":\"" + officerId + "\"}")
                .post("/api/v1/agencies/{ori}/enrollments", hiring).then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:not-checked"));
        as(TestTokens.agencyUser(hiring))
                .body("{\"purpose\":\"HIRING\",\"firstName\":\"Evan\",\"lastName\":\"Frost\",\"dateOfBirth\":\"" + dob + "\"}")
                .post("/api/v1/agencies/{ori}/checks", hiring).then().statusCode(200)
                .body("matches[0].officerId", equalTo(officerId)).body("matches[0].records", empty());
        as(TestTokens.agencyUser(hiring)).body("{\"officerId\":\"" + officerId + "\"}")
                .post("/api/v1/agencies/{ori}/enrollments", hiring).then().statusCode(201);
        as(TestTokens.agencyUser(hiring)).body("{\"officerId\":\"" + officerId + "\"}")
                .post("/api/v1/agencies/{ori}/enrollments", hiring).then().statusCode(409);
        as(TestTokens.agencyUser(hiring)).get("/api/v1/agencies/{ori}/enrollments", hiring).then()
                .body("officerId", contains(officerId));
        as(TestTokens.agencyUser(submitter)).get("/api/v1/agencies/{ori}/enrollments", hiring).then().statusCode(403);
        as(TestTokens.agencyUser(submitter)).body("{\"officerId\":\"" + officerId + "\"}")
                .post("/api/v1/agencies/{ori}/enrollments", hiring).then().statusCode(403);

        // the held record becomes ACTIVE: a notice; a new ACTIVE record: another
        as(TestTokens.agencyUser(hiring)).get("/api/v1/agencies/{ori}/notifications", hiring).then().body("items", empty());
        as(TestTokens.agencyUser(submitter)).body(finalProcess())
                .put("/api/v1/agencies/{ori}/records/{id}/fair-process", submitter, held).then().statusCode(200);
        as(TestTokens.agencyUser(hiring)).get("/api/v1/agencies/{ori}/notifications", hiring).then()
                .body("items", hasSize(1)).body("items[0].kind", equalTo("NEW_RECORD")).body("items[0].recordId", equalTo(held));
        String second = as(TestTokens.agencyUser(submitter)).body(submission(officer, "CIVIL_JUDGMENT", finalProcess()))
                .post("/api/v1/agencies/{ori}/records", submitter).then().statusCode(201).extract().path("id");
        as(TestTokens.agencyUser(hiring)).get("/api/v1/agencies/{ori}/notifications", hiring).then()
                .body("items", hasSize(2)).body("items[0].recordId", equalTo(second));
        as(TestTokens.agencyUser(submitter)).get("/api/v1/agencies/{ori}/notifications", submitter).then().body("items", empty());

        // no officer-level data on any topic this service writes
        for (String topic : new String[] {Topics.RECORDS_REPORTING, Topics.RECORDS_PUBLIC_RELEASES}) {
            try (TopicProbe probe = TopicProbe.of(topic)) {
                assertTrue(probe.all(r -> r.value() != null && (r.value().contains(officerId) || r.value().contains(cert)
                        || r.value().contains("Frost")), Duration.ofSeconds(2)).isEmpty(), topic);
            }
        }
    }
}
